"""The joint conference's two workflows (Art. 7, 13) on the one engine (xinfang.core.workflow).

`MEETINGS`: the conference office (or the government's staff) plans a meeting, puts hard or
cross-department matters on its agenda (each item linking the cases it concerns, never an
accusation whose accused unit sits in the conference: Art. 30), holds it with minutes or cancels it.
`DECISIONS` (parent: the meeting): each decision of a held meeting is assigned to one unit with a
deadline; the unit reports it done, the office verifies it or returns it; the daily sweep flags one
not reported by its deadline and escalates it, once, to the convenor covering the unit (分片挂点),
the office and the government. Every step is a `MeetingEvent` on the meeting's timeline and, for an
item's cases, an entry on each case's timeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from xinfang.cases.events import record_event
from xinfang.core import clock
from xinfang.core import workflow as engine
from xinfang.core.errors import (
    ConfidentialityViolation,
    GuardFailed,
    IllegalTransition,
    PermissionDenied,
)
from xinfang.core.events import event_type
from xinfang.core.workflow import SYSTEM_ACTOR, state_guard
from xinfang.notifications.services import notify_unit
from xinfang.orgs.models import Role

from .forms import DECISION_FORMS, MEETING_FORMS
from .models import AgendaItem, Conference, Convenor, Decision, Meeting, MeetingEvent
from .selectors import visible_decisions, visible_meetings
from .states import (
    ANY,
    DECISION_TRANSITIONS,
    MEETING_TRANSITIONS,
    OFFICE,
    RESPONSIBLE,
    DecisionAction,
    DecisionStatus,
    MeetingAction,
    MeetingStatus,
)


def runs(actor: Any, conference: Conference) -> bool:
    """The actor's unit runs the conference's business: its office or its government."""
    return actor.unit_id is not None and actor.unit_id in (conference.unit_id, conference.office_id)


def conferences_run_by(actor: Any):  # noqa: ANN201
    if getattr(actor, "unit_id", None) is None:
        return Conference.objects.none()
    return Conference.objects.filter(Q(unit_id=actor.unit_id) | Q(office_id=actor.unit_id))


def sitting_units(conference: Conference) -> list:
    """Every unit whose people sit in or receive the conference's papers: the government, the
    office and each member unit."""
    return [conference.unit, conference.office, *conference.members.all()]


# ---- scopes -------------------------------------------------------------------------------------

def _meeting_office(actor: Any, meeting: Meeting | None, _parent: Any) -> bool:
    if meeting is None:  # planning: the conference is a parameter, checked by its form
        return conferences_run_by(actor).exists()
    return runs(actor, meeting.conference)


def _decision_office(actor: Any, decision: Decision | None, meeting: Meeting | None) -> bool:
    meeting = decision.meeting if decision is not None else meeting
    return meeting is not None and runs(actor, meeting.conference)


def _responsible(actor: Any, decision: Decision | None, _parent: Any) -> bool:
    """Staff of the unit the decision is assigned to: it reports for itself only."""
    return decision is not None and actor.unit_id is not None and actor.unit_id == decision.unit_id


def _any(_actor: Any, _record: Any, _parent: Any) -> bool:
    return True


# ---- guards -------------------------------------------------------------------------------------

def runs_chosen_conference(_parent: None, actor: Any, params: dict[str, Any], _action: Any) -> None:
    """Only the conference's office or government plans its meetings."""
    if not runs(actor, params["conference"]):
        raise PermissionDenied(_("只有联席会议办公室或本级党委政府的人员可以安排本联席会议的会议"))


def agenda_confidential(meeting: Meeting, actor: Any, params: dict[str, Any], _action: Any) -> None:
    """Art. 30: an accusation never goes on the agenda of a conference in which the accused unit
    (or a unit below it) sits: its people would read the papers."""
    units = sitting_units(meeting.conference)
    for case in params.get("cases") or []:
        if any(case.closed_to(unit) for unit in units):
            raise ConfidentialityViolation(
                _("第30条：信访件%(number)s是检举控告，被检举、揭发的单位参加本联席会议，不能列入议题")
                % {"number": case.number})


