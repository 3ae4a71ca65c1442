"""One workflow engine: every record with a legal or practice status moves only through `transition`.

A workflow is declared once as a `Workflow`: its table of `Transition`s (action, source statuses,
target, roles, scope, the article it applies, guards, written notice), the form validating each
action's input, the guards and effects by name, who may see its records, and how its events are
written. `transition` (and `create`, for a table row with no sources) is the only writer of the
record's status; it does, in this order, exactly what the case workflow has always done:

1. unknown action → IllegalTransition;
2. load the record through the actor's reach: outside it, the model's DoesNotExist (→ 404), so
   nothing leaks; then lock the row (`select_for_update(of=("self",))`);
3. the current status must be a source of the action (IllegalTransition);
4. the actor must hold one of the roles and be in the action's scope (PermissionDenied);
5. the action's form validates the parameters (InvalidParams naming the fields);
6. the guards (legal conditions) — `guard(record, actor, params, action)`, raise GuardFailed;
7. the written notice the action must issue is checked before anything changes;
8. the effect; the workflow's `before_save` hook (the case clocks that stop);
9. the status is written, the event is written, the `after_event` hook (the clocks that start),
   the notice is issued, and the workflow's signal is sent after commit.

Actors, three kinds: a staff user (roles and unit); `SYSTEM_ACTOR`, the periodic jobs; a
`PetitionerActor`, the petitioner acting on their own case through the public portal. The system
actor sees every record and may take exactly the transitions whose roles include `SYSTEM_ROLE`; the
petitioner sees only the one case it carries (any other → DoesNotExist, 404) and may take exactly
the transitions whose roles include `PETITIONER_ROLE` on it. No staff user holds either role. A
superuser has no bypass: like any user it needs the role and the scope.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol

from django import forms
from django.db import models, transaction
from django.db.models.signals import post_save
from django.dispatch import Signal

from .errors import DomainError, GuardFailed, IllegalTransition, InvalidParams, PermissionDenied

SYSTEM_ROLE = "system"  # the role only the system actor holds


class NotReachable(DomainError):
    """The record is outside the actor's reach: shown as 404, like the model's DoesNotExist."""

    code = "not_found"


class NoUserActor:
    """An actor without a user row or a unit (the system, the petitioner): it holds exactly one role,
    `role`, which no staff user holds; the events it writes name no user."""

    role = ""
    pk = None
    id = None
    unit = None
    unit_id = None
    is_authenticated = True
    is_superuser = False
    is_active = True

    def has_role(self, *roles: str) -> bool:
        return self.role in roles


class SystemActor(NoUserActor):
    """The platform itself (daily recompute, escalation): no person, no unit, sees every record."""

    role = SYSTEM_ROLE

    def __str__(self) -> str:
        return "系统"

    def __repr__(self) -> str:
        return "SYSTEM_ACTOR"


SYSTEM_ACTOR = SystemActor()

PETITIONER_ROLE = "petitioner"  # the role only a PetitionerActor holds


@dataclass(frozen=True)
class PetitionerActor(NoUserActor):
    """The petitioner acting through the portal: filing a petition online (Art. 17, 21; no case
    yet, `case_id` None: it may take only a creating step of a workflow without a parent) or on
    their own case (Art. 21: 查询、评价; Art. 35, 36: 复查/复核 requests): no staff account, no unit;
    the one case it may see and act on, and the filing whose query code and phone the portal
    verified (who the petitioner is)."""

    case_id: int | None = None  # None: filing, before the case exists
    case_number: str = ""
    submission_id: int | None = None  # the online filing whose query code and phone were checked
    via: str = "portal"  # how the petitioner acted; stored in the events it writes

    role = PETITIONER_ROLE

    def __str__(self) -> str:
        return "信访人"


def is_petitioner(actor: Any) -> bool:
    return isinstance(actor, PetitionerActor)


def staff_user(actor: Any) -> Any:
    """The user row to store as the one who acted: the staff user, None for system or petitioner."""
    return actor if getattr(actor, "pk", None) else None


def as_actor(actor: Any) -> Any:
    """`None` is the legacy spelling of the system actor (periodic jobs)."""
    return SYSTEM_ACTOR if actor is None else actor


def is_system(actor: Any) -> bool:
    return actor is None or isinstance(actor, SystemActor)


class Restore:
    """Target of a step that puts the record back in the status it had before the step it undoes."""

    def __repr__(self) -> str:
        return "RESTORE"


RESTORE = Restore()


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]  # empty: the action creates the record
    # None: the status stays (the action records something); RESTORE: back to the status before
    # the step this one decides on (the workflow's `previous_status` tells which)
    target: str | Restore | None
    roles: frozenset[str]
    scope: str  # key into Workflow.scopes: whose unit may act
    doc: str  # the article (or practice) the step applies, one line
    guards: tuple[str, ...] = ()  # names in Workflow.guards, checked in order
    # The written notice the step must issue (a xinfang.documents DocumentKind value): the step does
    # not complete without it (Art. 23, 32, 34, 35, 36).
    notice: str = ""
    # Taken by another part of the platform through this same writer, not offered as a button.
    internal: bool = False

    @property
    def creates(self) -> bool:
        return not self.sources

    def target_from(self, status: Any, previous: Any = None) -> Any:
        if self.target is RESTORE:
            if previous is None:
                raise ValueError(f"{self.action} returns to the earlier status, which must be given")
            return previous
        return self.target or status

    @property
    def targets(self) -> tuple[Any, ...]:
        """Every status the step may lead to (for drawing and reachability)."""
        return (self.target,) if self.target and self.target is not RESTORE else ()


@dataclass
class Step:
    """What one transition is doing; handed to the workflow's hooks."""

    workflow: Workflow
    transition: Transition
    action: Any  # the workflow's action enum member
    actor: Any
    record: Any  # None before a creating step's effect has made it
    parent: Any  # the record the record belongs to (the case of a mediation), or None
    params: dict[str, Any]  # cleaned; effects may add to it
    old: Any = ""  # status before ("" for a creation)
    new: Any = ""
    result: Any = None  # what the effect returned
    post_result: Any = None  # what the post-save effect returned


