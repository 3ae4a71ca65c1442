"""Write docs/workflow.md (Mermaid diagram + tables) from the declared workflow table."""

from django.core.management.base import BaseCommand

from xinfang.cases.diagram import render_workflow_markdown, workflow_doc_path


class Command(BaseCommand):
    help = "根据 xinfang/cases/states.py 生成流程图文档 docs/workflow.md"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--check", action="store_true", help="只检查文档是否过期，过期则返回非零")

    def handle(self, *args, check: bool, **options) -> None:  # noqa: ANN002, ANN003, ARG002
        path = workflow_doc_path()
        text = render_workflow_markdown()
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                self.stderr.write("docs/workflow.md 已过期：请运行 python manage.py draw_workflow")
                raise SystemExit(1)
            self.stdout.write("docs/workflow.md 是最新的")
            return
        path.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"已写入 {path}"))