@state_guard
def has_agenda(meeting: Meeting, _actor: Any, _params: dict[str, Any], _action: Any) -> None:
    """A meeting is held on something: at least one agenda item."""
    if not meeting.items.exists():
        raise GuardFailed(_("会议还没有议题，请先列入议题"))


@state_guard
def meeting_held(meeting: Meeting, _actor: Any, _params: dict[str, Any], _action: Any) -> None:
    """Decisions are made at a meeting that was held."""
    if meeting.status != MeetingStatus.HELD:
        raise GuardFailed(_("会议召开后才能交办议定事项"))


def unit_may_see_item(meeting: Meeting, _actor: Any, params: dict[str, Any], _action: Any) -> None:
    """The item belongs to this meeting; Art. 30: a decision on an accusation never goes to the
    accused unit or a unit below it."""
    item = params.get("item")
    if item is None:
        return
    if item.meeting_id != meeting.pk:
        raise GuardFailed(_("所选议题不属于本次会议"))
    unit = params["unit"]
    for case in item.cases.all():
        if case.closed_to(unit):
            raise ConfidentialityViolation(
                _("第30条：议题所涉检举控告不得交由被检举、揭发的单位（%(unit)s）办理") % {"unit": unit.name})


# ---- effects ------------------------------------------------------------------------------------

def _schedule(_parent: None, actor: Any, p: dict[str, Any]) -> Meeting:
    conference = p["conference"]
    return Meeting.objects.create(
        conference=conference, kind=p["kind"], title=p["title"], held_on=p["held_on"],
        place=p.get("place") or "", convenor=p.get("convenor"),
        created_by=engine.staff_user(actor))


