"""Staff pages of 信访超市 / 便民服务超市: the needs list (open first, overdue first; the figures 小事不出村，
大事不出镇 per point), a service point's catalogue, a need with its steps and timeline, and the form
that records a need. Every read goes through `selectors`; every write through the workflow."""

from __future__ import annotations

import secrets
from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xinfang.core import clock
from xinfang.core import workflow as engine
from xinfang.core.errors import DomainError
from xinfang.portal import codes
from xinfang.web.refused import refusal_response, take_posted_step

from .consults import CONSULTS, consult_create, consult_transition
from .forms import ACTION_FORMS, CONSULT_FORMS, AssignForm, RecordForm
from .models import Consult, ConsultKind, Need, ServicePoint, SittingBooking
from .selectors import (
    figures,
    need_get,
    reception_days,
    runs_village,
    staffs,
    visible_consults,
    visible_needs,
    visible_points,
    visible_sittings,
)
from .sittings import SITTINGS, sitting_transition
from .states import (
    CONSULT_OPEN,
    OPEN,
    ConsultAction,
    ConsultStatus,
    NeedAction,
    NeedStatus,
    SittingAction,
)
from .workflow import NEEDS, available_actions, need_record, need_transition

PAGE = 50


def _get(request: HttpRequest, number: str) -> Need:
    try:
        return need_get(request.user, number=number)
    except Need.DoesNotExist:
        raise Http404(_("没有找到该群众需求，或您无权查看")) from None


@login_required
def need_list(request: HttpRequest) -> HttpResponse:
    qs = visible_needs(request.user)
    status = request.GET.get("status", "open")
    if status == "open":
        shown = qs.filter(status__in=OPEN)
    elif status in NeedStatus.values:
        shown = qs.filter(status=status)
    else:
        status, shown = "all", qs
    points = list(visible_points(request.user))
    point = request.GET.get("point", "")
    if point.isdigit():
        shown = shown.filter(Q(point=int(point)) | Q(origin=int(point)))
    now = clock.now()
    ordered = shown.select_related("point", "service").annotate(
        open_first=Case(When(status__in=OPEN, then=Value(0)), default=Value(1),
                        output_field=IntegerField()),
        late=Case(When(status__in=OPEN, due_at__lt=now, then=Value(0)), default=Value(1),
                  output_field=IntegerField()),
    ).order_by("open_first", "late", "-recorded_at", "-pk")
    page = Paginator(ordered, PAGE).get_page(request.GET.get("page"))
    total, by_point = figures(qs)
    return render(request, "servicepoints/list.html", {
        "page": page, "needs": [(n, n.overdue_at(now)) for n in page.object_list],
        "status": status, "statuses": NeedStatus.choices, "points": points, "point": point,
        "total": total, "by_point": by_point,
        "may_record": engine.allowed(NEEDS, None, NeedAction.RECORD, request.user),
    })


@login_required
def point_detail(request: HttpRequest, point: int) -> HttpResponse:
    """A point's catalogue (服务清单): each service with who provides it; its figures."""
    try:
        p = visible_points(request.user).get(pk=point)
    except ServicePoint.DoesNotExist:
        raise Http404(_("没有找到该服务点，或您无权查看")) from None
    services = list(p.services.prefetch_related("providers", "providers__user"))
    total, _rows = figures(visible_needs(request.user).filter(origin=p))
    return render(request, "servicepoints/point.html", {
        "p": p, "services": services, "total": total,
        "unassigned": p.providers.filter(services__isnull=True).select_related("user"),
        "open_count": visible_needs(request.user).filter(point=p, status__in=OPEN).count(),
    })


@login_required
def need_detail(request: HttpRequest, number: str) -> HttpResponse:
    n = _get(request, number)
    actions = []
    for a in available_actions(request.user, n):
        form = ACTION_FORMS[a](prefix=a.value)
        if isinstance(form, AssignForm):
            form.for_point(n.point)
        if a == NeedAction.PETITION:
            form.initial = {"title": n.text[:60], "request": n.text}
        actions.append((a, str(a.label), form))
    return render(request, "servicepoints/detail.html", {
        "n": n, "actions": actions, "events": n.events.select_related("actor", "unit"),
        "overdue": n.overdue_at(clock.now()),
        # the point's own staff call the visitor back; anyone else sees the name and phone masked
        "in_full": staffs(request.user, n.point) or staffs(request.user, n.origin),
    })


