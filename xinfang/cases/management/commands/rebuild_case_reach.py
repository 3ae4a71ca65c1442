"""The jurisdiction index (cases/reach.py): written afresh from the access rows, or checked."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from xinfang.cases import reach
from xinfang.cases.models import Case


class Command(BaseCommand):
    help = ("重建信访件的辖区索引（每件对其各可见单位及其上级单位各一行，工作台据此排序和计数）；"
            "--check 只核对，发现不一致时以非零状态退出")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--check", action="store_true", help="只核对，不写入")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, check: bool = False, no_progress: bool = False, **options) -> None:  # noqa: ANN002, ANN003, ARG002
        if check:
            found = reach.drift()
            for line in found:
                self.stdout.write(self.style.ERROR(line))
            if found:
                raise CommandError(f"辖区索引与信访件不一致（列出前 {len(found)} 处）：请运行 "
                                   "manage.py rebuild_case_reach 重建")
            self.stdout.write(self.style.SUCCESS("辖区索引与信访件一致"))
            return
        with tqdm(total=Case.objects.count(), desc="重建辖区索引", unit="件", disable=no_progress,
                  file=sys.stderr) as bar:
            rows = reach.rebuild(progress=bar.update)
        self.stdout.write(self.style.SUCCESS(f"已重建辖区索引：{rows} 行"))
