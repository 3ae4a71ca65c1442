"""Rebuild the indicator rollup from the records (docs/indicators.md, "Rollups")."""

from __future__ import annotations

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from xinfang.cases.models import Case
from xinfang.rollups.services import rollups_rebuild


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{text}") from exc


class Command(BaseCommand):
    help = "按日、按单位重建指标汇总：不带日期时清空后全部重算；带日期时重算该期间登记的信访件"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--from", dest="start", type=_date, help="登记日期起（含），YYYY-MM-DD")
        parser.add_argument("--to", dest="end", type=_date, help="登记日期止（含），YYYY-MM-DD")
        parser.add_argument("--workers", type=int, default=1, help="并行进程数（仅 PostgreSQL）")
        parser.add_argument("--chunk", type=int, default=2000, help="每批信访件数")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, start=None, end=None, workers=1, chunk=2000, no_progress=False,  # noqa: ANN001, ANN002, ANN003
               **options) -> None:
        if start and end and start > end:
            raise CommandError("起始日期晚于截止日期")
        if workers < 1 or chunk < 1:
            raise CommandError("--workers 与 --chunk 须为正整数")
        cases = Case.objects.all()
        if start:
            cases = cases.filter(received_on__gte=start)
        if end:
            cases = cases.filter(received_on__lte=end)
        began = time.monotonic()
        with tqdm(total=cases.count(), desc="重建指标汇总", unit="件", disable=no_progress) as bar:
            n = rollups_rebuild(start=start, end=end, workers=workers, chunk=chunk,
                                progress=bar.update)
        self.stdout.write(f"已重建 {n} 件，用时 {time.monotonic() - began:.1f} 秒")
