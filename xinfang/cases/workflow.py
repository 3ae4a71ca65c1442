"""`case_transition`: the one function that changes a case's status.

It locks the case, checks that the action exists, that it is allowed from the current status, that
the actor's role and unit may take it, validates the parameters, checks the legal guards, applies the
action's effects, writes the timeline event, ends and starts the legal clocks as the table says, and
announces the change after commit (notifications, documents). Since issue 14 it is the `CASES` table
on the one workflow engine (`xinfang.core.workflow`): the order of the checks is the engine's; the
case's clocks and notices are this workflow's hooks and effects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.dispatch import Signal

from xinfang.core import clock
from xinfang.core import workflow as engine
from xinfang.core.errors import GuardFailed, IllegalTransition
from xinfang.deadlines import services as deadlines
from xinfang.deadlines.rules import DeadlineKind as K
from xinfang.orgs.models import UnitType

from . import reach
from .events import record_event, step_event_kind
from .forms import ACTION_FORMS
from .guards import GUARDS
from .models import (
    Case,
    CaseAccess,
    CasePetitioner,
    EventKind,
    ExtensionRequest,
    Instruction,
    Opinion,
    OpinionDraft,
    ProgressRecord,
    Rating,
    RouteFollowUp,
)
from .selectors import SCOPES, visible_cases
from .states import (
    ABOVE,
    RESTORE_FROM,
    TRANSITIONS,
    Action,
    LegalRoute,
    Status,
    Transition,
)

# Sent after commit: receivers (notifications, documents) must never run inside the transaction.
case_transitioned = Signal()  # kwargs: case, action, old_status, new_status, actor, params

# An effect returns the arguments of the clocks the transition starts; None for a clock means it
# starts later, on another event (the 复查/复核 window on delivery of the answer, Art. 35, 36).
Effect = Callable[[Case, Any, dict[str, Any]], dict[K, dict[str, Any] | None]]
EFFECTS: dict[Action, Effect] = {}


NoticeIssuer = engine.NoticeIssuer  # issues the written notice a step needs (xinfang.documents)

_notice_issuer: list[NoticeIssuer] = []


def register_notice_issuer(issuer: NoticeIssuer) -> None:
    """Install the notice issuer (one; a later registration replaces the earlier)."""
    _notice_issuer[:] = [issuer]


def _issuer(transition: Transition) -> NoticeIssuer:
    if not _notice_issuer:
        raise GuardFailed(f"“{transition.action.label}”须出具书面告知，但文书模块未启用，操作未完成")
    return _notice_issuer[0]


def effect(action: Action) -> Callable[[Effect], Effect]:
    def register(fn: Effect) -> Effect:
        EFFECTS[action] = fn
        return fn
    return register


def grant_access(case: Case, unit, reason: str) -> None:  # noqa: ANN001
    """Let `unit` (and its jurisdiction) see the case; never the accused unit of an accusation."""
    from xinfang.core.errors import ConfidentialityViolation

    if case.closed_to(unit):
        raise ConfidentialityViolation(
            f"第30条：不得将检举、揭发材料转给被检举、揭发的单位（{unit.name}属于被反映单位或其下属单位）"
        )
    CaseAccess.objects.get_or_create(case=case, unit=unit, defaults={"reason": reason})


def _change_field(case: Case, actor: Any, field: str, new: Any, action: Action) -> None:
    old = getattr(case, field)
    if old == new:
        return
    setattr(case, field, new)
    if field == "category":  # the jurisdiction index carries it (the queue's filter)
        reach.sync_category(case)
    data: dict[str, Any] = {"field": field, "old": _code(old), "new": _code(new)}
    for side, value in (("old_name", old), ("new_name", new)):
        if hasattr(value, "pk"):  # a unit, a category: its name at the time, beside its pk
            data[side] = str(value)
    record_event(case=case, type="case.field_changed", actor=actor, action=action,
                 old_value=data["old"], new_value=data["new"], data=data)


def _code(value: Any) -> str:
    """A field value as stored on the timeline: a pk, a code, true/false, never a label."""
    if hasattr(value, "pk"):
        return str(value.pk)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


@effect(Action.REGISTER)
def _register(_parent: None, actor: Any, p: dict[str, Any]) -> Case:
    """登记 (Art. 17, 21-23), the creating step: the case, numbered in the receiving unit, its
    petitioners, the earlier case given at intake and the receiving unit's access. A staff member is
    its registrar; a petitioner filing online leaves it without one (`registered_by` None)."""
    from .services import next_case_number, petitioner_find_or_create

    fields, people, unit = dict(p["case"]), p["petitioners"], p["unit"]
    related = fields.pop("related_case")
    case = Case.objects.create(
        number=next_case_number(unit), registered_at=clock.now(), registered_unit=unit,
        registered_by=engine.staff_user(actor), holding_unit=unit,
        headcount=max(fields.pop("headcount"), len(people)),
        is_first_time=fields.pop("is_first_time") and related is None, **fields)
    case.registered_petitioners = []  # the parties as registered, for the `case_registering` receivers
    for person in people:
        petitioner = petitioner_find_or_create(person, identity_checked=p["identity_checked"])
        case.registered_petitioners.append(petitioner)
        CasePetitioner.objects.create(
            case=case, petitioner=petitioner,
            is_representative=person.get("is_representative", False))
    if related is not None:
        case.related_cases.add(related)
    CaseAccess.objects.create(case=case, unit=unit, reason="registered")
    return case


def _registration_clocks(step: engine.Step) -> dict[K, dict[str, Any] | None]:
    """The receiving unit's first clock: a petition bureau's 15 days to deal with the petition
    (Art. 22), any other unit's 15 days to tell the petitioner (Art. 23), none where no address or
    phone would reach the petitioner (Art. 23 ¶2, recorded)."""
    from .services import no_known_address

    case = step.record
    if step.params["unit"].unit_type == UnitType.PETITION_BUREAU:
        return {K.INTAKE: {"started_on": case.received_on}, K.ACCEPTANCE_NOTICE: None}
    if no_known_address(step.params["petitioners"]):
        record_event(case=case, type="case.notice_not_owed", actor=step.actor,
                     at=case.registered_at)
        return {K.INTAKE: None, K.ACCEPTANCE_NOTICE: None}
    return {K.INTAKE: None, K.ACCEPTANCE_NOTICE: {"started_on": case.received_on}}


@effect(Action.TRIAGE)
def _triage(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    was_accusation = case.is_accusation
    for field in ("category", "purpose", "legal_route", "simplified"):
        if field in p:
            _change_field(case, actor, field, p[field], Action.TRIAGE)
    if p.get("accused_unit") is not None:  # empty = unchanged: protection is never lifted silently
        _change_field(case, actor, "accused_unit", p["accused_unit"], Action.TRIAGE)
    if was_accusation and not case.is_accusation:
        record_event(case=case, type="case.accusation_lifted", actor=actor, action=Action.TRIAGE,
                     note=p.get("reason", ""), data={"accused_unit": case.accused_unit_id})
    return {}


def _move(case: Case, actor: Any, action: Action, unit, note: str = "") -> None:  # noqa: ANN001
    """The case goes to `unit` (now the holder), with a ROUTED event naming both ends; the officer
    the old holder named (指定承办人) is not the new holder's, so the case has none until it names one."""
    officer = {"officer": case.assigned_officer_id} if case.assigned_officer_id else {}
    record_event(case=case, type="case.routed", actor=actor, action=action,
                 old_value=case.holding_unit.name, new_value=unit.name, note=note,
                 data={"from": case.holding_unit_id, "to": unit.pk, **officer})
    case.holding_unit = unit
    case.assigned_officer = None


