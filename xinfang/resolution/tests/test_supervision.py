"""Supervision: orders, escalation when overdue, 领导包案, 三项建议."""

import pytest

from xinfang.cases.models import CaseEvent
from xinfang.cases.scenarios import act, drive_to
from xinfang.cases.states import Action as CaseAction
from xinfang.cases.states import Status
from xinfang.core.errors import GuardFailed, IllegalTransition, PermissionDenied
from xinfang.deadlines.models import DeadlineState
from xinfang.deadlines.rules import DeadlineKind as K
from xinfang.deadlines.services import deadline_scan, running
from xinfang.documents.render import docx_text
from xinfang.resolution.escalation import escalate_overdue, target_level
from xinfang.resolution.models import LeaderAssignment, Recommendation, SupervisionOrder
from xinfang.resolution.supervision import (
    LEADER_TABLE,
    ORDER_TABLE,
    REC_TABLE,
    LeaderAction,
    OrderAction,
    RecAction,
    leader_assign,
    leader_transition,
    order_issue,
    order_transition,
    recommendation_issue,
    recommendation_transition,
)

from .conftest import later

OS = SupervisionOrder.Status


def issue(w, case, kind="duban", days=15):
    return order_issue(case_id=case.pk, actor=w.supervisor, params={
        "kind": kind, "instructions": "请于期限内办结并回复", "days": days})


@pytest.mark.django_db
def test_order_issue_reply_return_accept(w, accepted):
    o = issue(w, accepted)
    assert o.status == OS.OPEN and o.target_unit == accepted.holding_unit
    assert (o.due_on - o.issued_on).days >= 15
    o = order_transition(order_id=o.pk, action=OrderAction.REPLY, actor=w.handler(accepted),
                         params={"reply_text": "已约谈物业，正在维修"})
    assert o.status == OS.REPLIED
    o = order_transition(order_id=o.pk, action=OrderAction.RETURN, actor=w.supervisor,
                         params={"reason": "未说明完成时间", "days": 5})
    assert o.status == OS.OPEN and o.rounds == 1
    o = order_transition(order_id=o.pk, action=OrderAction.REPLY, actor=w.approver(accepted),
                         params={"reply_text": "已于本周维修完毕"})
    o = order_transition(order_id=o.pk, action=OrderAction.ACCEPT, actor=w.supervisor,
                         params={})
    assert o.status == OS.CLOSED
    assert CaseEvent.objects.filter(case=accepted, type="order.step").count() == 5


@pytest.mark.django_db
def test_order_forbidden(w, county, accepted):
    with pytest.raises(PermissionDenied):  # a handler is no supervisor
        order_issue(case_id=accepted.pk, actor=county.user(county.bureau, "handler"),
                    params={"kind": "duban", "instructions": "x"})
    o = issue(w, accepted)
    with pytest.raises(PermissionDenied):  # the supervisor cannot reply for the unit
        order_transition(order_id=o.pk, action=OrderAction.REPLY, actor=w.supervisor,
                         params={"reply_text": "x"})
    with pytest.raises(PermissionDenied):  # the system alone escalates
        order_transition(order_id=o.pk, action=OrderAction.ESCALATE, actor=w.supervisor)
    with pytest.raises(GuardFailed, match="不在办理中"):
        issue(w, drive_to(county, Status.ANSWERED))
    forbidden = [(t.action, s) for t in ORDER_TABLE.values() if t.sources for s in OS
                 if s not in t.sources]
    for action, status in forbidden:
        SupervisionOrder.objects.filter(pk=o.pk).update(status=status)  # test set-up only
        with pytest.raises(IllegalTransition):
            order_transition(order_id=o.pk, action=action, actor=w.supervisor, params={})
    assert len(forbidden) == 8


def test_target_level_by_days_overdue():
    import datetime as dt

    due = dt.date(2026, 3, 1)
    assert [target_level(due, due + dt.timedelta(days=n)) for n in (0, 1, 5, 6, 11, 40)] == [
        0, 1, 1, 2, 3, 3]


@pytest.mark.django_db
def test_overdue_order_escalates_level_by_level(w, county, accepted):
    o = issue(w, accepted, kind="cuiban", days=5)
    with later(5):
        assert escalate_overdue()["escalated"] == 0
    with later(8):
        escalate_overdue()
    o.refresh_from_db()
    assert (o.escalation_level, o.watch_unit) == (1, county.county)  # the bureau's parent
    with later(8):
        assert escalate_overdue()["escalated"] == 0  # once per level
    with later(20):
        escalate_overdue()
    o.refresh_from_db()
    assert (o.escalation_level, o.watch_unit) == (3, county.province)
    notes = [e.text for e in CaseEvent.objects.filter(case=accepted, type="order.step",
                                                      action=OrderAction.ESCALATE)]
    assert len(notes) == 3 and "报某市督查员" in notes[1]
    # each level's supervisors and leaders are told (Art. 43), in their in-app inbox
    from xinfang.notifications.models import Notification

    for unit in (county.county, county.city):  # the fixture's province has no staff
        told = Notification.objects.filter(user__unit=unit, channel="inapp", case=accepted)
        assert told.exists() and all("超期升级" in n.subject for n in told), unit
        assert {r for n in told for r in n.user.roles.values_list("code", flat=True)} & {
            "supervisor", "leader"}


