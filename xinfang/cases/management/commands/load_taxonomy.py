from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xinfang.cases.taxonomy import default_taxonomy_path, load_taxonomy


class Command(BaseCommand):
    help = "导入三级内容分类（默认取 shared/data/teddy2020/taxonomy.csv）"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("path", nargs="?", type=Path, default=None)

    def handle(self, *args, path: Path | None = None, **options) -> None:  # noqa: ANN002, ANN003, ARG002
        path = path or default_taxonomy_path()
        if not path.exists():
            raise CommandError(f"找不到分类文件：{path}（可用 XINFANG_SHARED_DATA 指定共享数据目录）")
        created = load_taxonomy(path)
        self.stdout.write(self.style.SUCCESS(f"已导入 {created} 个新分类（{path}）"))
