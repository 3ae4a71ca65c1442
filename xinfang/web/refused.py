"""A step posted from a page: the one head every workflow's view uses (`take_posted_step`), and
the answer to a step the engine does not offer this user now (issue 15 item 4).

A page offers exactly what `xinfang.core.workflow.allowed` says yes to; a form posted anyway (an old
tab, a second click, a hand-made request) gets a 4xx page with the engine's own reason, never a
silent redirect and never a 500: 404 outside the user's reach, 409 a status the step does not start
from, 403 a role or unit that may not take it, 422 a legal condition that is not met.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xinfang.core import workflow as engine
from xinfang.core.errors import (
    ConfidentialityViolation,
    DomainError,
    IllegalTransition,
    InvalidParams,
    PermissionDenied,
)

STATUS_FOR: dict[type[DomainError], int] = {
    IllegalTransition: 409, PermissionDenied: 403, ConfidentialityViolation: 403,
    InvalidParams: 400,
}


def refused_response(request: HttpRequest, err: DomainError, *, label: str,
                     back: str) -> HttpResponse:
    """The engine's reason as a page with its 4xx status (404: raised, as every other 404)."""
    if isinstance(err, engine.NotReachable):
        raise Http404(err.message)
    status = next((code for cls, code in STATUS_FOR.items() if isinstance(err, cls)), 422)
    return render(request, "web/refused.html", {"label": label, "message": err.message,
                                                "back": back}, status=status)


def refusal_response(request: HttpRequest, workflow: Any, record: Any, action: Any, *,
                     label: str, back: str, parent: Any = None) -> HttpResponse | None:
    """None when the engine would take the step (up to its parameters); else the 4xx page."""
    err = engine.refusal(workflow, record, action, request.user, parent=parent)
    return None if err is None else refused_response(request, err, label=label, back=back)


def take_posted_step(request: HttpRequest, workflow: Any, record: Any, action: str, *,
                     back: str, take: Callable[[Any, dict[str, Any]], Any], prefix: str = "",
                     parent: Any = None, done: Callable[[str], str] | None = None,
                     label_errors: bool = True) -> HttpResponse:
    """The head of every page's step (the case page, the warning page, the resolution records):
    an action the workflow does not have, or an `internal` one (taken by other code), is 404;
    refuse what the engine would not offer now (`refusal_response`: its 4xx page); collect the
    posted form's ``<prefix>-…`` fields and files (`posted_params`, prefix by default the action;
    the engine validates them); take the step (`take(action, params)`: the workflow's writer); go
    back to `back` with a message — the engine's error (after the step's label unless
    `label_errors` is off), or `done(label)` (by default 已完成：<label>). A record gone meanwhile
    is 404, like one outside the reach."""
    try:
        act = workflow.actions(action)
    except ValueError:
        raise Http404 from None
    if act not in workflow.table or workflow.table[act].internal:  # e.g. a hearing's pause
        raise Http404
    label = workflow.action_label(act)
    refused = refusal_response(request, workflow, record, act, label=label, back=back,
                               parent=parent)
    if refused is not None:  # not offered to this user now: the engine's reason, 4xx
        return refused
    params = engine.posted_params(request.POST, prefix or act.value, request.FILES)
    try:
        take(act, params)
    except ObjectDoesNotExist:
        raise Http404(_("没有找到该记录，或您无权查看")) from None
    except DomainError as err:
        messages.error(request, f"{label}：{err.message}" if label_errors else err.message)
    else:
        messages.success(request, done(label) if done else _("已完成：%(a)s") % {"a": label})
    return redirect(back)