Scope = Callable[[Any, Any, Any], bool]  # (actor, record or None, parent or None) -> may act
Guard = Callable[[Any, Any, dict[str, Any], Any], None]  # (record, actor, params, action) -> raises
Effect = Callable[[Any, Any, dict[str, Any]], Any]  # (record or parent, actor, params) -> result
Hook = Callable[[Step], None]


class NoticeIssuer(Protocol):
    """Issues the written notice a transition needs (xinfang.documents registers one for cases)."""

    def check(self, *, case: Any, actor: Any, action: Any, kind: str,
              params: dict[str, Any]) -> None: ...

    def issue(self, *, case: Any, actor: Any, action: Any, kind: str,
              params: dict[str, Any]) -> Any: ...


#: Every declared workflow by name (the drawing and the table tests walk it).
WORKFLOWS: dict[str, Workflow] = {}


def _default_signal_kwargs(step: Step) -> dict[str, Any]:
    return {"sender": step.workflow.model, "flow": step.workflow.name, "record": step.record,
            "action": step.transition.action, "old_status": step.old, "new_status": step.new,
            "actor": step.actor, "params": step.params}


@dataclass(eq=False)
class Workflow:
    name: str
    label: str  # what a record is called in messages: 信访件, 调解, 预警...
    model: type[models.Model]
    actions: type[models.TextChoices]
    statuses: type[models.TextChoices]
    table: Mapping[str, Transition]
    forms: Mapping[str, type[forms.Form]]
    visible: Callable[[Any], models.QuerySet]  # the records an actor may see (404 outside)
    scopes: Mapping[str, Scope]
    write_event: Hook
    guards: Mapping[str, Guard] = field(default_factory=dict)
    effects: Mapping[str, Effect] = field(default_factory=dict)
    # Run after the record is saved (many-to-many rows, generated files): (record, actor, params).
    post: Mapping[str, Effect] = field(default_factory=dict)
    status_field: str = "status"
    lock_related: tuple[str, ...] = ()
    parent: Workflow | None = None  # creating steps are taken on a record of this workflow
    parent_field: str = "case"
    signal: Signal | None = None  # sent after commit
    signal_kwargs: Callable[[Step], dict[str, Any]] = _default_signal_kwargs
    before_save: Hook | None = None  # after the effect, before the status is written
    after_event: Hook | None = None  # after the event, before the notice is issued
    previous_status: Callable[[Any, Transition], Any] | None = None  # for RESTORE targets
    notice_issuer: Callable[[Transition], NoticeIssuer] | None = None
    denied: Callable[[Transition, Any], str] | None = None  # the PermissionDenied message

    def __post_init__(self) -> None:
        for t in self.table.values():
            if t.target is RESTORE and self.previous_status is None:
                raise ValueError(f"{self.name}.{t.action}: RESTORE needs previous_status")
        WORKFLOWS[self.name] = self
        post_save.connect(_remember_saved, sender=self.model,
                          dispatch_uid=f"workflow-saved:{self.model._meta.label}")

    def action_label(self, action: Any) -> str:
        return str(self.actions(action).label)

    def status_label(self, status: Any) -> str:
        return str(self.statuses(status).label) if status else ""

    def parent_of(self, record: Any) -> Any:
        return getattr(record, self.parent_field, None) if self.parent is not None else None

    def available(self, actor: Any, record: Any, *, reached: bool = False) -> list[Transition]:
        """Steps `actor` may take on `record` now, in table order: `offered` (one check)."""
        return offered(self, record, actor, reached=reached)

    def creations(self, actor: Any, parent: Any) -> list[Transition]:
        """Creating steps `actor` may take on `parent` now: `offered_creations`."""
        return offered_creations(self, parent, actor)


