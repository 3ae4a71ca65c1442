"""Every allowed transition works and writes its event; every forbidden one raises."""

import itertools

import pytest

from xinfang.cases.models import CaseEvent, EventKind
from xinfang.cases.scenarios import PATHS, act, actor_for, drive_to, params_for, register
from xinfang.cases.states import TERMINAL, TRANSITIONS, Action, Status
from xinfang.cases.workflow import case_transition
from xinfang.core.errors import IllegalTransition, PermissionDenied

ALLOWED = [(t.action, s) for t in TRANSITIONS.values() for s in sorted(t.sources)]
FORBIDDEN = [(a, s) for a, s in itertools.product(Action, Status)
             if s not in TRANSITIONS[a].sources]


def _ready(county, status, action):
    """A case in `status` on which `action` can legally succeed."""
    if action == Action.REFUSE_REPEAT:
        return drive_to(county, status), drive_to(county, Status.RECHECKED)
    if action == Action.DELIVER and status == Status.REGISTERED:  # objection upheld: a notice
        return act(county, drive_to(county, Status.OBJECTED), Action.UPHOLD_OBJECTION), None
    if action == Action.LINK:
        return drive_to(county, status), drive_to(county, Status.REGISTERED)
    if action == Action.RESUME_CLOCK:
        case = drive_to(county, status)
        return act(county, case, Action.PAUSE_CLOCK), None
    if action == Action.NOT_ACCEPT_REPEAT:
        return drive_to(county, status), drive_to(county, Status.ACCEPTED)
    if action == Action.DELIVER and status == Status.MERGED:  # transferred (a notice), then merged
        case, into = drive_to(county, Status.TRANSFERRED), drive_to(county, Status.TRANSFERRED)
        return act(county, case, Action.MERGE, earlier=into), None
    if action == Action.MERGE:  # the same petitioner's matter, held by the same unit
        return drive_to(county, status), drive_to(county, status)
    if action == Action.SUBMIT_DRAFT:
        return act(county, drive_to(county, status), Action.DRAFT_OPINION), None
    if action == Action.RETURN_DRAFT:
        case = act(county, drive_to(county, status), Action.DRAFT_OPINION)
        return act(county, case, Action.SUBMIT_DRAFT), None
    if action == Action.REFUSE_EXTENSION:
        return act(county, drive_to(county, status), Action.REQUEST_EXTENSION), None
    if action == Action.TAKE_UP and status == Status.REGISTERED:  # received by the unit itself
        return register(county, registrar=county.user(county.housing, "registrar")), None
    if action == Action.TO_ORDINARY:
        case = act(county, drive_to(county, Status.REGISTERED), Action.TRIAGE)
        case = case_transition(case_id=case.pk, action=Action.TRIAGE,
                               actor=actor_for(county, case, Action.TRIAGE),
                               params={"purpose": "request", "legal_route": "petition",
                                       "simplified": True})
        for step in PATHS[status]:
            case = act(county, case, step)
        return case, None
    if action == Action.REQUEST_RECHECK and status == Status.CLOSED:
        return act(county, drive_to(county, Status.REVIEWED), Action.CLOSE), None
    return drive_to(county, status), None


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "status"), ALLOWED)
def test_allowed_transition_changes_status_and_writes_event(county, action, status):
    case, earlier = _ready(county, status, action)
    actor = actor_for(county, case, action)
    before = CaseEvent.objects.filter(case=case).count()
    last = CaseEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    case = case_transition(case_id=case.pk, action=action, actor=actor,
                           params=params_for(county, case, action, earlier=earlier))

    expected = TRANSITIONS[action].target_from(status, previous=Status.TRANSFERRED)
    assert case.status == expected
    event = CaseEvent.objects.filter(case=case, action=action, pk__gt=last).exclude(
        kind__in=[EventKind.FIELD_CHANGED, EventKind.ROUTED, EventKind.RATED,
                  EventKind.DEADLINE_EXTENDED]).get()
    assert (event.old_value, event.new_value, event.actor) == (status, expected, actor)
    assert event.kind == (EventKind.STATUS_CHANGED if expected != status else EventKind.NOTE)
    assert CaseEvent.objects.filter(case=case).count() > before


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "status"), FORBIDDEN)
def test_forbidden_transition_raises_and_changes_nothing(county, action, status):
    case = drive_to(county, status)
    events = CaseEvent.objects.filter(case=case).count()

    with pytest.raises(IllegalTransition, match="不能执行"):
        case_transition(case_id=case.pk, action=action, actor=county.user(case.holding_unit,
                                                                          "approver"), params={})

    case.refresh_from_db()
    assert case.status == status
    assert CaseEvent.objects.filter(case=case).count() == events


def test_every_status_is_reachable_from_registered():
    reached, frontier = {Status.REGISTERED}, [Status.REGISTERED]
    while frontier:
        status = frontier.pop()
        for t in TRANSITIONS.values():
            for target in t.targets:
                if status in t.sources and target not in reached:
                    reached.add(target)
                    frontier.append(target)
    assert reached == set(Status)


def test_terminal_states_have_no_exit():
    for status in TERMINAL:
        exits = [t.action for t in TRANSITIONS.values()
                 if status in t.sources and any(x != status for x in t.targets)]
        assert exits == [], f"{status} should be terminal but has {exits}"


@pytest.mark.parametrize(("status", "path"), list(PATHS.items()), ids=[s.value for s in PATHS])
def test_scenario_paths_follow_the_table(status, path):
    # given a registered case; when the scenario's actions for `status` are taken in the table
    current = Status.REGISTERED
    previous = None
    for action in path:
        assert current in TRANSITIONS[action].sources
        previous, current = current, TRANSITIONS[action].target_from(current, previous)
    # then each action may start where the one before ended, and the last ends in `status`
    assert current == status


@pytest.mark.django_db
def test_unknown_action_is_a_clear_error(county):
    case = drive_to(county, Status.REGISTERED)
    with pytest.raises(IllegalTransition, match="未知的操作"):
        case_transition(case_id=case.pk, action="approve_everything",
                        actor=county.user(county.bureau, "registrar"))


@pytest.mark.django_db
def test_wrong_role_is_refused(county):
    case = drive_to(county, Status.ACCEPTED)
    handler = county.user(county.housing, "handler")  # extension needs the unit head (Art. 34)
    with pytest.raises(PermissionDenied, match="延期"):
        case_transition(case_id=case.pk, action=Action.EXTEND, actor=handler,
                        params={"days": 10, "reason": "复杂"})


@pytest.mark.django_db
def test_staff_of_another_unit_in_jurisdiction_cannot_act_for_the_holder(county):
    case = drive_to(county, Status.TRANSFERRED)  # now held by the housing bureau
    bureau_handler = county.user(county.bureau, "handler")
    with pytest.raises(PermissionDenied):
        case_transition(case_id=case.pk, action=Action.ACCEPT, actor=bureau_handler, params={})
