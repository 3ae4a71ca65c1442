"""Sections other apps add to the staff case page (triage proposal, documents, mediation...).

An app registers a panel in its ``AppConfig.ready()``::

    from xinfang.web.panels import case_panel

    @case_panel(order=20)
    def triage_panel(request, case):
        return "triage/_panel.html", {"proposal": ...}   # or None to show nothing

The case page renders the panels in `order`, each with the request, so they can show forms.
A panel must only show what `request.user` may see; the case itself is already checked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

PanelFn = Callable[[HttpRequest, Any], "tuple[str, dict] | None"]
_PANELS: list[tuple[int, str, PanelFn]] = []


def case_panel(order: int = 100) -> Callable[[PanelFn], PanelFn]:
    def register(fn: PanelFn) -> PanelFn:
        key = f"{fn.__module__}.{fn.__qualname__}"
        if all(k != key for _, k, _ in _PANELS):  # ready() may run twice in tests
            _PANELS.append((order, key, fn))
            _PANELS.sort(key=lambda p: (p[0], p[1]))
        return fn
    return register


def render_case_panels(request: HttpRequest, case: Any) -> list[str]:
    out = []
    for _, _, fn in _PANELS:
        result = fn(request, case)
        if result is not None:
            template, context = result
            out.append(render_to_string(template, {"case": case, **context}, request=request))
    return out


#: Initial values of the case page's action forms from other apps: ``fn(request, case, action)`` →
#: ``{field: value}`` (the adopted triage proposal fills the routing forms). The user may change them.
InitialFn = Callable[[HttpRequest, Any, Any], "dict[str, Any]"]
_INITIAL: list[tuple[str, InitialFn]] = []


def case_form_initial(fn: InitialFn) -> InitialFn:
    key = f"{fn.__module__}.{fn.__qualname__}"
    if all(k != key for k, _ in _INITIAL):  # ready() may run twice in tests
        _INITIAL.append((key, fn))
    return fn


def form_initial(request: HttpRequest, case: Any, action: Any) -> dict[str, Any]:
    """The registered apps' initial values for `action`'s form on `case`."""
    values: dict[str, Any] = {}
    for _, fn in _INITIAL:
        values.update(fn(request, case, action) or {})
    return values
