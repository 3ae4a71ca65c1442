"""`Case.next_due`: the earliest running staff clock, stored by the deadline services (Art. 33, 34)
after every kind of step, found by `check_next_due` when something else wrote a clock."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from xinfang.cases.models import Case
from xinfang.cases.scenarios import PATHS, act, drive_to, register
from xinfang.cases.states import Action, Status
from xinfang.core import clock
from xinfang.deadlines import services
from xinfang.deadlines.models import Deadline
from xinfang.deadlines.rules import DeadlineKind as K

pytestmark = pytest.mark.django_db


def expected(case: Case) -> dt.date | None:
    """Counted by hand from the clock rows (not by the code under test)."""
    dues = [d.due_on for d in Deadline.objects.filter(case=case)
            if d.state in ("open", "due_soon", "overdue") and not d.for_petitioner]
    return min(dues) if dues else None


def stored(case: Case) -> dt.date | None:
    return Case.objects.values_list("next_due", flat=True).get(pk=case.pk)


@pytest.mark.parametrize("status", [Status.RECHECKED, Status.CLOSED, Status.DUTY_DONE,
                                    Status.OBJECTED, Status.NOT_ACCEPTED, Status.ASSIGNED,
                                    Status.ROUTED])
def test_after_each_step_next_due_is_the_earliest_running_staff_clock(county, status):
    # given a new case, when it is carried step by step along the route to `status`
    case = register(county)
    assert stored(case) == expected(case) is not None  # registration starts a clock
    for action in PATHS[status]:
        case = act(county, case, action)
        # then after every step the stored date is the one counted from the clocks
        assert stored(case) == expected(case), action
    assert case.status == status


def test_extension_pause_resume_and_scan_keep_next_due(county):
    with clock.frozen(dt.date(2026, 3, 2)):
        case = drive_to(county, Status.ACCEPTED)
        before = stored(case)
        services.deadline_extend(case=case, kind=K.HANDLING, days=30, reason="情况复杂")
        assert stored(case) == expected(case) and stored(case) > before
    case = drive_to(county, Status.RECHECK_REQUESTED)
    with clock.frozen(dt.date(2026, 3, 2)):
        services.deadline_pause(case=case, kind=K.RECHECK, reason="举行听证")
        assert stored(case) == expected(case)
    with clock.frozen(dt.date(2026, 3, 20)):
        services.deadline_resume(case=case, kind=K.RECHECK)
        assert stored(case) == expected(case)
    with clock.frozen(dt.date(2027, 6, 1)):  # everything overdue (still running) or lapsed
        services.deadline_scan()
    for c in Case.objects.all():
        assert stored(c) == expected(c), c.number


def test_a_finished_case_has_no_next_due(county):
    case = drive_to(county, Status.CLOSED)
    assert expected(case) is None and stored(case) is None


def test_check_next_due_finds_drift_and_fix_repairs_it(county, capsys):
    case = act(county, register(county), Action.TRANSFER)
    call_command("check_next_due")  # consistent: no error
    # given a clock moved behind the services' back
    Deadline.objects.filter(case=case).update(due_on=dt.date(2030, 1, 1))
    # when checking, then the drift is reported as an error
    with pytest.raises(CommandError, match="1 件不一致"):
        call_command("check_next_due")
    # and --fix writes the date counted from the clocks
    call_command("check_next_due", "--fix")
    assert stored(case) == expected(case) == dt.date(2030, 1, 1)
    call_command("check_next_due")
