"""Deadline arithmetic around weekends, 调休, Spring Festival, year ends and unknown years."""

import datetime as dt

import pytest

from xinfang.deadlines.calendar import add_period, load_calendar, working_days_between
from xinfang.deadlines.models import CalendarYear, Holiday

D = dt.date


@pytest.fixture
def cal(db):  # noqa: ARG001
    return load_calendar()


def test_calendar_days_ending_on_a_weekday_do_not_move(cal):
    # 2026-03-02 (Mon) + 15 days = 2026-03-17 (Tue)
    assert add_period(D(2026, 3, 2), 15, working=False, rollover=True, calendar=cal).due_on == D(2026, 3, 17)


def test_calendar_days_ending_on_a_weekend_roll_to_monday(cal):
    # 2026-03-06 (Fri) + 15 = 2026-03-21 (Sat) → Mon 2026-03-23 (民法典 Art. 203)
    due = add_period(D(2026, 3, 6), 15, working=False, rollover=True, calendar=cal)
    assert due.due_on == D(2026, 3, 23)
    assert not due.provisional


def test_without_rollover_a_weekend_end_stays(cal):
    due = add_period(D(2026, 3, 6), 15, working=False, rollover=False, calendar=cal)
    assert due.due_on == D(2026, 3, 21)


def test_period_ending_in_spring_festival_rolls_past_the_holiday(cal):
    # Spring Festival 2026: 2026-02-15 .. 2026-02-23 are rest days; 02-24 is the first working day.
    assert Holiday.objects.filter(date=D(2026, 2, 17), is_workday=False).exists()
    due = add_period(D(2026, 2, 1), 15, working=False, rollover=True, calendar=cal)
    assert due.due_on == D(2026, 2, 24)


def test_tiaoxiu_weekend_is_a_working_day(cal):
    # 2026-02-14 (Sat) and 2026-02-28 (Sat) are make-up working days for Spring Festival 2026.
    assert cal.is_working_day(D(2026, 2, 14))
    # A calendar-day period ending on that Saturday does not roll over.
    due = add_period(D(2026, 1, 30), 15, working=False, rollover=True, calendar=cal)
    assert due.due_on == D(2026, 2, 14)


def test_five_working_days_skip_weekend_and_count_tiaoxiu(cal):
    # From Thu 2026-02-12: Fri 13, Sat 14 (调休 working), holiday 15..23, then Tue 24, 25, 26.
    due = add_period(D(2026, 2, 12), 5, working=True, rollover=False, calendar=cal)
    assert due.due_on == D(2026, 2, 26)
    assert working_days_between(D(2026, 2, 12), due.due_on, cal) == 5


def test_five_working_days_over_national_day(cal):
    # From Tue 2026-09-29: Wed 30, then 10-01..10-07 off, Thu 10-08, Fri 10-09,
    # Sat 10-10 (调休 working), Mon 10-12.
    due = add_period(D(2026, 9, 29), 5, working=True, rollover=False, calendar=cal)
    assert due.due_on == D(2026, 10, 12)


def test_year_end_into_new_year_holiday(cal):
    # 2025-12-17 + 15 = 2026-01-01 (New Year's Day); 01-02 off, Sat 01-03 off,
    # Sun 01-04 is a 调休 working day.
    due = add_period(D(2025, 12, 17), 15, working=False, rollover=True, calendar=cal)
    assert due.due_on == D(2026, 1, 4)
    assert not due.provisional


def test_unknown_year_is_provisional_not_a_crash(cal):
    assert 2027 not in cal.known_years
    due = add_period(D(2026, 12, 20), 15, working=False, rollover=True, calendar=cal)
    assert due.due_on == D(2027, 1, 4)  # 2027-01-04 is a Monday; 01-04..: weekend rule only
    assert due.provisional
    working = add_period(D(2026, 12, 29), 5, working=True, rollover=False, calendar=cal)
    assert working.provisional


def test_period_inside_a_known_year_is_not_provisional(cal):
    assert not add_period(D(2026, 5, 6), 30, working=False, rollover=True, calendar=cal).provisional


def test_entering_a_new_year_in_the_table_makes_it_known(db):
    CalendarYear.objects.create(year=2027, source="国务院办公厅通知（人工录入）")
    Holiday.objects.create(date=D(2027, 1, 4), name="元旦（示例录入）")
    cal = load_calendar()
    due = add_period(D(2026, 12, 20), 15, working=False, rollover=True, calendar=cal)
    assert due.due_on == D(2027, 1, 5)
    assert not due.provisional


def test_negative_days_are_refused(cal):
    with pytest.raises(ValueError, match="不能为负数"):
        add_period(D(2026, 1, 5), -1, working=False, rollover=True, calendar=cal)


# ---- 2026 edge dates (国务院办公厅 2026 arrangement, as shipped by chinesecalendar) ----------------

def test_2026_tiaoxiu_days_are_the_official_ones(cal):
    # 元旦 Sun 01-04; 春节 Sat 02-14, Sat 02-28; 劳动节 Sat 05-09; 国庆 Sun 09-20, Sat 10-10.
    assert set(Holiday.objects.filter(date__year=2026, is_workday=True).values_list("date", flat=True)) == {
        D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)}
    assert all(not cal.is_working_day(D(2026, 2, 15) + dt.timedelta(days=i)) for i in range(9))
    assert all(not cal.is_working_day(D(2026, 10, 1) + dt.timedelta(days=i)) for i in range(7))


def test_civil_code_art203_period_ending_on_tiaoxiu_saturday_0228_stays_there(cal):
    # 2026-02-13 + 15 = Sat 02-28, a make-up working day after Spring Festival: no roll-over.
    due = add_period(D(2026, 2, 13), 15, working=False, rollover=True, calendar=cal)
    assert due.due_on == D(2026, 2, 28)


def test_civil_code_art203_period_ending_in_2026_national_day_rolls_to_1008(cal):
    # 2026-09-16 + 15 = 10-01; 10-01..10-07 are rest days → Thu 10-08.
    due = add_period(D(2026, 9, 16), 15, working=False, rollover=True, calendar=cal)
    assert (due.due_on, due.provisional) == (D(2026, 10, 8), False)


def test_civil_code_art203_period_ending_on_tiaoxiu_days_of_national_day_stays(cal):
    # Sun 2026-09-20 and Sat 2026-10-10 are working days by 调休.
    assert add_period(D(2026, 9, 5), 15, working=False, rollover=True, calendar=cal).due_on == D(2026, 9, 20)
    assert add_period(D(2026, 9, 25), 15, working=False, rollover=True, calendar=cal).due_on == D(2026, 10, 10)


def test_art23_working_days_count_the_tiaoxiu_saturday_after_spring_festival(cal):
    # From Thu 2026-02-26: Fri 27 (1), Sat 28 调休 (2), Mon 03-02 (3), Tue (4), Wed 03-04 (5).
    due = add_period(D(2026, 2, 26), 5, working=True, rollover=False, calendar=cal)
    assert due.due_on == D(2026, 3, 4)
