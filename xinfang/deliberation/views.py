"""Staff pages of 众人议事厅: the list with the participation figures, a topic with its steps, its
linked petitions, the comments (to moderate), the result and the timeline; the form to open a topic;
the roster of a place. Every read goes through `selectors`; every write through the workflow (or,
for the roster, `services.add_resident`)."""

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

from .forms import ACTION_FORMS, CreateForm, HideCommentForm, ResidentForm, place_units
from .models import Topic
from .selectors import (
    eligible_residents,
    figures,
    linked_cases,
    roster,
    topic_get,
    visible_topics,
)
from .services import add_resident
from .states import TopicAction, TopicStatus
from .workflow import TOPICS, available_actions, topic_create, topic_transition

PAGE = 50


def _get(request: HttpRequest, number: str) -> Topic:
    try:
        return topic_get(request.user, number=number)
    except Topic.DoesNotExist:
        raise Http404(_("没有找到该议题，或您无权查看")) from None


@login_required
def topic_list(request: HttpRequest) -> HttpResponse:
    qs = visible_topics(request.user)
    status = request.GET.get("status", "all")
    shown = qs.filter(status=status) if status in TopicStatus.values else qs
    page = Paginator(shown.select_related("unit").order_by("-opens_at", "-pk"),
                     PAGE).get_page(request.GET.get("page"))
    return render(request, "deliberation/list.html", {
        "page": page, "topics": page.object_list, "status": status,
        "statuses": TopicStatus.choices, "figures": figures(qs),
        "may_create": engine.allowed(TOPICS, None, TopicAction.CREATE, request.user),
    })


def _form(action: TopicAction, user) -> object:  # noqa: ANN001
    cls = ACTION_FORMS[action]
    return cls(prefix=action.value, user=user) if getattr(cls, "takes_actor", False) else cls(
        prefix=action.value)


@login_required
def topic_detail(request: HttpRequest, number: str) -> HttpResponse:
    t = _get(request, number)
    acts = available_actions(request.user, t)
    may_hide = TopicAction.HIDE_COMMENT in acts
    actions = [(a, str(a.label), _form(a, request.user)) for a in acts
               if a != TopicAction.HIDE_COMMENT]
    return render(request, "deliberation/detail.html", {
        "t": t, "actions": actions, "events": t.events.select_related("actor", "unit"),
        "cases": linked_cases(request.user, t), "linked_total": t.links.count(),
        "comments": t.comments.all(), "may_hide": may_hide,
        "hide_form": HideCommentForm(prefix=TopicAction.HIDE_COMMENT.value),
        "eligible": eligible_residents(t).count(), "votes": t.votes.count(),
    })


@login_required
@require_POST
def topic_act(request: HttpRequest, number: str, action: str) -> HttpResponse:
    t = _get(request, number)
    return take_posted_step(
        request, TOPICS, t, action, back=reverse("deliberation:detail", args=[t.number]),
        done=lambda label: _("已%(action)s") % {"action": label},
        take=lambda act, params: topic_transition(topic_id=t.pk, action=act, actor=request.user,
                                                  params=params))


@login_required
def topic_new(request: HttpRequest) -> HttpResponse:
    """发起议题 (a draft; it is published for deliberation by the step 发布议事)."""
    refused = refusal_response(request, TOPICS, None, TopicAction.CREATE,
                               label=str(TopicAction.CREATE.label),
                               back=reverse("deliberation:list"))
    if refused is not None:
        return refused
    if request.method != "POST":
        form = CreateForm(user=request.user, initial={"token": secrets.token_urlsafe(24)})
        return render(request, "deliberation/new.html", {"form": form})
    params = request.POST.dict()
    token = params.get("token", "")
    if codes.valid_token(token):  # a double click or a reload of the same form: the topic made
        done = visible_topics(request.user).filter(form_token=codes.token_hash(token)).first()
        if done is not None:
            messages.info(request, _("此表单已经提交过：%(n)s") % {"n": done.number})
            return redirect("deliberation:detail", number=done.number)
    try:
        t = topic_create(actor=request.user, params=params)
    except IntegrityError:
        return redirect("deliberation:list")
    except DomainError as err:
        form = CreateForm(request.POST, user=request.user)
        form.is_valid()
        return render(request, "deliberation/new.html", {"form": form, "error": err.message},
                      status=400)
    messages.success(request, _("已发起议题%(n)s（草稿）。关联信访事项、核对名册后即可发布。")
                     % {"n": t.number})
    return redirect("deliberation:detail", number=t.number)


@login_required
def roster_page(request: HttpRequest) -> HttpResponse:
    """参与人名册: the residents of the places in reach (masked), and adding one."""
    places = place_units(request.user)
    unit_id = request.POST.get("unit") or request.GET.get("unit") or ""
    unit = places.filter(pk=unit_id).first() if unit_id.isdigit() and len(unit_id) < 19 else None
    form = ResidentForm(request.POST or None)
    status, error = 200, ""
    may_add = request.user.has_role("registrar", "handler", "approver")
    if request.method == "POST":
        if not may_add:
            status, error = 403, _("您没有登记参与人的权限")
        elif unit is None:
            status, error = 400, _("请选择村（社区、小区）")
        elif form.is_valid():
            try:
                add_resident(actor=request.user, unit=unit, name=form.cleaned_data["name"],
                             phone=form.cleaned_data["phone"],
                             verified=form.cleaned_data["verified"], note=form.cleaned_data["note"])
            except DomainError as err:
                status, error = 400, err.message
            else:
                messages.success(request, _("已登记参与人"))
                return redirect(f"{reverse('deliberation:roster')}?unit={unit.pk}")
        else:
            status = 400
    rows = roster(request.user)
    if unit is not None:
        rows = rows.filter(unit=unit)
    page = Paginator(rows, PAGE).get_page(request.GET.get("page"))
    return render(request, "deliberation/roster.html", {
        "places": places, "unit": unit, "form": form, "error": error, "page": page,
        "residents": page.object_list, "may_add": may_add}, status=status)
