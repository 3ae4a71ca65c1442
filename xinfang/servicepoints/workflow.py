"""`need_record` and `need_transition`: the only writers of a need's status.

The need table (`states.TRANSITIONS`) is the `NEEDS` workflow on the one engine
(`xinfang.core.workflow`): the need is loaded through the actor's reach (outside it
Need.DoesNotExist → 404), locked, its status, the actor's role and unit checked, the parameters
validated by the step's form (`forms.py`), the guards, the effect, and the timeline event written.
Turning a need into a petition takes the case table's creating step (`cases.services.case_register`)
inside the same transaction: the need links to the case, and the case's timeline names the need.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from xinfang.core import clock, numbering
from xinfang.core import workflow as engine
from xinfang.core.conf import get
from xinfang.core.crypto import index_key, key_id
from xinfang.core.errors import GuardFailed
from xinfang.core.workflow import state_guard
from xinfang.notifications.services import notify_unit
from xinfang.orgs.models import Level, Role
from xinfang.portal import codes

from .forms import ACTION_FORMS
from .models import Need, NeedChannel, NeedEvent, ServicePoint
from .selectors import points_for, staffs, visible_needs
from .states import ANY, AT_POINT, TRANSITIONS, NeedAction, NeedStatus

SERIAL_KIND = "need"


def _at_point(actor: Any, record: Need | None, _parent: Any) -> bool:
    """The staff of the point holding the need; a new one: a point the actor runs."""
    if record is None:
        return points_for(actor).exists()
    return staffs(actor, record.point)


SCOPES = {AT_POINT: _at_point, ANY: lambda *_a: True}


def township_point(point: ServicePoint) -> ServicePoint | None:
    """The active service point of the township a village point belongs to."""
    parent = point.unit.parent
    if parent is None or parent.level != Level.TOWNSHIP:
        return None
    return ServicePoint.objects.filter(unit=parent, active=True).order_by("pk").first()


def _due(now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(days=int(get("XINFANG_SERVICEPOINT_NEED_DAYS")))


@state_guard
def _village_point(record: Need, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if not record.point.is_village:
        raise GuardFailed(_("只有村（社区）服务点的需求可以上交乡镇；乡镇解决不了的，请转为信访件"))


@state_guard
def _township_point(record: Need, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if record.point.is_village and township_point(record.point) is None:
        raise GuardFailed(_("所属乡镇（街道）没有启用的服务点，无法上交"))


def _of_the_point(record: Need, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    """分派: the service and the provider are the point's own; the provider offers the service."""
    service, provider = params["service"], params.get("provider")
    if service.point_id != record.point_id:
        raise GuardFailed(_("“%(s)s”不是本服务点的服务项目") % {"s": service.name})
    if provider is not None:
        if provider.point_id != record.point_id:
            raise GuardFailed(_("“%(p)s”不是本服务点的服务人员") % {"p": provider.display_name})
        if not provider.services.filter(pk=service.pk).exists():
            raise GuardFailed(_("“%(p)s”不提供“%(s)s”服务")
                              % {"p": provider.display_name, "s": service.name})


