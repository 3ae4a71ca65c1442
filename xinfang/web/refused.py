"""The answer to a step posted that the engine does not offer this user now (issue 15 item 4).

A page offers exactly what `xinfang.core.workflow.allowed` says yes to; a form posted anyway (an old
tab, a second click, a hand-made request) gets a 4xx page with the engine's own reason, never a
silent redirect and never a 500: 404 outside the user's reach, 409 a status the step does not start
from, 403 a role or unit that may not take it, 422 a legal condition that is not met.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

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
