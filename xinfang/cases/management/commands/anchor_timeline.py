"""Append the heads of every case's hash chain to the anchor file outside the database (and the log)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from xinfang.cases.anchors import anchor_file, anchor_timeline


class Command(BaseCommand):
    help = ("把每件信访件办理记录链的链头摘要追加到数据库之外的锚定文件并写入日志（第二十一条），"
            "供 verify_timeline --anchors 核验记录未被整体改写")

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--file", dest="path", metavar="FILE",
                            help="锚定文件（默认 XINFANG_ANCHOR_FILE）")

    def handle(self, *args, path: str | None = None, **options) -> None:  # noqa: ANN002, ANN003, ARG002
        target = Path(path) if path else anchor_file()
        record = anchor_timeline(path=target)
        where = f"已追加到 {target}" if target else "未配置锚定文件，仅写入日志"
        self.stdout.write(self.style.SUCCESS(
            f"锚定 {record['time']}：{record['cases']} 件 {record['events']} 条办理记录，"
            f"摘要 {record['digest']}，更新链头 {len(record['heads'])} 个；{where}"))
