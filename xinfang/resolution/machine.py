"""The resolution workflows (调解, 听证, 督办, 包案, 三项建议, 回访) as tables on the one engine.

Each workflow declares one `Flow`: its table of `Transition`s (action, source states, target state,
roles, who may act, the article it applies), the form validating each action's input, the guards and
the effect. A `Flow` is a `xinfang.core.workflow.Workflow` whose records hang off a case (`parent`:
the case workflow): `run()` and `start()` are the engine's `transition` and `create`, so the record
is loaded through the actor's reach (404 otherwise), locked, its source state, role and scope
checked, the input validated, the guards and the effect run, and the event written: on the case
timeline when the record belongs to a case, else on the record's own log (see events.py). A
transition with no sources creates the record. Steps of the periodic jobs are taken by the system
actor (`SYSTEM_ACTOR`), allowed where the roles include `SYSTEM`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from django import forms
from django.db import models
from django.dispatch import Signal

from xinfang.cases.events import record_event
from xinfang.core import clock
from xinfang.core import workflow as engine
from xinfang.core.events import event_type
from xinfang.core.workflow import SYSTEM_ACTOR, SYSTEM_ROLE, Transition, is_system

from .events import details_of
from .models import ResolutionEvent

SYSTEM = SYSTEM_ROLE  # the role only the system actor (the periodic jobs) holds
__all__ = ["SYSTEM", "SYSTEM_ACTOR", "EmptyForm", "Flow", "T", "Transition", "clean", "is_system", "run",
           "start", "validate"]

# Sent after commit: kwargs flow, record, action, old_status, new_status, actor, params.
resolution_changed = Signal()


def T(action: Any, sources: set[Any], target: Any, roles: set[str], scope: str,  # noqa: N802
      doc: str) -> Transition:
    return Transition(action=str(action), sources=frozenset(str(s) for s in sources),
                      target=str(target) if target is not None else None,
                      roles=frozenset(str(r) for r in roles), scope=scope, doc=doc)


Scope = engine.Scope  # (actor, record or None, case) -> may act
Effect = Callable[..., Any]  # create: (actor, params, case) -> unsaved record; else (rec, actor, p)
Guard = engine.Guard  # (record, or the case for a creation; actor; params; action) -> raises


class Flow(engine.Workflow):
    """A resolution workflow: guards given per action, creating effects given (actor, params,
    case); everything else is the engine's."""

    def __init__(self, *, name: str, label: str, model: type[models.Model],
                 actions: type[models.TextChoices], table: Mapping[str, Transition],
                 forms: Mapping[str, type[forms.Form]], effects: Mapping[str, Effect],
                 scopes: Mapping[str, Scope], visible: Callable[[Any], models.QuerySet],
                 guards: Mapping[str, tuple[Guard, ...]] | None = None,
                 post: Mapping[str, Effect] | None = None) -> None:
        from xinfang.cases.workflow import CASES

        registry: dict[str, Guard] = {}
        declared: dict[str, Transition] = {}
        for action, t in table.items():
            names = tuple(g.__name__ for g in (guards or {}).get(action, ()))
            registry.update({g.__name__: g for g in (guards or {}).get(action, ())})
            declared[action] = replace(t, guards=names) if names else t
        run_effects: dict[str, engine.Effect] = {}
        for action, fn in effects.items():
            if declared[action].creates:  # (case, actor, params) -> fn(actor, params, case)
                run_effects[action] = lambda case, actor, p, fn=fn: fn(actor, p, case)
            else:
                run_effects[action] = fn
        super().__init__(
            name=name, label=label, model=model, actions=actions,
            statuses=model.Status,  # type: ignore[attr-defined]
            table=declared, forms=forms, visible=visible, scopes=scopes, write_event=_log,
            guards=registry, effects=run_effects, post=dict(post or {}), parent=CASES,
            signal=resolution_changed)


def validate(flow: Flow, action: str, params: dict[str, Any] | None) -> dict[str, Any]:
    return clean(flow.forms[action], params)


def clean(form_cls: type[forms.Form], params: dict[str, Any] | None) -> dict[str, Any]:
    """The form bound to `params`; raises InvalidParams naming each wrong field."""
    return engine.clean(form_cls, params)


def _log(step: engine.Step) -> None:
    """One event of type `<flow>.step`: on the case timeline when the record belongs to a case
    (the one record of it), else on the record's own log (a dispute without a case)."""
    flow, record, t, actor = step.workflow, step.record, step.transition, step.actor
    case = getattr(record, "case", None)
    note = _note(step.params)
    data = {"flow": flow.name, "record": record.pk, "params": _loggable(step.params),
            "details": details_of(step.result, step.post_result)}
    if case is not None:
        record_event(case=case, type=f"{flow.name}.step", actor=actor, action=t.action,
                     old_value=step.old, new_value=step.new, note=note, data=data)
        return
    event_type(f"{flow.name}.step")  # unregistered: a programming error, as on a case
    ResolutionEvent.objects.create(
        flow=flow.name, record_id=record.pk, type=f"{flow.name}.step", action=t.action,
        old_status=step.old, new_status=step.new, actor=actor if getattr(actor, "pk", None) else None,
        unit=getattr(actor, "unit", None), at=clock.now(), note=note, data=data,
    )


def _note(params: dict[str, Any]) -> str:
    """What the person typed for the step (their words, kept as they are)."""
    for key in ("note", "reason", "summary", "conclusion", "reply_text", "answer_text"):
        if params.get(key):
            return str(params[key])[:500]
    return ""


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
    return engine.create(flow, action=action, actor=actor, params=params, parent_id=case_id)


def run(flow: Flow, *, record_id: int, action: Any, actor: Any,
        params: dict[str, Any] | None = None) -> Any:
    """Take `action` on the record as `actor`: the only writer of the record's status."""
    return engine.transition(flow, record_id=record_id, action=action, actor=actor, params=params)


class EmptyForm(forms.Form):
    """An action that needs no input."""
