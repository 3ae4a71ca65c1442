"""The small state machine every workflow of this app runs on.

Each workflow declares one `Flow`: its table of `Transition`s (action, source states, target state,
roles, who may act, the article it applies), the form validating each action's input, the guards and
the effect. `run()` is the one function that writes a record's `status`: it checks that the record is
visible to the actor (404 otherwise), locks it, checks the source state, role and scope, validates
the input, runs the guards and the effect, saves, and writes the event on the record's own log and on
the case timeline. A transition with no sources creates the record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db import models, transaction
from django.dispatch import Signal

from xinfang.cases.events import record_event
from xinfang.cases.models import Case, EventKind
from xinfang.cases.selectors import case_get
from xinfang.core import clock
from xinfang.core.errors import IllegalTransition, InvalidParams, PermissionDenied

from .models import ResolutionEvent

SYSTEM = "system"  # a role only the periodic jobs hold (actor None)

# Sent after commit: kwargs flow, record, action, old_status, new_status, actor.
resolution_changed = Signal()


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]  # empty: the action creates the record
    target: str | None  # None: the status stays (the action records something)
    roles: frozenset[str]
    scope: str  # key into Flow.scopes: whose unit may act
    doc: str


def T(action: Any, sources: set[Any], target: Any, roles: set[str], scope: str,  # noqa: N802
      doc: str) -> Transition:
    return Transition(str(action), frozenset(str(s) for s in sources),
                      str(target) if target is not None else None,
                      frozenset(str(r) for r in roles), scope, doc)


Scope = Callable[[Any, Any, Case | None], bool]  # (actor, record or None, case) -> may act
Effect = Callable[..., Any]  # create: (actor, params, case) -> unsaved record; else (rec, actor, p)
Guard = Callable[[Any, Any, dict[str, Any]], None]  # (record or case, actor, params) -> raises


@dataclass
class Flow:
    name: str
    label: str
    model: type[models.Model]
    actions: type[models.TextChoices]
    table: dict[str, Transition]
    forms: dict[str, type[forms.Form]]
    effects: dict[str, Effect]
    scopes: dict[str, Scope]
    visible: Callable[[Any], models.QuerySet]
    guards: dict[str, tuple[Guard, ...]] = field(default_factory=dict)
    # Run after the record is saved (many-to-many rows, generated files): (record, actor, params).
    post: dict[str, Effect] = field(default_factory=dict)

    def action_label(self, action: str) -> str:
        return str(self.actions(action).label)

    def available(self, actor: Any, record: Any) -> list[Transition]:
        """Actions `actor` may try on `record` now (guards are checked on submit)."""
        case = getattr(record, "case", None)
        return [t for t in self.table.values()
                if t.sources and record.status in t.sources and SYSTEM not in t.roles
                and actor.has_role(*t.roles) and self.scopes[t.scope](actor, record, case)]

    def creations(self, actor: Any, case: Case | None) -> list[Transition]:
        return [t for t in self.table.values()
                if not t.sources and actor.has_role(*t.roles)
                and self.scopes[t.scope](actor, None, case)]


def validate(flow: Flow, action: str, params: dict[str, Any] | None) -> dict[str, Any]:
    return clean(flow.forms[action], params)


def clean(form_cls: type[forms.Form], params: dict[str, Any] | None) -> dict[str, Any]:
    """The form bound to `params`; raises InvalidParams naming each wrong field."""
    form = form_cls(data=params or {})
    if not form.is_valid():
        errors = {f: [str(e) for e in errs] for f, errs in form.errors.items()}
        summary = "；".join(f"{form.fields[f].label if f in form.fields else '表单'}：{'、'.join(e)}"
                           for f, e in errors.items())
        raise InvalidParams(f"填写有误：{summary}", errors=errors)
    return dict(form.cleaned_data)


def _transition(flow: Flow, action: Any) -> Transition:
    try:
        return flow.table[str(flow.actions(action))]
    except ValueError:
        raise IllegalTransition(f"未知的操作：{action}") from None


def _check_actor(flow: Flow, t: Transition, actor: Any, record: Any, case: Case | None) -> None:
    if SYSTEM in t.roles:
        if actor is not None:
            raise PermissionDenied(f"“{flow.action_label(t.action)}”由系统自动执行")
        return
    if actor is None or not actor.has_role(*t.roles) or not flow.scopes[t.scope](actor, record,
                                                                                 case):
        raise PermissionDenied(
            f"您没有执行“{flow.action_label(t.action)}”的权限（{flow.label}：{t.doc}）"
        )


def _log(flow: Flow, record: Any, t: Transition, actor: Any, old: str, new: str,
         note: str, data: dict[str, Any]) -> None:
    status_cls = type(record).Status  # type: ignore[attr-defined]
    old_label = str(status_cls(old).label) if old else ""
    new_label = str(status_cls(new).label)
    label = f"{flow.label}·{flow.action_label(t.action)}"
    ResolutionEvent.objects.create(
        flow=flow.name, record_id=record.pk, case=getattr(record, "case", None), action=t.action,
        old_status=old, new_status=new, actor=actor if getattr(actor, "pk", None) else None,
        unit=getattr(actor, "unit", None), at=clock.now(), note=note,
        data={**data, "event_label": label, "status_label": new_label},
    )
    case = getattr(record, "case", None)
    if case is not None:
        record_event(case=case, kind=EventKind.NOTE, actor=actor, action=label[:24],
                     old_value=old_label, new_value=new_label,
                     note=f"{label}：{note}" if note else f"{label}（{t.doc}）",
                     data={"flow": flow.name, "record": record.pk, "action": t.action})


def _note(params: dict[str, Any]) -> str:
    for key in ("note", "reason", "summary", "conclusion", "reply_text", "answer_text"):
        if params.get(key):
            return str(params[key])[:500]
    return ""


def _join(note: str, extra: Any) -> str:
    """Effects may return a sentence for the timeline (e.g. what happened to a clock)."""
    if not isinstance(extra, str) or not extra:
        return note
    return f"{note}；{extra}" if note else extra


def _loggable(params: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, models.Model):
            out[key] = str(value)
        elif isinstance(value, models.QuerySet | list | tuple):
            out[key] = [str(v) for v in value]
        elif hasattr(value, "isoformat"):
            out[key] = value.isoformat()
        elif isinstance(value, str | int | float | bool) or value is None:
            out[key] = value
    return out


def start(flow: Flow, *, action: Any, actor: Any, params: dict[str, Any] | None,
          case_id: int | None = None) -> Any:
    """Create a record with the creating transition `action` (on a case, or without one)."""
    t = _transition(flow, action)
    if t.sources:
        raise IllegalTransition(f"“{flow.action_label(t.action)}”不是新建操作")
    with transaction.atomic():
        case = None
        if case_id is not None:
            if actor is not None:
                case_id = case_get(actor, pk=case_id).pk  # 404 outside the jurisdiction
            case = Case.objects.select_for_update().get(pk=case_id)
        _check_actor(flow, t, actor, None, case)
        cleaned = validate(flow, t.action, params)
        for guard in flow.guards.get(t.action, ()):
            guard(case, actor, cleaned)
        record = flow.effects[t.action](actor, cleaned, case)
        record.status = t.target
        record.save()
        note = _note(cleaned)
        if t.action in flow.post:
            note = _join(note, flow.post[t.action](record, actor, cleaned))
        _log(flow, record, t, actor, "", t.target or "", note, _loggable(cleaned))
        transaction.on_commit(lambda: resolution_changed.send(
            sender=flow.model, flow=flow.name, record=record, action=t.action, old_status="",
            new_status=record.status, actor=actor))
    return record


def run(flow: Flow, *, record_id: int, action: Any, actor: Any,
        params: dict[str, Any] | None = None) -> Any:
    """Take `action` on the record as `actor`: the only writer of the record's status."""
    t = _transition(flow, action)
    if not t.sources:
        raise IllegalTransition(f"“{flow.action_label(t.action)}”只能用于新建")
    with transaction.atomic():
        if actor is not None and not flow.visible(actor).filter(pk=record_id).exists():
            raise flow.model.DoesNotExist  # → 404, like a case of another jurisdiction
        record = flow.model.objects.select_for_update().get(pk=record_id)
        old = record.status
        if old not in t.sources:
            raise IllegalTransition(
                f"{flow.label}当前状态为“{record.get_status_display()}”，"
                f"不能执行“{flow.action_label(t.action)}”",
                status=old, action=t.action,
            )
        _check_actor(flow, t, actor, record, getattr(record, "case", None))
        cleaned = validate(flow, t.action, params)
        for guard in flow.guards.get(t.action, ()):
            guard(record, actor, cleaned)
        note = _note(cleaned)
        if t.action in flow.effects:
            note = _join(note, flow.effects[t.action](record, actor, cleaned))
        record.status = t.target or old
        record.save()
        if t.action in flow.post:
            note = _join(note, flow.post[t.action](record, actor, cleaned))
        _log(flow, record, t, actor, old, record.status, note, _loggable(cleaned))
        transaction.on_commit(lambda: resolution_changed.send(
            sender=flow.model, flow=flow.name, record=record, action=t.action, old_status=old,
            new_status=record.status, actor=actor))
    return record


class EmptyForm(forms.Form):
    """An action that needs no input."""
