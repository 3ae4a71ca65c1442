"""Staff pages of the major-decision review: the list, a decision with its assessment (the data
snapshot, a chart of the monthly trend, the petitions counted that the reader may open), the
legality review, the decision, the follow-up checks, its steps and timeline, and the register form.
Every read goes through `selectors.visible_decisions`; every write through the workflow."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xinfang.core import workflow as engine
from xinfang.core.errors import DomainError
from xinfang.portal import codes
from xinfang.warning.models import WarningKind, WarningLevel
from xinfang.warning.selectors import visible_warnings
from xinfang.warning.states import WarningStatus
from xinfang.web.refused import refusal_response, take_posted_step

from .forms import ACTION_FORMS, RegisterForm
from .models import Decision
from .selectors import decision_get, linked_cases, next_check_on, reason_text, visible_decisions
from .states import DecisionAction, DecisionKind, DecisionStatus, RiskLevel
from .workflow import DECISIONS, available_actions, decision_register, decision_transition

PAGE = 50


def _get(request: HttpRequest, number: str) -> Decision:
    try:
        return decision_get(request.user, number=number)
    except Decision.DoesNotExist:
        raise Http404(_("没有找到该重大决策，或您无权查看")) from None


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    qs = visible_decisions(request.user).select_related("unit")
    status = request.GET.get("status", "")
    if status in DecisionStatus.values:
        qs = qs.filter(status=status)
    else:
        status = ""
    page = Paginator(qs.order_by("-created_at", "-pk"), PAGE).get_page(request.GET.get("page"))
    return render(request, "riskreview/list.html", {
        "page": page, "decisions": page.object_list, "status": status,
        "statuses": DecisionStatus.choices,
        "may_register": engine.allowed(DECISIONS, None, DecisionAction.REGISTER, request.user),
    })


def _warnings(request: HttpRequest, rows: list[dict]) -> list[dict]:
    """The snapshot's warnings with their labels; a link only to those the reader may open."""
    seen = set(visible_warnings(request.user).filter(pk__in=[w["id"] for w in rows])
               .values_list("pk", flat=True))
    out = []
    for w in rows:
        kind = WarningKind(w["kind"]).label if w["kind"] in WarningKind.values else w["kind"]
        level = WarningLevel(w["level"]).label if w["level"] in WarningLevel.values else w["level"]
        status = (WarningStatus(w["status"]).label if w["status"] in WarningStatus.values
                  else w["status"])
        out.append({**w, "kind_label": kind, "level_label": level, "status_label": status,
                    "linked": w["id"] in seen})
    return out


@login_required
def decision_detail(request: HttpRequest, number: str) -> HttpResponse:
    d = _get(request, number)
    actions = [(a, str(a.label), ACTION_FORMS[a](prefix=a.value))
               for a in available_actions(request.user, d)]
    snap = d.snapshot or {}
    cases, seen, hidden = linked_cases(request.user, snap.get("cases", []))
    chart = {"months": [m for m, _n in snap.get("monthly", [])],
             "counts": [n for _m, n in snap.get("monthly", [])], "name": _("件数")}
    return render(request, "riskreview/detail.html", {
        "d": d, "actions": actions, "events": d.events.select_related("actor", "unit"),
        "snap": snap, "reasons": [(RiskLevel(r["tier"]).label, reason_text(r))
                                  for r in snap.get("reasons", [])],
        "suggested": RiskLevel(snap["suggested"]).label if snap.get("suggested") else "",
        "warnings": _warnings(request, snap.get("warnings", [])),
        "cases": cases, "seen": seen, "hidden": hidden, "chart": chart,
        "checks": d.checks.select_related("by"), "next_check": next_check_on(d),
        "places": d.places.order_by("path"),
        "categories": d.categories.select_related("parent__parent"),
    })


@login_required
@require_POST
def decision_act(request: HttpRequest, number: str, action: str) -> HttpResponse:
    d = _get(request, number)
    return take_posted_step(
        request, DECISIONS, d, action, back=reverse("riskreview:detail", args=[d.number]),
        done=lambda label: _("已%(action)s") % {"action": label},
        take=lambda act, params: decision_transition(decision_id=d.pk, action=act,
                                                     actor=request.user, params=params))


@login_required
def decision_new(request: HttpRequest) -> HttpResponse:
    """登记重大决策."""
    refused = refusal_response(request, DECISIONS, None, DecisionAction.REGISTER,
                               label=str(DecisionAction.REGISTER.label),
                               back=reverse("riskreview:list"))
    if refused is not None:
        return refused
    if request.method != "POST":
        form = RegisterForm(user=request.user, initial={"token": secrets.token_urlsafe(24),
                                                        "kind": DecisionKind.DEMOLITION})
        return render(request, "riskreview/new.html", {"form": form})
    params = {k: (v if k in ("places", "categories") else v[0])
              for k, v in request.POST.lists() if k != "csrfmiddlewaretoken"}
    token = params.get("token", "")
    if codes.valid_token(token):  # a double click or a reload of the same form
        done = visible_decisions(request.user).filter(form_token=codes.token_hash(token)).first()
        if done is not None:
            messages.info(request, _("此表单已经提交过：%(n)s") % {"n": done.number})
            return redirect("riskreview:detail", number=done.number)
    try:
        d = decision_register(actor=request.user, params=params)
    except IntegrityError:  # the same form committed meanwhile by the other click
        return redirect("riskreview:list")
    except DomainError as err:
        form = RegisterForm(request.POST, user=request.user)
        form.is_valid()
        return render(request, "riskreview/new.html", {"form": form, "error": err.message},
                      status=400)
    messages.success(request, _("已登记：%(n)s") % {"n": d.number})
    return redirect("riskreview:detail", number=d.number)