def state_guard(fn: Guard) -> Guard:
    """Mark a guard that reads only the record (and the actor), never the step's parameters: the
    page runs it before offering the step, so a step it would refuse is not offered at all (延期
    after the one extension, a second rating of the same answer). Unmarked guards need the
    parameters and are checked when the step is submitted, with their message."""
    fn.needs_params = False  # type: ignore[attr-defined]
    return fn


def needs_params(guard: Guard) -> bool:
    return getattr(guard, "needs_params", True)


#: the reads shared by the state guards of one look at a record (`offered`), or None outside one
_LOOK: ContextVar[dict[Any, Any] | None] = ContextVar("workflow_look", default=None)


@contextmanager
def one_look() -> Iterator[None]:
    """While a page asks which steps to offer, nothing changes: a read that several state guards
    make (the open Art. 24 dispute, guarding six case steps) is made once (`shared_read`), and so is
    the reach of a record (`_reachable`). `offered` looks once per call; a page that asks many
    times (the case page: its panels ask `allowed` a dozen times) wraps its whole reading in one
    look. Never around a step being taken: there every check reads afresh."""
    if _LOOK.get() is not None:
        yield
        return
    token = _LOOK.set({})
    try:
        yield
    finally:
        _LOOK.reset(token)


@contextmanager
def _fresh_reads() -> Iterator[None]:
    """A step being taken reads everything afresh, even inside a page's look (`one_look`)."""
    token = _LOOK.set(None)
    try:
        yield
    finally:
        _LOOK.reset(token)


def shared_read(key: Any, read: Callable[[], Any]) -> Any:
    """`read()`, made once per `key` within one `offered` look (the steps offered on one page);
    outside a look (a step being taken, `refusal` of one step) always read afresh, so a step is
    never allowed or refused on a stale read."""
    look = _LOOK.get()
    if look is None:
        return read()
    if key not in look:
        look[key] = read()
    return look[key]


def _reachable(workflow: Workflow, actor: Any, record: Any) -> bool:
    """The reach of `load`: the system sees everything, the petitioner their own case only."""
    if is_petitioner(actor):
        return workflow.parent is None and str(record.pk) == str(actor.case_id)
    if is_system(actor):
        return True
    return shared_read(("reachable", id(workflow), getattr(actor, "pk", None), record.pk),
                       lambda: workflow.visible(actor).filter(pk=record.pk).exists())


def _state_refusal(workflow: Workflow, t: Transition, subject: Any,
                   actor: Any) -> DomainError | None:
    """The first guard of `t` that needs no parameters and refuses `subject` (the record, or the
    parent of a creating step), as its error. Guards get an empty, throw-away parameter dict."""
    for name in t.guards:
        guard = workflow.guards[name]
        if needs_params(guard):
            continue
        try:
            guard(subject, actor, {}, t.action)
        except DomainError as err:
            return err
    return None


def _actor_refusal(workflow: Workflow, t: Transition, actor: Any, record: Any,
                   parent: Any) -> DomainError | None:
    try:
        _check_actor(workflow, t, actor, record, parent)
    except PermissionDenied as err:
        return err
    return None


def _refusal(workflow: Workflow, t: Transition, record: Any, actor: Any,
             parent: Any) -> DomainError | None:
    """Steps 3, 4 and the parameter-free part of 6 of `transition` (reach is checked by the caller)."""
    if not t.creates:
        status = workflow.statuses(getattr(record, workflow.status_field))
        if status not in t.sources:
            return IllegalTransition(
                f"{workflow.label}当前状态为“{status.label}”，不能执行“{workflow.action_label(t.action)}”",
                status=status.value, action=t.action)
    return (_actor_refusal(workflow, t, actor, record, parent)
            or _state_refusal(workflow, t, parent if t.creates else record, actor))


