"""Check (and with --fix repair) the stored next due date of every case against its clocks."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from xinfang.deadlines.services import next_due_drift, sync_next_due


class Command(BaseCommand):
    help = "核对每件信访件存储的最近期限（工作台按它排序、筛选）与其正在计算的期限是否一致"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--fix", action="store_true", help="按期限重写不一致的信访件")

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003, ARG002
        drift = next_due_drift()
        for pk, stored, computed in drift[:20]:
            self.stdout.write(f"信访件 {pk}：存储 {stored or '无'}，应为 {computed or '无'}")
        if not drift:
            self.stdout.write(self.style.SUCCESS("最近期限：全部一致"))
            return
        if not options["fix"]:
            raise CommandError(f"最近期限：{len(drift)} 件不一致（--fix 修复）")
        for pk, _stored, _computed in drift:
            with transaction.atomic():
                sync_next_due(pk)
        self.stdout.write(self.style.SUCCESS(f"最近期限：已修复 {len(drift)} 件"))
