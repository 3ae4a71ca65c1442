"""Mediation: every transition allowed and forbidden, cross-border rule, clocks, agreement."""

import datetime as dt

import pytest
from django.test import override_settings

from xinfang.cases.models import CaseEvent, EventKind
from xinfang.cases.scenarios import drive_to
from xinfang.cases.selectors import visible_cases
from xinfang.cases.states import Status
from xinfang.core import clock
from xinfang.core.errors import GuardFailed, IllegalTransition, InvalidParams, PermissionDenied
from xinfang.deadlines.rules import DeadlineKind as K
from xinfang.deadlines.services import running
from xinfang.documents.render import docx_text
from xinfang.resolution.mediation import (
    TABLE,
    Action,
    mediation_refer,
    mediation_report,
    mediation_transition,
)
from xinfang.resolution.models import Mediation, ResolutionEvent

from .conftest import later

S = Mediation.Status


def refer(w, case):
    return mediation_refer(case_id=case.pk, actor=w.handler(case), params={
        "organisation": w.org.pk, "parties": "张三\n某物业公司", "note": "双方均有调解意愿"})


def go(w, m, action, **params):
    return mediation_transition(mediation_id=m.pk, action=action, actor=w.mediator, params=params)


def accept(w, m, mediators=None):
    return go(w, m, Action.ACCEPT, mediators=mediators or [w.mainland.pk], consent=True)


def session(w, m):
    return go(w, m, Action.SESSION, held_on=m.referred_on.isoformat(), place="调解室",
              summary="双方陈述，初步达成意向")


def agree(w, m):
    return go(w, m, Action.AGREE, agreement_text="物业公司于十日内完成楼道维修，张三撤回投诉。")


@pytest.mark.django_db
def test_refer_accept_session_agree_confirm(w, accepted):
    m = refer(w, accepted)
    assert m.status == S.REFERRED and m.case == accepted
    assert accepted in visible_cases(w.mediator)  # 访调对接: the organisation reads the case
    m = accept(w, m)
    assert m.status == S.ACCEPTED and m.consent and list(m.mediators.all()) == [w.mainland]
    m = session(w, m)
    assert m.status == S.IN_SESSION and m.sessions.count() == 1
    m = agree(w, m)
    assert m.status == S.AGREED and m.agreement_number.endswith("第1号")
    text = docx_text(m.agreement_file.read())
    assert "调解协议书" in text and "十日内完成楼道维修" in text and "李调解" in text
    m = go(w, m, Action.REQUEST_CONFIRMATION, joint=True)
    assert m.status == S.CONFIRMATION_REQUESTED and m.court == "某县人民法院"
    m = go(w, m, Action.CONFIRM, ruling_number="（2026）某0101民特1号")
    assert m.status == S.CONFIRMED
    actions = list(CaseEvent.objects.filter(case=accepted, type="mediation.step", data__record=m.pk)
                   .values_list("action", flat=True))
    assert actions == ["refer", "accept", "session", "agree", "request_confirm", "confirm"]
    # written once, on the case timeline: no second log of the same steps (issue 14)
    assert not ResolutionEvent.objects.filter(flow="mediation", record_id=m.pk).exists()


@pytest.mark.django_db
def test_confirmation_rejected(w, accepted):
    m = agree(w, session(w, accept(w, refer(w, accepted))))
    m = go(w, go(w, m, Action.REQUEST_CONFIRMATION, joint=True), Action.REJECT_CONFIRMATION,
           ruling_number="（2026）某0101民特2号", note="协议内容违反法律强制性规定")
    assert m.status == S.CONFIRMATION_REJECTED


