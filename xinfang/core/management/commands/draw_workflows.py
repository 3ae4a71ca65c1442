"""manage.py draw_workflows [--check]: draw every workflow table into the docs (xinfang.core.diagram)."""

from django.core.management.base import BaseCommand

from xinfang.core.diagram import DRAWINGS


class Command(BaseCommand):
    help = "根据各流程表（信访件、调解、听证、督办、包案、三项建议、回访、预警）更新文档中的流程图"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--check", action="store_true", help="只检查文档是否过期，过期则返回非零")

    def handle(self, *args: object, check: bool, **options: object) -> None:
        stale = []
        for drawing in DRAWINGS:
            text, new = drawing.current_text(), drawing.updated()
            if new == text:
                continue
            if check:
                stale.append(drawing.path)
                continue
            drawing.file().parent.mkdir(parents=True, exist_ok=True)
            drawing.file().write_text(new, encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"已写入 {drawing.path}"))
        if stale:
            self.stderr.write(f"流程图已过期：{'、'.join(stale)}；请运行 python manage.py draw_workflows")
            raise SystemExit(1)
        if check:
            self.stdout.write("流程图都是最新的")
