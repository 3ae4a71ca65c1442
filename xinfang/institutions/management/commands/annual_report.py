"""manage.py annual_report --unit CODE --year YYYY --out F.docx: the Art. 41 annual report draft."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xinfang.institutions.annual import annual_report_data, annual_report_docx
from xinfang.orgs.models import Unit
from xinfang.orgs.selectors import supervises


class Command(BaseCommand):
    help = "根据平台数据生成年度信访工作报告初稿（《信访工作条例》第四十一条），输出 .docx"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--unit", required=True, help="信访部门或党委政府的单位代码")
        parser.add_argument("--year", required=True, type=int, help="年度，如 2026")
        parser.add_argument("--out", required=True, help="输出文件（.docx）")

    def handle(self, *args: object, unit: str, year: int, out: str, **options: object) -> None:
        try:
            u = Unit.objects.get(code=unit)
        except Unit.DoesNotExist:
            raise CommandError(f"没有代码为 {unit} 的单位") from None
        if not supervises(u):
            raise CommandError(f"{u.name}不是信访部门或党委政府：年度报告由党委和政府信访部门编制（第四十一条）")
        if not 2000 <= year <= 2100:
            raise CommandError("--year 应为四位年份")
        path = Path(out)
        if path.suffix.lower() != ".docx":
            raise CommandError("--out 应为 .docx 文件")
        data = annual_report_data(unit=u, year=year)
        path.write_bytes(annual_report_docx(data))
        self.stdout.write(self.style.SUCCESS(
            f"已生成 {path}：{data.root.name}{year}年度信访事项{data.total}件"))
