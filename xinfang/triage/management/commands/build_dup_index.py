"""Bring the shared duplicate/repeat index (triage/dupindex.py) up to date, or build it afresh.

    manage.py build_dup_index [--rebuild] [--workers N] [--chunk 2000] [--no-progress]

Incremental by default: cases not yet indexed (resumable: an interrupted run goes on where it
stopped), cases routed to another unit since the last run, texts corrected since the last run.
`--rebuild` empties the index first (needed after the shipped model changed: its weights choose the
keys); on PostgreSQL it drops the postings' primary key and builds it again after the walk (no
catch-up writes meanwhile; checks read an unindexed table until it is back). `--workers N` walks
id ranges in N processes on PostgreSQL.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Max
from tqdm import tqdm

from xinfang.cases.models import Case
from xinfang.core.errors import InvalidParams
from xinfang.triage import dupindex
from xinfang.triage.models import DupState


class Command(BaseCommand):
    help = "更新（或重建）信访件查重索引"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--rebuild", action="store_true", help="清空后重建")
        parser.add_argument("--workers", type=int, default=1, help="并行进程数（PostgreSQL）")
        parser.add_argument("--chunk", type=int, default=2000, help="每个事务的信访件数")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **opts) -> None:  # noqa: ANN002, ANN003
        state = DupState.objects.filter(pk=1).first()
        start = 0 if opts["rebuild"] or state is None else state.last_case
        top = Case.objects.aggregate(m=Max("pk"))["m"] or 0
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            with tqdm(total=max(top - start, 0), desc="查重索引", unit="件",
                      disable=opts["no_progress"]) as bar:
                done = dupindex.build(rebuild=opts["rebuild"], workers=opts["workers"],
                                      chunk=opts["chunk"], progress=bar.update)
        except InvalidParams as exc:
            raise CommandError(str(exc)) from exc
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        self.stdout.write(self.style.SUCCESS(
            f"新索引 {done['written']} 件，复查 {done['rechecked']} 件（重写 {done['rewritten']} 件）；"
            f"用时 {wall:.1f} 秒（其中建主键 {done['key_s']:.1f} 秒；本进程 CPU {cpu:.1f} 秒）"))
