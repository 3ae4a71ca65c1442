"""When the official calendar of a year arrives, every running deadline over that year is recomputed.

The 2027 arrangement below is a made-up State Council notice for the tests (chinesecalendar does not
know 2027): 元旦 01-01..01-03; 春节 02-05..02-12 with 调休 working Saturday 02-20.
"""

import datetime as dt

import pytest
from django.core.management import call_command

from xinfang.cases.models import CaseEvent, EventKind
from xinfang.cases.scenarios import act, drive_to, register
from xinfang.cases.states import Action, Status
from xinfang.core import clock
from xinfang.deadlines import services
from xinfang.deadlines.calendar import load_calendar
from xinfang.deadlines.models import CalendarYear, Deadline, DeadlineState, Holiday
from xinfang.deadlines.rules import DeadlineKind as K

pytestmark = pytest.mark.django_db
D = dt.date
REASON = "2027年放假安排已公布"


def notice_2027() -> list[tuple[dt.date, bool, str]]:
    rows = [(D(2027, 1, 1) + dt.timedelta(days=i), False, "元旦") for i in range(3)]
    rows += [(D(2027, 2, 5) + dt.timedelta(days=i), False, "春节") for i in range(8)]
    rows.append((D(2027, 2, 20), True, "春节调休"))
    return rows


def enter_2027() -> None:
    """Staff enter the notice in the admin: the days, then the year (one save each)."""
    for day, is_workday, name in notice_2027():
        Holiday.objects.create(date=day, is_workday=is_workday, name=name)
    CalendarYear.objects.create(year=2027, source="国务院办公厅通知（人工录入）")


def running(case, kind):
    return Deadline.objects.get(case=case, kind=kind, state__in=["open", "due_soon", "overdue"])


def recomputed(case):
    return list(CaseEvent.objects.filter(case=case, kind=EventKind.DEADLINE_RECOMPUTED))


def test_art34_handling_deadline_is_recomputed_when_the_2027_calendar_is_entered(
        county, django_capture_on_commit_callbacks):
    with clock.frozen(D(2026, 12, 10)):
        accepted = drive_to(county, Status.ACCEPTED)
    handling = running(accepted, K.HANDLING)
    # 2026-12-10 + 60 = Mon 2027-02-08, 初三 of the estimated Spring Festival → Tue 02-09, provisional.
    assert (handling.due_on, handling.provisional) == (D(2027, 2, 9), True)
    with clock.frozen(D(2027, 1, 25)):
        other = act(county, register(county), Action.TRANSFER)  # intake met; notice and objection run
    intake = Deadline.objects.get(case=other, kind=K.INTAKE)
    assert (intake.state, intake.due_on) == (DeadlineState.MET, D(2027, 2, 9))
    notice = running(other, K.ACCEPTANCE_NOTICE)
    assert notice.due_on == D(2027, 2, 9)
    objection = running(other, K.OBJECTION)
    assert objection.due_on == D(2027, 2, 1)
    services.deadline_scan(today=D(2027, 2, 10))
    handling.refresh_from_db()
    assert handling.state == DeadlineState.OVERDUE

    with clock.frozen(D(2027, 2, 10)), django_capture_on_commit_callbacks(execute=True):
        enter_2027()

    handling.refresh_from_db()
    # Official: 02-05..02-12 off, Sat 13, Sun 14 → Mon 2027-02-15, no longer provisional, open again.
    assert (handling.due_on, handling.provisional, handling.state) == (
        D(2027, 2, 15), False, DeadlineState.OPEN)
    [event] = recomputed(accepted)
    assert (event.old_value, event.new_value) == ("2027-02-09", "2027-02-15")
    assert REASON in event.note
    assert event.type == "deadlines.recomputed"
    assert event.data["deadline"] == handling.pk
    notice.refresh_from_db()
    assert (notice.due_on, notice.state) == (D(2027, 2, 15), DeadlineState.OPEN)
    objection.refresh_from_db()  # a right, not a duty (Art. 23): it lapsed at the scan; history
    assert (objection.due_on, objection.state) == (D(2027, 2, 1), DeadlineState.CANCELLED)
    assert [e.data["deadline"] for e in recomputed(other)] == [notice.pk]
    intake.refresh_from_db()  # an ended clock is history: left alone
    assert (intake.due_on, intake.provisional) == (D(2027, 2, 9), True)

    # Idempotent: a second run changes nothing and writes nothing.
    with clock.frozen(D(2027, 2, 10)):
        counts = services.deadlines_recompute(years=[2027], reason=REASON)
    assert counts["changed"] == 0
    assert len(recomputed(accepted)) == 1 and len(recomputed(other)) == 1


