"""`warning_transition`: the one function that changes a warning's status.

It locks the warning, checks that the action exists and is allowed from the current status, that
the actor's role and unit may take it, validates the parameters, applies the action's effects and
writes the warning's timeline event.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q

from xinfang.cases.selectors import jurisdiction_root
from xinfang.core import clock
from xinfang.core.errors import IllegalTransition, InvalidParams, PermissionDenied
from xinfang.orgs.models import Unit, UnitType

from .conf import policy
from .models import Warning, WarningEvent, WarningEventKind
from .states import BUREAU, TRANSITIONS, WarningAction, WarningStatus, WarningTransition

ISSUER_UNIT_TYPES = (UnitType.PETITION_BUREAU, UnitType.PARTY_GOVERNMENT)


def covers(user: Any, unit: Unit) -> bool:
    """The unit lies within the user's jurisdiction (own unit and below; a bureau: its government's)."""
    if user.is_superuser:
        return True
    if user.unit_id is None:
        return False
    return unit.path.startswith(jurisdiction_root(user.unit).path)


def may_act(user: Any, warning: Warning, transition: WarningTransition) -> bool:
    """Role and unit allow `user` to take `transition` on `warning` (status checked separately)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if not user.has_role(*transition.roles) or user.unit_id is None:
        return False
    if transition.scope == BUREAU:
        return user.unit.unit_type in ISSUER_UNIT_TYPES and covers(user, warning.scope_unit)
    return user.unit_id == warning.responsible_unit_id


def available_actions(user: Any, warning: Warning) -> list[WarningAction]:
    return [t.action for t in TRANSITIONS.values()
            if warning.status in t.sources and may_act(user, warning, t)]


def record_warning_event(*, warning: Warning, kind: WarningEventKind, actor: Any = None,
                         action: str = "", old_value: str = "", new_value: str = "",
                         note: str = "", data: dict | None = None) -> WarningEvent:
    return WarningEvent.objects.create(
        warning=warning, kind=kind, action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        unit=getattr(actor, "unit", None), at=clock.now(),
        old_value=str(old_value)[:100], new_value=str(new_value)[:100], note=note,
        data=data or {},
    )


def _text(params: dict[str, Any], name: str, label: str) -> str:
    value = str(params.get(name) or "").strip()
    if not value:
        raise InvalidParams(f"请填写{label}", field=name)
    return value


def _next_letter_number(unit: Unit, year: int) -> str:
    Unit.objects.select_for_update().filter(pk=unit.pk).first()  # serialise numbering per unit
    n = Warning.objects.filter(letter_unit=unit, letter_issued_on__year=year).count() + 1
    return f"{unit.doc_prefix}预警函〔{year}〕{n}号"


def _issue_letter(warning: Warning, actor: Any, params: dict[str, Any]) -> str:
    """预警提示函 (practice): numbered, dated, with a response date `response_days` ahead."""
    try:
        days = int(params.get("response_days") or policy()["response_days"])
    except (TypeError, ValueError):
        raise InvalidParams("反馈期限应为天数", field="response_days") from None
    if not 1 <= days <= 60:
        raise InvalidParams("反馈期限应在1至60天之间", field="response_days")
    today = clock.today()
    issuer = actor.unit if actor.unit_id else warning.scope_unit
    warning.letter_unit = issuer
    warning.letter_issued_on = today
    warning.letter_number = _next_letter_number(issuer, today.year)
    warning.response_due_on = today + dt.timedelta(days=days)
    return str(params.get("note") or "").strip() or f"限{days}日内反馈"


def _respond(warning: Warning, actor: Any, params: dict[str, Any]) -> str:  # noqa: ARG001
    warning.response = _text(params, "response", "反馈的处置情况")
    warning.responded_on = clock.today()
    return warning.response


def _close(warning: Warning, actor: Any, params: dict[str, Any]) -> str:  # noqa: ARG001
    warning.closing_note = _text(params, "note", "办结说明")
    warning.closed_on = clock.today()
    return warning.closing_note


EFFECTS = {
    WarningAction.ISSUE_LETTER: _issue_letter,
    WarningAction.RESPOND: _respond,
    WarningAction.CLOSE: _close,
}


def warning_transition(*, warning_id: int, action: str, actor: Any,
                       params: dict[str, Any] | None = None) -> Warning:
    """Move a warning along open → letter issued → responded → closed (the only status writer)."""
    try:
        act = WarningAction(action)
    except ValueError:
        raise IllegalTransition(f"未知的操作：{action}") from None
    transition = TRANSITIONS[act]
    params = params or {}
    with transaction.atomic():
        warning = (Warning.objects.select_for_update(of=("self",))
                   .select_related("scope_unit", "responsible_unit").get(pk=warning_id))
        if warning.status not in transition.sources:
            raise IllegalTransition(
                f"预警当前状态为“{warning.get_status_display()}”，不能{act.label}",
                status=warning.status, action=act.value,
            )
        if actor is None:  # the system (daily recompute): only where the table allows it
            if not transition.system:
                raise PermissionDenied(f"系统不能自动执行“{act.label}”")
        elif not may_act(actor, warning, transition):
            raise PermissionDenied(f"您无权对该预警执行“{act.label}”")
        old = warning.status
        note = EFFECTS[act](warning, actor, params)
        warning.status = transition.target
        warning.updated_at = clock.now()
        warning.save()
        record_warning_event(warning=warning, kind=WarningEventKind.STATUS_CHANGED,
                             actor=actor, action=act.value, old_value=old,
                             new_value=warning.status, note=note)
    return warning


def open_statuses() -> Q:
    return ~Q(status=WarningStatus.CLOSED)
