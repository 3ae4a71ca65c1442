"""Update the holiday table from the installed `chinesecalendar` (after upgrading it)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from xinfang.deadlines.calendar import official_calendar_rows
from xinfang.deadlines.models import CalendarYear, Holiday


class Command(BaseCommand):
    help = "从 chinesecalendar 同步法定节假日与调休安排（不覆盖人工修改过的日期）"

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003, ARG002
        rows, years = official_calendar_rows()
        with transaction.atomic():
            known = set(Holiday.objects.values_list("date", flat=True))
            new = [Holiday(date=d, is_workday=w, name=n) for d, w, n in rows if d not in known]
            Holiday.objects.bulk_create(new)
            for year in years:
                CalendarYear.objects.get_or_create(year=year)
        self.stdout.write(self.style.SUCCESS(
            f"新增 {len(new)} 个日期；已知年份 {years[0]}–{years[-1]}"))
