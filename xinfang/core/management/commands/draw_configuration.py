"""manage.py draw_configuration [--check]: write docs/configuration.md's tables from the declared
settings (xinfang/core/confdoc.py)."""

from django.core.management.base import BaseCommand

from xinfang.core import confdoc


class Command(BaseCommand):
    help = "根据各应用声明的配置项（xinfang/*/conf.py）更新 docs/configuration.md 中的配置表"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--check", action="store_true", help="只检查文档是否过期，过期则返回非零")

    def handle(self, *args: object, check: bool, **options: object) -> None:
        text, new = confdoc.current_text(), confdoc.updated()
        if new == text:
            self.stdout.write("配置文档是最新的")
            return
        if check:
            self.stderr.write(f"配置文档已过期：{confdoc.PATH}；请运行 python manage.py draw_configuration")
            raise SystemExit(1)
        confdoc.file().write_text(new, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"已写入 {confdoc.PATH}"))
