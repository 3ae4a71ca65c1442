"""Update the holiday table from the installed `chinesecalendar` (after upgrading it).

The running deadlines over the years that gained rows are then recomputed (services.deadlines_recompute).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from xinfang.deadlines import calendar
from xinfang.deadlines.calendar import official_calendar_rows
from xinfang.deadlines.models import CalendarYear, Holiday
from xinfang.deadlines.services import deadlines_recompute
from xinfang.deadlines.signals import recompute_deferred


class Command(BaseCommand):
    help = "从 chinesecalendar 同步法定节假日与调休安排（不覆盖人工修改过的日期），并重算受影响的期限"

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003, ARG002
        rows, years = official_calendar_rows()
        with recompute_deferred(), transaction.atomic():
            known = set(Holiday.objects.values_list("date", flat=True))
            new = [Holiday(date=d, is_workday=w, name=n) for d, w, n in rows if d not in known]
            Holiday.objects.bulk_create(new)
            added = [y for y in years if CalendarYear.objects.get_or_create(year=y)[1]]
        calendar.invalidate()
        self.stdout.write(self.style.SUCCESS(
            f"新增 {len(new)} 个日期；已知年份 {years[0]}–{years[-1]}"))
        changed = sorted(set(added) | {h.date.year for h in new})
        if changed:
            label = "、".join(str(y) for y in changed)
            counts = deadlines_recompute(years=changed, reason=f"{label}年放假安排已公布",
                                         progress=True)
            self.stdout.write(self.style.SUCCESS(
                f"重算期限：检查 {counts['checked']} 项，到期日变更 {counts['changed']} 项，"
                f"恢复进行中 {counts['reopened']} 项"))
