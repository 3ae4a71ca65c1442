"""Staff pages of the suggestion collection: the list for a unit with its figures, the topics, a
suggestion with its steps and timeline, and the entry of a suggestion received by letter, phone or
in person. Every read goes through `selectors.visible_suggestions`; every write through the workflow."""

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
from xinfang.web.refused import refusal_response, take_posted_step

from .forms import ACTION_FORMS, EnterForm
from .models import Suggestion
from .selectors import figures, suggestion_get, visible_suggestions
from .states import SuggestionAction, SuggestionStatus
from .topics import group_by_topic
from .workflow import SUGGESTIONS, available_actions, suggestion_create, suggestion_transition

PAGE = 50
OPEN = (SuggestionStatus.SUBMITTED, SuggestionStatus.REFERRED, SuggestionStatus.ANSWERED)
TOPIC_LIMIT = 2000  # suggestions grouped on one page (the newest); the page says when there are more


def _get(request: HttpRequest, number: str) -> Suggestion:
    try:
        return suggestion_get(request.user, number=number)
    except Suggestion.DoesNotExist:
        raise Http404(_("没有找到该建议，或您无权查看")) from None


def _scoped(request: HttpRequest):  # noqa: ANN202
    """The user's suggestions; `?mine=1`: only those received by or referred to the user's unit."""
    qs = visible_suggestions(request.user)
    if request.GET.get("mine") and request.user.unit_id:
        from django.db.models import Q

        qs = qs.filter(Q(receiving_unit=request.user.unit_id) | Q(deciding_unit=request.user.unit_id))
    return qs


@login_required
def suggestion_list(request: HttpRequest) -> HttpResponse:
    qs = _scoped(request)
    status = request.GET.get("status", "open")
    if status == "open":
        shown = qs.filter(status__in=OPEN)
    elif status in SuggestionStatus.values:
        shown = qs.filter(status=status)
    else:
        status, shown = "all", qs
    page = Paginator(shown.select_related("receiving_unit", "deciding_unit", "concerns_unit")
                     .order_by("-submitted_on", "-pk"), PAGE).get_page(request.GET.get("page"))
    return render(request, "suggestions/list.html", {
        "page": page, "suggestions": page.object_list, "status": status,
        "statuses": SuggestionStatus.choices, "figures": figures(qs), "mine": request.GET.get("mine"),
        "may_enter": engine.allowed(SUGGESTIONS, None, SuggestionAction.ENTER, request.user),
    })


@login_required
def topic_list(request: HttpRequest) -> HttpResponse:
    """归集和提炼: the open suggestions (or all, `?status=all`) grouped by topic, with counts."""
    qs = _scoped(request)
    everything = request.GET.get("status") == "all"
    if not everything:
        qs = qs.filter(status__in=OPEN)
    total = qs.count()
    items = list(qs.select_related("concerns_unit").order_by("-submitted_on", "-pk")[:TOPIC_LIMIT])
    return render(request, "suggestions/topics.html", {
        "topics": group_by_topic(items), "total": total, "shown": len(items),
        "everything": everything, "mine": request.GET.get("mine"),
    })


@login_required
def suggestion_detail(request: HttpRequest, number: str) -> HttpResponse:
    s = _get(request, number)
    actions = [(a, str(a.label), ACTION_FORMS[a](prefix=a.value, user=request.user)
                if getattr(ACTION_FORMS[a], "takes_actor", False) else ACTION_FORMS[a](prefix=a.value))
               for a in available_actions(request.user, s)]
    return render(request, "suggestions/detail.html", {
        "s": s, "actions": actions, "events": s.events.select_related("actor", "unit"),
    })


@login_required
@require_POST
def suggestion_act(request: HttpRequest, number: str, action: str) -> HttpResponse:
    s = _get(request, number)
    return take_posted_step(
        request, SUGGESTIONS, s, action, back=reverse("suggestions:detail", args=[s.number]),
        done=lambda label: _("已%(action)s") % {"action": label},
        take=lambda act, params: suggestion_transition(suggestion_id=s.pk, action=act,
                                                       actor=request.user, params=params))


@login_required
def suggestion_new(request: HttpRequest) -> HttpResponse:
    """登记: a suggestion received by letter, phone or in person (Art. 17, 29)."""
    back = reverse("suggestions:list")
    refused = refusal_response(request, SUGGESTIONS, None, SuggestionAction.ENTER,
                               label=str(SuggestionAction.ENTER.label), back=back)
    if refused is not None:
        return refused
    if request.method != "POST":
        form = EnterForm(user=request.user, initial={"token": secrets.token_urlsafe(24)})
        return render(request, "suggestions/new.html", {"form": form})
    params = request.POST.dict()
    token = params.get("token", "")
    if codes.valid_token(token):  # a double click or a reload of the same form: the record made
        done = visible_suggestions(request.user).filter(token_hash=codes.token_hash(token)).first()
        if done is not None:
            messages.info(request, _("此表单已经提交过：建议%(n)s") % {"n": done.number})
            return redirect("suggestions:detail", number=done.number)
    try:
        s = suggestion_create(action=SuggestionAction.ENTER, actor=request.user, params=params)
    except IntegrityError:  # the same form committed meanwhile by the other click
        return redirect("suggestions:list")
    except DomainError as err:
        form = EnterForm(request.POST, user=request.user)
        form.is_valid()
        return render(request, "suggestions/new.html", {"form": form, "error": err.message},
                      status=400)
    messages.success(request, _("已登记建议%(n)s。请告知建议人查询码：%(c)s（只显示这一次）")
                     % {"n": s.number, "c": codes.grouped(s.issued_code)})
    return redirect("suggestions:detail", number=s.number)