@login_required
@require_POST
def need_act(request: HttpRequest, number: str, action: str) -> HttpResponse:
    n = _get(request, number)
    return take_posted_step(
        request, NEEDS, n, action, back=reverse("servicepoints:detail", args=[n.number]),
        done=lambda label: _("已%(action)s") % {"action": label},
        take=lambda act, params: need_transition(need_id=n.pk, action=act, actor=request.user,
                                                 params=params))


@login_required
def need_new(request: HttpRequest) -> HttpResponse:
    """登记需求: the point's staff record a visitor's need on the 群众需求清单."""
    refused = refusal_response(request, NEEDS, None, NeedAction.RECORD,
                               label=str(NeedAction.RECORD.label),
                               back=reverse("servicepoints:list"))
    if refused is not None:
        return refused
    if request.method != "POST":
        form = RecordForm(user=request.user, initial={"token": secrets.token_urlsafe(24)})
        return render(request, "servicepoints/new.html", {"form": form})
    params = {k: request.POST.get(k, "") for k in RecordForm.base_fields}
    token = params.get("token", "")
    if codes.valid_token(token):  # a double click or a reload of the same form: the need recorded
        done = visible_needs(request.user).filter(form_token=codes.token_hash(token)).first()
        if done is not None:
            messages.info(request, _("此表单已经提交过：%(n)s") % {"n": done.number})
            return redirect("servicepoints:detail", number=done.number)
    try:
        n = need_record(actor=request.user, params=params)
    except IntegrityError:  # the same form committed meanwhile by the other click
        return redirect("servicepoints:list")
    except DomainError as err:
        form = RecordForm(request.POST, user=request.user)
        form.is_valid()
        return render(request, "servicepoints/new.html", {"form": form, "error": err.message},
                      status=400)
    messages.success(request, _("已登记：%(n)s") % {"n": n.number})
    return redirect("servicepoints:detail", number=n.number)


# ---- 四诊合一接访 ------------------------------------------------------------------------------------

def _consult(request: HttpRequest, number: str) -> Consult:
    try:
        return (visible_consults(request.user).select_related("unit", "reception", "recorded_by",
                                                              "case").get(number=number))
    except Consult.DoesNotExist:
        raise Http404(_("没有找到该四诊事项，或您无权查看")) from None


@login_required
def consult_list(request: HttpRequest) -> HttpResponse:
    """The villages' fixed reception days (next dates), planned home visits, the matters in hand."""
    qs = visible_consults(request.user).select_related("unit")
    status = request.GET.get("status", "open")
    if status == "open":
        shown = qs.filter(status__in=CONSULT_OPEN)
    elif status in ConsultStatus.values:
        shown = qs.filter(status=status)
    else:
        status, shown = "all", qs
    today = clock.today()
    page = Paginator(shown.order_by("-created_at", "-pk"), PAGE).get_page(request.GET.get("page"))
    days = list(reception_days(request.user))
    dated = [(d, d.next_dates(today, 4)) for d in days]
    booked = Counter(visible_sittings(request.user).filter(
        reception__in=days, date__in={x for _d, xs in dated for x in xs},
        seat__isnull=False).values_list("reception_id", "date"))
    return render(request, "servicepoints/consult_list.html", {
        "page": page, "consults": page.object_list, "status": status,
        "statuses": ConsultStatus.choices,
        "days": [(d, [(x, booked[(d.pk, x)]) for x in xs]) for d, xs in dated],
        "counts": {k: qs.filter(kind=k).count() for k in ConsultKind.values},
        "creations": [(t.action, CONSULTS.action_label(t.action))
                      for t in engine.offered_creations(CONSULTS, None, request.user)],
    })


