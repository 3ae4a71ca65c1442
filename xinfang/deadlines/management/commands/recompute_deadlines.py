"""Recompute the running deadlines by hand after the holiday table changed (idempotent)."""

from django.core.management.base import BaseCommand

from xinfang.deadlines.services import deadlines_recompute


class Command(BaseCommand):
    help = "按当前节假日表重算进行中的期限（可指定年份；重复运行不产生变化）"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--year", type=int, action="append", dest="years",
                            help="只重算期间涉及该年份的期限（可重复）；缺省为全部进行中的期限")
        parser.add_argument("--reason", default="", help="写入办理记录的原因")

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003, ARG002
        years = options["years"]
        reason = options["reason"] or (
            "、".join(str(y) for y in sorted(years)) + "年节假日安排已更新" if years
            else "节假日安排已更新")
        counts = deadlines_recompute(years=years, reason=reason, progress=True)
        self.stdout.write(self.style.SUCCESS(
            f"重算期限：检查 {counts['checked']} 项，到期日变更 {counts['changed']} 项，"
            f"恢复进行中 {counts['reopened']} 项"))