def refusal(workflow: Workflow, record: Any, action: Any, actor: Any, *,
            parent: Any = None) -> DomainError | None:
    """Why `transition` (or `create`, for a creating step on `parent`) would refuse `actor` taking
    `action` on `record` now, before looking at any parameter; None when it would go on. The same
    steps in the same order: known action (IllegalTransition), reach (the model's DoesNotExist
    error, as an exception object: → 404), source status (IllegalTransition), role and scope
    (PermissionDenied), and the guards that need no parameters (`state_guard`: GuardFailed...).
    An `internal` step is answered too: the code that takes it (a combined form, say) asks here."""
    actor = as_actor(actor)
    try:
        _act, t = _resolve(workflow, action)
    except IllegalTransition as err:
        return err
    if t.creates:
        if parent is not None and workflow.parent is not None and not _reachable(
                workflow.parent, actor, parent):
            return NotReachable(f"{workflow.parent.label}不存在或不在您的管辖范围内")
        return _refusal(workflow, t, None, actor, parent)
    if record is None:
        return IllegalTransition(f"“{workflow.action_label(t.action)}”只能用于已有的{workflow.label}")
    if not _reachable(workflow, actor, record):
        return NotReachable(f"{workflow.label}不存在或不在您的管辖范围内")
    return _refusal(workflow, t, record, actor, workflow.parent_of(record))


def allowed(workflow: Workflow, record: Any, action: Any, actor: Any, *, parent: Any = None) -> bool:
    """Would the engine let `actor` take `action` on `record` now, up to the parameters? The one
    check every page offers its buttons by (`refusal` tells why not)."""
    return refusal(workflow, record, action, actor, parent=parent) is None


def offered(workflow: Workflow, record: Any, actor: Any, *, reached: bool = False) -> list[Transition]:
    """The steps a page offers `actor` on `record` now, in table order: every step `allowed`
    answers yes for, except the `internal` ones (taken by other code) and the creating ones.
    `reached`: the caller loaded `record` through `workflow.visible(actor)` (a list page), so the
    reach is not asked again per record."""
    actor = as_actor(actor)
    if not reached and not _reachable(workflow, actor, record):
        return []
    parent = workflow.parent_of(record)
    with one_look():
        return [t for t in workflow.table.values() if not t.creates and not t.internal
                and _refusal(workflow, t, record, actor, parent) is None]


def offered_creations(workflow: Workflow, parent: Any, actor: Any) -> list[Transition]:
    """The creating steps a page offers `actor` on `parent` (the case) now, in table order."""
    actor = as_actor(actor)
    if parent is not None and workflow.parent is not None and not _reachable(
            workflow.parent, actor, parent):
        return []
    with one_look():
        return [t for t in workflow.table.values() if t.creates and not t.internal
                and _refusal(workflow, t, None, actor, parent) is None]


def may_take(workflow: Workflow, actor: Any, t: Transition, record: Any, parent: Any) -> bool:
    """Role and scope allow `actor` to take `t` (the status is checked separately)."""
    if is_system(actor):
        return SYSTEM_ROLE in t.roles
    if is_petitioner(actor):  # scope: filing (no case yet) or the petitioner's own case
        if PETITIONER_ROLE not in t.roles:
            return False
        if t.creates:
            return workflow.parent is None and actor.case_id is None
        return record is not None and record.pk == actor.case_id
    if not getattr(actor, "is_authenticated", False):
        return False
    return actor.has_role(*t.roles) and workflow.scopes[t.scope](actor, record, parent)


def _check_actor(workflow: Workflow, t: Transition, actor: Any, record: Any, parent: Any) -> None:
    if may_take(workflow, actor, t, record, parent):
        return
    label = workflow.action_label(t.action)
    if is_system(actor):
        raise PermissionDenied(f"系统不能自动执行“{label}”")
    if is_petitioner(actor):
        raise PermissionDenied(f"信访人不能在网上办理“{label}”")
    if t.roles == {SYSTEM_ROLE}:
        raise PermissionDenied(f"“{label}”由系统自动执行")
    if workflow.denied is not None:
        raise PermissionDenied(workflow.denied(t, record))
    raise PermissionDenied(f"您没有执行“{label}”的权限（{workflow.label}：{t.doc}）")