@pytest.mark.django_db
def test_confirmation_only_within_30_days(w, county):
    with clock.frozen(dt.date(2026, 3, 2)):  # + 30 days = Wed 2026-04-01, a working day
        m = agree(w, session(w, accept(w, refer(w, drive_to(county, Status.ACCEPTED)))))
        with later(31), pytest.raises(GuardFailed, match="30日内"):
            go(w, m, Action.REQUEST_CONFIRMATION, joint=True)
    with pytest.raises(InvalidParams, match="共同申请"):
        go(w, m, Action.REQUEST_CONFIRMATION, joint=False)


@pytest.mark.django_db
def test_decline_and_fail(w, accepted):
    m = go(w, refer(w, accepted), Action.DECLINE, reason="当事人不同意调解")
    assert m.status == S.DECLINED
    m = go(w, accept(w, refer(w, accepted)), Action.FAIL, reason="双方分歧过大")
    assert m.status == S.FAILED and m.concluded_on


@pytest.mark.django_db
def test_grid_report_without_case(w, county):
    grid = county.user(county.township, "registrar")
    m = mediation_report(actor=grid, params={
        "organisation": w.org.pk, "title": "邻里漏水纠纷", "summary": "楼上漏水致楼下受损",
        "parties": "王五\n赵六", "cross_border": False})
    assert m.case is None and m.source == Mediation.Source.GRID and m.status == S.REFERRED
    m = agree(w, session(w, accept(w, m)))
    assert m.status == S.AGREED
    history = list(m.history())
    assert [e.action for e in history] == [Action.REPORT, Action.ACCEPT, Action.SESSION, Action.AGREE]
    assert {e.type for e in history} == {"mediation.step"} and history[0].case is None
    assert str(S.AGREED.label) in history[-1].text


@pytest.mark.django_db
def test_cross_border_needs_mainland_and_outside_mediator(w, hk_case):
    m = refer(w, hk_case)
    assert m.cross_border
    with pytest.raises(GuardFailed, match="内地调解员和一名港澳台"):
        accept(w, m, [w.mainland.pk])
    m = accept(w, m, [w.mainland.pk, w.outside.pk])
    assert set(m.mediators.all()) == {w.mainland, w.outside}


@pytest.mark.django_db
def test_refer_only_in_handling_and_not_for_accusations(w, county):
    answered = drive_to(county, Status.ANSWERED)
    with pytest.raises(GuardFailed, match="已受理、办理中"):
        mediation_refer(case_id=answered.pk, actor=w.handler(answered),
                        params={"organisation": w.org.pk, "parties": "张三"})
    accusation = drive_to(county, Status.ACCEPTED, purpose="accusation", accused_person="李某",
                          accused_unit=county.township.pk)
    with pytest.raises(GuardFailed, match="检举控告"):
        mediation_refer(case_id=accusation.pk, actor=w.handler(accusation),
                        params={"organisation": w.org.pk, "parties": "张三"})


@pytest.mark.django_db
def test_only_one_active_mediation(w, accepted):
    refer(w, accepted)
    with pytest.raises(GuardFailed, match="进行中的调解"):
        refer(w, accepted)


@pytest.mark.django_db
def test_forbidden_roles_and_units(w, county, accepted):
    with pytest.raises(PermissionDenied):  # a registrar of the holding unit
        mediation_refer(case_id=accepted.pk, actor=county.user(accepted.holding_unit, "registrar"),
                        params={"organisation": w.org.pk, "parties": "张三"})
    with pytest.raises(PermissionDenied):  # the bureau does not hold the case
        mediation_refer(case_id=accepted.pk, actor=county.user(county.bureau, "handler"),
                        params={"organisation": w.org.pk, "parties": "张三"})
    m = refer(w, accepted)
    with pytest.raises(PermissionDenied):  # only the mediation organisation accepts
        mediation_transition(mediation_id=m.pk, action=Action.ACCEPT, actor=w.handler(accepted),
                             params={"mediators": [w.mainland.pk], "consent": True})


FORBIDDEN = [(t.action, s) for t in TABLE.values() if t.sources for s in S if s not in t.sources]


