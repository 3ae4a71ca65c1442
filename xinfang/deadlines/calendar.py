"""China's official working-day calendar, from the editable holiday table.

The table (`Holiday`, `CalendarYear`) is seeded from the `chinesecalendar` package, which knows the
State Council notices up to its release (through 2026 today). A year without a `CalendarYear` row is
*unknown*: its rest days are the weekends plus the statutory days of 《全国年节及纪念日放假办法》
(2024年修订) Art. 2, estimated from the lunar calendar and the 清明 solar term (`lunar_python`);
no 调休 make-up day is invented, and every date computed over it is marked provisional. When the State
Council publishes a new year, staff enter it in the admin or run `manage.py sync_holidays` after
upgrading the package; the running deadlines over that year are then recomputed
(`services.deadlines_recompute`, docs/calendar.md).
"""

from __future__ import annotations

import datetime as dt
import functools
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
        if day.year not in self.known_years and day in estimated_rest_days(day.year):
            return False
        return day.weekday() < 5


def _solar(solar: object) -> dt.date:
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())  # type: ignore[attr-defined]


@functools.lru_cache(maxsize=64)
def estimated_rest_days(year: int) -> dict[dt.date, str]:
    """The statutory rest days of `year` by 《全国年节及纪念日放假办法》(2024年修订) Art. 2, without 调休.

    元旦 1 day; 春节 4 days (除夕, the last day of the 12th lunar month — 廿九 or 三十 — to 正月初三);
    清明 1 day (the solar term); 劳动节 2 days; 端午 (五月初五) 1 day; 中秋 (八月十五) 1 day; 国庆 3 days.
    Lunar dates and the solar term come from `lunar_python`; the result is memoised per year.
    """
    from lunar_python import Lunar, Solar

    days: dict[dt.date, str] = {}

    def add(first: dt.date, count: int, name: str) -> None:
        for i in range(count):
            days.setdefault(first + dt.timedelta(days=i), name)

    add(dt.date(year, 1, 1), 1, "元旦")
    # 除夕 is the day before 正月初一, whatever the length of the 12th month.
    add(_solar(Lunar.fromYmd(year, 1, 1).getSolar()) - dt.timedelta(days=1), 4, "春节")
    qingming = _solar(Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()["清明"])
    assert qingming.year == year
    add(qingming, 1, "清明节")
    add(dt.date(year, 5, 1), 2, "劳动节")
    add(_solar(Lunar.fromYmd(year, 5, 5).getSolar()), 1, "端午节")
    add(_solar(Lunar.fromYmd(year, 8, 15).getSolar()), 1, "中秋节")
    add(dt.date(year, 10, 1), 3, "国庆节")
    return days


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
