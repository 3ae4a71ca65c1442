"""Leaders' dashboard (态势), the warning pages, the letter and the Excel export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xinfang.core import clock
from xinfang.web.refused import take_posted_step

from .export import dashboard_xlsx
from .forms import ACTION_FORMS
from .letter import warning_letter_docx
from .models import Warning, WarningLevel
from .selectors import (
    dashboard_data,
    level_label,
    overdue_deadlines,
    place_boxes,
    visible_warnings,
    warning_evidence,
    warning_get,
)
from .snapshots import dashboard_snapshot
from .states import WarningStatus
from .workflow import WARNINGS, available_actions, warning_transition

DASHBOARD_LIST = 50  # rows of each list on the dashboard page; the page says "N of M" and links on
OVERDUE_PAGE = 50
WARNING_PAGE = 50


def _get(request: HttpRequest, number: str) -> Warning:
    try:
        return warning_get(request.user, number=number)
    except Warning.DoesNotExist:
        raise Http404(_("没有找到该预警，或您无权查看")) from None


def _chart_data(d) -> dict:  # noqa: ANN001
    return {
        "days": [[x.isoformat(), n] for x, n in d.days],
        "weeks": [[x.isoformat(), n] for x, n in d.weeks],
        "channels": [{"name": k, "value": n} for k, n in d.channels if n],
        "categories": [[c["name"], c["last30"], c["prev30"], c["yoy30"]] for c in d.categories],
        "tree": place_boxes(d.tree),  # the places as separate boxes, never one for everything
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """态势: volumes, indicators, trends, places, hot issues, open warnings, overdue items."""
    d, computed_at = dashboard_snapshot(request.user, list_limit=DASHBOARD_LIST,
                                        refresh=request.GET.get("refresh") == "1")
    levels = [(lvl.value, level_label(lvl.value), d.open_by_level.get(lvl.value, 0))
              for lvl in WarningLevel]
    return render(request, "warning/dashboard.html", {
        "d": d, "chart_json": _chart_data(d), "levels": levels,
        "open_total": sum(d.open_by_level.values()), "computed_at": computed_at,
    })


@login_required
def overdue_list(request: HttpRequest) -> HttpResponse:
    """超期事项: every overdue legal clock on the visible cases, paged (the dashboard shows the first)."""
    qs = overdue_deadlines(request.user)
    page = Paginator(qs, OVERDUE_PAGE).get_page(request.GET.get("page"))
    today = clock.today()
    return render(request, "warning/overdue.html", {
        "page": page, "total": page.paginator.count,
        "rows": [(x, (today - x.due_on).days) for x in page.object_list]})


@login_required
def dashboard_export(request: HttpRequest) -> HttpResponse:
    """The dashboard as Excel, with every row of its lists (none cut to the page's length)."""
    d = dashboard_data(request.user, list_limit=None)
    resp = HttpResponse(
        dashboard_xlsx(d, user=request.user),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    resp["Content-Disposition"] = f'attachment; filename="xinfang-dashboard-{d.today}.xlsx"'
    return resp


@login_required
def warning_list(request: HttpRequest) -> HttpResponse:
    qs = visible_warnings(request.user).select_related("responsible_unit")
    status = request.GET.get("status", "open")
    if status == "open":
        qs = qs.exclude(status=WarningStatus.CLOSED)
    elif status in WarningStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("-last_signal_on", "-pk"), WARNING_PAGE).get_page(request.GET.get("page"))
    return render(request, "warning/list.html", {
        "page": page, "warnings": page.object_list, "status": status,
        "statuses": WarningStatus.choices,
    })


@login_required
def warning_detail(request: HttpRequest, number: str) -> HttpResponse:
    w = _get(request, number)
    actions = [(a, str(a.label), ACTION_FORMS[a](prefix=a.value))
               for a in available_actions(request.user, w)]
    return render(request, "warning/detail.html", {
        "w": w, "level": level_label(w.level), "evidence": warning_evidence(request.user, w),
        "events": w.events.select_related("actor", "unit"), "actions": actions,
        "overdue_response": bool(w.response_due_on and w.status == WarningStatus.LETTER_ISSUED
                                 and w.response_due_on < clock.today()),
    })


@login_required
@require_POST
def warning_act(request: HttpRequest, number: str, action: str) -> HttpResponse:
    w = _get(request, number)
    return take_posted_step(
        request, WARNINGS, w, action, back=reverse("warning:detail", args=[w.number]),
        label_errors=False, done=lambda label: _("已%(action)s") % {"action": label},
        take=lambda act, params: warning_transition(warning_id=w.pk, action=act,
                                                    actor=request.user, params=params))


@login_required
def warning_letter(request: HttpRequest, number: str) -> HttpResponse:
    w = _get(request, number)
    if not w.letter_number:
        raise Http404(_("该预警尚未发出提示函"))
    resp = HttpResponse(
        warning_letter_docx(w, user=request.user),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    resp["Content-Disposition"] = f'attachment; filename="warning-letter-{w.number}.docx"'
    return resp