@pytest.mark.django_db
def test_forbidden_transitions_raise(w, accepted):
    """Every (action, status) pair outside the table raises, before any role or input check."""
    m = refer(w, accepted)
    for action, status in FORBIDDEN:
        Mediation.objects.filter(pk=m.pk).update(status=status)  # test set-up only
        with pytest.raises(IllegalTransition, match="不能执行"):
            go(w, m, action)
    assert len(FORBIDDEN) == 62


@pytest.mark.django_db
def test_handling_clock_runs_on_during_mediation_by_default(w, accepted):
    due = running(accepted, K.HANDLING).due_on
    m = accept(w, refer(w, accepted))
    assert running(accepted, K.HANDLING).paused_since is None
    with later(20):
        go(w, m, Action.FAIL, reason="调解不成")
    d = running(accepted, K.HANDLING)
    assert d.due_on == due and d.paused_days == 0
    event = CaseEvent.objects.filter(case=accepted, type="mediation.step", action=Action.FAIL).get()
    assert [d["detail"] for d in event.data["details"]] == ["returned", "handling_runs"]
    assert "回流原办理单位" in event.text and "照常计算（第34条）" in event.text


@pytest.mark.django_db
@override_settings(XINFANG_RESOLUTION={"MEDIATION_PAUSES_HANDLING": True})
def test_practice_pause_restores_handling_clock_after_failed_mediation(w, accepted):
    due = running(accepted, K.HANDLING).due_on
    m = accept(w, refer(w, accepted))
    assert running(accepted, K.HANDLING).paused_since is not None
    with later(20):
        m = go(w, m, Action.FAIL, reason="调解不成")
    d = running(accepted, K.HANDLING)
    assert not m.handling_paused and d.paused_since is None and d.paused_days == 20
    assert d.due_on > due
    assert CaseEvent.objects.filter(case=accepted, kind=EventKind.DEADLINE_RESUMED).exists()


@pytest.mark.django_db
def test_other_jurisdiction_cannot_see_mediation(w, other_county, accepted):
    m = refer(w, accepted)
    stranger = other_county.user(other_county.housing, "handler")
    with pytest.raises(Mediation.DoesNotExist):
        mediation_transition(mediation_id=m.pk, action=Action.ACCEPT, actor=stranger,
                             params={})


@pytest.mark.django_db
@override_settings(XINFANG_RESOLUTION={"MEDIATION_PAUSES_HANDLING": True})
def test_case_answered_during_mediation_leaves_nothing_to_resume(w, county, accepted):
    from xinfang.cases.scenarios import act
    from xinfang.cases.states import Action as CaseAction

    m = accept(w, refer(w, accepted))
    act(county, accepted, CaseAction.ANSWER)
    m = go(w, m, Action.FAIL, reason="信访人已接受处理意见")
    assert m.status == S.FAILED and not m.handling_paused
    assert running(accepted, K.HANDLING) is None


@pytest.mark.django_db
def test_peoples_mediation_law_art33_confirm_window_rolls_over_national_day(w, county):
    """30 days from 2026-09-02 end on 10-02, inside the National Day holiday (10-01..10-07):
    the last day is the next working day, Thu 2026-10-08 (民法典 Art. 203)."""
    with clock.frozen(dt.date(2026, 9, 2)):
        case = drive_to(county, Status.ACCEPTED)
        m = agree(w, session(w, accept(w, refer(w, case))))
    assert m.concluded_on == dt.date(2026, 9, 2)
    with clock.frozen(dt.date(2026, 10, 9)), pytest.raises(GuardFailed, match="已于2026-10-08届满"):
        go(w, m, Action.REQUEST_CONFIRMATION, joint=True)
    with clock.frozen(dt.date(2026, 10, 8)):
        m = go(w, m, Action.REQUEST_CONFIRMATION, joint=True)
    assert m.status == S.CONFIRMATION_REQUESTED
    assert m.confirmation_requested_on == dt.date(2026, 10, 8)
