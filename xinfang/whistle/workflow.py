"""`whistle_create` and `whistle_transition`: the only writers of a whistle's status and of its
departments' report rows.

The whistle table (`states.TRANSITIONS`) is the `WHISTLES` workflow on the one engine
(`xinfang.core.workflow`): the record is loaded through the actor's reach (outside it
Whistle.DoesNotExist → 404), locked, its status, the actor's role and unit checked, the parameters
validated by the step's form (`forms.py`), the guards, the effect, and the timeline event written.
The departments are told when they are whistled to; the township's leader when a report is overdue.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from xinfang.core import clock, numbering
from xinfang.core import workflow as engine
from xinfang.core.errors import GuardFailed
from xinfang.core.workflow import state_guard
from xinfang.notifications.services import notify_unit
from xinfang.orgs.models import Level, Role, Unit
from xinfang.portal import codes

from . import photos as photo_store
from .forms import ACTION_FORMS
from .models import Whistle, WhistleEvent, WhistlePhoto, WhistleReport
from .selectors import grids_for, visible_whistles
from .states import (
    ANY,
    RAISING,
    TRANSITIONS,
    WHISTLED_DEPT,
    ReportStatus,
    WhistleAction,
    WhistleStatus,
)

SERIAL_KIND = "whistle"


def _raising(actor: Any, record: Whistle | None, _parent: Any) -> bool:
    """The unit that raised it; a new one: a unit with an active grid in its reach."""
    if record is None:
        return actor.unit_id is not None and grids_for(actor).exists()
    return actor.unit_id is not None and actor.unit_id == record.unit_id


def _department(actor: Any, record: Whistle | None, _parent: Any) -> bool:
    """A department the matter was whistled to."""
    return (record is not None and actor.unit_id is not None
            and record.reports.filter(unit=actor.unit_id).exists())


SCOPES = {RAISING: _raising, WHISTLED_DEPT: _department, ANY: lambda *_a: True}


def _own_report(record: Whistle, actor: Any) -> WhistleReport | None:
    return record.reports.filter(unit=getattr(actor, "unit_id", None)).first()


@state_guard
def _dept_pending(record: Whistle, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    row = _own_report(record, actor)
    if row is None or row.status != ReportStatus.PENDING:
        raise GuardFailed(_("本部门已报到"))


@state_guard
def _dept_reported(record: Whistle, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    row = _own_report(record, actor)
    if row is None or row.status == ReportStatus.PENDING:
        raise GuardFailed(_("请先报到，再记录处置情况"))
    if row.status == ReportStatus.ACTED:
        raise GuardFailed(_("本部门已记录处置情况"))


@state_guard
def _all_acted(record: Whistle, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    waiting = [r.unit.name for r in record.reports.select_related("unit")
               if r.status != ReportStatus.ACTED]
    if waiting:
        raise GuardFailed(_("以下部门尚未处置完毕，不能确认办结：%(u)s") % {"u": "、".join(waiting)})


def overdue_rows(record: Whistle, now: dt.datetime):  # noqa: ANN201
    """Reports past their deadline, not reported, not yet escalated."""
    return record.reports.filter(status=ReportStatus.PENDING, due_at__lt=now,
                                 escalated_at__isnull=True).select_related("unit")


@state_guard
def _has_unescalated_overdue(record: Whistle, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if not overdue_rows(record, clock.now()).exists():
        raise GuardFailed(_("没有逾期未报到且未督促的部门"))


GUARDS = {"dept_pending": _dept_pending, "dept_reported": _dept_reported,
          "all_acted": _all_acted, "has_unescalated_overdue": _has_unescalated_overdue}


def township_of(unit: Unit) -> Unit:
    """The township (乡镇、街道) a grid's unit belongs to: itself, or the nearest one above it."""
    u = unit
    while u is not None and u.level > Level.TOWNSHIP:
        u = u.parent
    return u if u is not None and u.level == Level.TOWNSHIP else unit


def _raise(_parent: Any, actor: Any, params: dict[str, Any]) -> Whistle:
    now = clock.now()
    unit = actor.unit
    serial = numbering.next_serial(numbering.unit_scope(unit), SERIAL_KIND, now.year)
    record = Whistle(number=f"{unit.code}-CS{now.year}-{serial:05d}", grid=params["grid"],
                     unit=unit, raised_by=actor, place=params["place"].strip(),
                     text=params["text"].strip(), whistled_at=now, created_at=now, updated_at=now,
                     form_token=codes.token_hash(params["token"]) if params.get("token") else None)
    record.save()
    return record


