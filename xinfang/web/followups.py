"""导入程序事项跟踪: the case panel and the bureau's list of routed-away items not yet closed.

Nansha's closed loop: an item passed to the 政法 / 纪检监察 organ or guided into its own procedure
(诉访分离, Art. 22 ¶2, 31 (1)-(4)) is followed by the routing unit until it is concluded. An item
without news for ``XINFANG_ROUTE_FOLLOW_UP_DAYS`` days (practice, default 30) is flagged here and
reminded by the daily ``route_followups_remind`` job.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xinfang.cases.forms import RouteFollowUpForm
from xinfang.cases.models import Case, RouteFollowUp
from xinfang.cases.selectors import route_followups
from xinfang.cases.services import (
    FOLLOW_UP_ROLES,
    route_followup_quiet_days,
    route_followup_record,
)
from xinfang.core import clock
from xinfang.core.errors import DomainError

from .panels import case_panel


def _quiet_since(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=route_followup_quiet_days())


def may_record(user, followup: RouteFollowUp) -> bool:  # noqa: ANN001
    return followup.is_open and user.unit_id == followup.unit_id and user.has_role(
        *FOLLOW_UP_ROLES)


@case_panel(order=15)
def route_followup_panel(request: HttpRequest, case: Case) -> tuple[str, dict] | None:
    rows = list(route_followups(request.user, open_only=False).filter(case=case))
    if not rows:
        return None
    since = _quiet_since(clock.today())
    return "web/_route_followups.html", {"rows": [
        {"item": f, "quiet": f.is_open and f.last_news_on <= since,
         "form": RouteFollowUpForm(prefix=f"fu{f.pk}") if may_record(request.user, f) else None}
        for f in rows]}


@login_required
def route_tracking(request: HttpRequest) -> HttpResponse:
    """导入程序事项跟踪: routed-away items not yet closed, the longest without news first."""
    scope = request.GET.get("scope", "mine")
    qs = route_followups(request.user)
    if scope == "mine":
        qs = qs.filter(unit=request.user.unit_id)
    since = _quiet_since(clock.today())
    items = list(qs)
    counts = {s.value: 0 for s in RouteFollowUp.Status}
    for f in items:
        counts[f.status] += 1
    counts["quiet"] = sum(f.last_news_on <= since for f in items)
    counts["open"] = len(items)
    return render(request, "web/route_tracking.html", {
        "rows": [{"item": f, "quiet": f.last_news_on <= since} for f in items],
        "counts": counts, "scope": scope, "quiet_days": route_followup_quiet_days(),
    })


@login_required
@require_POST
def route_followup(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    prefix = f"fu{pk}-"
    params = {k.removeprefix(prefix): v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
    try:
        followup = route_followup_record(followup_id=pk, actor=request.user, params=params)
    except RouteFollowUp.DoesNotExist:
        raise Http404(_("没有找到该信访件，或您无权查看")) from None
    except DomainError as err:
        messages.error(request, f"{_('导入程序跟踪')}：{err.message}")
    else:
        messages.success(request, _("已记录：%(s)s") % {"s": followup.get_status_display()})
    return redirect("web:case", number=number)