@pytest.mark.django_db
def test_overdue_legal_clock_gets_a_system_cuiban(county):
    case = drive_to(county, Status.TRANSFERRED)
    d = running(case, K.ACCEPTANCE_NOTICE)
    with later(40):
        deadline_scan()
        d.refresh_from_db()
        assert d.state == DeadlineState.OVERDUE
        counts = escalate_overdue()
    order = SupervisionOrder.objects.get(case=case, deadline=d)
    assert counts["cuiban"] >= 1 and order.issued_by is None
    assert order.issuing_unit == county.bureau and order.target_unit == county.housing
    with later(40):
        escalate_overdue()
    assert SupervisionOrder.objects.filter(case=case, deadline=d).count() == 1


@pytest.mark.django_db
def test_leader_assignment(w, county, accepted):
    a = leader_assign(case_id=accepted.pk, actor=w.supervisor,
                      params={"leader": w.leader.pk, "plan": "召集住建、街道联合化解"})
    assert a.status == LeaderAssignment.Status.ACTIVE and a.leader == w.leader
    with pytest.raises(GuardFailed, match="已有包案领导"):
        leader_assign(case_id=accepted.pk, actor=w.supervisor,
                      params={"leader": w.city_leader.pk, "plan": "x"})
    with pytest.raises(GuardFailed, match="仍在办理中"):
        leader_transition(assignment_id=a.pk, action=LeaderAction.RELEASE, actor=w.leader,
                          params={"result": "x"})
    act(county, accepted, CaseAction.ANSWER)
    a = leader_transition(assignment_id=a.pk, action=LeaderAction.RELEASE, actor=w.leader,
                          params={"result": "问题已解决，信访人息诉"})
    assert a.status == LeaderAssignment.Status.RELEASED
    with pytest.raises(IllegalTransition):
        leader_transition(assignment_id=a.pk, action=LeaderAction.RELEASE, actor=w.leader,
                          params={"result": "x"})
    assert len(LEADER_TABLE) == 2


@pytest.mark.django_db
def test_leader_must_have_jurisdiction(w, other_county, accepted):
    from xinfang.orgs.models import Role
    from xinfang.orgs.services import staff_create

    stranger = staff_create(username="bx_ld", unit=other_county.county, roles=[Role.LEADER])
    with pytest.raises(GuardFailed, match="不能管辖"):
        leader_assign(case_id=accepted.pk, actor=w.supervisor,
                      params={"leader": stranger.pk, "plan": "x"})


def rec(w, county, kind, target, case=None):
    return recommendation_issue(actor=w.supervisor, case_id=case.pk if case else None, params={
        "kind": kind, "target_unit": target.pk, "findings": "转送后多次退回，职责不清",
        "suggestion": "明确物业维修类事项的主管责任"})


@pytest.mark.django_db
def test_recommendation_letter_answer_and_close(w, county, accepted):
    r = rec(w, county, "improve", county.housing, accepted)
    assert r.status == Recommendation.Status.ISSUED and r.number.endswith("建〔2026〕1号")
    text = docx_text(r.letter_file.read())
    assert "第四十条第一款" in text and "书面反馈" in text and county.housing.name in text
    r = recommendation_transition(recommendation_id=r.pk, action=RecAction.ANSWER,
                                  actor=county.user(county.housing, "approver"),
                                  params={"adoption": "adopted", "answer_text": "已建立台账"})
    assert r.status == Recommendation.Status.ANSWERED and r.adoption == "adopted"
    r = recommendation_transition(recommendation_id=r.pk, action=RecAction.CLOSE,
                                  actor=w.supervisor, params={})
    assert r.status == Recommendation.Status.CLOSED
    forbidden = [(t.action, s) for t in REC_TABLE.values() if t.sources
                 for s in Recommendation.Status if s not in t.sources]
    for action, status in forbidden:
        Recommendation.objects.filter(pk=r.pk).update(status=status)  # test set-up only
        with pytest.raises(IllegalTransition):
            recommendation_transition(recommendation_id=r.pk, action=action, actor=w.supervisor)
    assert len(forbidden) == 6


@pytest.mark.django_db
def test_recommendation_rules(w, county):
    with pytest.raises(GuardFailed, match="本级党委和政府"):
        rec(w, county, "policy", county.housing)
    assert rec(w, county, "policy", county.county).kind == "policy"
    with pytest.raises(PermissionDenied):  # Art. 40: only petition bureaus issue them
        recommendation_issue(actor=w.leader, params={})
    r = rec(w, county, "accountability", county.discipline)
    with pytest.raises(Recommendation.DoesNotExist):  # another unit does not even see it
        recommendation_transition(recommendation_id=r.pk, action=RecAction.ANSWER,
                                  actor=county.user(county.housing, "approver"),
                                  params={"adoption": "adopted", "answer_text": "x"})
    with later(40):
        escalate_overdue()
    r.refresh_from_db()
    assert r.escalation_level == 2 and r.watch_unit == county.city


@pytest.mark.django_db
def test_a_late_bureau_is_pressed_by_its_government_and_objection_periods_are_no_duty(county):
    case = drive_to(county, Status.TRANSFERRED)
    late_intake = drive_to(county, Status.REGISTERED)
    with later(40):
        deadline_scan()
        escalate_overdue()
    order = SupervisionOrder.objects.get(case=late_intake)
    assert (order.issuing_unit, order.target_unit) == (county.county, county.bureau)
    kinds = set(SupervisionOrder.objects.filter(case=case).values_list("deadline__kind",
                                                                       flat=True))
    assert kinds == {K.ACCEPTANCE_NOTICE}

