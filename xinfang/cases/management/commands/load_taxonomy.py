from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xinfang.cases.taxonomy import default_taxonomy_path, load_taxonomy


class Command(BaseCommand):
    help = "导入三级内容分类（CSV，列：一级分类,二级分类,三级分类；默认为随项目提供的标准分类）"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("path", nargs="?", type=Path, default=None)

    def handle(self, *args, path: Path | None = None, **options) -> None:  # noqa: ANN002, ANN003, ARG002
        path = path or default_taxonomy_path()
        if not path.exists():
            raise CommandError(f"找不到分类文件：{path}")
        try:
            created = load_taxonomy(path)
        except (ValueError, UnicodeDecodeError) as exc:
            raise CommandError(f"无法读取分类文件 {path}：{exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"已导入 {created} 个新分类（{path}）"))