def clean(form_cls: type[forms.Form], params: dict[str, Any] | None,
          actor: Any = None) -> dict[str, Any]:
    """The form bound to `params`; raises InvalidParams naming each wrong field. A form with
    `takes_actor` is given the actor (e.g. case numbers are looked up within its jurisdiction)."""
    form = (form_cls(data=params or {}, user=actor) if getattr(form_cls, "takes_actor", False)
            else form_cls(data=params or {}))
    if not form.is_valid():
        errors = {f: [str(e) for e in errs] for f, errs in form.errors.items()}
        label = getattr(form, "error_label", None) or (
            lambda f: form.fields[f].label if f in form.fields else "表单")
        summary = "；".join(f"{label(f)}：{'、'.join(e)}" for f, e in errors.items())
        raise InvalidParams(f"{getattr(form, 'invalid_message', '填写有误')}：{summary}",
                            errors=errors)
    return dict(form.cleaned_data)


def posted_params(post: Any, prefix: str, files: Any = None) -> dict[str, Any]:
    """The parameters of one action's form posted from a page: the fields named ``<prefix>-…``,
    without the prefix (a field posted several times, e.g. a multiple choice, as a list; files as
    lists of uploads). The workflow validates them with the action's form; views only collect."""
    p = f"{prefix}-"
    out: dict[str, Any] = {}
    for key in post:
        if key.startswith(p):
            values = post.getlist(key)
            out[key[len(p):]] = values if len(values) > 1 else values[0]
    for key in files or ():
        if key.startswith(p):
            out[key[len(p):]] = files.getlist(key)
    return out


def _resolve(workflow: Workflow, action: Any) -> tuple[Any, Transition]:
    try:
        act = workflow.actions(action)
    except ValueError:
        raise IllegalTransition(f"未知的操作：{action}") from None
    return act, workflow.table[act]


def _lock(workflow: Workflow, pk: Any) -> Any:
    qs = workflow.model.objects.select_for_update(of=("self",))
    if workflow.lock_related:
        qs = qs.select_related(*workflow.lock_related)
    return qs.get(pk=pk)


def load(workflow: Workflow, actor: Any, pk: Any) -> Any:
    """The record, locked, if `actor` may see it; the model's DoesNotExist (→ 404) otherwise."""
    if is_petitioner(actor):
        if str(pk) != str(actor.case_id) or workflow.parent is not None:
            raise workflow.model.DoesNotExist(f"{workflow.label}不存在或不是您本人的")
        return _lock(workflow, pk)
    if not is_system(actor) and not workflow.visible(actor).filter(pk=pk).exists():
        raise workflow.model.DoesNotExist(f"{workflow.label}不存在或不在您的管辖范围内")
    return _lock(workflow, pk)


def _finish(step: Step) -> None:
    """Status written: the event, the hook, the notice, the signal after commit."""
    wf, t = step.workflow, step.transition
    if t.action in wf.post:
        step.post_result = wf.post[t.action](step.record, step.actor, step.params)
    wf.write_event(step)
    if wf.after_event is not None:
        wf.after_event(step)
    if t.notice:  # in this transaction: no step without its notice (Art. 23, 32)
        wf.notice_issuer(t).issue(case=step.record, actor=step.actor, action=step.action,  # type: ignore[misc]
                                  kind=t.notice, params=step.params)
    if wf.signal is not None:
        signal, kwargs = wf.signal, wf.signal_kwargs(step)
        transaction.on_commit(lambda: signal.send(**kwargs))


def _checks(step: Step, subject: Any) -> None:
    """Form, guards and notice check: nothing has changed yet."""
    wf, t = step.workflow, step.transition
    step.params = clean(wf.forms[t.action], step.params, step.actor)
    for name in t.guards:
        wf.guards[name](subject, step.actor, step.params, step.action)
    if t.notice:  # e.g. the Art. 32 content of an opinion, before anything changes
        if wf.notice_issuer is None:
            raise GuardFailed(f"“{wf.action_label(t.action)}”须出具书面告知，操作未完成")
        wf.notice_issuer(t).check(case=subject, actor=step.actor, action=step.action,
                                  kind=t.notice, params=step.params)