def _add_item(meeting: Meeting, actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    order = (meeting.items.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    item = AgendaItem.objects.create(meeting=meeting, order=order, title=p["title"],
                                     note=p.get("note") or "", proposed_by=actor.unit)
    item.cases.set(p.get("cases") or [])
    return {"item": item.pk, "item_title": item.title, "order": order,
            "cases": [c.number for c in p.get("cases") or []], "note": item.note}


def _hold(meeting: Meeting, _actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    meeting.minutes = p["minutes"]
    return {"title": meeting.title}


def _cancel(meeting: Meeting, _actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    return {"title": meeting.title, "note": p["reason"]}


def _assign(meeting: Meeting, _actor: Any, p: dict[str, Any]) -> Decision:
    return Decision.objects.create(meeting=meeting, item=p.get("item"), text=p["text"],
                                   unit=p["unit"], due_on=p["due_on"])


def _tell_unit(decision: Decision) -> dict[str, Any]:
    meeting = decision.meeting
    notify_unit(unit=decision.unit, case=None, roles=[Role.HANDLER, Role.APPROVER],
                subject=_("【联席会议交办】%(title)s") % {"title": meeting.title},
                body=_("%(conference)s%(date)s会议议定：%(text)s。请于%(due)s前落实并在平台“联席会议”"
                       "页面报告办结（《信访工作条例》第十三条）。") % {
                    "conference": meeting.conference.name, "date": f"{meeting.held_on:%Y-%m-%d}",
                    "text": decision.text, "due": f"{decision.due_on:%Y-%m-%d}"})
    return {"unit": decision.unit.name, "due_on": decision.due_on.isoformat()}


def _report_done(decision: Decision, _actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    decision.report = p["report"]
    decision.reported_on = clock.today()
    return {"unit": decision.unit.name, "late": decision.reported_on > decision.due_on,
            "note": p["report"]}


def _verify(decision: Decision, _actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    decision.verified_on = clock.today()
    return {"unit": decision.unit.name, "note": p.get("note") or ""}


def _return(decision: Decision, _actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    decision.reported_on = None
    notify_unit(unit=decision.unit, case=None, roles=[Role.HANDLER, Role.APPROVER],
                subject=_("【联席会议】议定事项退回重办"),
                body=_("“%(text)s”落实情况被退回：%(reason)s。请于%(due)s前重新落实并报告。") % {
                    "text": decision.text, "reason": p["reason"], "due": f"{decision.due_on:%Y-%m-%d}"})
    return {"unit": decision.unit.name, "note": p["reason"]}


def escalation_targets(decision: Decision) -> list:
    """Who hears of an overdue decision (once): the convenor(s) covering the unit (分片挂点), the
    conference office and its government."""
    conference = decision.meeting.conference
    convenors = list(Convenor.objects.filter(conference=conference, covers=decision.unit)
                     .select_related("leader", "unit"))
    return convenors


def _flag_overdue(decision: Decision, _actor: Any, _p: dict[str, Any]) -> dict[str, Any]:
    from xinfang.notifications.services import notify

    decision.escalated_at = clock.now()
    conference = decision.meeting.conference
    subject = _("【逾期】联席会议议定事项未按期办结")
    body = _("%(unit)s承担的议定事项“%(text)s”（%(conference)s%(date)s会议）已超过办结时限%(due)s，"
             "尚未报告办结（《信访工作条例》第十三条：督促落实）。") % {
        "unit": decision.unit.name, "text": decision.text, "conference": conference.name,
        "date": f"{decision.meeting.held_on:%Y-%m-%d}", "due": f"{decision.due_on:%Y-%m-%d}"}
    convenors = escalation_targets(decision)
    for convenor in convenors:
        if convenor.leader_id:
            notify(channel="inapp", user=convenor.leader, subject=subject, body=body)
    for unit in {conference.office, conference.unit}:
        notify_unit(unit=unit, case=None, roles=[Role.APPROVER, Role.LEADER], subject=subject,
                    body=body)
    notify_unit(unit=decision.unit, case=None, roles=[Role.APPROVER], subject=subject, body=body)
    return {"unit": decision.unit.name, "due_on": decision.due_on.isoformat(),
            "convenors": [str(c) for c in convenors]}


# ---- events -------------------------------------------------------------------------------------

def record_meeting_event(*, meeting: Meeting, type: str, actor: Any, action: str,  # noqa: A002
                         old_value: str = "", new_value: str = "", note: str = "",
                         decision: Decision | None = None, data: dict | None = None) -> MeetingEvent:
    """One entry on the meeting's timeline, of a registered type (xinfang.core.events)."""
    return MeetingEvent.objects.create(
        meeting=meeting, decision=decision, type=event_type(type).code, action=action,
        actor=engine.staff_user(actor), unit=getattr(actor, "unit", None), at=clock.now(),
        old_value=str(old_value or ""), new_value=str(new_value or ""), note=note, data=data or {})


def _case_entries(cases: Any, step: engine.Step, data: dict[str, Any], note: str) -> None:
    """The step on the timeline of every case the item links (the case page shows it)."""
    for case in cases:
        record_event(case=case, type="conference.step", actor=step.actor,
                     action=step.transition.action, old_value=step.old, new_value=step.new,
                     note=note, data=data)


def _write_meeting_event(step: engine.Step) -> None:
    meeting: Meeting = step.record
    data = dict(step.result) if isinstance(step.result, dict) else {}
    note = str(data.pop("note", "") or "")
    data = {"flow": "meeting", "meeting": meeting.pk, "title": meeting.title,
            "held_on": meeting.held_on.isoformat(), **data}
    record_meeting_event(meeting=meeting, type="meeting.step", actor=step.actor,
                         action=step.transition.action, old_value=step.old, new_value=step.new,
                         note=note, data=data)
    if step.transition.action == MeetingAction.ADD_ITEM:
        _case_entries(step.params.get("cases") or [], step, data, note)
    elif step.transition.action == MeetingAction.HOLD:
        cases = {c.pk: c for item in meeting.items.prefetch_related("cases")
                 for c in item.cases.all()}
        _case_entries(cases.values(), step, data, "")


def _write_decision_event(step: engine.Step) -> None:
    decision: Decision = step.record
    result = step.post_result if step.transition.creates else step.result
    data = dict(result) if isinstance(result, dict) else {}
    note = str(data.pop("note", "") or "")
    data = {"flow": "decision", "decision": decision.pk, "meeting": decision.meeting_id,
            "title": decision.meeting.title, "text": decision.text[:200], **data}
    record_meeting_event(meeting=decision.meeting, decision=decision, type="meeting.decision",
                         actor=step.actor, action=step.transition.action, old_value=step.old,
                         new_value=step.new, note=note, data=data)
    if decision.item_id:
        _case_entries(decision.item.cases.all(), step, data, note)


MEETINGS = engine.Workflow(
    name="meeting", label="联席会议会议", model=Meeting, actions=MeetingAction,
    statuses=MeetingStatus, table=MEETING_TRANSITIONS, forms=MEETING_FORMS,
    visible=visible_meetings, scopes={OFFICE: _meeting_office, ANY: _any},
    write_event=_write_meeting_event,
    guards={"runs_chosen_conference": runs_chosen_conference,
            "agenda_confidential": agenda_confidential, "has_agenda": has_agenda},
    effects={MeetingAction.SCHEDULE: _schedule, MeetingAction.ADD_ITEM: _add_item,
             MeetingAction.HOLD: _hold, MeetingAction.CANCEL: _cancel},
    lock_related=("conference",),
)

DECISIONS = engine.Workflow(
    name="decision", label="议定事项", model=Decision, actions=DecisionAction,
    statuses=DecisionStatus, table=DECISION_TRANSITIONS, forms=DECISION_FORMS,
    visible=visible_decisions,
    scopes={OFFICE: _decision_office, RESPONSIBLE: _responsible, ANY: _any},
    write_event=_write_decision_event,
    guards={"meeting_held": meeting_held, "unit_may_see_item": unit_may_see_item},
    effects={DecisionAction.ASSIGN: _assign, DecisionAction.REPORT_DONE: _report_done,
             DecisionAction.VERIFY: _verify, DecisionAction.RETURN: _return,
             DecisionAction.FLAG_OVERDUE: _flag_overdue},
    post={DecisionAction.ASSIGN: lambda d, _a, _p: _tell_unit(d)},
    parent=MEETINGS, parent_field="meeting", lock_related=("meeting", "unit"),
)


def meeting_schedule(*, actor: Any, params: dict[str, Any]) -> Meeting:
    """Plan a meeting of a conference the actor's unit runs (Art. 13)."""
    return engine.create(MEETINGS, action=MeetingAction.SCHEDULE, actor=actor, params=params)


def meeting_transition(*, meeting_id: int, action: str, actor: Any,
                       params: dict[str, Any] | None = None) -> Meeting:
    """A step on a meeting: an agenda item, holding it, cancelling it (Art. 13)."""
    return engine.transition(MEETINGS, record_id=meeting_id, action=action, actor=actor,
                             params=params)


def decision_assign(*, meeting_id: int, actor: Any, params: dict[str, Any]) -> Decision:
    """A held meeting's decision assigned to one unit with a deadline (Art. 13: 督促落实)."""
    return engine.create(DECISIONS, action=DecisionAction.ASSIGN, actor=actor, params=params,
                         parent_id=meeting_id)


def decision_transition(*, decision_id: int, action: str, actor: Any,
                        params: dict[str, Any] | None = None) -> Decision:
    """A step on a decision: reported done, verified, returned, or (the system) flagged overdue."""
    return engine.transition(DECISIONS, record_id=decision_id, action=action, actor=actor,
                             params=params)


@dataclass
class DecisionSweep:
    escalated: int = 0

    def line(self) -> str:
        return f"联席会议议定事项：逾期上报{self.escalated}项"


def decision_sweep() -> DecisionSweep:
    """Flag every decision still 已交办 past its deadline 逾期未办结 and escalate it, once: a
    decision already escalated (then returned) is not escalated again. Idempotent."""
    today = clock.today()
    out = DecisionSweep()
    due = Decision.objects.filter(status=DecisionStatus.ASSIGNED, due_on__lt=today,
                                  escalated_at__isnull=True)
    for pk in due.order_by("pk").values_list("pk", flat=True):
        try:
            decision_transition(decision_id=pk, action=DecisionAction.FLAG_OVERDUE,
                                actor=SYSTEM_ACTOR)
        except IllegalTransition:  # reported done meanwhile (a step under the row lock won)
            continue
        out.escalated += 1
    return out
