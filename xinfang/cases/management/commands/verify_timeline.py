"""Check the hash chain of every case timeline and report the first broken link of each case;
with ``--anchors FILE``, also that every head anchored outside the database is still on its chain."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from xinfang.cases.anchors import AnchorCheck, AnchorFileError, read_anchors
from xinfang.cases.chain import timeline_breaks
from xinfang.cases.models import Case, CaseEvent


class Command(BaseCommand):
    help = "核验办理记录的哈希链（第二十一条）：逐件报告第一处断链；发现断链时以非零状态退出"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--case", dest="number", help="只核验该编号的信访件")
        parser.add_argument("--anchors", dest="anchors", metavar="FILE",
                            help="同时核验锚定文件（anchor_timeline 写入）中的每个链头仍在其信访件的记录链上")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, number: str | None = None, anchors: str | None = None,  # noqa: ANN002
               no_progress: bool = False, **options) -> None:  # noqa: ANN003, ARG002
        events = CaseEvent.objects.select_related("case").order_by("case_id", "pk")
        check = None
        if number:
            events = events.filter(case__number=number)
        if anchors:
            check = self._anchor_check(Path(anchors), number)
            if check is None:
                sys.exit(1)
        broken, counter = 0, [0]
        with tqdm(total=events.count(), desc="核验办理记录", unit="条", disable=no_progress,
                  file=sys.stderr) as bar:
            for event, reason in timeline_breaks(self._counted(events, bar, counter, check)):
                broken += 1
                self.stdout.write(self.style.ERROR(
                    f"信访件 {event.case.number}：第一处断链在办理记录 #{event.pk}"
                    f"（{timezone.localtime(event.at):%Y-%m-%d %H:%M:%S}，{event.get_kind_display()}）：{reason}"))
        cases, checked = events.order_by().values("case_id").distinct().count(), counter[0]
        gone = self._report_anchors(check) if check is not None else 0
        if broken or gone:
            if broken:
                self.stdout.write(self.style.ERROR(
                    f"共核验 {cases} 件 {checked} 条办理记录，{broken} 件的记录链已断，请立即核查"))
            sys.exit(1)
        anchored = f"，与 {len(check.lines)} 次锚定一致" if check is not None else ""
        self.stdout.write(self.style.SUCCESS(
            f"共核验 {cases} 件 {checked} 条办理记录，未发现断链{anchored}"))

    def _anchor_check(self, path: Path, number: str | None) -> AnchorCheck | None:
        if not path.is_file():
            raise CommandError(f"找不到锚定文件 {path}")
        case_id = None
        if number:
            # an unknown number checks nothing (0 is no case's id), like the chain check
            case_id = Case.objects.filter(number=number).values_list("pk", flat=True).first() or 0
        try:
            lines = list(read_anchors(path))
        except AnchorFileError as err:
            self.stdout.write(self.style.ERROR(err.message))
            return None
        return AnchorCheck(lines, case_id=case_id)

    def _report_anchors(self, check: AnchorCheck) -> int:
        """The first anchored head no longer on its chain (and how many there are); 0 if none."""
        gone = check.mismatches()
        if not gone:
            return 0
        first = gone[0]
        numbers = dict(Case.objects.filter(pk__in={m.case_id for m in gone})
                       .values_list("pk", "number"))
        name = numbers.get(first.case_id, f"id {first.case_id}（已不在数据库中）")
        self.stdout.write(self.style.ERROR(
            f"信访件 {name}：锚定文件第{first.line.number}行（{first.line.time}）锚定的链头"
            f" {first.head[:16]}… 已不在其办理记录链上：锚定之后，该件的记录被整体改写或删除"))
        self.stdout.write(self.style.ERROR(
            f"与锚定不符：{len({m.case_id for m in gone})} 件信访件、{len(gone)} 个链头，请立即核查"))
        return len(gone)

    @staticmethod
    def _counted(events, bar, counter: list[int], check: AnchorCheck | None):  # noqa: ANN001, ANN205
        for event in events.iterator(chunk_size=2000):
            counter[0] += 1
            bar.update(1)
            if check is not None:
                check.see(event)
            yield event
