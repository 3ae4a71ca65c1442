"""Art. 34, Art. 45(1): an extension approved after the 60 days ran out does not erase the breach.

The handling clock remembers the day it was first past due (`breached_on`); it ends 超期完成 whatever
the extension, and 按期办结率 counts it as not on time.
"""

import datetime as dt

import pytest

from xinfang.cases.models import CaseEvent, EventKind
from xinfang.cases.scenarios import act, drive_to
from xinfang.cases.states import Action, Status
from xinfang.core import clock
from xinfang.deadlines import services
from xinfang.deadlines.models import Deadline, DeadlineState
from xinfang.deadlines.rules import DeadlineKind as K
from xinfang.resolution.indicators import Period, Ratio, on_time_completion

pytestmark = pytest.mark.django_db
D = dt.date

ACCEPTED = D(2026, 4, 1)
DUE = D(2026, 6, 1)  # 60 days from 04-01 = Sun 05-31 → Mon 06-01 (Art. 34)
LATE = D(2026, 6, 5)  # the extension is approved 4 days after the due date
YEAR = Period(D(2026, 1, 1), D(2026, 12, 31))


def _handling(case) -> Deadline:  # noqa: ANN001
    return Deadline.objects.get(case=case, kind=K.HANDLING)


def _accepted(county):  # noqa: ANN001, ANN202
    with clock.frozen(ACCEPTED):
        case = drive_to(county, Status.ACCEPTED)
    assert _handling(case).due_on == DUE
    return case


def test_art34_extension_after_the_breach_ends_met_late(county):
    case = _accepted(county)
    services.deadline_scan(today=DUE + dt.timedelta(days=1))  # marked overdue on 06-02
    with clock.frozen(LATE):
        case = act(county, case, Action.EXTEND)  # 30 more days: due 07-01
    handling = _handling(case)
    assert handling.due_on > LATE  # the extended period has not run out
    assert handling.breached_on == DUE + dt.timedelta(days=1)

    with clock.frozen(LATE + dt.timedelta(days=5)):  # answered within the extended period
        act(county, case, Action.ANSWER)

    assert _handling(case).state == DeadlineState.MET_LATE
    assert on_time_completion([county.housing.pk], YEAR)[county.housing.pk] == Ratio(0, 1)


def test_art45_breach_without_a_scan_is_kept_by_the_extension(county):
    """The daily scan may not have run: the extension itself sees that the due date had passed."""
    case = _accepted(county)
    with clock.frozen(LATE):
        case = act(county, case, Action.EXTEND)
    handling = _handling(case)
    assert handling.breached_on == DUE + dt.timedelta(days=1)

    with clock.frozen(LATE + dt.timedelta(days=1)):
        act(county, case, Action.ANSWER)
    assert _handling(case).state == DeadlineState.MET_LATE
    assert on_time_completion([county.housing.pk], YEAR)[county.housing.pk] == Ratio(0, 1)


def test_art34_extension_event_says_the_breach_stands(county):
    case = _accepted(county)
    services.deadline_scan(today=DUE + dt.timedelta(days=1))
    with clock.frozen(LATE):
        act(county, case, Action.EXTEND)

    event = CaseEvent.objects.get(case=case, kind=EventKind.DEADLINE_EXTENDED)
    assert event.type == "deadlines.extended"
    assert "超期" in event.text and "第45条" in event.text
    assert event.data["breached_on"] == str(DUE + dt.timedelta(days=1))


def test_art34_breached_clock_still_running_counts_as_late(county):
    case = _accepted(county)
    services.deadline_scan(today=DUE + dt.timedelta(days=1))
    with clock.frozen(LATE):
        act(county, case, Action.EXTEND)
    services.deadline_scan(today=LATE + dt.timedelta(days=1))  # nothing new: not overdue again

    assert _handling(case).state in (DeadlineState.OPEN, DeadlineState.DUE_SOON)
    assert on_time_completion([county.housing.pk], YEAR)[county.housing.pk] == Ratio(0, 1)


def test_art34_extension_before_the_due_date_answered_within_it_is_met(county):
    case = _accepted(county)
    with clock.frozen(DUE - dt.timedelta(days=5)):
        case = act(county, case, Action.EXTEND)
    assert _handling(case).breached_on is None

    with clock.frozen(DUE + dt.timedelta(days=10)):  # after the 60 days, within the 90
        act(county, case, Action.ANSWER)

    assert _handling(case).state == DeadlineState.MET
    assert on_time_completion([county.housing.pk], YEAR)[county.housing.pk] == Ratio(1, 1)


def test_art34_case_page_shows_the_breach_after_an_extension(client, county):
    case = _accepted(county)
    with clock.frozen(LATE):
        act(county, case, Action.EXTEND)
    client.force_login(county.user(county.housing, "handler"))

    with clock.frozen(LATE):
        html = client.get(f"/cases/{case.number}/").content.decode()

    assert "曾超期" in html and str(DUE + dt.timedelta(days=1)) in html


def test_art34_queue_marks_a_breached_then_extended_case(client, county):
    case = _accepted(county)
    with clock.frozen(LATE):
        act(county, case, Action.EXTEND)
    client.force_login(county.user(county.housing, "handler"))

    with clock.frozen(LATE):
        html = client.get("/queue/").content.decode()

    assert case.number in html and "曾超期" in html


def test_art45_migration_keeps_breaches_already_on_record(county):
    """Clocks breached, extended and then ended 按期完成 by the old code become 超期完成."""
    import importlib

    from django.apps import apps
    from django.utils import timezone

    migration = importlib.import_module("xinfang.deadlines.migrations.0004_deadline_breached_on")
    case = _accepted(county)
    with clock.frozen(DUE + dt.timedelta(days=2)):  # the scan ran a day late
        services.deadline_scan()
    with clock.frozen(LATE):
        act(county, case, Action.EXTEND)
        act(county, case, Action.ANSWER)
    overdue_event = CaseEvent.objects.get(case=case, kind=EventKind.DEADLINE_OVERDUE)
    Deadline.objects.filter(case=case, kind=K.HANDLING).update(state=DeadlineState.MET,
                                                               breached_on=None)  # as before

    migration.keep_recorded_breaches(apps, None)

    handling = _handling(case)
    assert handling.state == DeadlineState.MET_LATE
    assert handling.breached_on == DUE + dt.timedelta(days=2) == timezone.localdate(overdue_event.at)
