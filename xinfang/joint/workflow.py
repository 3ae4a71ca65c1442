"""Joint handling (双交办, 牵头与配合办理) on the one engine, and the case's one answer.

`PARTS` (parent: the case): the lead unit (the unit holding the case) or the bureau that sent it
there gives each unit its part (分工) with what it must do and a deadline inside the case's own;
the unit reports what it did and what the answer should say; the lead adopts it or returns it with
reasons; the daily job flags a part not reported in time and escalates it, once, to the bureau that
assigned the case (Art. 40). A unit given a part reads the case through the case's own `share` step
(never the accused unit of an accusation, Art. 30: refused before anything is written). The case
guard `joint_parts_adopted` (registered here, named in the case table on 出具处理意见 and 记录履职情况或答复)
refuses the answer while a part is owed: one answer, by the lead, to the petitioner (Art. 32, 34).
Every step is a `joint.step` entry on the case timeline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from xinfang.cases.events import record_event
from xinfang.cases.guards import guard
from xinfang.cases.models import Case, CaseAccess
from xinfang.cases.states import Action as CaseAction
from xinfang.cases.states import Status as CaseStatus
from xinfang.cases.workflow import CASES, case_transition
from xinfang.core import clock
from xinfang.core import workflow as engine
from xinfang.core.conf import get
from xinfang.core.errors import ConfidentialityViolation, GuardFailed, IllegalTransition
from xinfang.core.workflow import SYSTEM_ACTOR, state_guard
from xinfang.notifications.services import notify_unit
from xinfang.orgs.models import Role

from .forms import PART_FORMS
from .models import JointPart
from .selectors import answer_due, open_parts, part_roots, visible_parts
from .states import (
    ANY,
    ASSIGNER,
    LEAD,
    PART_TRANSITIONS,
    PART_UNIT,
    PartAction,
    PartKind,
    PartStatus,
)

EVENT_TYPE = "joint.step"
#: the case statuses in which the work is shared: sent or assigned to the lead, or in its hands
HANDLING = frozenset({CaseStatus.TRANSFERRED, CaseStatus.ASSIGNED, CaseStatus.ACCEPTED,
                      CaseStatus.DUTY})


# ---- the case's one answer (a guard of the case table, registered in its registry) ----------------

@guard
@state_guard
def joint_parts_adopted(case: Case, _actor: Any, _params: dict[str, Any], _action: Any) -> None:
    """Art. 32, 34: one answer to the petitioner, by the lead, once every unit's part is in and
    adopted (a part reported is adopted or returned first; a wrong one is cancelled)."""
    owed = list(open_parts(case).select_related("unit").order_by("pk"))
    if owed:
        raise GuardFailed(
            _("联合办理：%(units)s的分工尚未报告或尚未采纳；各单位办理情况采纳后，由牵头单位统一答复信访人"
              "（第32条、第34条）") % {"units": "、".join(p.unit.name for p in owed)})


# ---- scopes -------------------------------------------------------------------------------------

def _assigner(actor: Any, part: JointPart | None, case: Case | None) -> bool:
    """Staff of the lead (the unit holding the case) or of the bureau that sent it there."""
    case = part.case if part is not None else case
    return (case is not None and actor.unit_id is not None
            and actor.unit_id in {case.holding_unit_id, case.sending_unit_id})


def _lead(actor: Any, part: JointPart | None, _parent: Any) -> bool:
    """Staff of the lead unit, the one holding the case (it answers the petitioner)."""
    return (part is not None and actor.unit_id is not None
            and actor.unit_id == part.case.holding_unit_id)


def _part_unit(actor: Any, part: JointPart | None, _parent: Any) -> bool:
    """Staff of the unit the part is given to: it reports for itself only."""
    return part is not None and actor.unit_id is not None and actor.unit_id == part.unit_id


def _any(_actor: Any, _record: Any, _parent: Any) -> bool:
    return True


# ---- guards -------------------------------------------------------------------------------------

@state_guard
def case_in_handling(case: Case, _actor: Any, _params: dict[str, Any], _action: Any) -> None:
    """The work is shared while the case is being handled (sent, assigned, accepted or taken up),
    before its answer."""
    if case.status not in HANDLING:
        raise GuardFailed(_("只有已转送、已交办、办理中或依法履行职责中的信访件可以分工联合办理"))


def unit_may_handle(case: Case, actor: Any, params: dict[str, Any], _action: Any) -> None:
    """Art. 30: never the accused unit (or a unit below it); the unit lies within the reach of the
    one assigning or of the bureau that sent the case (属地管理、分级负责, Art. 5 (3))."""
    unit = params["unit"]
    if case.closed_to(unit):
        raise ConfidentialityViolation(
            _("第30条：本件是检举控告，%(unit)s是被检举、揭发的单位（或其下属单位），不能承担分工") % {
                "unit": unit.name})
    roots = part_roots(actor.unit, case)
    if unit.pk != case.holding_unit_id and not any(unit.is_within(r) for r in roots):
        raise GuardFailed(_("%(unit)s不在本单位或交办单位的管辖范围内：请由共同的信访部门分工") % {
            "unit": unit.name})


def no_open_part(case: Case, _actor: Any, params: dict[str, Any], _action: Any) -> None:
    """One open part per unit and case: change it by returning or cancelling it."""
    if open_parts(case).filter(unit=params["unit"]).exists():
        raise GuardFailed(_("%(unit)s在本件已有未完成的分工") % {"unit": params["unit"].name})


def within_case_deadline(case: Case, _actor: Any, params: dict[str, Any], _action: Any) -> None:
    """Art. 34 (60 days) is the case's; a part's deadline lies inside it, by default the configured
    number of days before it (never before today)."""
    due = answer_due(case)
    if params.get("due_on") is None:
        if due is None:
            raise GuardFailed(_("本件没有正在计算的办理期限，请填写报告时限"))
        params["due_on"] = max(clock.today(),
                               due - dt.timedelta(days=get("XINFANG_JOINT_REPORT_DAYS_BEFORE")))
    elif due is not None and params["due_on"] > max(due, clock.today()):  # a late case: today
        raise GuardFailed(_("报告时限不能晚于本件的办理期限%(due)s（第34条）") % {"due": f"{due:%Y-%m-%d}"})


# ---- effects ------------------------------------------------------------------------------------

def _assign(case: Case, actor: Any, p: dict[str, Any]) -> JointPart:
    return JointPart.objects.create(
        case=case, unit=p["unit"], kind=p["kind"], task=p["task"], due_on=p["due_on"],
        assigned_by_unit=actor.unit, assigned_by=engine.staff_user(actor), assigned_at=clock.now())


def _after_assign(part: JointPart, actor: Any, _p: dict[str, Any]) -> dict[str, Any]:
    """The unit reads the case through the case's own `share` step, and is told."""
    case = part.case
    if (part.unit_id != case.holding_unit_id
            and not CaseAccess.objects.filter(case=case, unit=part.unit).exists()):
        case_transition(case_id=case.pk, action=CaseAction.SHARE, actor=actor, params={
            "unit": part.unit_id, "reason": _("联合办理：%(kind)s分工") % {"kind": part.get_kind_display()}})
    notify_unit(unit=part.unit, case=case, roles=[Role.HANDLER, Role.APPROVER],
                subject=_("【联合办理】%(number)s 请报告办理情况") % {"number": case.number},
                body=_("%(lead)s牵头办理信访件%(number)s，本单位承担的分工：%(task)s。请于%(due)s前在平台"
                       "“联合办理”页面报告办理情况。") % {
                    "lead": case.holding_unit.name, "number": case.number, "task": part.task,
                    "due": f"{part.due_on:%Y-%m-%d}"})
    return {"unit": part.unit.name, "kind": part.kind, "due_on": part.due_on.isoformat(),
            "note": part.task}