def transition(workflow: Workflow, *, record_id: Any, action: Any, actor: Any,
               params: dict[str, Any] | None = None) -> Any:
    """Take `action` on the record as `actor`: the only writer of the record's status."""
    actor = as_actor(actor)
    act, t = _resolve(workflow, action)
    if t.creates:
        raise IllegalTransition(
            f"“{workflow.action_label(act)}”新建{workflow.label}，不能执行于已有的{workflow.label}")
    with _fresh_reads(), transaction.atomic():
        record = load(workflow, actor, record_id)
        old = workflow.statuses(getattr(record, workflow.status_field))
        if old not in t.sources:
            raise IllegalTransition(
                f"{workflow.label}当前状态为“{old.label}”，不能执行“{workflow.action_label(act)}”",
                status=old.value, action=act.value,
            )
        parent = workflow.parent_of(record)
        _check_actor(workflow, t, actor, record, parent)
        step = Step(workflow, t, act, actor, record, parent, dict(params or {}), old=old)
        _checks(step, record)
        if t.action in workflow.effects:
            step.result = workflow.effects[t.action](record, actor, step.params)
        if workflow.before_save is not None:
            workflow.before_save(step)
        previous = (workflow.previous_status(record, t)  # type: ignore[misc]
                    if t.target is RESTORE else None)
        step.new = workflow.statuses(t.target_from(old, previous))
        setattr(record, workflow.status_field, step.new)
        record.save()
        _finish(step)
    return record


def create(workflow: Workflow, *, action: Any, actor: Any, params: dict[str, Any] | None,
           parent_id: Any = None) -> Any:
    """Create a record with the creating step `action` (on a parent record, or without one)."""
    actor = as_actor(actor)
    act, t = _resolve(workflow, action)
    if not t.creates:
        raise IllegalTransition(f"“{workflow.action_label(act)}”不是新建操作")
    with _fresh_reads(), transaction.atomic():
        parent = None
        if parent_id is not None:
            if workflow.parent is None:
                raise IllegalTransition(f"{workflow.label}不隶属于其他记录")
            parent = load(workflow.parent, actor, parent_id)  # 404 outside the jurisdiction
        _check_actor(workflow, t, actor, None, parent)
        step = Step(workflow, t, act, actor, None, parent, dict(params or {}))
        _checks(step, parent)
        record = workflow.effects[t.action](parent, actor, step.params)
        step.result = step.record = record
        if workflow.before_save is not None:
            workflow.before_save(step)
        step.new = workflow.statuses(t.target)
        setattr(record, workflow.status_field, step.new)
        save_changes(record)
        _finish(step)
    return record


SAVED = "_workflow_saved"  # on a record: its field values as last written by save()


def _snapshot(value: Any) -> Any:
    return copy.deepcopy(value) if isinstance(value, dict | list) else value


def _remember_saved(sender: type[models.Model], instance: models.Model, created: bool,
                    update_fields: Any = None, raw: bool = False, **_kwargs: Any) -> None:
    """After a workflow record is saved: remember the values written (a partial save refreshes
    only its fields, and only of a record whose full values were remembered)."""
    if raw:
        return
    fields = instance._meta.concrete_fields
    if update_fields is None:
        instance.__dict__[SAVED] = {f.attname: _snapshot(getattr(instance, f.attname)) for f in fields}
    elif (saved := instance.__dict__.get(SAVED)) is not None:
        for f in fields:
            if f.name in update_fields or f.attname in update_fields:
                saved[f.attname] = _snapshot(getattr(instance, f.attname))


def note_written(record: models.Model, *attnames: str) -> None:
    """Fields the caller wrote to the record's row by other means (an UPDATE … RETURNING) and set on
    the instance: remembered as saved, so that `save_changes` does not write them again."""
    saved = record.__dict__.get(SAVED)
    if saved is not None:
        for name in attnames:
            saved[name] = _snapshot(getattr(record, name))


def save_changes(record: models.Model) -> list[str]:
    """Write only the fields that differ from what the record's last save wrote (the creating
    effect inserts the row; `create` then adds the status and what the hook changed), nothing when
    nothing differs; the whole row for a record never saved or loaded without a remembered save.
    Returns the fields written (`["*"]` for the whole row)."""
    saved = record.__dict__.get(SAVED)
    if record._state.adding or saved is None:
        record.save()
        return ["*"]
    fields = [f for f in record._meta.concrete_fields if not f.primary_key]
    changed = [f.attname for f in fields if getattr(record, f.attname) != saved.get(f.attname)]
    if changed:
        changed += [f.attname for f in fields if getattr(f, "auto_now", False)
                    and f.attname not in changed]
        record.save(update_fields=changed)
    return changed

