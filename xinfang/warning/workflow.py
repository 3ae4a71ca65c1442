"""`warning_transition`: the one function that changes a warning's status.

The warning table (`states.TRANSITIONS`) is the `WARNINGS` workflow on the one engine
(`xinfang.core.workflow`): the warning is loaded through the actor's reach (a warning outside the
jurisdiction is Warning.DoesNotExist → 404, as in the views), locked, its status, the actor's role
and unit checked, the parameters validated by the step's form (`forms.py`), the effect applied and
the warning's timeline event written. The daily recompute acts as the system actor.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.dispatch import Signal

from xinfang.core import clock, numbering
from xinfang.core import workflow as engine
from xinfang.core.errors import InvalidParams
from xinfang.core.events import event_type
from xinfang.core.workflow import is_system
from xinfang.orgs.models import Unit
from xinfang.orgs.selectors import in_jurisdiction, supervises

from .conf import policy
from .forms import ACTION_FORMS
from .models import Warning, WarningEvent, WarningEventKind
from .selectors import visible_warnings
from .states import (
    BUREAU,
    RESPONSIBLE,
    TRANSITIONS,
    WarningAction,
    WarningStatus,
    WarningTransition,
)


def covers(user: Any, unit: Unit) -> bool:
    """The unit lies within the user's jurisdiction (own unit and below; a bureau: its government's)."""
    if user.is_superuser:
        return True
    return in_jurisdiction(user, unit)


def _bureau(user: Any, warning: Warning, _parent: Any) -> bool:
    """The petition bureau (or party committee and government) whose jurisdiction covers it."""
    return supervises(user.unit) and covers(user, warning.scope_unit)


def _responsible(user: Any, warning: Warning, _parent: Any) -> bool:
    return user.unit_id is not None and user.unit_id == warning.responsible_unit_id


SCOPES = {BUREAU: _bureau, RESPONSIBLE: _responsible}


def may_act(user: Any, warning: Warning, transition: WarningTransition) -> bool:
    """Role and unit allow `user` to take `transition` on `warning` (status checked separately).

    No bypass for a superuser, as on a case: it sees every warning but acts only with a role."""
    return engine.may_take(WARNINGS, user, transition, warning, None)


def available_actions(user: Any, warning: Warning) -> list[WarningAction]:
    return [WarningAction(t.action) for t in WARNINGS.available(user, warning)]


def record_warning_event(*, warning: Warning, kind: WarningEventKind, actor: Any = None,
                         action: str = "", old_value: str = "", new_value: str = "",
                         note: str = "", data: dict | None = None) -> WarningEvent:
    """One entry on the warning's timeline, of the registered type `warning.<kind>`: codes and
    data, `note` only what a person typed (see xinfang.core.events)."""
    code = event_type(f"warning.{kind}").code  # unregistered: a programming error
    return WarningEvent.objects.create(
        warning=warning, kind=kind, type=code, action=action,
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
    n = numbering.next_serial(numbering.unit_scope(unit), numbering.WARNING_LETTER, year)
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
    return {"note": str(params.get("note") or "").strip(), "letter_number": warning.letter_number,
            "response_days": days}


def _respond(warning: Warning, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    warning.response = _text(params, "response", "反馈的处置情况")
    warning.responded_on = clock.today()
    return {"note": warning.response}


def _close(warning: Warning, actor: Any, params: dict[str, Any]) -> dict:
    warning.closed_on = clock.today()
    faded = params.get("faded_days")
    if faded and is_system(actor):  # the platform closes a faded signal (local practice)
        warning.closing_note = (f"信号已消退：{faded}日内无新的预警信号，系统自动办结"
                                "（本地做法，可在配置中关闭）。")
        return {"note": "", "faded_days": faded}
    warning.closing_note = _text(params, "note", "办结说明")
    return {"note": warning.closing_note}


EFFECTS = {
    WarningAction.ISSUE_LETTER: _issue_letter,
    WarningAction.RESPOND: _respond,
    WarningAction.CLOSE: _close,
}


def _before_save(step: engine.Step) -> None:
    step.record.updated_at = clock.now()


def _write_event(step: engine.Step) -> None:
    data = dict(step.result or {})
    note = data.pop("note", "")
    record_warning_event(warning=step.record, kind=WarningEventKind.STATUS_CHANGED,
                         actor=step.actor, action=step.action.value, old_value=step.old,
                         new_value=step.new, note=note, data=data)


# Sent after commit: kwargs flow, record, action, old_status, new_status, actor, params.
warning_changed = Signal()

WARNINGS = engine.Workflow(
    name="warning", label="预警", model=Warning, actions=WarningAction, statuses=WarningStatus,
    table=TRANSITIONS, forms=ACTION_FORMS, visible=visible_warnings, scopes=SCOPES,
    write_event=_write_event, effects=EFFECTS, lock_related=("scope_unit", "responsible_unit"),
    before_save=_before_save, signal=warning_changed,
)


def warning_transition(*, warning_id: int, action: str, actor: Any,
                       params: dict[str, Any] | None = None) -> Warning:
    """Move a warning along open → letter issued → responded → closed (the only status writer)."""
    return engine.transition(WARNINGS, record_id=warning_id, action=action, actor=actor,
                             params=params)
