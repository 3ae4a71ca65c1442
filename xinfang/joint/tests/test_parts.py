"""Joint handling (双交办, lead and co-handling units): every allowed and forbidden step of a part
with its article, the case shared to each unit (never the accused one, Art. 30), the one answer by
the lead waiting for every part (Art. 32, 34), and the overdue escalation (Art. 40)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from xinfang.cases.models import Case, CaseAccess, CaseEvent, Purpose
from xinfang.cases.scenarios import act, drive_to
from xinfang.cases.states import Action as CaseAction
from xinfang.cases.states import Status
from xinfang.cases.workflow import case_transition
from xinfang.core import clock
from xinfang.core.errors import (
    ConfidentialityViolation,
    GuardFailed,
    IllegalTransition,
    InvalidParams,
    PermissionDenied,
)
from xinfang.deadlines.models import Deadline
from xinfang.deadlines.rules import DeadlineKind
from xinfang.joint.models import JointPart
from xinfang.joint.selectors import summary
from xinfang.joint.states import PartAction as A
from xinfang.joint.states import PartStatus as S
from xinfang.joint.workflow import part_sweep
from xinfang.notifications.models import Notification
from xinfang.orgs.models import Role

from .conftest import REPORT, TASK, accepted, give, lead, step

# ---- giving a unit its part (分工交办) -------------------------------------------------------------


@override_settings(XINFANG_JOINT_REPORT_DAYS_BEFORE=10)
def test_art5_the_lead_gives_a_part_inside_the_case_deadline_and_shares_the_case(county):
    case = accepted(county)
    handling = Deadline.objects.get(case=case, kind=DeadlineKind.HANDLING)
    assert not CaseAccess.objects.filter(case=case, unit=county.township).exists()
    part = give(county, case, county.township, kind="territorial")
    assert (part.status, part.unit, part.kind, part.task) == (S.ASSIGNED, county.township,
                                                               "territorial", TASK)
    assert part.due_on == handling.due_on - dt.timedelta(days=10)  # the setting, not by hand
    assert part.assigned_by_unit == county.housing
    # the township reads the case through the case's own share step, on the timeline
    assert CaseAccess.objects.filter(case=case, unit=county.township).exists()
    assert CaseEvent.objects.filter(case=case, action="share").exists()
    event = CaseEvent.objects.get(case=case, type="joint.step")
    assert (event.action, event.new_value, event.note) == ("assign", "assigned", TASK)
    assert event.data["unit"] == county.township.name
    assert Notification.objects.filter(user__unit=county.township,
                                       subject__contains=case.number).exists()
    assert county.township.name in event.text and "属地单位" in event.text


def test_art5_an_earlier_deadline_may_be_given_a_later_one_is_refused(county):
    case = accepted(county)
    due = Deadline.objects.get(case=case, kind=DeadlineKind.HANDLING).due_on
    part = give(county, case, county.township, due_on=(clock.today() + dt.timedelta(days=5)).isoformat())
    assert part.due_on == clock.today() + dt.timedelta(days=5)
    with pytest.raises(GuardFailed, match="第34条"):
        give(county, case, county.political_legal, due_on=(due + dt.timedelta(days=1)).isoformat())
    with pytest.raises(InvalidParams, match="报告时限"):
        give(county, case, county.political_legal,
             due_on=(clock.today() - dt.timedelta(days=1)).isoformat())
    with pytest.raises(InvalidParams, match="分工内容"):
        give(county, case, county.political_legal, task="")
    assert JointPart.objects.filter(case=case).count() == 1


def test_art5_the_assigning_bureau_makes_a_dual_assignment_before_acceptance(county):
    """双交办: the bureau assigns the case to housing and gives the township (属地) and housing
    (行业主管部门) each its part, while the case is 已交办."""
    case = drive_to(county, Status.ASSIGNED)
    bureau = county.user(county.bureau, Role.REGISTRAR)
    territorial = give(county, case, county.township, kind="territorial", actor=bureau)
    industry = give(county, case, county.housing, kind="industry", actor=bureau)
    assert territorial.assigned_by_unit == industry.assigned_by_unit == county.bureau
    # the assignment's own report clock (Art. 22 (3)) bounds the parts before acceptance
    due = Deadline.objects.get(case=case, kind=DeadlineKind.ASSIGNMENT).due_on
    assert territorial.due_on <= due
    # the lead's own part needs no share: it holds the case
    assert not CaseEvent.objects.filter(case=case, action="share",
                                        data__unit=county.housing.pk).exists()


def test_art30_the_accused_unit_is_never_given_a_part(county):
    case = accepted(county, purpose=Purpose.ACCUSATION, accused_unit=county.township)
    with pytest.raises(ConfidentialityViolation, match="第30条"):
        give(county, case, county.township)
    with pytest.raises(ConfidentialityViolation, match="第30条"):  # nor a unit below it
        give(county, case, county.village)
    assert not JointPart.objects.exists()
    assert not CaseAccess.objects.filter(case=case, unit=county.township).exists()
    give(county, case, county.political_legal)  # another unit may


def test_art5_one_open_part_per_unit(county):
    case = accepted(county)
    part = give(county, case, county.township)
    with pytest.raises(GuardFailed, match="已有未完成的分工"):
        give(county, case, county.township)
    step(part, A.CANCEL, lead(county), reason="不属于该单位职责")
    give(county, case, county.township)  # after cancelling, it may be given again


@pytest.mark.parametrize("status", [Status.REGISTERED, Status.ANSWERED, Status.NOT_ACCEPTED])
def test_art5_parts_only_while_the_case_is_handled(county, status):
    case = drive_to(county, status)
    holder = county.user(case.holding_unit, Role.HANDLER)
    with pytest.raises(GuardFailed, match="分工联合办理"):
        give(county, case, county.township, actor=holder)


def test_art5_who_may_give_parts(county, other_county):
    case = accepted(county)
    with pytest.raises(PermissionDenied):  # the county government sees the case, is not the lead
        give(county, case, county.township, actor=county.user(county.county, Role.APPROVER))
    part = give(county, case, county.township)
    with pytest.raises(PermissionDenied):  # a co-handler does not hand out work
        give(county, case, county.political_legal, actor=county.user(county.township, Role.APPROVER))
    with pytest.raises(Case.DoesNotExist):  # another county does not even see it
        give(county, case, county.political_legal,
             actor=other_county.user(other_county.bureau, Role.REGISTRAR))
    with pytest.raises(GuardFailed, match="管辖范围"):  # a unit of another county
        give(county, case, other_county.township)
    assert JointPart.objects.filter(case=case).get() == part


# ---- reporting, adopting, returning, cancelling -------------------------------------------------

def test_art28_the_unit_reports_and_the_lead_adopts(county):
    case = accepted(county)
    part = give(county, case, county.township)
    with pytest.raises(PermissionDenied):  # the lead does not report for the township
        step(part, A.REPORT, lead(county), **REPORT)
    with pytest.raises(InvalidParams):
        step(part, A.REPORT, county.user(county.township, Role.HANDLER), report="")
    part = step(part, A.REPORT, county.user(county.township, Role.HANDLER), **REPORT)
    assert (part.status, part.report, part.contribution) == (S.REPORTED, REPORT["report"],
                                                             REPORT["contribution"])
    assert part.reported_at is not None
    assert Notification.objects.filter(user__unit=county.housing, subject__contains="已报告").exists()
    with pytest.raises(PermissionDenied):  # the township does not adopt its own report
        step(part, A.ADOPT, county.user(county.township, Role.APPROVER))
    part = step(part, A.ADOPT, lead(county), note="采纳")
    assert part.status == S.ADOPTED and part.adopted_at is not None
    actions = list(CaseEvent.objects.filter(case=case, type="joint.step").order_by("pk")
                   .values_list("action", "old_value", "new_value"))
    assert actions == [("assign", "", "assigned"), ("report", "assigned", "reported"),
                       ("adopt", "reported", "adopted")]


def test_art28_the_lead_returns_a_report_with_reasons(county):
    case = accepted(county)
    part = give(county, case, county.township)
    doer = county.user(county.township, Role.HANDLER)
    step(part, A.REPORT, doer, **REPORT)
    with pytest.raises(InvalidParams, match="理由"):
        step(part, A.RETURN, lead(county), reason="")
    part = step(part, A.RETURN, lead(county, Role.HANDLER), reason="未附维修验收记录")
    assert (part.status, part.returned) == (S.ASSIGNED, 1)
    assert CaseEvent.objects.filter(case=case, type="joint.step", action="return",
                                    note="未附维修验收记录").exists()
    assert step(part, A.REPORT, doer, **REPORT).status == S.REPORTED


def test_art5_only_the_head_cancels_a_part(county):
    case = accepted(county)
    part = give(county, case, county.township)
    with pytest.raises(PermissionDenied):
        step(part, A.CANCEL, lead(county, Role.HANDLER), reason="分工有误")
    assert step(part, A.CANCEL, county.user(county.bureau, Role.APPROVER),  # the sending bureau
                reason="分工有误").status == S.CANCELLED


@pytest.mark.parametrize(("status", "action"), [
    (S.ASSIGNED, A.ADOPT), (S.ASSIGNED, A.RETURN), (S.REPORTED, A.REPORT),
    (S.REPORTED, A.CANCEL), (S.ADOPTED, A.REPORT), (S.ADOPTED, A.RETURN), (S.ADOPTED, A.CANCEL),
    (S.CANCELLED, A.REPORT), (S.CANCELLED, A.ADOPT)])
def test_forbidden_steps_change_nothing(county, status, action):
    case = accepted(county)
    part = give(county, case, county.township)
    doer = county.user(county.township, Role.HANDLER)
    if status in (S.REPORTED, S.ADOPTED):
        step(part, A.REPORT, doer, **REPORT)
    if status == S.ADOPTED:
        step(part, A.ADOPT, lead(county))
    if status == S.CANCELLED:
        step(part, A.CANCEL, lead(county), reason="分工有误")
    before = CaseEvent.objects.count()
    actor = doer if action == A.REPORT else lead(county)
    with pytest.raises(IllegalTransition):
        step(part, action, actor, **REPORT, reason="x")
    part.refresh_from_db()
    assert part.status == status and CaseEvent.objects.count() == before


# ---- one answer, by the lead (Art. 32, 34) --------------------------------------------------------

def test_art32_the_answer_waits_for_every_part_and_only_the_lead_answers(county):
    case = accepted(county)
    township = give(county, case, county.township)
    legal = give(county, case, county.political_legal)
    with pytest.raises(GuardFailed, match="统一答复") as refused:
        act(county, case, CaseAction.ANSWER)
    assert county.township.name in str(refused.value) and county.political_legal.name in str(
        refused.value)
    step(township, A.REPORT, county.user(county.township, Role.HANDLER), **REPORT)
    with pytest.raises(GuardFailed, match="统一答复"):  # reported, not yet adopted
        act(county, Case.objects.get(pk=case.pk), CaseAction.ANSWER)
    step(township, A.ADOPT, lead(county))
    step(legal, A.CANCEL, lead(county), reason="不涉及政法委职责")
    with pytest.raises(PermissionDenied):  # a co-handler never issues the opinion
        case_transition(case_id=case.pk, action=CaseAction.ANSWER,
                        actor=county.user(county.township, Role.APPROVER),
                        params={"outcome": "support", "text": "x", "legal_basis": "y"})
    answered = act(county, Case.objects.get(pk=case.pk), CaseAction.ANSWER)
    assert answered.status == Status.ANSWERED
    assert answered.documents.filter(kind="opinion").count() == 1  # one answer


def test_art31_the_duty_answer_waits_too(county):
    case = drive_to(county, Status.DUTY)
    give(county, case, county.township, actor=county.user(case.holding_unit, Role.HANDLER))
    with pytest.raises(GuardFailed, match="统一答复"):
        act(county, case, CaseAction.DISCHARGE)


def test_a_case_without_parts_is_answered_as_before(county):
    case = accepted(county)
    assert act(county, case, CaseAction.ANSWER).status == Status.ANSWERED


# ---- overdue: escalated once (Art. 40) ------------------------------------------------------------

def test_art40_an_overdue_part_is_escalated_once_to_the_assigning_bureau(county):
    case = accepted(county)
    part = give(county, case, county.township,
                due_on=(clock.today() + dt.timedelta(days=2)).isoformat())
    assert part_sweep().escalated == 0  # not yet due
    with clock.frozen(clock.now() + dt.timedelta(days=3)):
        assert part_sweep().escalated == 1
        assert part_sweep().escalated == 0  # idempotent
        part.refresh_from_db()
        assert part.status == S.OVERDUE and part.escalated_at is not None
        assert Notification.objects.filter(user__unit=county.bureau,
                                           subject__contains="逾期").exists()
        event = CaseEvent.objects.get(case=case, type="joint.step", action="flag_overdue")
        assert event.actor is None and event.data["to"] == county.bureau.name
        assert summary(county.user(county.bureau, Role.APPROVER))["overdue"] == 1
        doer = county.user(county.township, Role.HANDLER)
        part = step(part, A.REPORT, doer, **REPORT)  # late, still reported
        assert CaseEvent.objects.get(case=case, type="joint.step", action="report").data["late"]
        step(part, A.RETURN, lead(county), reason="请补充")
        assert part_sweep().escalated == 0  # returned after escalation: not escalated again
    with pytest.raises(PermissionDenied):  # nobody flags by hand
        step(part, A.FLAG_OVERDUE, county.user(county.bureau, Role.APPROVER))


def test_summary_counts_matters_overdue_and_days_to_report(county):
    case = accepted(county)
    with clock.frozen(clock.now() - dt.timedelta(days=4)):
        a = give(county, case, county.township)
        b = give(county, case, county.political_legal)
    step(a, A.REPORT, county.user(county.township, Role.HANDLER), **REPORT)
    figures = summary(county.user(county.housing, Role.APPROVER))
    # two parts on one case; one reported 4 days after it was given (the frozen clock's offset)
    assert (figures["matters"], figures["parts"], figures["reported"]) == (1, 2, 1)
    assert figures["avg_days"] == pytest.approx(4.0, abs=0.1)
    step(b, A.CANCEL, lead(county), reason="分工有误")
    assert summary(county.user(county.housing, Role.APPROVER))["parts"] == 1