def _raise_rows(record: Whistle, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    due = record.whistled_at + dt.timedelta(hours=params["hours"])
    units = sorted(params["units"], key=lambda u: u.pk)
    WhistleReport.objects.bulk_create([WhistleReport(whistle=record, unit=u, due_at=due)
                                       for u in units])
    photos = photo_store.store(whistle=record, photos=params.get("photos") or [], actor=actor)
    return {"units": "、".join(u.name for u in units), "hours": params["hours"],
            "photos": photos}


def _report(record: Whistle, actor: Any, params: dict[str, Any]) -> dict:
    row = _own_report(record, actor)
    row.status, row.reported_at, row.reported_by = ReportStatus.REPORTED, clock.now(), actor
    row.save(update_fields=["status", "reported_at", "reported_by"])
    return {"note": params.get("note", ""), "unit_name": row.unit.name,
            "late": row.reported_at > row.due_at}


def _act(record: Whistle, actor: Any, params: dict[str, Any]) -> dict:
    row = _own_report(record, actor)
    row.status, row.acted_at = ReportStatus.ACTED, clock.now()
    row.action_taken = params["action_taken"].strip()
    row.save(update_fields=["status", "acted_at", "action_taken"])
    photos = photo_store.store(whistle=record, photos=params.get("photos") or [], actor=actor,
                               report=row)
    return {"note": row.action_taken, "unit_name": row.unit.name, "photos": photos}


def _confirm(record: Whistle, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.closed_at = clock.now()
    return {"note": params.get("note", "")}


def _escalate(record: Whistle, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    now = clock.now()
    rows = list(overdue_rows(record, now))
    WhistleReport.objects.filter(pk__in=[r.pk for r in rows]).update(escalated_at=now)
    return {"units": "、".join(r.unit.name for r in rows), "unit_ids": [r.unit_id for r in rows]}


EFFECTS = {WhistleAction.RAISE: _raise, WhistleAction.REPORT: _report, WhistleAction.ACT: _act,
           WhistleAction.CONFIRM: _confirm, WhistleAction.ESCALATE: _escalate}


def record_whistle_event(*, whistle: Whistle, type: str, actor: Any = None,  # noqa: A002
                         action: str = "", old_value: str = "", new_value: str = "",
                         note: str = "", data: dict | None = None) -> WhistleEvent:
    """One entry on the whistle's timeline, of a registered type (xinfang.core.events)."""
    from xinfang.core.events import event_type

    code = event_type(type).code
    return WhistleEvent.objects.create(
        whistle=whistle, type=code, action=action, actor=engine.staff_user(actor),
        unit=getattr(actor, "unit", None), at=clock.now(), old_value=str(old_value),
        new_value=str(new_value), note=note, data=data or {})


def _before_save(step: engine.Step) -> None:
    step.record.updated_at = clock.now()


def _write_event(step: engine.Step) -> None:
    """The timeline entry, then who is told."""
    result = step.post_result if step.transition.creates else step.result
    data = dict(result) if isinstance(result, dict) else {}
    note = data.pop("note", "")
    photos: list[WhistlePhoto] = data.pop("photos", [])
    act = step.transition.action
    if act in (WhistleAction.REPORT, WhistleAction.ACT):
        kind = "whistle.department"
    elif act == WhistleAction.ESCALATE:
        kind = "whistle.escalated"
    else:
        kind = "whistle.status_changed"
    record_whistle_event(whistle=step.record, type=kind, actor=step.actor, action=step.action.value,
                         old_value=step.old, new_value=step.new, note=note, data=data)
    for photo in photos:  # one entry per photo: which file, exactly (size and hash of what is kept)
        record_whistle_event(whistle=step.record, type="whistle.photo_added", actor=step.actor,
                             action=step.action.value, new_value=photo.name,
                             data={"photo": photo.pk, "name": photo.name, "size": photo.size,
                                   "sha256": photo.sha256})
    with translation.override(settings.LANGUAGE_CODE):
        _inform(step, data)


def _inform(step: engine.Step, data: dict) -> None:
    """The departments learn they are whistled to; the township's leader, of overdue reports."""
    w, act = step.record, step.transition.action
    if act == WhistleAction.RAISE:
        for row in w.reports.select_related("unit"):
            notify_unit(unit=row.unit, case=None, roles=(Role.HANDLER, Role.APPROVER),
                        subject=_("吹哨报到 %(n)s") % {"n": w.number},
                        body=_("%(g)s（%(u)s）吹哨：%(p)s，%(t)s。请于%(d)s前报到并处置。")
                        % {"g": w.grid.name, "u": w.unit.name, "p": w.place, "t": w.text[:60],
                           "d": timezone.localtime(row.due_at).strftime("%Y-%m-%d %H:%M")})
    elif act == WhistleAction.ESCALATE:
        township = township_of(w.unit)
        body = (_("吹哨事项%(n)s（%(g)s，%(p)s）以下部门逾期未报到，请督促：%(u)s")
                % {"n": w.number, "g": w.grid.name, "p": w.place, "u": data.get("units", "")})
        notify_unit(unit=township, case=None, roles=(Role.LEADER,),
                    subject=_("吹哨报到逾期 %(n)s") % {"n": w.number}, body=body)
        for unit in Unit.objects.filter(pk__in=data.get("unit_ids", [])):
            notify_unit(unit=unit, case=None, roles=(Role.APPROVER,),
                        subject=_("吹哨报到逾期 %(n)s") % {"n": w.number}, body=body)


WHISTLES = engine.Workflow(
    name="whistle", label="吹哨事项", model=Whistle, actions=WhistleAction,
    statuses=WhistleStatus, table=TRANSITIONS, forms=ACTION_FORMS, visible=visible_whistles,
    scopes=SCOPES, write_event=_write_event, guards=GUARDS, effects=EFFECTS,
    post={WhistleAction.RAISE: _raise_rows}, lock_related=("unit", "grid"),
    before_save=_before_save,
)


def whistle_create(*, actor: Any, params: dict[str, Any]) -> Whistle:
    """吹哨: a grid worker raises a matter and whistles to the departments (Longgang practice),
    with photos if any (`params["photos"]`: uploads)."""
    with photo_store.removed_on_failure():
        return engine.create(WHISTLES, action=WhistleAction.RAISE, actor=actor, params=params)


def whistle_transition(*, whistle_id: int, action: str, actor: Any,
                       params: dict[str, Any] | None = None) -> Whistle:
    """报到, 处置 (with photos if any), 确认办结, 督促报到 (the engine checks status, role, scope and
    guards)."""
    with photo_store.removed_on_failure():
        return engine.transition(WHISTLES, record_id=whistle_id, action=action, actor=actor,
                                 params=params)


def available_actions(user: Any, whistle: Whistle) -> list[WhistleAction]:
    return [WhistleAction(t.action) for t in WHISTLES.available(user, whistle)]
