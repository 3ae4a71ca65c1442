"""Every allowed and forbidden step of the major-decision review, with the basis each applies."""

from __future__ import annotations

import datetime as dt

import pytest

from xinfang.core import clock
from xinfang.core.errors import GuardFailed, IllegalTransition, InvalidParams, PermissionDenied
from xinfang.core.workflow import SYSTEM_ACTOR
from xinfang.notifications.models import Notification
from xinfang.orgs.models import Role
from xinfang.riskreview.models import Decision, DecisionCheck, DecisionEvent
from xinfang.riskreview.selectors import visible_decisions
from xinfang.riskreview.states import TRANSITIONS
from xinfang.riskreview.tasks import follow_up_due

from .helpers import (
    ASSESS,
    A,
    S,
    assessor,
    bring,
    categories,
    lawyer,
    owner,
    petition,
    register_decision,
    step,
)

START = dt.datetime(2026, 11, 2, 9, 0)


@pytest.fixture
def frozen():
    with clock.frozen(START) as moment:
        yield moment


def test_every_step_cites_its_basis():
    docs = {t.action: t.doc for t in TRANSITIONS.values()}
    assert "第二十二条" in docs[A.START] and "第十四条第（四）项" in docs[A.START]
    assert "第二十三条" in docs[A.ASSESS] and "第二十四条" in docs[A.ASSESS]
    assert "第二十五条至第二十八条" in docs[A.REVIEW]
    assert "第二十四条" in docs[A.DECIDE] and "第二十八条" in docs[A.DECIDE]
    assert "第四章" in docs[A.CHECK] and "第五条第（五）项" in docs[A.CHECK]
    assert all("重大行政决策程序暂行条例" in d or "第五条" in d for d in docs.values())


def test_register_records_what_it_touches(county, frozen):
    d = register_decision(county)
    assert (d.status, d.unit, d.number) == (S.REGISTERED, county.township,
                                             f"{county.township.code}-JC2026-0001")
    assert list(d.places.all()) == [county.village]
    assert [c.name for c in d.categories.all()] == ["征地拆迁"]
    assert d.keyword_list == ["拆迁", "征收补偿"]
    ev = DecisionEvent.objects.get(decision=d)
    assert (ev.type, ev.action, ev.new_value) == ("riskreview.status_changed", "register",
                                                  "registered")


def test_register_refuses_a_wrong_role_no_subject_and_a_place_outside_the_reach(
        county, other_county, frozen):
    with pytest.raises(PermissionDenied):  # a registrar does not register major decisions
        register_decision(county, actor=county.user(county.township, Role.REGISTRAR))
    with pytest.raises(InvalidParams, match="涉及问题分类或填写一个关键词"):
        register_decision(county, cats=[], keywords="")
    with pytest.raises(InvalidParams, match="涉及地域"):  # another county's township
        register_decision(county, places=[other_county.township])
    assert not Decision.objects.exists()


def test_start_draws_the_snapshot_for_the_bureau_only(county, other_county, frozen):
    d = register_decision(county)
    for who in (owner(county), lawyer(county), county.user(county.bureau, Role.REGISTRAR)):
        with pytest.raises(PermissionDenied):  # not the bureau, or not its handler/approver
            step(d, A.START, who, days=365)
    with pytest.raises(Decision.DoesNotExist):  # another county's bureau: 404
        step(d, A.START, other_county.user(other_county.bureau, Role.HANDLER), days=365)
    d = step(d, A.START, assessor(county, Role.HANDLER), days=90)
    assert d.status == S.ASSESSING and d.snapshot["window"]["days"] == 90
    assert d.suggested_level == d.snapshot["suggested"] == "low" and d.snapshot_at == frozen
    types = list(d.events.values_list("type", flat=True))
    assert types[-2:] == ["riskreview.status_changed", "riskreview.drawn"]


def test_recompute_while_assessing_takes_new_petitions(county, frozen):
    _top, demolition, _other = categories()
    d = bring(county, S.ASSESSING)
    assert d.snapshot["total"] == 0
    petition(county, on=START.date(), category=demolition)
    d = step(d, A.RECOMPUTE, assessor(county, Role.HANDLER))
    assert d.status == S.ASSESSING and d.snapshot["total"] == 1
    assert d.snapshot["window"]["days"] == 365  # the window kept