def test_civil_code_art203_tiaoxiu_saturday_ends_a_period_that_becomes_past_due_for_the_scan(
        county, django_capture_on_commit_callbacks):
    with clock.frozen(D(2027, 2, 5)):
        case = register(county, received_on="2027-02-05")
    intake = running(case, K.INTAKE)
    # 02-05 + 15 = Sat 02-20: a weekend in the estimate → Mon 02-22.
    assert (intake.due_on, intake.provisional) == (D(2027, 2, 22), True)
    with clock.frozen(D(2027, 2, 21)), django_capture_on_commit_callbacks(execute=True):
        enter_2027()
    intake.refresh_from_db()
    # 02-20 is a 调休 working Saturday: the period ends there; already past, but the scan marks it.
    assert (intake.due_on, intake.state, intake.provisional) == (
        D(2027, 2, 20), DeadlineState.OPEN, False)
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.DEADLINE_OVERDUE).exists()
    assert services.deadline_scan(today=D(2027, 2, 21))["overdue"] == 1


def test_art35_petitioner_window_and_paused_clock_are_recomputed(county):
    with clock.frozen(D(2027, 1, 8)):
        case = drive_to(county, Status.ANSWERED)  # 复查 window: 01-08 + 30 = Sun 02-07 → estimate
        window = running(case, K.REVIEW_REQUEST)
        assert window.due_on == D(2027, 2, 9)  # Sun 02-07, 初三 02-08 → Tue 02-09
    with clock.frozen(D(2027, 1, 13)):
        rechecking = drive_to(county, Status.RECHECK_REQUESTED)
        services.deadline_pause(case=rechecking, kind=K.RECHECK, reason="举行听证")
    recheck = running(rechecking, K.RECHECK)
    assert recheck.due_on == D(2027, 2, 12)  # 01-13 + 30 = Fri 02-12, a working day in the estimate
    for day, is_workday, name in notice_2027():
        Holiday.objects.create(date=day, is_workday=is_workday, name=name)
    CalendarYear.objects.create(year=2027)
    with clock.frozen(D(2027, 1, 20)):
        counts = services.deadlines_recompute(years=[2027], reason=REASON)
    assert counts["changed"] == 2
    window.refresh_from_db()
    recheck.refresh_from_db()
    assert window.due_on == D(2027, 2, 15)
    assert (recheck.due_on, recheck.paused_since) == (D(2027, 2, 15), D(2027, 1, 13))


def test_editing_a_holiday_of_a_known_year_recomputes(county, django_capture_on_commit_callbacks):
    with clock.frozen(D(2026, 12, 1)):
        case = register(county, received_on="2026-12-01")
    intake = running(case, K.INTAKE)
    assert intake.due_on == D(2026, 12, 16)
    with clock.frozen(D(2026, 12, 2)), django_capture_on_commit_callbacks(execute=True):
        Holiday.objects.create(date=D(2026, 12, 16), name="地方补充录入")
    intake.refresh_from_db()
    assert intake.due_on == D(2026, 12, 17)
    [event] = recomputed(case)
    assert "2026年" in event.note


def test_sync_holidays_recomputes_the_new_years(county, monkeypatch):
    with clock.frozen(D(2026, 12, 10)):
        case = drive_to(county, Status.ACCEPTED)
    from xinfang.deadlines.management.commands import sync_holidays

    monkeypatch.setattr(sync_holidays, "official_calendar_rows", lambda: (notice_2027(), [2027]))
    with clock.frozen(D(2026, 12, 20)):
        call_command("sync_holidays", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert 2027 in load_calendar().known_years
    assert running(case, K.HANDLING).due_on == D(2027, 2, 15)
    assert len(recomputed(case)) == 1


def test_recompute_command_is_idempotent(county):
    with clock.frozen(D(2026, 12, 10)):
        case = drive_to(county, Status.ACCEPTED)
    for day, is_workday, name in notice_2027():
        Holiday.objects.create(date=day, is_workday=is_workday, name=name)
    CalendarYear.objects.create(year=2027)
    with clock.frozen(D(2026, 12, 20)):
        call_command("recompute_deadlines", "--year", "2027", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("recompute_deadlines", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert running(case, K.HANDLING).due_on == D(2027, 2, 15)
    assert len(recomputed(case)) == 1


def test_art34_extension_after_the_year_is_known_is_no_longer_provisional(county):
    with clock.frozen(D(2026, 12, 10)):
        case = drive_to(county, Status.ACCEPTED)
    assert running(case, K.HANDLING).provisional
    for day, is_workday, name in notice_2027():
        Holiday.objects.create(date=day, is_workday=is_workday, name=name)
    CalendarYear.objects.create(year=2027)  # (its recompute runs after commit; not here)
    with clock.frozen(D(2027, 1, 4)):
        services.deadline_extend(case=case, kind=K.HANDLING, days=30, reason="情况复杂")
    handling = running(case, K.HANDLING)
    # 2026-12-10 + 90 = Fri 2027-03-10, counted over the entered 2027 calendar: final.
    assert (handling.due_on, handling.provisional) == (D(2027, 3, 10), False)