def _report(part: JointPart, _actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    part.report, part.contribution = p["report"], p.get("contribution") or ""
    part.reported_at = clock.now()
    case = part.case
    notify_unit(unit=case.holding_unit, case=case, roles=[Role.HANDLER, Role.APPROVER],
                subject=_("【联合办理】%(unit)s已报告 %(number)s") % {"unit": part.unit.name,
                                                               "number": case.number},
                body=_("%(unit)s已报告信访件%(number)s分工的办理情况，请采纳或退回补充。") % {
                    "unit": part.unit.name, "number": case.number})
    return {"unit": part.unit.name, "late": clock.today() > part.due_on, "note": p["report"]}


def _adopt(part: JointPart, _actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    part.adopted_at = clock.now()
    return {"unit": part.unit.name, "note": p.get("note") or ""}


def _return(part: JointPart, _actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    part.returned += 1
    notify_unit(unit=part.unit, case=part.case, roles=[Role.HANDLER, Role.APPROVER],
                subject=_("【联合办理】分工办理情况被退回 %(number)s") % {"number": part.case.number},
                body=_("办理情况被退回补充：%(reason)s。请于%(due)s前重新报告。") % {
                    "reason": p["reason"], "due": f"{part.due_on:%Y-%m-%d}"})
    return {"unit": part.unit.name, "note": p["reason"]}


def _cancel(part: JointPart, _actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    return {"unit": part.unit.name, "note": p["reason"]}


def escalation_unit(part: JointPart) -> Any:
    """Who hears of an overdue part: the bureau that sent the case to the lead, or else the unit
    that gave the part."""
    return part.case.sending_unit or part.assigned_by_unit


def _flag_overdue(part: JointPart, _actor: Any, _p: dict[str, Any]) -> dict[str, Any]:
    part.escalated_at = clock.now()
    case, to = part.case, escalation_unit(part)
    subject = _("【逾期】联合办理分工未按时报告 %(number)s") % {"number": case.number}
    body = _("%(unit)s承担的信访件%(number)s分工（牵头单位：%(lead)s）已超过报告时限%(due)s，尚未报告办理情况"
             "（《信访工作条例》第四十条：推诿、拖延的，信访部门督办）。") % {
        "unit": part.unit.name, "number": case.number, "lead": case.holding_unit.name,
        "due": f"{part.due_on:%Y-%m-%d}"}
    for unit in {to, case.holding_unit}:
        notify_unit(unit=unit, case=case, roles=[Role.APPROVER], subject=subject, body=body)
    notify_unit(unit=part.unit, case=case, roles=[Role.HANDLER, Role.APPROVER], subject=subject,
                body=body)
    return {"unit": part.unit.name, "due_on": part.due_on.isoformat(), "to": to.name}


# ---- events -------------------------------------------------------------------------------------

def _write_event(step: engine.Step) -> None:
    part: JointPart = step.record
    result = step.post_result if step.transition.creates else step.result
    data = dict(result) if isinstance(result, dict) else {}
    note = str(data.pop("note", "") or "")
    record_event(case=part.case, type=EVENT_TYPE, actor=step.actor, action=step.transition.action,
                 old_value=step.old, new_value=step.new, note=note,
                 data={"flow": "joint", "record": part.pk, **data})


PARTS = engine.Workflow(
    name="joint_part", label="联合办理分工", model=JointPart, actions=PartAction,
    statuses=PartStatus, table=PART_TRANSITIONS, forms=PART_FORMS, visible=visible_parts,
    scopes={ASSIGNER: _assigner, LEAD: _lead, PART_UNIT: _part_unit, ANY: _any},
    write_event=_write_event,
    guards={"case_in_handling": case_in_handling, "unit_may_handle": unit_may_handle,
            "no_open_part": no_open_part, "within_case_deadline": within_case_deadline},
    effects={PartAction.ASSIGN: _assign, PartAction.REPORT: _report, PartAction.ADOPT: _adopt,
             PartAction.RETURN: _return, PartAction.CANCEL: _cancel,
             PartAction.FLAG_OVERDUE: _flag_overdue},
    post={PartAction.ASSIGN: _after_assign}, parent=CASES, parent_field="case",
    lock_related=("case", "unit"),
)


def part_assign(*, case_id: int, actor: Any, params: dict[str, Any]) -> JointPart:
    """Give one unit its part of the case (双交办 or co-handling; Art. 5 (3), 24)."""
    return engine.create(PARTS, action=PartAction.ASSIGN, actor=actor, params=params,
                         parent_id=case_id)


def part_transition(*, part_id: int, action: str, actor: Any,
                    params: dict[str, Any] | None = None) -> JointPart:
    """Report, adopt, return, cancel or (the system) flag a part overdue."""
    return engine.transition(PARTS, record_id=part_id, action=action, actor=actor, params=params)


@dataclass
class PartSweep:
    escalated: int = 0

    def line(self) -> str:
        return f"联合办理分工：逾期上报{self.escalated}项"


def part_sweep() -> PartSweep:
    """Flag every part still 已分工 past its deadline 逾期未报告 and escalate it, once: a part
    already escalated (then reported and returned) is not escalated again. Idempotent."""
    out = PartSweep()
    due = JointPart.objects.filter(status=PartStatus.ASSIGNED, due_on__lt=clock.today(),
                                   escalated_at__isnull=True)
    for pk in due.order_by("pk").values_list("pk", flat=True):
        try:
            part_transition(part_id=pk, action=PartAction.FLAG_OVERDUE, actor=SYSTEM_ACTOR)
        except IllegalTransition:  # reported meanwhile (a step under the row lock won)
            continue
        out.escalated += 1
    return out


__all__ = ["PARTS", "PartKind", "joint_parts_adopted", "part_assign", "part_sweep",
           "part_transition"]
