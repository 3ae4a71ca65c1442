"""Hearings: transitions, jointly chosen panel, the 复核 clock paused (Art. 36)."""

import datetime as dt

import pytest

from xinfang.cases.models import CaseEvent, EventKind
from xinfang.cases.scenarios import drive_to
from xinfang.cases.states import Status
from xinfang.core import clock
from xinfang.core.errors import GuardFailed, IllegalTransition, PermissionDenied
from xinfang.deadlines.rules import DeadlineKind as K
from xinfang.deadlines.services import running
from xinfang.resolution.hearings import TABLE, Action, hearing_schedule, hearing_transition
from xinfang.resolution.models import Hearing, HearingOfficer

from .conftest import at, later

S = Hearing.Status
PANEL = [("王代表", "deputy", "unit"), ("刘律师", "lawyer", "joint"),
         ("孙邻居", "petitioner_side", "petitioner")]


def schedule(w, case, days=7):
    return hearing_schedule(case_id=case.pk, actor=w.approver(case), params={
        "reason": "涉及多户居民，事实争议较大", "scheduled_for": at(clock.today() + dt.timedelta(days=days),
                                                          14).isoformat(),
        "place": "信访听证室"})


def go(w, h, action, **params):
    return hearing_transition(hearing_id=h.pk, action=action, actor=w.approver(h.case),
                              params=params)


def with_panel(w, h, panel=PANEL):
    for name, kind, by in panel:
        h = go(w, h, Action.ADD_OFFICER, name=name, kind=kind, nominated_by=by)
    return h


@pytest.mark.django_db
def test_recheck_hearing_pauses_and_resumes_the_recheck_clock(w, county):
    case = drive_to(county, Status.RECHECK_REQUESTED)
    due = running(case, K.RECHECK).due_on
    h = schedule(w, case)
    assert h.stage == Hearing.Stage.RECHECK and h.recheck_paused
    assert running(case, K.RECHECK).paused_since == clock.today()
    h = go(w, with_panel(w, h), Action.NOTIFY)
    assert h.status == S.NOTIFIED and "王代表" in h.notice_text
    with later(7):
        h = go(w, h, Action.HOLD, record_text="信访人陈述诉求，相关单位说明情况，听证员提问。")
    with later(10):
        h = go(w, h, Action.CONCLUDE, conclusion="多数听证员认为原复查意见事实清楚", publish=True)
    d = running(case, K.RECHECK)
    assert h.status == S.CONCLUDED and not h.recheck_paused
    assert d.paused_days == 10 and d.paused_since is None and d.due_on > due
    kinds = set(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert {EventKind.DEADLINE_PAUSED, EventKind.DEADLINE_RESUMED} <= kinds


@pytest.mark.django_db
def test_hearing_in_handling_does_not_pause_the_handling_clock(w, accepted):
    h = schedule(w, accepted)
    assert h.stage == Hearing.Stage.HANDLING and not h.recheck_paused
    assert running(accepted, K.HANDLING).paused_since is None


@pytest.mark.django_db
def test_cancel_resumes_the_clock(w, county):
    case = drive_to(county, Status.RECHECK_REQUESTED)
    h = schedule(w, case)
    with later(3):
        h = go(w, h, Action.CANCEL, reason="信访人撤回复核请求")
    assert h.status == S.CANCELLED and running(case, K.RECHECK).paused_days == 3


@pytest.mark.django_db
def test_panel_must_be_jointly_chosen(w, accepted):
    h = with_panel(w, schedule(w, accepted), [("王代表", "deputy", "unit"),
                                               ("刘律师", "lawyer", "unit"),
                                               ("周科员", "unit_staff", "unit")])
    with pytest.raises(GuardFailed) as err:
        go(w, h, Action.NOTIFY)
    assert "信访人方提名" in err.value.message and "半数" not in err.value.message
    h = with_panel(w, h, [("孙邻居", "petitioner_side", "petitioner")])
    with pytest.raises(GuardFailed, match="单数"):
        go(w, h, Action.NOTIFY)


@pytest.mark.django_db
def test_notice_must_come_early_enough(w, accepted):
    h = with_panel(w, schedule(w, accepted, days=2))
    with pytest.raises(GuardFailed, match="3日前"):
        go(w, h, Action.NOTIFY)


@pytest.mark.django_db
def test_hold_not_before_the_hearing_day(w, accepted):
    h = go(w, with_panel(w, schedule(w, accepted)), Action.NOTIFY)
    with pytest.raises(GuardFailed, match="尚未到时间"):
        go(w, h, Action.HOLD, record_text="提前记录的笔录内容不允许")


@pytest.mark.django_db
def test_schedule_guards_and_roles(w, county, accepted):
    answered = drive_to(county, Status.ANSWERED)
    with pytest.raises(GuardFailed, match="办理中"):
        schedule(w, answered)
    with pytest.raises(PermissionDenied):
        hearing_schedule(case_id=accepted.pk, actor=county.user(county.bureau, "approver"),
                         params={})
    h = schedule(w, accepted)
    with pytest.raises(GuardFailed, match="尚未结束"):
        schedule(w, accepted)
    with pytest.raises(PermissionDenied):  # only the unit's head concludes or cancels
        hearing_transition(hearing_id=h.pk, action=Action.CANCEL, actor=w.handler(accepted),
                           params={"reason": "x"})


@pytest.mark.django_db
def test_forbidden_transitions_raise(w, accepted):
    h = schedule(w, accepted)
    forbidden = [(t.action, s) for t in TABLE.values() if t.sources for s in S
                 if s not in t.sources]
    for action, status in forbidden:
        Hearing.objects.filter(pk=h.pk).update(status=status)  # test set-up only
        with pytest.raises(IllegalTransition):
            go(w, h, action)
    assert len(forbidden) == 19
    assert HearingOfficer.objects.count() == 0


@pytest.mark.django_db
def test_recheck_answered_during_a_hearing_still_lets_it_conclude(w, county):
    from xinfang.cases.scenarios import act
    from xinfang.cases.states import Action as CaseAction

    case = drive_to(county, Status.RECHECK_REQUESTED)
    h = go(w, with_panel(w, schedule(w, case)), Action.NOTIFY)
    with later(7):
        h = go(w, h, Action.HOLD, record_text="信访人陈述诉求，相关单位说明情况。")
        act(county, case, CaseAction.ANSWER_RECHECK)
        h = go(w, h, Action.CONCLUDE, conclusion="维持复核意见")
    assert h.status == S.CONCLUDED and not h.recheck_paused
    accusation = drive_to(county, Status.ACCEPTED, purpose="accusation", accused_person="李某",
                          accused_unit=county.township.pk)
    with pytest.raises(GuardFailed, match="第30条"):
        schedule(w, accusation)