def test_assess_needs_the_approver_reasons_when_it_differs_and_measures_when_risky(county, frozen):
    d = bring(county, S.ASSESSING)  # the data suggest 低
    with pytest.raises(PermissionDenied):  # the bureau's handler does not sign the level
        step(d, A.ASSESS, assessor(county, Role.HANDLER), **ASSESS)
    with pytest.raises(GuardFailed, match="须说明理由"):
        step(d, A.ASSESS, assessor(county), **{**ASSESS, "level_reasons": ""})
    with pytest.raises(GuardFailed, match="第二十三条"):
        step(d, A.ASSESS, assessor(county), **{**ASSESS, "risk_level": "medium", "measures": "",
                                               "level_reasons": "现场排查发现分歧"})
    assert Decision.objects.get(pk=d.pk).status == S.ASSESSING
    d = step(d, A.ASSESS, assessor(county), **{**ASSESS, "level_reasons": "现场排查发现分歧较大"})
    assert (d.status, d.risk_level, d.suggested_level) == (S.ASSESSED, "high", "low")
    assert d.assessed_by == assessor(county)
    # the level the data suggest needs no reasons, 低 no measures
    d2 = bring(county, S.ASSESSING, register_decision(county))
    d2 = step(d2, A.ASSESS, assessor(county), risk_level="low", risk_points="暂未发现明显风险点",
              measures="")
    assert d2.status == S.ASSESSED


def test_review_only_by_the_legal_office_of_the_county(county, other_county, frozen, settings):
    d = bring(county, S.ASSESSED)
    for who in (owner(county), assessor(county), county.user(county.housing, Role.HANDLER)):
        with pytest.raises((PermissionDenied, Decision.DoesNotExist)):
            step(d, A.REVIEW, who, opinion="lawful", reasons="符合法定权限和程序")
    with pytest.raises(Decision.DoesNotExist):
        step(d, A.REVIEW, other_county.user(other_county.political_legal, Role.HANDLER),
             opinion="lawful", reasons="符合法定权限和程序")
    with pytest.raises(InvalidParams):
        step(d, A.REVIEW, lawyer(county), opinion="maybe", reasons="符合法定权限和程序")
    d = step(d, A.REVIEW, lawyer(county), opinion="amend", reasons="补偿方案须补充公开征求意见")
    assert (d.status, d.legal_opinion, d.reviewed_unit) == (S.REVIEWED, "amend",
                                                            county.political_legal)
    # the legal-office type is a setting: configured as 职能部门, the housing department reviews
    settings.XINFANG_RISK_LEGAL_UNIT_TYPES = ["department"]
    d2 = bring(county, S.ASSESSED, register_decision(county))
    with pytest.raises(Decision.DoesNotExist):  # no longer a legal office: out of its reach
        step(d2, A.REVIEW, lawyer(county), opinion="lawful", reasons="符合法定权限和程序")
    step(d2, A.REVIEW, county.user(county.housing, Role.HANDLER), opinion="lawful",
         reasons="符合法定权限和程序")


def test_no_decision_before_the_assessment_and_the_review(county, frozen):
    for status in (S.REGISTERED, S.ASSESSING, S.ASSESSED):
        d = bring(county, status)
        with pytest.raises(IllegalTransition):
            step(d, A.DECIDE, owner(county), outcome="proceed", reasons="集体讨论决定")
    # even if the status were forced, the guard finds no legality review (暂行条例第二十八条)
    assert d.status == S.ASSESSED
    Decision.objects.filter(pk=d.pk).update(status=S.REVIEWED)  # test set-up only
    with pytest.raises(GuardFailed, match="第二十八条"):
        step(d, A.DECIDE, owner(county), outcome="proceed", reasons="集体讨论决定")


def test_high_risk_cannot_proceed_without_measures(county, frozen):
    d = bring(county, S.REVIEWED, level="high")
    with pytest.raises(PermissionDenied):  # the bureau does not decide
        step(d, A.DECIDE, assessor(county), outcome="with_measures", reasons="集体讨论决定")
    with pytest.raises(GuardFailed, match="第二十四条"):
        step(d, A.DECIDE, owner(county), outcome="proceed", reasons="集体讨论决定")
    d = step(d, A.DECIDE, owner(county), outcome="with_measures", reasons="集体讨论决定")
    assert (d.status, d.outcome, d.decided_by) == (S.DECIDED, "with_measures", owner(county))


