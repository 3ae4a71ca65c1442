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


def dispute_panel(request: HttpRequest, case: Any) -> tuple[str, dict] | None:
    """The case's Art. 24 disputes the user may see, and the raise form when the engine offers it."""
    from .disputes import DISPUTES
    from .forms import RaiseDisputeForm
    from .selectors import visible_disputes
    from .states import DisputeAction

    disputes = list(visible_disputes(request.user).filter(case=case)
                    .select_related("decider", "decided_unit").order_by("-raised_at", "-pk"))
    may_raise = engine.allowed(DISPUTES, None, DisputeAction.RAISE, request.user, parent=case)
    if not disputes and not may_raise:
        return None
    form = None
    if may_raise:  # the holder and the units it may send the case to (the guard's rule)
        from xinfang.orgs.selectors import jurisdiction_root, units_under

        form = RaiseDisputeForm(prefix=DisputeAction.RAISE.value)
        form.fields["parties"].queryset = units_under(jurisdiction_root(case.holding_unit),
                                                      active=True)
    return "institutions/_dispute_panel.html", {"disputes": disputes, "raise_form": form}
