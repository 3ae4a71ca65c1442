"""Staff pages of the leaders' reception: the rota (sessions of the user's jurisdiction, upcoming
and past), publishing a session, and a session's page with its bookings, the steps the engine
offers on the session and on each booking, the record form, the cases it created or took over, and
its timeline. Every read goes through `selectors`; every write through the workflow."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xinfang.core import workflow as engine
from xinfang.core.errors import DomainError
from xinfang.web.refused import refusal_response, take_posted_step

from .forms import BOOKING_FORMS, SESSION_FORMS, ScheduleForm
from .models import ReceptionSession
from .selectors import session_get, visible_bookings, visible_sessions, with_taken
from .states import BookingAction, BookingStatus, SessionAction, SessionStatus
from .workflow import (
    BOOKINGS,
    SESSIONS,
    booking_transition,
    session_create,
    session_transition,
)

PAGE = 50


def _get(request: HttpRequest, number: str) -> ReceptionSession:
    try:
        return session_get(request.user, number=number)
    except ReceptionSession.DoesNotExist:
        raise Http404(_("没有找到该场接访，或您无权查看")) from None


def _form(form_cls, prefix: str, user, **kwargs):  # noqa: ANN001, ANN202
    if getattr(form_cls, "takes_actor", False):
        return form_cls(prefix=prefix, user=user, **kwargs)
    return form_cls(prefix=prefix, **kwargs)


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    """接访安排: upcoming sessions first (`?when=past`: held, recorded, cancelled ones, newest first)."""
    qs = with_taken(visible_sessions(request.user).select_related("unit", "area", "leader"))
    when = request.GET.get("when", "upcoming")
    if when == "past":
        qs = qs.filter(status__in=(SessionStatus.RECORDED, SessionStatus.CANCELLED)).order_by(
            "-date", "-start_time", "-pk")
    else:
        when = "upcoming"
        qs = qs.filter(status__in=(SessionStatus.SCHEDULED, SessionStatus.HELD)).order_by(
            "date", "start_time", "pk")
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    return render(request, "reception/list.html", {
        "page": page, "sessions": page.object_list, "when": when,
        "may_schedule": engine.allowed(SESSIONS, None, SessionAction.SCHEDULE, request.user),
    })


@login_required
def session_new(request: HttpRequest) -> HttpResponse:
    """发布接访安排 (Art. 18)."""
    back = reverse("reception:list")
    refused = refusal_response(request, SESSIONS, None, SessionAction.SCHEDULE,
                               label=str(SessionAction.SCHEDULE.label), back=back)
    if refused is not None:
        return refused
    if request.method != "POST":
        return render(request, "reception/new.html", {"form": ScheduleForm(user=request.user)})
    try:
        params = {k: request.POST.getlist(k) if k == "joint_units" else request.POST.get(k)
                  for k in request.POST}
        s = session_create(actor=request.user, params=params)
    except DomainError as err:
        form = ScheduleForm(request.POST, user=request.user)
        form.is_valid()
        return render(request, "reception/new.html", {"form": form, "error": err.message},
                      status=400)
    from django.contrib import messages

    messages.success(request, _("已发布接访安排%(n)s") % {"n": s.number})
    return redirect("reception:detail", number=s.number)


@login_required
def session_detail(request: HttpRequest, number: str) -> HttpResponse:
    s = _get(request, number)
    user = request.user
    actions = []
    for t in SESSIONS.available(user, s):
        form = _form(SESSION_FORMS[t.action], t.action, user)
        if t.action == SessionAction.OPEN_CASE:
            attendees = [b for b in s.bookings.filter(status=BookingStatus.ATTENDED)
                         if not b.cases.exists()]
            form.fields["booking"].widget.choices = [(b.pk, f"{b.name_masked} · {b.matter[:30]}")
                                                      for b in attendees]
        actions.append((SessionAction(t.action), str(SessionAction(t.action).label), form))
    bookings = []
    for b in s.bookings.all().order_by("pk"):
        steps = [(BookingAction(t.action), str(BookingAction(t.action).label),
                  _form(BOOKING_FORMS[t.action], f"{t.action}-{b.pk}", user))
                 for t in BOOKINGS.available(user, b, reached=True)]
        bookings.append((b, steps))
    walk_in = None
    if engine.allowed(BOOKINGS, None, BookingAction.WALK_IN, user) and s.status == SessionStatus.HELD:
        walk_in = _form(BOOKING_FORMS[BookingAction.WALK_IN], "walk_in", user,
                        initial={"session": s.pk})
    taken = sum(1 for b, _steps in bookings if b.status in (BookingStatus.BOOKED,
                                                            BookingStatus.CONFIRMED))
    return render(request, "reception/detail.html", {
        "s": s, "actions": actions, "bookings": bookings, "walk_in": walk_in, "taken": taken,
        "joint_units": s.joint_units.all(),
        "cases": s.cases.select_related("case", "booking", "leader_assignment__leader"),
        "events": s.events.select_related("actor", "unit"),
    })


@login_required
@require_POST
def session_act(request: HttpRequest, number: str, action: str) -> HttpResponse:
    s = _get(request, number)
    return take_posted_step(
        request, SESSIONS, s, action, back=reverse("reception:detail", args=[s.number]),
        done=lambda label: _("已%(action)s") % {"action": label},
        take=lambda act, params: session_transition(session_id=s.pk, action=act,
                                                    actor=request.user, params=params))


@login_required
@require_POST
def booking_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    b = visible_bookings(request.user).select_related("session").filter(pk=pk).first()
    if b is None:
        raise Http404(_("没有找到该预约，或您无权查看"))
    return take_posted_step(
        request, BOOKINGS, b, action, back=reverse("reception:detail", args=[b.session.number]),
        prefix=f"{action}-{b.pk}",
        done=lambda label: _("已%(action)s") % {"action": label},
        take=lambda act, params: booking_transition(booking_id=b.pk, action=act,
                                                    actor=request.user, params=params))


@login_required
@require_POST
def walk_in(request: HttpRequest, number: str) -> HttpResponse:
    """登记现场来访: someone received without a booking (Art. 18 para. 2, 19)."""
    from django.contrib import messages

    from .workflow import booking_create

    s = _get(request, number)
    back = reverse("reception:detail", args=[s.number])
    refused = refusal_response(request, BOOKINGS, None, BookingAction.WALK_IN,
                               label=str(BookingAction.WALK_IN.label), back=back)
    if refused is not None:
        return refused
    params = {**engine.posted_params(request.POST, "walk_in"), "session": s.pk}
    try:
        booking_create(action=BookingAction.WALK_IN, actor=request.user, params=params)
    except DomainError as err:
        messages.error(request, f"{BookingAction.WALK_IN.label}：{err.message}")
        return redirect(back)
    messages.success(request, _("已%(action)s") % {"action": BookingAction.WALK_IN.label})
    return redirect(back)