def test_low_risk_may_proceed_and_with_measures_needs_measures(county, frozen):
    d = register_decision(county)
    d = step(d, A.START, assessor(county, Role.HANDLER), days=365)
    d = step(d, A.ASSESS, assessor(county), risk_level="low", risk_points="暂未发现明显风险点")
    d = step(d, A.REVIEW, lawyer(county), opinion="lawful", reasons="符合法定权限和程序")
    with pytest.raises(GuardFailed, match="未提出防范措施"):
        step(d, A.DECIDE, owner(county), outcome="with_measures", reasons="集体讨论决定")
    d = step(d, A.DECIDE, county.leader(county.township), outcome="proceed", reasons="集体讨论决定")
    assert d.outcome == "proceed"


def test_unlawful_cannot_proceed_but_may_be_abandoned(county, frozen):
    d = bring(county, S.REVIEWED, level="low", opinion="unlawful")
    for outcome in ("proceed", "with_measures"):
        with pytest.raises(GuardFailed, match="第二十八条"):
            step(d, A.DECIDE, owner(county), outcome=outcome, reasons="集体讨论决定")
    d = step(d, A.DECIDE, owner(county), outcome="abandon", reasons="审查不合法，不予实施")
    assert d.outcome == "abandon"
    # abandoned: closed at once, no follow-up needed
    d = step(d, A.CLOSE, owner(county))
    assert d.status == S.CLOSED and d.closed_at is not None


def test_follow_up_by_staff_any_time_by_the_system_when_due(county, settings):
    settings.XINFANG_RISK_FOLLOWUP_DAYS = 30
    with clock.frozen(START):
        d = bring(county, S.DECIDED)
        with pytest.raises(GuardFailed, match="实施的决策须至少经一次跟踪检查"):
            step(d, A.CLOSE, owner(county))
        with pytest.raises(GuardFailed, match="下次跟踪检查日期为2026-12-02"):
            step(d, A.CHECK, SYSTEM_ACTOR)
        with pytest.raises(PermissionDenied):  # the deciding township does not check
            step(d, A.CHECK, owner(county))
        assert follow_up_due() == "checked 0"
    with clock.frozen(START + dt.timedelta(days=10)):
        d = step(d, A.CHECK, assessor(county, Role.HANDLER), note="阶段检查")
        assert d.status == S.FOLLOWED_UP
    with clock.frozen(START + dt.timedelta(days=39)):
        assert follow_up_due() == "checked 0"  # 30 days after the last check: 12-12
    with clock.frozen(START + dt.timedelta(days=40)):
        assert follow_up_due() == "checked 1"
        assert follow_up_due() == "checked 0"  # once
    checks = list(DecisionCheck.objects.filter(decision=d).values_list("since", "until", "by"))
    assert checks == [(dt.date(2026, 11, 2), dt.date(2026, 11, 12), assessor(county, Role.HANDLER).pk),
                      (dt.date(2026, 11, 2), dt.date(2026, 12, 12), None)]
    with clock.frozen(START + dt.timedelta(days=41)):
        with pytest.raises(PermissionDenied):  # the bureau does not close
            step(d, A.CLOSE, assessor(county))
        d = step(d, A.CLOSE, owner(county))
    assert d.status == S.CLOSED
    for action in (A.START, A.ASSESS, A.REVIEW, A.DECIDE, A.CHECK, A.CLOSE):
        with pytest.raises(IllegalTransition):
            step(d, action, owner(county))


def test_a_rise_is_told_to_the_deciding_unit_and_the_bureau(county):
    _top, demolition, _other = categories()
    with clock.frozen(START):
        d = bring(county, S.DECIDED)
    with clock.frozen(START + dt.timedelta(days=5)):
        petition(county, on=clock.today(), category=demolition, headcount=8, collective=True)
        d = step(d, A.CHECK, assessor(county, Role.HANDLER))
    check = d.checks.get()
    assert check.rise and check.new_group == 1
    told = Notification.objects.filter(subject__contains=d.number)
    assert {n.user.unit for n in told} == {county.township, county.bureau}
    assert "信访上升" in d.events.filter(type="riskreview.checked").get().text


def test_visibility(county, other_county, frozen):
    d = register_decision(county)
    for who in (owner(county), assessor(county), lawyer(county),
                county.user(county.county, Role.APPROVER)):
        assert visible_decisions(who).filter(pk=d.pk).exists(), who
    for who in (county.user(county.housing, Role.HANDLER),
                other_county.user(other_county.bureau, Role.APPROVER),
                other_county.user(other_county.political_legal, Role.HANDLER)):
        assert not visible_decisions(who).filter(pk=d.pk).exists(), who
