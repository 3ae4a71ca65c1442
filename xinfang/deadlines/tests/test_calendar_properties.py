"""Property-based: every rule's due date, for any receipt date 2024–2027, obeys 民法典 Art. 201, 203."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xinfang.deadlines.calendar import add_period, invalidate, load_calendar, working_days_between
from xinfang.deadlines.rules import DayUnit, DeadlineKind, rule_for

RULES = sorted({rule_for(kind, simplified=s) for kind in DeadlineKind for s in (False, True)},
               key=lambda r: (r.kind, r.days, r.unit))


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)), rule=st.sampled_from(RULES))
def test_civil_code_art203_due_date_is_a_working_day_never_early_and_stable(start, rule):
    cal = load_calendar()
    working = rule.unit == DayUnit.WORKING
    due = add_period(start, rule.days, working=working, rollover=rule.rollover, calendar=cal)
    if working:
        assert cal.is_working_day(due.due_on)
        assert working_days_between(start, due.due_on, cal) == rule.days
        counted_from = start + dt.timedelta(days=1)  # every day of the period counts
    else:
        end = start + dt.timedelta(days=rule.days)
        assert due.due_on >= end  # never earlier than the calendar-day period
        if rule.rollover:
            assert cal.is_working_day(due.due_on)
            # ... and the first working day from there: only rest days are skipped.
            skipped = (end + dt.timedelta(days=i) for i in range((due.due_on - end).days))
            assert not any(cal.is_working_day(day) for day in skipped)
        else:
            assert due.due_on == end
        counted_from = end  # only the last day and the days it rolls over decide
    span = range(counted_from.year, due.due_on.year + 1)
    assert due.provisional == any(year not in cal.known_years for year in span)
    # Stable under re-computation, also from a calendar freshly read from the table.
    invalidate()
    again = add_period(start, rule.days, working=working, rollover=rule.rollover,
                       calendar=load_calendar())
    assert again == due
