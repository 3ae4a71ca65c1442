"""`consult_create` and `consult_transition`: the only writers of a 四诊 matter's status (四诊合一接访,
Xiaoshan practice), on the one workflow engine.

A village's party secretary hears people on the village's fixed reception day (固定坐诊) and on
planned home visits (入户巡诊, planned then logged); a hard matter is routed to the responsible units
with a time limit (疑难分诊) or escalated to a joint consultation of the units needed (提级会诊); it
ends resolved (化解) or, when it is a petition, registered as a case through the case table's
`register` step (转为信访件), linked both ways.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from xinfang.core import clock, numbering
from xinfang.core import workflow as engine
from xinfang.core.errors import GuardFailed
from xinfang.core.workflow import state_guard
from xinfang.notifications.services import notify_unit
from xinfang.orgs.models import Role

from .forms import CONSULT_FORMS
from .models import Consult, ConsultEvent, ConsultKind, ReceptionDay
from .selectors import runs_village, villages_for, visible_consults
from .states import CONSULT_TRANSITIONS, VILLAGE, ConsultAction, ConsultStatus

SERIAL_KIND = "consult"


def _village(actor: Any, record: Consult | None, _parent: Any) -> bool:
    if record is None:
        return villages_for(actor).exists()
    return runs_village(actor, record.unit)


@state_guard
def _has_visitor(record: Consult, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if not record.visitor_name:
        raise GuardFailed(_("转为信访件须有信访人：请先在巡诊记录中填写群众姓名"))


def _new(actor: Any, params: dict[str, Any], kind: str) -> Consult:
    now, unit = clock.now(), params["unit"]
    serial = numbering.next_serial(numbering.unit_scope(unit), SERIAL_KIND, now.year)
    return Consult(number=f"{unit.code}-SZ{now.year}-{serial:05d}", unit=unit, kind=kind,
                   place=params["place"].strip(), recorded_by=actor, created_at=now,
                   updated_at=now)


def _receive(_parent: Any, actor: Any, params: dict[str, Any]) -> Consult:
    c = _new(actor, params, ConsultKind.SITTING)
    # the village's reception day of today, when today is one (a matter heard on another day is
    # still heard, without it)
    c.reception = ReceptionDay.objects.filter(unit=c.unit, weekday=clock.today().weekday(),
                                              active=True).first()
    c.visitor_name = params["visitor_name"].strip()
    c.visitor_phone = (params.get("visitor_phone") or "").strip()
    c.text = params["text"].strip()
    c.save()
    return c


def _plan(_parent: Any, actor: Any, params: dict[str, Any]) -> Consult:
    c = _new(actor, params, ConsultKind.HOME)
    c.planned_on, c.topic = params["planned_on"], (params.get("topic") or "").strip()
    c.save()
    return c


def _visit(record: Consult, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.text = params["text"].strip()
    record.visitor_name = (params.get("visitor_name") or "").strip()
    record.visitor_phone = (params.get("visitor_phone") or "").strip()
    return {"note": record.text}


def _cancel(record: Consult, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.ended_at = clock.now()
    return {"note": params["reason"].strip()}


def _units(record: Consult, units: list) -> str:
    record.units.add(*units)
    return "、".join(u.name for u in sorted(units, key=lambda u: u.pk))


def _route(record: Consult, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.route_due = clock.today() + dt.timedelta(days=params["days"])
    return {"units": _units(record, list(params["units"])), "due": record.route_due.isoformat()}


def _convene(record: Consult, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.meeting_on = params["meeting_on"]
    return {"units": _units(record, list(params["units"])), "meeting_on": record.meeting_on.isoformat(),
            "note": (params.get("note") or "").strip()}


def _resolve(record: Consult, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.outcome, record.ended_at = params["outcome"].strip(), clock.now()
    return {"note": record.outcome}


def _petition(record: Consult, actor: Any, params: dict[str, Any]) -> dict:
    from xinfang.cases.events import record_event
    from xinfang.cases.models import Channel
    from xinfang.cases.services import case_register

    case = case_register(actor=actor, data={
        "channel": Channel.VISIT, "purpose": params["purpose"], "problem_unit": record.unit_id,
        "title": params["title"].strip(), "request": params["request"].strip(),
        "facts_reasons": record.text, "headcount": 1, "is_first_time": True,
    }, petitioners=[{"name": record.visitor_name, "phone": record.visitor_phone,
                     "id_number": params.get("id_number", ""), "address": params.get("address", "")}])
    record.case, record.ended_at = case, clock.now()
    record_event(case=case, type="servicepoint.case_from_consult", actor=actor,
                 data={"consult": record.number, "kind": record.kind})
    return {"case_number": case.number}


EFFECTS = {ConsultAction.RECEIVE: _receive, ConsultAction.PLAN: _plan,
           ConsultAction.VISIT: _visit, ConsultAction.CANCEL: _cancel,
           ConsultAction.ROUTE: _route, ConsultAction.CONVENE: _convene,
           ConsultAction.RESOLVE: _resolve, ConsultAction.PETITION: _petition}


def _before_save(step: engine.Step) -> None:
    step.record.updated_at = clock.now()


def _created(record: Consult, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    return {"kind": record.kind, "planned_on": record.planned_on.isoformat()
            if record.planned_on else ""}


def _write_event(step: engine.Step) -> None:
    result = step.post_result if step.transition.creates else step.result
    data = dict(result) if isinstance(result, dict) else {}
    note = data.pop("note", "")
    from xinfang.core.events import event_type

    ConsultEvent.objects.create(
        consult=step.record, type=event_type("servicepoint.consult_step").code,
        action=step.action.value,
        actor=engine.staff_user(step.actor), unit=getattr(step.actor, "unit", None),
        at=clock.now(), old_value=str(step.old), new_value=str(step.new), note=note, data=data)
    with translation.override(settings.LANGUAGE_CODE):
        _inform(step, data)


def _inform(step: engine.Step, data: dict) -> None:
    """The routed or convened units learn of it; a joint consultation, the township's leader too.
    The visitor's name and phone are never in a message."""
    c, act = step.record, step.transition.action
    if act not in (ConsultAction.ROUTE, ConsultAction.CONVENE):
        return
    subject = (_("疑难分诊 %(n)s") if act == ConsultAction.ROUTE else _("提级会诊 %(n)s")) % {
        "n": c.number}
    body = (_("%(v)s（%(p)s）：%(t)s。请于%(d)s前化解。") % {
        "v": c.unit.name, "p": c.place, "t": c.text[:60], "d": data.get("due", "")}
            if act == ConsultAction.ROUTE else
            _("%(v)s（%(p)s）：%(t)s。联合会诊定于%(d)s。") % {
                "v": c.unit.name, "p": c.place, "t": c.text[:60], "d": data.get("meeting_on", "")})
    for unit in c.units.all():
        notify_unit(unit=unit, case=None, roles=(Role.HANDLER, Role.APPROVER), subject=subject,
                    body=body)
    if act == ConsultAction.CONVENE and c.unit.parent is not None:
        notify_unit(unit=c.unit.parent, case=None, roles=(Role.LEADER,), subject=subject, body=body)


CONSULTS = engine.Workflow(
    name="consult", label="四诊事项", model=Consult, actions=ConsultAction,
    statuses=ConsultStatus, table=CONSULT_TRANSITIONS, forms=CONSULT_FORMS,
    visible=visible_consults, scopes={VILLAGE: _village}, write_event=_write_event,
    guards={"has_visitor": _has_visitor}, effects=EFFECTS,
    post={ConsultAction.RECEIVE: _created, ConsultAction.PLAN: _created},
    lock_related=("unit",), before_save=_before_save,
)


def consult_create(*, action: str, actor: Any, params: dict[str, Any]) -> Consult:
    """坐诊接访 or 计划巡诊: a new 四诊 matter of a village the actor runs."""
    return engine.create(CONSULTS, action=action, actor=actor, params=params)


def consult_transition(*, consult_id: int, action: str, actor: Any,
                       params: dict[str, Any] | None = None) -> Consult:
    """入户巡诊, 取消巡诊, 疑难分诊, 提级会诊, 化解办结, 转为信访件."""
    return engine.transition(CONSULTS, record_id=consult_id, action=action, actor=actor,
                             params=params)
