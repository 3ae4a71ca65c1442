"""The urgent-report panel on the staff case page (registered in InstitutionsConfig.ready())."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from xinfang.core import workflow as engine

from .forms import ReportForm
from .selectors import case_reports
from .states import ReportAction
from .workflow import URGENT_REPORTS


def urgent_panel(request: HttpRequest, case: Any) -> tuple[str, dict] | None:
    """The case's urgent reports the user may see, and the report form when the engine offers it."""
    reports = case_reports(request.user, case)
    may_report = engine.allowed(URGENT_REPORTS, None, ReportAction.REPORT, request.user,
                                parent=case)
    if not reports and not may_report:
        return None
    return "institutions/_case_panel.html", {
        "urgent_reports": reports,
        "report_form": ReportForm(prefix=ReportAction.REPORT.value) if may_report else None,
    }
