"""manage.py draw_resolution [--check]: redraw the workflow tables in docs/resolution.md."""

from django.core.management.base import BaseCommand

from xinfang.resolution.diagram import doc_path, updated


class Command(BaseCommand):
    help = "根据调解、听证、督办、回访的流程表更新 docs/resolution.md 中的流程图"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--check", action="store_true", help="只检查是否过期")

    def handle(self, *args: object, check: bool, **options: object) -> None:
        path = doc_path()
        text = path.read_text(encoding="utf-8")
        new = updated(text)
        if check:
            if new != text:
                self.stderr.write("docs/resolution.md 流程图已过期：请运行 manage.py draw_resolution")
                raise SystemExit(1)
            return
        path.write_text(new, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"已写入 {path}"))
