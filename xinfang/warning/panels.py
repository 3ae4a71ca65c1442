"""The warnings panel on the staff case page (registered in WarningConfig.ready())."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .selectors import case_warnings, level_label


def warnings_panel(request: HttpRequest, case: Any) -> tuple[str, dict] | None:
    """Warnings this case is evidence of, that the user may see; nothing if there are none."""
    items = case_warnings(request.user, case)
    if not items:
        return None
    return "warning/_case_panel.html", {
        "warnings": [(w, level_label(w.level)) for w in items],
    }