@login_required
def consult_new(request: HttpRequest, action: str) -> HttpResponse:
    """坐诊接访 or 计划巡诊."""
    if action not in (ConsultAction.RECEIVE, ConsultAction.PLAN):
        raise Http404
    act = ConsultAction(action)
    refused = refusal_response(request, CONSULTS, None, act, label=str(act.label),
                               back=reverse("servicepoints:consults"))
    if refused is not None:
        return refused
    form_cls = CONSULT_FORMS[act]
    if request.method != "POST":
        return render(request, "servicepoints/consult_new.html",
                      {"form": form_cls(user=request.user), "label": act.label})
    params = {k: request.POST.get(k, "") for k in form_cls.base_fields}
    try:
        c = consult_create(action=act, actor=request.user, params=params)
    except DomainError as err:
        form = form_cls(request.POST, user=request.user)
        form.is_valid()
        return render(request, "servicepoints/consult_new.html",
                      {"form": form, "label": act.label, "error": err.message}, status=400)
    messages.success(request, _("已登记：%(n)s") % {"n": c.number})
    return redirect("servicepoints:consult", number=c.number)


@login_required
def consult_detail(request: HttpRequest, number: str) -> HttpResponse:
    c = _consult(request, number)
    actions = []
    for t in engine.offered(CONSULTS, c, request.user):
        a = ConsultAction(t.action)
        form_cls = CONSULT_FORMS[a]
        form = (form_cls(prefix=a.value, user=request.user) if getattr(form_cls, "takes_actor", False)
                else form_cls(prefix=a.value))
        if a == ConsultAction.PETITION:
            form.initial = {"title": c.text[:60], "request": c.text}
        actions.append((a, str(a.label), form))
    return render(request, "servicepoints/consult_detail.html", {
        "c": c, "actions": actions, "events": c.events.select_related("actor", "unit"),
        "units": c.units.all(), "in_full": runs_village(request.user, c.unit),
    })


@login_required
@require_POST
def consult_act(request: HttpRequest, number: str, action: str) -> HttpResponse:
    c = _consult(request, number)
    return take_posted_step(
        request, CONSULTS, c, action, back=reverse("servicepoints:consult", args=[c.number]),
        done=lambda label: _("已%(action)s") % {"action": label},
        take=lambda act, params: consult_transition(consult_id=c.pk, action=act,
                                                    actor=request.user, params=params))


# ---- 坐诊预约: the bookings of one date of a village's fixed reception day ------------------------------

@login_required
def sitting_day(request: HttpRequest, day: int, date: str) -> HttpResponse:
    """One date of a fixed reception day: who booked (masked for anyone but the village's staff),
    and the steps the engine offers on each (接诊 into a 坐诊接访 matter in one click, 未到场, 取消)."""
    import datetime as dt

    d = reception_days(request.user).filter(pk=day).first()
    try:
        when = dt.date.fromisoformat(date)
    except ValueError:
        when = None
    if d is None or when is None or when.weekday() != d.weekday:
        raise Http404(_("没有找到该坐诊日，或您无权查看"))
    rows = []
    for b in (visible_sittings(request.user).filter(reception=d, date=when)
              .select_related("consult", "reception", "reception__unit")):
        rows.append((b, [(SittingAction(t.action), SITTINGS.action_label(t.action))
                         for t in engine.offered(SITTINGS, b, request.user)]))
    return render(request, "servicepoints/sitting_day.html", {
        "d": d, "date": when, "rows": rows, "in_full": runs_village(request.user, d.unit),
        "held": sum(1 for b, _a in rows if b.seat is not None),
        "prev": when - dt.timedelta(weeks=1), "next": when + dt.timedelta(weeks=1)})


@login_required
@require_POST
def sitting_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    try:
        b = visible_sittings(request.user).select_related("reception").get(pk=pk)
    except SittingBooking.DoesNotExist:
        raise Http404(_("没有找到该预约，或您无权查看")) from None
    back = reverse("servicepoints:sitting-day", args=[b.reception_id, b.date.isoformat()])
    return take_posted_step(
        request, SITTINGS, b, action, back=back,
        done=lambda label: _("已%(action)s") % {"action": label},
        take=lambda act, params: sitting_transition(booking_id=b.pk, action=act,
                                                    actor=request.user, params=params))
