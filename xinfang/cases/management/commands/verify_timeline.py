"""Check the hash chain of every case timeline and report the first broken link of each case."""

import sys

from django.core.management.base import BaseCommand
from django.utils import timezone
from tqdm import tqdm

from xinfang.cases.chain import timeline_breaks
from xinfang.cases.models import CaseEvent


class Command(BaseCommand):
    help = "核验办理记录的哈希链（第二十一条）：逐件报告第一处断链；发现断链时以非零状态退出"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--case", dest="number", help="只核验该编号的信访件")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, number: str | None = None, no_progress: bool = False,  # noqa: ANN002
               **options) -> None:  # noqa: ANN003, ARG002
        events = CaseEvent.objects.select_related("case").order_by("case_id", "pk")
        if number:
            events = events.filter(case__number=number)
        broken, counter = 0, [0]
        with tqdm(total=events.count(), desc="核验办理记录", unit="条", disable=no_progress,
                  file=sys.stderr) as bar:
            for event, reason in timeline_breaks(self._counted(events, bar, counter)):
                broken += 1
                self.stdout.write(self.style.ERROR(
                    f"信访件 {event.case.number}：第一处断链在办理记录 #{event.pk}"
                    f"（{timezone.localtime(event.at):%Y-%m-%d %H:%M:%S}，{event.get_kind_display()}）：{reason}"))
        cases, checked = events.order_by().values("case_id").distinct().count(), counter[0]
        if broken:
            self.stdout.write(self.style.ERROR(
                f"共核验 {cases} 件 {checked} 条办理记录，{broken} 件的记录链已断，请立即核查"))
            sys.exit(1)
        self.stdout.write(self.style.SUCCESS(
            f"共核验 {cases} 件 {checked} 条办理记录，未发现断链"))

    @staticmethod
    def _counted(events, bar, counter: list[int]):  # noqa: ANN001, ANN205
        for event in events.iterator(chunk_size=2000):
            counter[0] += 1
            bar.update(1)
            yield event
