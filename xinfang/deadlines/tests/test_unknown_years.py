"""Years the official calendar does not know yet: estimated statutory holidays, recompute on arrival.

《全国年节及纪念日放假办法》（2024年修订）第二条 fixes the statutory rest days; only the 调休 arrangement
waits for the State Council notice. Periods over an unknown year count the estimated statutory days as
rest days and stay provisional (民法典 Art. 203: a period ending on a rest day ends on the next working day).
"""

import datetime as dt

import chinese_calendar
import pytest

from xinfang.deadlines.calendar import add_period, estimated_rest_days, load_calendar

D = dt.date

# The names chinesecalendar gives the official rest days, for each statutory holiday of the estimate.
OFFICIAL_NAME = {
    "元旦": "New Year's Day", "春节": "Spring Festival", "清明节": "Tomb-sweeping Day",
    "劳动节": "Labour Day", "端午节": "Dragon Boat Festival", "中秋节": "Mid-autumn Festival",
    "国庆节": "National Day",
}


@pytest.fixture
def cal(db):  # noqa: ARG001
    return load_calendar()


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_holiday_measures_art2_estimate_matches_the_official_calendar(year):
    """The lunar/solar-term estimate gives the same statutory days as the State Council notices."""
    estimate = estimated_rest_days(year)
    assert len(estimate) == 13  # 1 + 4 + 1 + 2 + 1 + 1 + 3 (2024 revision)
    for day, name in estimate.items():
        if year == 2024 and name == "春节" and day == min(
                d for d, n in estimate.items() if n == "春节"):
            # 除夕 became a statutory day only with the 2024 revision (in force 2025-01-01).
            continue
        assert chinese_calendar.holidays.get(day) == OFFICIAL_NAME[name], (day, name)


def test_holiday_measures_art2_chuxi_may_be_the_29th_of_the_12th_month():
    # 2026's 腊月 has 29 days: 除夕 2027 is 腊月廿九 = 2027-02-05, 正月初一 = 2027-02-06.
    spring = sorted(d for d, n in estimated_rest_days(2027).items() if n == "春节")
    assert spring == [D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8)]


def test_holiday_measures_art2_unknown_year_counts_estimated_holidays_as_rest_days(cal):
    assert 2027 not in cal.known_years
    assert not cal.is_working_day(D(2027, 2, 5))  # 除夕, a Friday
    assert not cal.is_working_day(D(2027, 2, 8))  # 初三, a Monday
    assert not cal.is_working_day(D(2027, 4, 5))  # 清明 (solar term), a Monday
    assert not cal.is_working_day(D(2027, 6, 9))  # 端午, a Wednesday
    assert not cal.is_working_day(D(2027, 9, 15))  # 中秋, a Wednesday
    assert not cal.is_working_day(D(2027, 10, 1))  # 国庆, a Friday
    assert cal.is_working_day(D(2027, 2, 9))
    assert cal.is_working_day(D(2027, 10, 4))  # no 调休 is invented: Monday after 10-01..03


def test_civil_code_art203_period_ending_in_estimated_2027_spring_festival_rolls_past_it(cal):
    # 2027-01-22 + 15 = Sat 02-06 (初一); 02-07 Sun, Mon 02-08 (初三) is a statutory day → Tue 02-09.
    due = add_period(D(2027, 1, 22), 15, working=False, rollover=True, calendar=cal)
    assert due.due_on == D(2027, 2, 9)
    assert due.provisional


def test_civil_code_art203_period_ending_on_2027_national_day_rolls_to_next_working_day(cal):
    # 2027-09-16 + 15 = Fri 10-01 (国庆); 10-02, 10-03 statutory and weekend → Mon 10-04.
    due = add_period(D(2027, 9, 16), 15, working=False, rollover=True, calendar=cal)
    assert due.due_on == D(2027, 10, 4)
    assert due.provisional


def test_civil_code_art203_period_crossing_into_2027_ends_after_estimated_new_year(cal):
    # 2026-12-17 + 15 = Fri 2027-01-01 (元旦, estimated) → Mon 2027-01-04.
    due = add_period(D(2026, 12, 17), 15, working=False, rollover=True, calendar=cal)
    assert due.due_on == D(2027, 1, 4)
    assert due.provisional


def test_working_days_in_2027_skip_the_estimated_spring_festival(cal):
    # From Wed 2027-02-03: Thu 02-04 (1), 02-05..02-08 off, 02-09 (2) .. Fri 02-12 (5).
    due = add_period(D(2027, 2, 3), 5, working=True, rollover=False, calendar=cal)
    assert due.due_on == D(2027, 2, 12)
    assert due.provisional
