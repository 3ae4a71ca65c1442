"""The joint-handling panel on the staff case page (registered in JointConfig.ready())."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from xinfang.core import workflow as engine


def _steps(part: Any, user: Any) -> list:
    """(action, label, form) for each step the engine offers `user` on the part now."""
    from .forms import PART_FORMS
    from .workflow import PARTS

    return [(t.action, PARTS.action_label(t.action), PART_FORMS[t.action](prefix=f"p{part.pk}-{t.action}"))
            for t in PARTS.available(user, part, reached=True)]


def joint_panel(request: HttpRequest, case: Any) -> tuple[str, dict] | None:
    """The case's parts the user may see (each with the steps offered on it), and the form giving
    a unit its part when the engine offers it."""
    from .forms import AssignPartForm
    from .selectors import answer_due, assignable_units, case_parts
    from .states import PartAction
    from .workflow import PARTS

    parts = case_parts(request.user, case)
    may_assign = engine.allowed(PARTS, None, PartAction.ASSIGN, request.user, parent=case)
    if not parts and not may_assign:
        return None
    form = None
    if may_assign:
        form = AssignPartForm(prefix=PartAction.ASSIGN.value)
        # the units the guard accepts, not the province's every unit; over the picker's limit
        # it lists the upper levels and its search box finds the rest (orgs.unittree)
        form.fields["unit"].queryset = assignable_units(request.user, case)
        form.fields["unit"].widget.reach_only = True
    return "joint/_case_panel.html", {
        "joint_parts": [(p, _steps(p, request.user)) for p in parts],
        "joint_form": form,
        "joint_due": answer_due(case) if may_assign else None,
    }
