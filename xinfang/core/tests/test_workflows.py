"""Every workflow on the one engine: sound tables, current drawings, every forbidden pair refused.

The per-app tests walk the allowed pairs with real actors and parameters; here, for every declared
workflow, one record is put in each of its statuses and every step that is not allowed from that
status must raise IllegalTransition and change nothing (status, events of every kind).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from xinfang.cases.models import Case, CaseEvent, Satisfaction
from xinfang.cases.scenarios import County, drive_to
from xinfang.cases.states import Status as CaseStatus
from xinfang.core import clock
from xinfang.core import workflow as engine
from xinfang.core.diagram import DRAWINGS, all_workflows
from xinfang.core.errors import IllegalTransition
from xinfang.deliberation.models import TopicEvent
from xinfang.institutions.models import MeetingEvent
from xinfang.reception.models import ReceptionEvent
from xinfang.resolution.models import ResolutionEvent
from xinfang.riskreview.models import DecisionCheck, DecisionEvent
from xinfang.servicepoints.models import ConsultEvent, NeedEvent
from xinfang.suggestions.models import SuggestionEvent
from xinfang.warning.models import WarningEvent
from xinfang.whistle.models import WhistleEvent, WhistleReport

WORKFLOWS = all_workflows()


def test_every_module_declares_its_workflows():
    assert set(WORKFLOWS) == {"case", "mediation", "hearing", "order", "leader",
                              "recommendation", "followup", "warning", "suggestion", "whistle",
                              "major_decision", "urgent_report", "urgent_receipt",
                              "reception_session", "reception_booking", "deliberation",
                              "meeting", "decision", "dispute", "need", "consult",
                              "lawyer_opinion", "committee_referral", "joint_part",
                              "sitting_booking", "fast_track"}


@pytest.mark.parametrize("name", sorted(WORKFLOWS))
def test_every_row_is_sound(name):
    """Each step cites its basis, has a form, a known scope, registered guards, someone to take
    it, and leads between statuses of its own model."""
    wf = WORKFLOWS[name]
    statuses = set(wf.statuses.values)
    choices = wf.model._meta.get_field(wf.status_field).choices
    assert {value for value, _label in choices} == statuses  # the model stores these statuses
    for t in wf.table.values():
        assert t.doc and t.roles, t.action
        assert t.action in wf.forms and t.scope in wf.scopes, t.action
        assert all(g in wf.guards for g in t.guards), (t.action, t.guards)
        assert t.sources <= statuses and set(t.targets) <= statuses, t.action
        assert t.target is not engine.RESTORE or wf.previous_status is not None
        if t.notice:
            assert wf.notice_issuer is not None, t.action


def test_every_workflow_is_drawn_once():
    drawn = [name for d in DRAWINGS for name in d.workflows]
    assert sorted(drawn) == sorted(WORKFLOWS)


@pytest.mark.parametrize("drawing", DRAWINGS, ids=[d.path for d in DRAWINGS])
def test_drawing_is_current(drawing):
    assert drawing.updated() == drawing.current_text(), (
        f"{drawing.path} is stale: run `python manage.py draw_workflows`")


# ---- one record of each workflow ------------------------------------------------------------------

def _world(county: County) -> Any:
    from xinfang.resolution.tests.conftest import build_world

    return build_world(county)


def _case(county: County) -> Any:
    return drive_to(county, CaseStatus.REGISTERED)


def _mediation(county: County) -> Any:
    from xinfang.resolution.mediation import mediation_refer

    w, case = _world(county), drive_to(county, CaseStatus.ACCEPTED)
    return mediation_refer(case_id=case.pk, actor=w.handler(case), params={
        "organisation": w.org.pk, "parties": "张三\n某物业公司", "note": "双方均有调解意愿"})


def _hearing(county: County) -> Any:
    from xinfang.resolution.hearings import hearing_schedule
    from xinfang.resolution.tests.conftest import at

    w, case = _world(county), drive_to(county, CaseStatus.ACCEPTED)
    return hearing_schedule(case_id=case.pk, actor=w.approver(case), params={
        "reason": "事实争议较大", "place": "信访听证室",
        "scheduled_for": at(clock.today() + dt.timedelta(days=7), 14).isoformat()})


def _order(county: County) -> Any:
    from xinfang.resolution.supervision import order_issue

    w, case = _world(county), drive_to(county, CaseStatus.ACCEPTED)
    return order_issue(case_id=case.pk, actor=w.supervisor, params={
        "kind": "duban", "instructions": "请于期限内办结并回复", "days": 15})


def _leader(county: County) -> Any:
    from xinfang.resolution.supervision import leader_assign

    w, case = _world(county), drive_to(county, CaseStatus.ACCEPTED)
    return leader_assign(case_id=case.pk, actor=w.supervisor,
                         params={"leader": w.leader.pk, "plan": "召集住建、街道联合化解"})


def _recommendation(county: County) -> Any:
    from xinfang.resolution.supervision import recommendation_issue

    w = _world(county)
    return recommendation_issue(actor=w.supervisor, params={
        "kind": "improve", "target_unit": county.housing.pk, "findings": "转送后多次退回",
        "suggestion": "明确物业维修类事项的主管责任"})


def _followup(county: County) -> Any:
    from xinfang.resolution.models import FollowUp
    from xinfang.resolution.satisfaction import bureau_rate

    case = drive_to(county, CaseStatus.ANSWERED)
    bureau_rate(case_id=case.pk, actor=county.user(county.bureau, "registrar"),
                params={"satisfaction": Satisfaction.UNSATISFIED, "comment": "不满意"})
    return FollowUp.objects.get(case=case)


def _warning(county: County) -> Any:
    from xinfang.warning.tests.helpers import make_warning

    return make_warning(county)


def _suggestion(county: County) -> Any:
    from xinfang.suggestions.tests.helpers import enter

    return enter(county)


def _whistle(county: County) -> Any:
    from xinfang.whistle.tests.helpers import raise_whistle

    return raise_whistle(county)


def _deliberation(county: County) -> Any:
    from xinfang.deliberation.tests.helpers import new_topic

    return new_topic(county)


def _need(county: County) -> Any:
    from xinfang.servicepoints.tests.helpers import point, record

    point(county, village=False)  # the township's point: a referral's guard passes where allowed
    return record(county)


def _consult(county: County) -> Any:
    from xinfang.servicepoints.tests.helpers import receive

    return receive(county)


def _sitting_booking(county: County) -> Any:
    from xinfang.servicepoints.tests.helpers import book_sitting

    return book_sitting(county).booking
def _decision(county: County) -> Any:
    from xinfang.riskreview.tests.helpers import register_decision

    return register_decision(county)


def _urgent_report(county: County) -> Any:
    from xinfang.institutions.tests.conftest import REPORT
    from xinfang.institutions.workflow import urgent_report

    return urgent_report(case_id=_case(county).pk, actor=county.user(county.bureau, "registrar"),
                         params=dict(REPORT))


def _urgent_receipt(county: County) -> Any:
    return _urgent_report(county).receipts.first()


def _reception_session(county: County) -> Any:
    from xinfang.reception.tests.helpers import schedule

    return schedule(county)


def _reception_booking(county: County) -> Any:
    from xinfang.reception.tests.helpers import book, schedule

    return book(schedule(county)).booking


def _meeting(county: County) -> Any:
    from xinfang.institutions.tests.conftest import plan_meeting

    return plan_meeting(county)


def _conference_decision(county: County) -> Any:
    from xinfang.institutions.tests.conftest import assign_decision

    return assign_decision(county)


def _dispute(county: County) -> Any:
    from xinfang.institutions.tests.conftest import raise_dispute

    return raise_dispute(county)


def _lawyer_opinion(county: County) -> Any:
    from xinfang.reviewboard.tests.helpers import ask, review_case

    return ask(county, review_case(county))


def _committee_referral(county: County) -> Any:
    from xinfang.reviewboard.tests.helpers import refer, review_case

    return refer(county, review_case(county))


def _joint_part(county: County) -> Any:
    from xinfang.joint.tests.conftest import accepted, give

    return give(county, accepted(county), county.township)


def _fast_track(county: County) -> Any:
    from xinfang.xborder.tests.helpers import hk_case

    return hk_case(county).fast_track


RECORD: dict[str, Callable[[County], Any]] = {
    "case": _case, "mediation": _mediation, "hearing": _hearing, "order": _order,
    "leader": _leader, "recommendation": _recommendation, "followup": _followup,
    "warning": _warning, "suggestion": _suggestion, "whistle": _whistle, "major_decision": _decision,
    "need": _need, "consult": _consult, "sitting_booking": _sitting_booking,
    "urgent_report": _urgent_report, "urgent_receipt": _urgent_receipt,
    "reception_session": _reception_session, "reception_booking": _reception_booking,
    "deliberation": _deliberation,
    "meeting": _meeting, "decision": _conference_decision, "dispute": _dispute,
    "lawyer_opinion": _lawyer_opinion, "committee_referral": _committee_referral,
    "joint_part": _joint_part,
    "fast_track": _fast_track,
}


def _counts() -> tuple[int, ...]:
    return (CaseEvent.objects.count(), ResolutionEvent.objects.count(),
            WarningEvent.objects.count(), SuggestionEvent.objects.count(),
            WhistleEvent.objects.count(), DecisionEvent.objects.count(),
            DecisionCheck.objects.count(), ReceptionEvent.objects.count(),
            TopicEvent.objects.count(), MeetingEvent.objects.count(),
            NeedEvent.objects.count(), ConsultEvent.objects.count(),
            Case.objects.count(), *WhistleReport.objects.order_by("pk").values_list(
                "status", flat=True))


@pytest.mark.parametrize("name", sorted(WORKFLOWS))
def test_every_forbidden_pair_raises_and_changes_nothing(county, name):
    """For each status, every step not allowed from it (creating steps: from any status) raises
    IllegalTransition, whoever asks, and leaves the status and every timeline as they were."""
    wf = WORKFLOWS[name]
    record = RECORD[name](county)
    model, field = wf.model, wf.status_field
    checked = []
    for status in wf.statuses:
        model.objects.filter(pk=record.pk).update(**{field: status})  # test set-up only
        for t in wf.table.values():
            if status in t.sources:
                continue
            before = _counts()
            with pytest.raises(IllegalTransition):
                engine.transition(wf, record_id=record.pk, action=t.action,
                                  actor=engine.SYSTEM_ACTOR)
            assert getattr(model.objects.get(pk=record.pk), field) == status, (t.action, status)
            assert _counts() == before, (t.action, status)
            checked.append((t.action, status))
    expected = sum(1 for s in wf.statuses for t in wf.table.values() if s not in t.sources)
    assert len(checked) == expected > 0


def test_unknown_action_is_refused_in_every_workflow(county):
    record = RECORD["warning"](county)
    for wf in WORKFLOWS.values():
        with pytest.raises(IllegalTransition, match="未知的操作"):
            engine.transition(wf, record_id=record.pk, action="no_such_step",
                              actor=engine.SYSTEM_ACTOR)


# ---- one actor model ---------------------------------------------------------------------------

def test_the_system_actor_takes_only_system_steps_and_no_person_takes_them(county):
    """Art. 43 escalation is the system's; replying to a 督办 (Art. 40) is a person's."""
    from xinfang.core.errors import PermissionDenied
    from xinfang.resolution.models import SupervisionOrder
    from xinfang.resolution.supervision import OrderAction, order_transition

    order = RECORD["order"](county)
    supervisor = order.issued_by  # the county bureau's supervisor
    with pytest.raises(PermissionDenied, match="由系统自动执行"):
        order_transition(order_id=order.pk, action=OrderAction.ESCALATE, actor=supervisor)
    for system in (engine.SYSTEM_ACTOR, None):  # None: the old spelling of the system actor
        with pytest.raises(PermissionDenied, match="系统不能自动执行"):
            order_transition(order_id=order.pk, action=OrderAction.REPLY, actor=system,
                             params={"reply_text": "已办理"})
    assert SupervisionOrder.objects.get(pk=order.pk).status == SupervisionOrder.Status.OPEN
    assert [t.action for t in WORKFLOWS["order"].available(engine.SYSTEM_ACTOR, order)] == [
        OrderAction.ESCALATE]


@pytest.mark.parametrize("name", ["case", "order", "warning"])
def test_a_superuser_without_a_role_takes_no_step(county, name):
    """One rule everywhere (the case rule): a superuser sees every record, acts only with a role."""
    from xinfang.orgs.models import User

    record = RECORD[name](county)
    root = User.objects.create_superuser(f"root_{name}", password="x", unit=county.bureau)
    wf = WORKFLOWS[name]
    assert wf.visible(root).filter(pk=record.pk).exists()
    assert wf.available(root, record) == []