@state_guard
def _overdue_not_escalated(record: Need, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if record.escalated_at is not None or record.due_at >= clock.now():
        raise GuardFailed(_("该需求未逾期，或已督促"))


GUARDS = {"village_point": _village_point, "township_point": _township_point,
          "of_the_point": _of_the_point, "overdue_not_escalated": _overdue_not_escalated}


def _new(point: ServicePoint, **fields: Any) -> Need:
    now = clock.now()
    serial = numbering.next_serial(numbering.unit_scope(point.unit), SERIAL_KIND, now.year)
    return Need(number=f"{point.unit.code}-XQ{now.year}-{serial:05d}", origin=point, point=point,
                recorded_at=now, due_at=_due(now), updated_at=now, **fields)


def _record(_parent: Any, actor: Any, params: dict[str, Any]) -> Need:
    need = _new(params["point"], recorded_by=actor, visitor_name=params["visitor_name"].strip(),
                visitor_phone=(params.get("visitor_phone") or "").strip(),
                place=params["place"].strip(), text=params["text"].strip(),
                form_token=codes.token_hash(params["token"]) if params.get("token") else None)
    need.save()
    return need


def _submit(_parent: Any, actor: Any, params: dict[str, Any]) -> Need:  # noqa: ARG001
    """网上提出需求: no recorder; the query code is derived from the form's token and handed back once
    (`issued_code`, for the receipt); only keyed hashes of token, code and phone are stored."""
    token, phone = params["token"], params["phone"]
    code = codes.code_for_token(token)
    need = _new(params["point"], channel=NeedChannel.ONLINE, recorded_by=None,
                visitor_name=params["name"].strip(), visitor_phone=phone,
                place=params["place"].strip(), text=params["text"].strip(),
                service=params["service"], form_token=codes.token_hash(token),
                code_hash=codes.code_hash(code), phone_index=codes.phone_hash(phone),
                key_id=key_id(index_key()))
    need.save()
    need.issued_code = code  # shown once on the receipt; never stored in clear
    return need


def _assign(record: Need, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.service, record.provider = params["service"], params.get("provider")
    return {"point": record.point.name, "service": record.service.name,
            "provider": record.provider.display_name if record.provider else ""}


def _start(record: Need, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    return {"note": params.get("note", "")}


def _finish(record: Need, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.outcome = params["outcome"].strip()
    record.satisfaction = params["satisfaction"]
    record.ended_at = clock.now()
    return {"note": record.outcome, "point": record.point.name,
            "satisfaction": record.satisfaction}


def _refer(record: Need, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    now, village = clock.now(), record.point
    record.point = township_point(village)
    record.service = record.provider = None
    record.referred_at, record.due_at, record.escalated_at = now, _due(now), None
    return {"note": params["reason"].strip(), "point": record.point.name, "from_point": village.name}


def _petition(record: Need, actor: Any, params: dict[str, Any]) -> dict:
    """The case table's creating step, as this staff member at the counter (来访)."""
    from xinfang.cases.events import record_event
    from xinfang.cases.models import Channel
    from xinfang.cases.services import case_register

    case = case_register(actor=actor, data={
        "channel": Channel.VISIT, "purpose": params["purpose"], "problem_unit": record.point.unit_id,
        "title": params["title"].strip(), "request": params["request"].strip(),
        "facts_reasons": record.text, "headcount": 1, "is_first_time": True,
    }, petitioners=[{"name": record.visitor_name, "phone": record.visitor_phone,
                     "id_number": params.get("id_number", ""), "address": params.get("address", "")}])
    record.case, record.ended_at = case, clock.now()
    record_event(case=case, type="servicepoint.case_from_need", actor=actor, data={
        "need": record.number, "point": record.point.name})
    return {"case_number": case.number, "point": record.point.name}


def _withdraw(record: Need, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.ended_at = clock.now()
    return {"note": params["reason"].strip()}


def _escalate(record: Need, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.escalated_at = clock.now()
    return {"days": int(get("XINFANG_SERVICEPOINT_NEED_DAYS")), "point": record.point.name}


EFFECTS = {NeedAction.RECORD: _record, NeedAction.SUBMIT: _submit, NeedAction.ASSIGN: _assign, NeedAction.START: _start,
           NeedAction.FINISH: _finish, NeedAction.REFER: _refer, NeedAction.PETITION: _petition,
           NeedAction.WITHDRAW: _withdraw, NeedAction.ESCALATE: _escalate}


def _record_point(record: Need, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    return {"point": record.point.name}


def _submitted(record: Need, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    return {"point": record.point.name, "service": record.service.name}


def record_need_event(*, need: Need, type: str, actor: Any = None,  # noqa: A002
                      action: str = "", old_value: str = "", new_value: str = "",
                      note: str = "", data: dict | None = None) -> NeedEvent:
    """One entry on the need's timeline, of a registered type (xinfang.core.events)."""
    from xinfang.core.events import event_type

    code = event_type(type).code
    return NeedEvent.objects.create(
        need=need, type=code, action=action, actor=engine.staff_user(actor),
        unit=getattr(actor, "unit", None), at=clock.now(), old_value=str(old_value),
        new_value=str(new_value), note=note, data=data or {})


def _before_save(step: engine.Step) -> None:
    step.record.updated_at = clock.now()


def _write_event(step: engine.Step) -> None:
    """The timeline entry, then who is told."""
    result = step.post_result if step.transition.creates else step.result
    data = dict(result) if isinstance(result, dict) else {}
    note = data.pop("note", "")
    act = step.transition.action
    kind = "servicepoint.escalated" if act == NeedAction.ESCALATE else "servicepoint.status_changed"
    record_need_event(need=step.record, type=kind, actor=step.actor, action=step.action.value,
                      old_value=step.old, new_value=step.new, note=note, data=data)
    with translation.override(settings.LANGUAGE_CODE):
        _inform(step, data)


def _inform(step: engine.Step, data: dict) -> None:
    """The township's point learns of a referral; the township's leader, of an overdue need.
    The visitor's name and phone are never in a message."""
    need, act = step.record, step.transition.action
    if act == NeedAction.SUBMIT:  # the point's staff (and the township's, who run a village's point)
        unit = need.point.unit
        for u in (unit, unit.parent) if unit.level == Level.VILLAGE and unit.parent else (unit,):
            notify_unit(unit=u, case=None, roles=(Role.REGISTRAR, Role.HANDLER),
                        subject=_("网上群众需求 %(n)s") % {"n": need.number},
                        body=_("%(pt)s收到网上提出的需求（%(s)s）：%(p)s，%(t)s。请分派办理。")
                        % {"pt": need.point.name, "s": need.service.name, "p": need.place,
                           "t": need.text[:60]})
    elif act == NeedAction.REFER:
        notify_unit(unit=need.point.unit, case=None, roles=(Role.REGISTRAR, Role.HANDLER),
                    subject=_("村级上交需求 %(n)s") % {"n": need.number},
                    body=_("%(f)s上交：%(p)s，%(t)s。请分派办理。")
                    % {"f": data.get("from_point", ""), "p": need.place, "t": need.text[:60]})
    elif act == NeedAction.ESCALATE:
        unit = need.point.unit
        township = unit.parent if unit.level == Level.VILLAGE and unit.parent else unit
        notify_unit(unit=township, case=None, roles=(Role.LEADER,),
                    subject=_("群众需求逾期 %(n)s") % {"n": need.number},
                    body=_("%(pt)s的群众需求%(n)s（%(p)s）已超过%(d)s日未办结，请督促。")
                    % {"pt": need.point.name, "n": need.number, "p": need.place,
                       "d": data.get("days", "")})


NEEDS = engine.Workflow(
    name="need", label="群众需求", model=Need, actions=NeedAction,
    statuses=NeedStatus, table=TRANSITIONS, forms=ACTION_FORMS, visible=visible_needs,
    scopes=SCOPES, write_event=_write_event, guards=GUARDS, effects=EFFECTS,
    post={NeedAction.RECORD: _record_point, NeedAction.SUBMIT: _submitted}, lock_related=("point", "point__unit"),
    before_save=_before_save,
)


def need_record(*, actor: Any, params: dict[str, Any]) -> Need:
    """登记需求: the point's staff put a visitor's need on the 群众需求清单."""
    return engine.create(NEEDS, action=NeedAction.RECORD, actor=actor, params=params)


def need_submit(*, actor: Any, params: dict[str, Any]) -> Need:
    """网上提出需求: the visitor on the portal (a `PetitionerActor`) puts a need on the list; use
    `services.need_submit_online`, which makes it idempotent."""
    return engine.create(NEEDS, action=NeedAction.SUBMIT, actor=actor, params=params)


def need_transition(*, need_id: int, action: str, actor: Any,
                    params: dict[str, Any] | None = None) -> Need:
    """分派, 开始办理, 办结, 上交乡镇, 转为信访件, 撤回, 逾期督促 (the engine checks status, role,
    scope and guards)."""
    return engine.transition(NEEDS, record_id=need_id, action=action, actor=actor, params=params)


def available_actions(user: Any, need: Need) -> list[NeedAction]:
    return [NeedAction(t.action) for t in NEEDS.available(user, need)]