def _send(case: Case, actor: Any, p: dict[str, Any], action: Action) -> None:
    unit, sender = p["unit"], case.holding_unit
    _move(case, actor, action, unit, p.get("note", ""))
    case.sending_unit, case.handling_unit = sender, unit
    grant_access(case, unit, action)


@effect(Action.TRANSFER)
def _transfer(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    _send(case, actor, p, Action.TRANSFER)
    return {}


@effect(Action.ASSIGN)
def _assign(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    _send(case, actor, p, Action.ASSIGN)
    return {K.ASSIGNMENT: {"days": p["due_days"]}}


@effect(Action.ROUTE)
def _route(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    """Art. 22 ¶2: hand the item to the 政法 / 纪检监察 organ, or record where the petitioner was
    guided; either way a follow-up stays open until the organ or procedure has concluded it."""
    _change_field(case, actor, "legal_route", p["legal_route"], Action.ROUTE)
    router, receiver = case.holding_unit, p.get("unit")
    if receiver is not None:
        _send(case, actor, p, Action.ROUTE)
    today = clock.today()
    RouteFollowUp.objects.create(
        case=case, unit=router, legal_route=p["legal_route"], receiver=receiver,
        destination=(receiver.name if receiver is not None else p["guidance"])[:300],
        routed_on=today, last_news_on=today)
    return {}


@effect(Action.TAKE_UP)
def _take_up(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    _change_field(case, actor, "legal_route", LegalRoute.RIGHTS_PROTECTION, Action.TAKE_UP)
    case.handling_unit = case.holding_unit
    return {}


@effect(Action.ACCEPT)
def _accept(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    case.handling_unit = case.holding_unit
    return {}


@effect(Action.NOT_ACCEPT_REPEAT)
@effect(Action.REFUSE_REPEAT)
def _refuse_repeat(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    case.related_cases.add(p["earlier_case"])
    return {}


@effect(Action.OBJECT)
def _object(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    from xinfang.notifications.services import notify_unit
    from xinfang.orgs.models import Role

    sender = case.sending_unit or case.registered_unit
    # In the step's transaction: the messages are outbox rows, sent after commit and retried.
    notify_unit(
        unit=sender, case=case, roles=[Role.REGISTRAR, Role.APPROVER],
        subject=f"{case.holding_unit.name}对信访件{case.number}提出异议",
        body=f"{case.holding_unit.name}认为信访件{case.number}（{case.title}）不属于其职权范围："
             f"{p['reason']}。请核实后决定是否同意（第23条第三款）。")
    return {}


@effect(Action.UPHOLD_OBJECTION)
def _uphold_objection(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    _move(case, actor, Action.UPHOLD_OBJECTION, case.sending_unit or case.registered_unit,
          p["reason"])
    case.handling_unit, case.sending_unit = None, None
    return {}


@effect(Action.TO_ORDINARY)
def _to_ordinary(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    _change_field(case, actor, "simplified", False, Action.TO_ORDINARY)
    for kind in (K.ACCEPTANCE_NOTICE, K.HANDLING):
        deadlines.deadline_rerule(case=case, kind=kind, actor=actor, reason=p["reason"])
    return {}


@effect(Action.EXTEND)
def _extend(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    deadlines.deadline_extend(case=case, kind=K.HANDLING, days=p["days"], reason=p["reason"],
                              actor=actor)
    case.extended = True
    if p.get("request"):  # the approval of the handler's request (guard extension_terms)
        _decide_extension(case, actor, p, ExtensionRequest.State.APPROVED)
    return {}


def _decide_extension(case: Case, actor: Any, p: dict[str, Any], state: str) -> None:
    from xinfang.notifications.services import notify

    request = ExtensionRequest.objects.select_related("requested_by").get(
        case=case, state=ExtensionRequest.State.PENDING)
    request.state, request.decided_by, request.decided_at = state, actor, clock.now()
    request.decision_note = p.get("reason", "")
    request.save()
    p["request"] = request.pk
    verdict = "批准" if state == ExtensionRequest.State.APPROVED else "不批准"
    notify(channel="inapp", user=request.requested_by, case=case,
           subject=f"信访件{case.number}的延期申请：{verdict}",
           body=f"{actor}{verdict}了信访件{case.number}（{case.title}）的延期申请：{request.decision_note}")


@effect(Action.REQUEST_EXTENSION)
def _request_extension(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    from xinfang.notifications.services import notify_unit
    from xinfang.orgs.models import Role

    request = ExtensionRequest.objects.create(case=case, days=p["days"], reason=p["reason"],
                                              requested_by=actor, requested_at=clock.now())
    p["request"] = request.pk
    notify_unit(unit=case.holding_unit, case=case, roles=[Role.APPROVER],
                subject=f"信访件{case.number}申请延期{p['days']}日，待批准",
                body=f"{actor}申请将信访件{case.number}（{case.title}）的办理期限延长{p['days']}日："
                     f"{p['reason']}（第34条，须经本单位负责人批准）")
    return {}


@effect(Action.REFUSE_EXTENSION)
def _refuse_extension(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    _decide_extension(case, actor, p, ExtensionRequest.State.REFUSED)
    return {}


@effect(Action.RECORD_PROGRESS)
def _record_progress(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    from .services import attachment_add

    record = ProgressRecord.objects.create(
        case=case, kind=p["kind"], happened_on=p["happened_on"], participants=p["participants"],
        text=p["text"], unit=actor.unit, recorded_by=actor, recorded_at=clock.now())
    files = [attachment_add(case=case, actor=actor, upload=upload) for upload in p["attachments"]]
    record.attachments.set(files)
    p.update(record=record.pk, attachments=[f.pk for f in files])
    return {}


@effect(Action.DRAFT_OPINION)
def _draft_opinion(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    from .handling import stage_of

    content = {"outcome": p["outcome"], "text": p["text"], "legal_basis": p["legal_basis"]}
    draft, created = OpinionDraft.objects.get_or_create(
        case=case, stage=stage_of(case),
        defaults={**content, "author": actor, "updated_at": clock.now()})
    if not created:  # every version stays in this step's event on the timeline
        for field, value in {**content, "author": actor, "updated_at": clock.now()}.items():
            setattr(draft, field, value)
        if draft.state != OpinionDraft.State.RETURNED:
            draft.state = OpinionDraft.State.DRAFT
        draft.save()
    p["draft"] = draft.pk
    return {}


def _draft_of(case: Case) -> OpinionDraft:
    from .handling import stage_of

    return OpinionDraft.objects.select_related("author").get(case=case, stage=stage_of(case))


@effect(Action.SUBMIT_DRAFT)
def _submit_draft(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    from xinfang.notifications.services import notify_unit
    from xinfang.orgs.models import Role

    draft = _draft_of(case)
    draft.state, draft.updated_at = OpinionDraft.State.SUBMITTED, clock.now()
    draft.save(update_fields=["state", "updated_at"])
    p["draft"] = draft.pk
    notify_unit(unit=case.holding_unit, case=case, roles=[Role.APPROVER],
                subject=f"信访件{case.number}的{draft.get_stage_display()}书草稿待审签",
                body=f"{actor}提交了信访件{case.number}（{case.title}）的{draft.get_stage_display()}书草稿，"
                     "请审核后签发或退回修改。")
    return {}


@effect(Action.RETURN_DRAFT)
def _return_draft(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    from xinfang.notifications.services import notify

    draft = _draft_of(case)
    draft.state, draft.comments, draft.decided_by = (OpinionDraft.State.RETURNED, p["comments"],
                                                     actor)
    draft.save(update_fields=["state", "comments", "decided_by"])
    p["draft"] = draft.pk
    notify(channel="inapp", user=draft.author, case=case,
           subject=f"信访件{case.number}的意见书草稿被退回修改",
           body=f"{actor}退回了信访件{case.number}（{case.title}）的草稿：{p['comments']}")
    return {}


@effect(Action.INSTRUCT)
def _instruct(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    """Art. 18 ¶2; shown on top of the case page; told to the holding unit's handlers and approvers
    (never the accused unit: it neither holds nor sees an accusation, Art. 30)."""
    from xinfang.notifications.services import notify_unit
    from xinfang.orgs.models import Role

    instruction = Instruction.objects.create(case=case, text=p["text"], author=actor,
                                             unit=actor.unit, at=clock.now())
    p["instruction"] = instruction.pk
    notify_unit(unit=case.holding_unit, case=case, roles=[Role.HANDLER, Role.APPROVER],
                subject=f"领导批示：信访件{case.number}",
                body=f"{actor}（{actor.unit}）对信访件{case.number}（{case.title}）批示：{p['text']}")
    return {}


@effect(Action.ASSIGN_OFFICER)
def _assign_officer(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    from xinfang.notifications.services import notify

    officer = p["officer"]
    p.update({"from": case.assigned_officer_id, "to": officer.pk})
    case.assigned_officer = officer
    notify(channel="inapp", user=officer, case=case,
           subject=f"您被指定为信访件{case.number}的承办人",
           body=f"{actor}指定您承办信访件{case.number}（{case.title}）。{p.get('note', '')}")
    return {}


@effect(Action.MERGE)
def _merge(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    """B (this case) is merged into A: its clocks end (the table cancels them), A keeps going and
    its answer tells B's petitioners too; each of B's petitioners is told now where it went."""
    from xinfang.notifications.petitioners import tell_petitioners

    into: Case = p["into"]
    case.merged_into = into
    p["into_case"] = into.pk
    record_event(case=into, type="case.merged_in", actor=actor, action=Action.MERGE,
                 new_value=case.number, note=p["reason"],
                 data={"number": case.number, "case": case.pk})
    tell_petitioners(case=case, step="merged", unit=case.holding_unit, into=into.number)
    return {}


def _issue_opinion(case: Case, actor: Any, p: dict[str, Any], stage: str, window: K | None) -> dict:
    opinion = Opinion.objects.create(
        case=case, stage=stage, unit=case.holding_unit, outcome=p["outcome"], text=p["text"],
        legal_basis=p["legal_basis"], issued_on=clock.today(), issued_by=actor)
    case.outcome = p["outcome"]
    # the guard opinion_content put the signed draft's text in p (or marked a draft not used)
    if p.get("draft"):
        OpinionDraft.objects.filter(pk=p["draft"]).update(
            state=OpinionDraft.State.SIGNED, decided_by=actor, opinion=opinion)
    elif p.get("superseded_draft"):
        OpinionDraft.objects.filter(pk=p["superseded_draft"]).update(
            state=OpinionDraft.State.SUPERSEDED, decided_by=actor)
    _tell_merged(case, stage, p)
    # Art. 35, 36: the petitioner's 30 days run from receipt of the written answer, so the window
    # starts when the delivery is recorded (xinfang.documents.services.delivery_record: given with
    # the answer, or later in the documents panel), never on the issue date.
    return {window: None} if window else {}


@effect(Action.ANSWER)
def _answer(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    return _issue_opinion(case, actor, p, Opinion.Stage.HANDLING, K.REVIEW_REQUEST)


@effect(Action.ANSWER_REVIEW)
def _answer_review(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    return _issue_opinion(case, actor, p, Opinion.Stage.REVIEW, K.RECHECK_REQUEST)


@effect(Action.ANSWER_RECHECK)
def _answer_recheck(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    return _issue_opinion(case, actor, p, Opinion.Stage.RECHECK, None)


def _tell_merged(case: Case, stage: str, p: dict[str, Any]) -> None:
    """并案: the one answer tells the petitioners of every case merged into this one (the case's
    own petitioners get the notice of the opinion from xinfang.documents)."""
    from xinfang.notifications.petitioners import tell_petitioners

    merged = list(case.merged_cases.order_by("pk"))
    if not merged:
        return
    label = Opinion.Stage(stage).label
    for other in merged:
        tell_petitioners(case=other, step="merged_answer", unit=case.holding_unit,
                         into=case.number, stage=label)
    p["merged_cases"] = [other.number for other in merged]


@effect(Action.RATE)
def _rate(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    Rating.objects.create(case=case, stage=p["stage"], satisfaction=p["satisfaction"],
                          comment=p.get("comment", ""), recorded_at=clock.now(),
                          recorded_by=engine.staff_user(actor))
    record_event(case=case, type="case.rated", actor=actor, action=Action.RATE,
                 new_value=p["satisfaction"], note=p.get("comment", ""),
                 data={"stage": p["stage"]})
    return {}


def _to_higher_unit(case: Case, actor: Any, p: dict[str, Any], action: Action, window: K) -> dict:
    _move(case, actor, action, p["unit"])
    grant_access(case, p["unit"], action)
    return {window: {"started_on": p["received_on"]}}


@effect(Action.REQUEST_REVIEW)
def _request_review(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    return _to_higher_unit(case, actor, p, Action.REQUEST_REVIEW, K.REVIEW)


@effect(Action.REQUEST_RECHECK)
def _request_recheck(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    return _to_higher_unit(case, actor, p, Action.REQUEST_RECHECK, K.RECHECK)


@effect(Action.LINK)
def _link(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    other = p["earlier_case"]
    case.related_cases.add(other)
    note = p.get("note") or ""
    group = ({"group": p["group"], "group_size": p.get("group_size") or None}
             if p.get("group") else {})
    record_event(case=case, type="case.linked", actor=actor, action=Action.LINK,
                 new_value=other.number, note=note,
                 data={"field": "related_cases", "case": other.pk, "number": other.number, **group})
    record_event(case=other, type="case.linked_from", actor=actor, action=Action.LINK,
                 new_value=case.number, note=note,
                 data={"field": "later_cases", "case": case.pk, "number": case.number, **group})
    return {}


@effect(Action.SHARE)
def _share(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    grant_access(case, p["unit"], "shared")
    return {}


@effect(Action.PAUSE_CLOCK)
def _pause(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    deadlines.deadline_pause(case=case, kind=K(p["kind"]), reason=p["reason"], actor=actor)
    return {}


@effect(Action.RESUME_CLOCK)
def _resume(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    deadlines.deadline_resume(case=case, kind=K(p["kind"]), actor=actor)
    return {}


def _before_save(step: engine.Step) -> None:
    """The clocks the step fulfils or makes moot end before the status changes (the table says)."""
    case, t = step.record, step.transition
    for kind in t.stops:
        deadlines.deadline_end(case=case, kind=kind, actor=step.actor)
    for kind in t.cancels:
        deadlines.deadline_end(case=case, kind=kind, actor=step.actor, cancelled=True,
                               reason=step.params.get("reason", "") if t.action == Action.MERGE
                               else "")


def _write_event(step: engine.Step) -> None:
    p = step.params
    if step.transition.creates:  # 登记: the channel, not the form (it holds personal data)
        record_event(case=step.record, type="case.registered", actor=step.actor,
                     new_value=step.new, data={"channel": step.record.channel},
                     at=step.record.registered_at)
        return
    note = p.get("reason") or p.get("note") or p.get("guidance") or p.get("result") or ""
    record_event(
        case=step.record, type=step_event_kind(step.old, step.new), actor=step.actor, action=step.action, old_value=step.old, new_value=step.new, note=note,
        data={"params": _loggable(p)},
    )


def _after_event(step: engine.Step) -> None:
    """The clocks the step starts; the effect may say one starts later (e.g. on delivery)."""
    creates = step.transition.creates
    case = step.record
    clock_args = _registration_clocks(step) if creates else step.result or {}
    for kind in step.transition.starts:
        args = clock_args.get(kind, {})
        if args is None:  # the effect says the clock starts later (e.g. on delivery)
            continue
        deadlines.deadline_start(case=case, kind=kind, actor=step.actor, **args)
    # into or out of handling (a new case's rows were written as it was stored: registered, open)
    if (creates or reach.in_handling(step.old)) != reach.in_handling(step.new):
        reach.sync_open(case)
    if creates:  # in the transaction: the triage job, the acknowledgement (outbox rows)
        from .services import case_registering

        case_registering.send(sender=Case, case=case, actor=step.actor)
    case.step_params = step.params  # what the step was taken with, incl. what effects added


def _signal_kwargs(step: engine.Step) -> dict[str, Any]:
    return {"sender": Case, "case": step.record, "action": step.action,
            "old_status": step.old, "new_status": step.new, "actor": step.actor,
            "params": step.params}


def _denied(transition: Transition, case: Case | None) -> str:
    if case is None:  # 登记, the one creating step: no case yet
        return "只有单位的登记员或承办人可以登记信访件"
    if transition.scope == ABOVE:
        return (f"您没有在本件上执行“{transition.action.label}”的权限（需由当前办理单位"
                f"“{case.holding_unit.name}”或其上级机关、单位的领导作出）")
    return (f"您没有在本件上执行“{transition.action.label}”的权限（需由当前办理单位"
            f"“{case.holding_unit.name}”具有相应角色的人员办理）")


def _status_before(case: Case, transition: Transition) -> Status:
    """For a RESTORE step: the status the case had before the step it decides on."""
    step = RESTORE_FROM[transition.action]
    event = case.events.filter(action=step, kind=EventKind.STATUS_CHANGED).order_by("-at", "-pk").first()
    if event is None:
        raise IllegalTransition(f"找不到“{step.label}”的记录，无法恢复原状态")
    return Status(event.old_value)


CASES = engine.Workflow(
    name="case", label="信访件", model=Case, actions=Action, statuses=Status, table=TRANSITIONS,
    forms=ACTION_FORMS, visible=visible_cases, scopes=SCOPES, write_event=_write_event,
    guards=GUARDS, effects=EFFECTS,
    lock_related=("holding_unit", "accused_unit", "registered_unit", "sending_unit"),
    signal=case_transitioned, signal_kwargs=_signal_kwargs, before_save=_before_save,
    after_event=_after_event, previous_status=_status_before, notice_issuer=_issuer,
    denied=_denied,
)


def case_transition(
    *, case_id: int, action: Action | str, actor: Any, params: dict[str, Any] | None = None,
) -> Case:
    """Take `action` on the case as `actor`; the only writer of `Case.status`."""
    return engine.transition(CASES, record_id=case_id, action=action, actor=actor, params=params)


def _loggable(params: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in params.items():
        if hasattr(value, "pk"):
            out[key] = str(value)
        elif isinstance(value, bytes | bytearray | memoryview):
            out[key] = f"<{len(value)} bytes>"
        elif isinstance(value, dt.date):
            out[key] = value.isoformat()
        else:
            out[key] = value
    return out
