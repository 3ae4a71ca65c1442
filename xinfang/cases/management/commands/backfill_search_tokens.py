"""Fill the search words (`Case.search_tokens`) of the cases that have none: after the migration on
a large table, or after an import written without them; `--all`: of every case (after
XINFANG_SEARCH_TEXT changed to `jieba`, whose words the default `bigram` does not store).
Resumable; PostgreSQL only."""

import time

from django.core.management.base import BaseCommand
from django.db import connection

from xinfang.cases.search import backfill


class Command(BaseCommand):
    help = "为尚无检索词的信访件补写检索词（全文检索用；可中断后续跑；仅 PostgreSQL）"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--batch", type=int, default=2000, help="每批件数（默认 2000）")
        parser.add_argument("--limit", type=int, default=None, help="最多补写件数（默认全部）")
        parser.add_argument("--all", action="store_true", dest="everything",
                            help="重写所有信访件的检索词（检索方式改为 jieba 之后）")

    def handle(self, *args, batch: int, limit: int | None, everything: bool = False,
               **options) -> None:  # noqa: ANN002, ANN003, ARG002
        if connection.vendor != "postgresql":
            self.stdout.write("当前数据库不是 PostgreSQL：检索不使用检索词，无需补写")
            return
        t0, cpu0 = time.perf_counter(), time.process_time()
        done = backfill(connection, batch=max(1, batch), limit=limit, everything=everything)
        wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        self.stdout.write(self.style.SUCCESS(
            f"补写检索词 {done} 件，用时 {wall:.1f} 秒（本进程 CPU {cpu:.1f} 秒）"))
