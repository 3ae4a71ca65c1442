"""Writing the case timeline, and the case's own event types. Every change to a case goes through
`record_event`, with a registered type code and data (see xinfang.core.events)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xinfang.core import clock
from xinfang.core.events import EventType, choice, event_type, joined, optional, register
from xinfang.core.workflow import is_petitioner, staff_user

from .chain import CHAIN_VERSION, event_hash
from .models import (
    Case,
    CaseEvent,
    Channel,
    EventKind,
    FollowUpStep,
    Opinion,
    RouteFollowUp,
    Satisfaction,
)


def record_event(
    *,
    case: Case,
    type: str,  # noqa: A002  (the event type's code, as stored)
    actor: Any = None,
    action: str = "",
    old_value: str = "",
    new_value: str = "",
    note: str = "",
    data: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> CaseEvent:
    """Append one event of a registered type to the case's timeline, chained to the previous one
    (Art. 21). `old_value`/`new_value` are codes or dates, `note` only what a person typed.

    The case row is locked (usually already by the caller) so that two writers on the same case
    cannot both chain to the same predecessor; the lock and the chain's tip are one query (see
    `_lock_chain_tip`). An unregistered type raises UnknownEventType.
    """
    kind = event_type(type).kind
    if is_petitioner(actor):  # no user row: the event says the petitioner acted, and how
        data = {**(data or {}), "actor": "petitioner", "via": actor.via}
    if kind not in EventKind.values:
        raise ValueError(f"event type {type} is not a case event type (kind {kind!r})")
    with transaction.atomic(savepoint=False):  # part of the caller's step: no savepoint of its own
        prev_hash = _lock_chain_tip(case.pk)
        event = CaseEvent(
            case=case,
            kind=kind,
            type=type,
            action=str(action),
            actor=staff_user(actor),
            unit=getattr(actor, "unit", None),
            at=at or clock.now(),
            old_value=str(old_value)[:200],
            new_value=str(new_value)[:200],
            note=note,
            data=data or {},
            prev_hash=prev_hash,
            chain_version=CHAIN_VERSION,
        )
        event.hash = event_hash(event, prev_hash)
        event.save(force_insert=True)
    return event


def _lock_chain_tip(case_id: int) -> str:
    """Lock the case row and read the hash of its last event (the chain's tip), "" for none.

    One query when the row is free or already locked by this transaction (the registration that
    inserted it, a workflow step that loaded it): ``SELECT … FOR UPDATE SKIP LOCKED`` with the tip as
    a subquery. A row locked by another transaction is skipped instead of waited for, because after
    such a wait the subquery would still read the events as of the statement's start (PostgreSQL's
    read committed) and miss the one the other writer just chained; then the lock is waited for and
    the tip read by a second, later statement, which sees it. (SQLite has no row locks: its writer
    holds the whole database, and the query is a plain read.)
    """
    tip = CaseEvent.objects.filter(case_id=OuterRef("pk")).order_by("-pk").values("hash")[:1]
    locked = (Case.objects.select_for_update(skip_locked=True, of=("self",)).filter(pk=case_id)
              .order_by().annotate(tip=Subquery(tip)).values_list("pk", "tip"))
    for _pk, prev_hash in locked:
        return prev_hash or ""
    list(Case.objects.select_for_update(of=("self",)).filter(pk=case_id).order_by()
         .values_list("pk", flat=True))  # someone else's lock: wait for it, then read afresh
    return (CaseEvent.objects.filter(case_id=case_id).order_by("-pk")
            .values_list("hash", flat=True).first()) or ""


# --- the case's event types ------------------------------------------------------------------------

def _status(value: Any) -> str:
    from .states import Status

    return choice(Status)(value)


def _action(value: Any) -> str:
    from .states import Action

    return choice(Action)(value)


STEP_FIELDS = {"action": _action, "old": _status, "new": _status}


def _field_value(field_name: str, value: Any, name: Any) -> str:
    """A stored field value (a code, a pk, true/false) shown through the field it belongs to."""
    if name:
        return str(name)
    if value in (None, ""):
        return _("（空）")
    try:
        field = Case._meta.get_field(field_name)
    except Exception:  # noqa: BLE001  (an old row naming a field since removed)
        return str(value)
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if field.get_internal_type() == "BooleanField":
        return _("是") if str(value).lower() in ("true", "1") else _("否")
    return str(value)


def _field_changed(data: Mapping[str, Any]) -> str:
    field_name = data.get("field", "")
    try:
        label = str(Case._meta.get_field(field_name).verbose_name)
    except Exception:  # noqa: BLE001
        label = str(field_name)
    return _("%(field)s：%(old)s → %(new)s") % {
        "field": label, "old": _field_value(field_name, data.get("old"), data.get("old_name")),
        "new": _field_value(field_name, data.get("new"), data.get("new_name"))}


def _linked(text: Any, group_text: Any) -> Any:
    def fn(data: Mapping[str, Any]) -> str:
        return str(group_text if data.get("group") else text) % {
            "number": data.get("number") or data.get("new", ""), "group": data.get("group", ""),
            "size": data.get("group_size") or "—"}
    return fn


CASE_TYPES = (
    EventType("case.registered", gettext_lazy("登记"), gettext_lazy("登记（%(channel)s），状态：%(new)s"),
              fields={"channel": choice(Channel), "new": _status},
              kind=EventKind.REGISTERED, sample={"channel": "letter", "new": "registered"},
              doc="Registration (Art. 17, 21)"),
    EventType("case.status_changed", gettext_lazy("状态变更"), gettext_lazy("%(action)s：%(old)s → %(new)s"),
              fields=STEP_FIELDS, kind=EventKind.STATUS_CHANGED,
              sample={"action": "accept", "old": "assigned", "new": "accepted"},
              doc="A step of the case table that changes the status (cases/states.py)"),
    EventType("case.step", gettext_lazy("办理"), gettext_lazy("%(action)s"), fields=STEP_FIELDS,
              kind=EventKind.NOTE,
              sample={"action": "link", "old": "accepted", "new": "accepted"},
              doc="A step of the case table that keeps the status"),
    EventType("case.field_changed", gettext_lazy("信息变更"), render_fn=_field_changed,
              kind=EventKind.FIELD_CHANGED,
              sample={"field": "purpose", "old": "request", "new": "suggestion"},
              doc="A field changed by a step (triage, routing, conversion)"),
    EventType("case.linked", gettext_lazy("关联信访件"),
              render_fn=_linked(gettext_lazy("关联同一事项的信访件%(number)s"),
                                gettext_lazy("作为群体性事项“%(group)s”关联信访件%(number)s（共%(size)s件，第20条）")),
              kind=EventKind.FIELD_CHANGED, sample={"number": "QHXF-2026-00001", "group": ""},
              doc="An earlier case on the same matter linked to this one (Art. 20)"),
    EventType("case.linked_from", gettext_lazy("被关联"),
              render_fn=_linked(gettext_lazy("信访件%(number)s关联本件（同一事项）"),
                                gettext_lazy("信访件%(number)s作为群体性事项“%(group)s”关联本件（共%(size)s件，第20条）")),
              kind=EventKind.FIELD_CHANGED,
              sample={"number": "QHXF-2026-00002", "group": "阳光小区", "group_size": 3},
              doc="The other side of a link: a later case linked this one"),
    EventType("case.routed", gettext_lazy("流转"), gettext_lazy("%(action)s：%(old)s → %(new)s"),
              fields={"action": _action}, kind=EventKind.ROUTED,
              sample={"action": "transfer", "old": "县信访局", "new": "县住建局"},
              doc="The case goes to another unit (transfer, assignment, request to the higher unit)"),
    EventType("case.accusation_lifted", gettext_lazy("不再按揭发控告办理"),
              gettext_lazy("经审批人确认，本件不再按揭发控告办理（%(article)s）"),
              fields={"article": lambda v: _cite("第30条")}, kind=EventKind.NOTE,
              doc="Approver confirms the case is no accusation after all (Art. 30)"),
    EventType("case.rated", gettext_lazy("满意度评价"), gettext_lazy("对%(stage)s的评价：%(new)s"),
              fields={"stage": choice(Opinion.Stage), "new": choice(Satisfaction)},
              kind=EventKind.RATED, sample={"stage": "handling", "new": "satisfied"},
              doc="The petitioner's rating of the handling unit's answer (Art. 21)"),
    EventType("case.notice_not_owed", gettext_lazy("不计算告知期限"),
              gettext_lazy("信访人住址、联系方式不清，无法书面告知，依%(article)s不计算15日告知期限"),
              fields={"article": lambda v: _cite("第23条第二款")}, kind=EventKind.NOTE,
              doc="No address or contact: the 15-day notice is not owed (Art. 23 ¶2)"),
    EventType("case.attachment_added", gettext_lazy("上传附件"), gettext_lazy("上传附件：%(name)s"),
              kind=EventKind.ATTACHMENT_ADDED, sample={"name": "材料.pdf", "attachment": 1},
              doc="A file added to the record"),
    EventType("case.attachment_downloaded", gettext_lazy("下载附件"),
              render_fn=joined(gettext_lazy("下载附件：%(name)s"),
                               optional(gettext_lazy("（检举揭发材料）"), "confidential")),
              kind=EventKind.NOTE, sample={"name": "材料.pdf", "attachment": 1, "confidential": True},
              doc="An attachment downloaded (every download is on the record)"),
    EventType("case.revealed", gettext_lazy("查看完整证件号码"), gettext_lazy("查看了信访人完整证件号码和电话"),
              kind=EventKind.NOTE, doc="Full ID and phone numbers shown on the case page"),
    EventType("case.merged_in", gettext_lazy("并案"), gettext_lazy("信访件%(number)s并入本件办理"),
              kind=EventKind.FIELD_CHANGED, sample={"number": "QHXF-2026-00002", "case": 2},
              doc="A repeat petition of the same matter merged into this case (并案, local practice)"),
    EventType("case.revealed_admin", gettext_lazy("后台查看完整证件号码"),
              gettext_lazy("在管理后台查看了信访人%(name)s的完整证件号码和电话"), kind=EventKind.NOTE,
              sample={"name": "张三", "petitioner": 1}, doc="Full numbers shown in the admin"),
    EventType("case.followup_step", gettext_lazy("导入程序跟踪"),
              gettext_lazy("%(step)s（%(on)s，去向：%(destination)s）：%(old)s → %(new)s"),
              fields={"step": choice(FollowUpStep), "old": choice(RouteFollowUp.Status),
                      "new": choice(RouteFollowUp.Status)},
              kind=EventKind.ROUTE_FOLLOW_UP,
              sample={"step": "received", "on": "2026-05-01", "destination": "县人民法院",
                      "old": "awaiting", "new": "received"},
              doc="News of an item routed away (Art. 22 ¶2, 28)"),
    EventType("case.followup_reminder", gettext_lazy("导入程序跟踪提醒"),
              gettext_lazy("该事项（去向：%(destination)s）自%(since)s起已%(days)s日无新进展，请向接收机关了解签收和办理情况"),
              kind=EventKind.ROUTE_FOLLOW_UP,
              sample={"destination": "县人民法院", "since": "2026-04-01", "days": 30},
              doc="Daily reminder of a routed-away item without news (practice)"),
    EventType("case.note", gettext_lazy("备注"), kind=EventKind.NOTE,
              doc="A note without a type (rows written before the vocabulary)"),
)


def _cite(article: str) -> str:
    from xinfang.core.events import cite

    return cite(article)


register(*CASE_TYPES)


def step_event_kind(old: Any, new: Any) -> str:
    return "case.status_changed" if old != new else "case.step"


__all__ = ["CASE_TYPES", "record_event", "step_event_kind"]
