"""China's official working-day calendar, from the editable holiday table.

The table (`Holiday`, `CalendarYear`) is seeded from the `chinesecalendar` package, which knows the
State Council notices up to its release (through 2026 today). A year without a `CalendarYear` row is
*unknown*: weekends are assumed to be the only rest days and every date computed over it is marked
provisional, never a crash and never a silent guess. When the State Council publishes a new year,
staff enter it in the admin or run `manage.py sync_holidays` after upgrading the package.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.cache import cache

CACHE_KEY = "xinfang:calendar:v1"


@dataclass
class WorkCalendar:
    """Rest days and make-up working days (调休) for the years the official calendar covers."""

    holidays: set[dt.date] = field(default_factory=set)
    workdays: set[dt.date] = field(default_factory=set)  # weekend days that are working days
    known_years: set[int] = field(default_factory=set)

    def is_known(self, day: dt.date) -> bool:
        return day.year in self.known_years

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5


@dataclass(frozen=True)
class DueDate:
    due_on: dt.date
    provisional: bool  # some day in the period lies in a year the official calendar does not cover


def add_period(
    start: dt.date, days: int, *, working: bool, rollover: bool, calendar: WorkCalendar
) -> DueDate:
    """The last day of a period of `days` starting after `start` (the start day is not counted).

    Calendar days: start + days, then, with `rollover`, moved past rest days (民法典 Art. 203).
    Working days: the `days`-th working day after `start`.
    """
    if days < 0:
        raise ValueError("期限天数不能为负数")
    provisional = False
    if working:
        day, counted = start, 0
        while counted < days:
            day += dt.timedelta(days=1)
            provisional |= not calendar.is_known(day)
            if calendar.is_working_day(day):
                counted += 1
    else:
        day = start + dt.timedelta(days=days)
        provisional |= not calendar.is_known(day)
        if rollover:
            while not calendar.is_working_day(day):
                day += dt.timedelta(days=1)
                provisional |= not calendar.is_known(day)
    return DueDate(day, provisional)


def working_days_between(start: dt.date, end: dt.date, calendar: WorkCalendar) -> int:
    """Working days after `start` up to and including `end`."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += calendar.is_working_day(day)
    return count


def load_calendar() -> WorkCalendar:
    """The calendar from the holiday table, cached until the table changes."""
    cal = cache.get(CACHE_KEY)
    if cal is None:
        from .models import CalendarYear, Holiday

        cal = WorkCalendar(known_years=set(CalendarYear.objects.values_list("year", flat=True)))
        for day, is_workday in Holiday.objects.values_list("date", "is_workday"):
            (cal.workdays if is_workday else cal.holidays).add(day)
        cache.set(CACHE_KEY, cal, None)
    return cal


def invalidate() -> None:
    cache.delete(CACHE_KEY)


HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def official_calendar_rows() -> tuple[list[tuple[dt.date, bool, str]], list[int]]:
    """Rows (date, is_workday, name) and the years the installed `chinesecalendar` package knows."""
    import chinese_calendar

    rows: list[tuple[dt.date, bool, str]] = []
    for day, name in chinese_calendar.holidays.items():
        rows.append((day, False, HOLIDAY_NAMES_ZH.get(name, name)))
    for day, name in chinese_calendar.workdays.items():
        if day.weekday() >= 5:  # only make-up weekend working days differ from the default
            rows.append((day, True, HOLIDAY_NAMES_ZH.get(name, name) + "调休"))
    years = sorted({d.year for d, _, _ in rows})
    return rows, years
