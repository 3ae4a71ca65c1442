"""Art. 24 jurisdiction disputes (受理争议) on the one engine, and the case's wait on them.

《信访工作条例》第二十四条: 涉及两个或者两个以上机关、单位的信访事项，由所涉及的机关、单位协商受理；受理有争议
的，由其共同的上一级机关、单位决定受理机关；受理有争议且没有共同的上一级机关、单位的，由共同的信访工作联席
会议协调处理。

`DISPUTES` (parent: the case): the unit holding a registered case raises the dispute, naming the
units that dispute it; the decider is computed from the unit tree (`orgs.selectors.common_superior`)
or, with none, is the government of a joint conference every party sits in. Until it is decided or
withdrawn the case waits: the case guard `no_open_jurisdiction_dispute` (registered here, named in
the case table on 转送, 交办, 受理, 不予受理, 依法履行职责) refuses the steps that decide who handles it.
The clocks keep running: Art. 24 excludes no time (the Regulation excludes only the hearing in 复核,
Art. 36 ¶2), and `pause_clock` applies only to a case in handling. The decision is carried out by
the case workflow's own 转送 (taken by the holding unit's staff, with its transfer notice), or, when
the unit decided is the holder, the system closes the dispute at once. Every step is on the case
timeline (`dispute.step`).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from xinfang.cases.events import record_event
from xinfang.cases.guards import guard
from xinfang.cases.models import Case
from xinfang.cases.states import Action as CaseAction
from xinfang.cases.states import Status as CaseStatus
from xinfang.cases.workflow import CASES, case_transition
from xinfang.core import clock
from xinfang.core import workflow as engine
from xinfang.core.errors import ConfidentialityViolation, GuardFailed
from xinfang.core.workflow import SYSTEM_ACTOR, state_guard
from xinfang.notifications.services import notify_unit
from xinfang.orgs import selectors as orgs
from xinfang.orgs.models import Role, Unit

from .forms import DISPUTE_FORMS
from .models import Conference, JurisdictionDispute
from .selectors import visible_disputes
from .states import (
    ANY,
    DECIDE_ROLES,
    DECIDER,
    DISPUTE_TRANSITIONS,
    HOLDER,
    DisputeAction,
    DisputeStatus,
)

OPEN = (DisputeStatus.PENDING, DisputeStatus.DECIDED)
EVENT_TYPE = "dispute.step"


def decider_for(parties: list[Unit]) -> tuple[Unit | None, Conference | None]:
    """Who decides (Art. 24): the parties' common superior; with none, the joint conference every
    party sits in (as a member, its office or its government): its government decides."""
    superior = orgs.common_superior(parties)
    if superior is not None:
        return superior, None
    ids = [u.pk for u in parties]
    for conference in Conference.objects.prefetch_related("members").order_by("pk"):
        sitting = {conference.unit_id, conference.office_id} | {
            m.pk for m in conference.members.all()}
        if set(ids) <= sitting:
            return conference.unit, conference
    return None, None


def open_dispute(case: Case) -> JurisdictionDispute | None:
    return JurisdictionDispute.objects.filter(case=case, status__in=OPEN).first()


# ---- the case's wait (a guard of the case table, registered in its registry) ---------------------

@guard
@state_guard
def no_open_jurisdiction_dispute(case: Case, _actor: Any, _params: dict[str, Any],
                                 _action: Any) -> None:
    """Art. 24: while the units' dispute over who accepts the case awaits the common superior's
    decision (or its carrying out), nobody sends, accepts or refuses it."""
    dispute = engine.shared_read(("open_dispute", case.pk), lambda: open_dispute(case))
    if dispute is not None:
        raise GuardFailed(
            _("第24条：本件受理有争议，正等待%(decider)s决定受理机关；决定并按决定移送后才能继续办理")
            % {"decider": dispute.decider.name})


# ---- scopes -------------------------------------------------------------------------------------

def _holder(actor: Any, dispute: JurisdictionDispute | None, case: Case | None) -> bool:
    """Staff of the unit holding the case now."""
    case = dispute.case if dispute is not None else case
    return case is not None and actor.unit_id is not None and actor.unit_id == case.holding_unit_id


def _decider(actor: Any, dispute: JurisdictionDispute | None, _parent: Any) -> bool:
    """Staff of the common superior (or of the conference's government) the dispute went to."""
    return dispute is not None and actor.unit_id is not None and actor.unit_id == dispute.decider_id


def _any(_actor: Any, _record: Any, _parent: Any) -> bool:
    return True


# ---- guards -------------------------------------------------------------------------------------

@state_guard
def case_waiting_for_unit(case: Case, _actor: Any, _params: dict[str, Any], _action: Any) -> None:
    """Art. 24 is about acceptance: the case is registered with a unit and not yet sent, accepted
    or refused (a unit that received it by transfer uses the objection of Art. 23 ¶3)."""
    if case.status != CaseStatus.REGISTERED:
        raise GuardFailed(_("只有已登记、尚未转送或受理的信访件可以提请决定受理机关（收到转送、交办的单位"
                            "认为不属于本单位职权的，依第23条第三款提出异议）"))


@state_guard
def no_open_dispute(case: Case, _actor: Any, _params: dict[str, Any], _action: Any) -> None:
    if open_dispute(case) is not None:
        raise GuardFailed(_("本件已有待决定的受理争议"))


def parties_reachable(case: Case, _actor: Any, params: dict[str, Any], _action: Any) -> None:
    """Each party is the holder or a unit it may send the case to (the decision is carried out by
    the case's own 转送, Art. 22, 23); never the accused unit of an accusation (Art. 30); and there
    is someone to decide (a common superior, or a common joint conference)."""
    root = orgs.jurisdiction_root(case.holding_unit)
    for unit in params["parties"]:
        if case.closed_to(unit):
            raise ConfidentialityViolation(
                _("第30条：检举控告不得转给被检举、揭发的单位（%(unit)s）") % {"unit": unit.name})
        if unit.pk != case.holding_unit_id and not unit.is_within(root):
            raise GuardFailed(_("%(unit)s不在本单位可转送的范围内：请由共同的信访部门提请") % {
                "unit": unit.name})
    decider, _conference = decider_for(params["parties"])
    if decider is None:
        raise GuardFailed(_("这些单位没有共同的上一级机关、单位，也没有共同的信访工作联席会议"))


def decided_is_party(dispute: JurisdictionDispute, _actor: Any, params: dict[str, Any],
                     _action: Any) -> None:
    """The unit decided is one of the units the dispute is about."""
    if not dispute.parties.filter(pk=params["unit"].pk).exists():
        raise GuardFailed(_("决定的受理单位须是争议单位之一"))


@state_guard
def decided_elsewhere(dispute: JurisdictionDispute, _actor: Any, _params: dict[str, Any],
                      _action: Any) -> None:
    if dispute.decided_unit_id == dispute.case.holding_unit_id:
        raise GuardFailed(_("决定由本单位受理，无需转送"))


# ---- effects ------------------------------------------------------------------------------------

def _raise(case: Case, actor: Any, p: dict[str, Any]) -> JurisdictionDispute:
    decider, conference = decider_for(p["parties"])
    return JurisdictionDispute.objects.create(
        case=case, raised_by_unit=actor.unit, raised_by=engine.staff_user(actor),
        raised_at=clock.now(), reason=p["reason"], decider=decider, conference=conference)


def _after_raise(dispute: JurisdictionDispute, _actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    dispute.parties.set(p["parties"])
    case = dispute.case
    notify_unit(unit=dispute.decider, case=case, roles=DECIDE_ROLES,
                subject=_("【受理争议】请决定受理机关 %(number)s") % {"number": case.number},
                body=_("%(unit)s提请：%(parties)s对信访件%(number)s的受理有争议（%(reason)s）。请在平台"
                       "“受理争议”页面决定受理机关（《信访工作条例》第二十四条）。") % {
                    "unit": dispute.raised_by_unit.name, "number": case.number,
                    "parties": "、".join(u.name for u in p["parties"]), "reason": dispute.reason})
    return {"parties": [u.name for u in p["parties"]], "decider": dispute.decider.name,
            "conference": dispute.conference.name if dispute.conference_id else "",
            "note": dispute.reason}


def _withdraw(dispute: JurisdictionDispute, _actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    return {"note": p["reason"]}


def _decide(dispute: JurisdictionDispute, actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    dispute.decided_unit = p["unit"]
    dispute.decided_by = engine.staff_user(actor)
    dispute.decided_at = clock.now()
    dispute.decision_reason = p["reason"]
    return {"unit": p["unit"].name, "decider": dispute.decider.name, "note": p["reason"]}


def _carry_out(dispute: JurisdictionDispute, actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    """The case workflow's own 转送 to the unit decided, by the holder's staff (its transfer notice
    goes to the petitioner); the dispute is already settled, so the case guard lets it through."""
    note = p.get("note") or dispute.decision_reason  # typed by a person: the decider's reason
    case = case_transition(case_id=dispute.case_id, action=CaseAction.TRANSFER, actor=actor,
                           params={"unit": dispute.decided_unit_id, "note": note})
    dispute.case = case
    return {"unit": dispute.decided_unit.name}


# ---- events -------------------------------------------------------------------------------------

def _write_event(step: engine.Step) -> None:
    dispute: JurisdictionDispute = step.record
    result = step.post_result if step.transition.action in (DisputeAction.RAISE,
                                                            DisputeAction.CARRY_OUT) else step.result
    data = dict(result) if isinstance(result, dict) else {}
    note = str(data.pop("note", "") or "")
    record_event(case=dispute.case, type=EVENT_TYPE, actor=step.actor,
                 action=step.transition.action, old_value=step.old, new_value=step.new, note=note,
                 data={"flow": "dispute", "record": dispute.pk, **data})


def _after_event(step: engine.Step) -> None:
    """A decision for the holder itself ends the dispute at once (the system's step); any other
    is told to the holding unit, which carries it out."""
    if step.transition.action != DisputeAction.DECIDE:
        return
    dispute: JurisdictionDispute = step.record
    case = dispute.case
    if dispute.decided_unit_id == case.holding_unit_id:
        engine.transition(DISPUTES, record_id=dispute.pk, action=DisputeAction.KEEP,
                          actor=SYSTEM_ACTOR)
        return
    notify_unit(unit=case.holding_unit, case=case, roles=[Role.REGISTRAR, Role.HANDLER],
                subject=_("【受理争议】已决定 %(number)s") % {"number": case.number},
                body=_("%(decider)s决定信访件%(number)s由%(unit)s受理：%(reason)s。请按决定转送。") % {
                    "decider": dispute.decider.name, "number": case.number,
                    "unit": dispute.decided_unit.name, "reason": dispute.decision_reason})


DISPUTES = engine.Workflow(
    name="dispute", label="受理争议", model=JurisdictionDispute, actions=DisputeAction,
    statuses=DisputeStatus, table=DISPUTE_TRANSITIONS, forms=DISPUTE_FORMS,
    visible=visible_disputes, scopes={HOLDER: _holder, DECIDER: _decider, ANY: _any},
    write_event=_write_event,
    guards={"case_waiting_for_unit": case_waiting_for_unit, "no_open_dispute": no_open_dispute,
            "parties_reachable": parties_reachable, "decided_is_party": decided_is_party,
            "decided_elsewhere": decided_elsewhere},
    effects={DisputeAction.RAISE: _raise, DisputeAction.WITHDRAW: _withdraw,
             DisputeAction.DECIDE: _decide},
    post={DisputeAction.RAISE: _after_raise, DisputeAction.CARRY_OUT: _carry_out},
    after_event=_after_event, parent=CASES, parent_field="case",
    lock_related=("case", "decider"),
)


def dispute_raise(*, case_id: int, actor: Any, params: dict[str, Any]) -> JurisdictionDispute:
    """Raise the units' dispute over accepting the case to their common superior (Art. 24)."""
    return engine.create(DISPUTES, action=DisputeAction.RAISE, actor=actor, params=params,
                         parent_id=case_id)


def dispute_transition(*, dispute_id: int, action: str, actor: Any,
                       params: dict[str, Any] | None = None) -> JurisdictionDispute:
    """Withdraw, decide or carry out a jurisdiction dispute (Art. 24)."""
    return engine.transition(DISPUTES, record_id=dispute_id, action=action, actor=actor,
                             params=params)
