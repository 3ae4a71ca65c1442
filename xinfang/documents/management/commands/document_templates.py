"""Build the shipped default notice templates, or load them into the database."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from xinfang.documents.defaults import write_all
from xinfang.documents.services import templates_load_defaults


class Command(BaseCommand):
    help = "文书模板：--build 重新生成随系统提供的默认模板文件；--load 装入数据库（不覆盖已修改的模板，除非 --replace）"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--build", action="store_true", help="重新生成 default_templates/*.docx")
        parser.add_argument("--load", action="store_true", help="把默认模板装入数据库")
        parser.add_argument("--replace", action="store_true",
                            help="与 --load 一起使用：也替换管理员上传的模板")

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        if options["build"]:
            for path in write_all():
                self.stdout.write(f"写入 {path}")
        if options["load"] or not options["build"]:
            count = templates_load_defaults(replace=options["replace"])
            self.stdout.write(f"已装入 {count} 个默认模板")
