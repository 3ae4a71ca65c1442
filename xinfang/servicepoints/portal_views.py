"""The portal's side of 四诊合一 (固定坐诊 is published: Art. 18 para. 1, the reception's time and
place): the villages' fixed reception days with their next dates and places left, booking a date
(receipt with a booking code), looking a booking up by code and phone, and cancelling it.

The protections are the portal's (xinfang.portal.abuse): a rate limit per address and per phone,
the arithmetic challenge, one answer for a wrong code and a wrong phone, a lockout after repeated
failures. Every write goes through `sittings.py`, i.e. through the booking workflow. The pages are
mounted in the portal's URLconf (/portal/sitting/) and use its base template.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from xinfang.core import clock
from xinfang.core.errors import DomainError
from xinfang.portal import abuse
from xinfang.portal.bookings import LookupForm

from .forms import SittingBookForm
from .models import ReceptionDay, SittingBooking
from .sittings import (
    bookable_dates,
    cancel_ticket,
    sitting_book_online,
    sitting_cancel_online,
    sitting_lookup,
)
from .states import SittingStatus

DAYS_LIMIT = 60


def _taken(days: list[ReceptionDay], dates: set[dt.date]) -> Counter:
    """Places held per (reception day, date): bookings with a seat (one query)."""
    rows = (SittingBooking.objects.filter(reception__in=days, date__in=dates, seat__isnull=False)
            .values_list("reception_id", "date"))
    return Counter(rows)


def _with_dates(days: list[ReceptionDay]) -> list[ReceptionDay]:
    today = clock.today()
    for d in days:
        d.dates = bookable_dates(d, today)
    taken = _taken(days, {x for d in days for x in d.dates})
    for d in days:
        d.slots = [(x, max(d.capacity - taken[(d.pk, x)], 0)) for x in d.dates]
    return days


def index(request: HttpRequest) -> HttpResponse:
    """坐诊预约: the fixed reception days of the chosen village (?village=<unit id>), or of all."""
    days = ReceptionDay.objects.filter(active=True).select_related("unit", "unit__parent")
    villages = sorted({d.unit for d in days}, key=lambda u: u.path)
    village = None
    if request.GET.get("village"):
        village = next((u for u in villages if str(u.pk) == request.GET["village"]), None)
        if village is None:
            return render(request, "portal/sitting/index.html",
                          {"villages": villages, "days": [], "bad_village": True}, status=400)
        days = days.filter(unit=village)
    return render(request, "portal/sitting/index.html", {
        "villages": villages, "village": village,
        "days": _with_dates(list(days.order_by("unit__path", "weekday")[:DAYS_LIMIT]))})


def _slot(day: int, date: str) -> tuple[ReceptionDay, dt.date, int]:
    d = ReceptionDay.objects.filter(pk=day, active=True).select_related("unit", "unit__parent").first()
    try:
        when = dt.date.fromisoformat(date)
    except ValueError:
        when = None
    if d is None or when not in bookable_dates(d):
        raise Http404(_("没有找到该坐诊日，或已不能预约"))
    left = max(d.capacity - _taken([d], {when})[(d.pk, when)], 0)
    return d, when, left


@never_cache
def book(request: HttpRequest, day: int, date: str) -> HttpResponse:
    """The booking form for one date; POST books a place and shows the receipt with the code."""
    d, when, left = _slot(day, date)
    template = "portal/sitting/book.html"
    ctx: dict = {"d": d, "date": when, "left": left}
    if request.method != "POST":
        ctx.update({"form": SittingBookForm(initial={"token": secrets.token_urlsafe(24)}),
                    "challenge": abuse.challenge_new()})
        return render(request, template, ctx)
    data = request.POST.copy()
    data["reception"], data["date"] = str(d.pk), when.isoformat()  # the page's, never posted ones
    form = ctx["form"] = SittingBookForm(data)
    _replayed, problem = abuse.guarded_submit(request, form)
    if problem == "blocked":
        return abuse.too_many(request, template, ctx)
    if problem:
        if problem == "challenge":
            ctx["challenge_error"] = _("计算结果不对，请重新计算下面的新题目")
        ctx["challenge"] = abuse.challenge_new()
        return render(request, template, ctx, status=400)
    try:
        receipt = sitting_book_online(params={**data.dict(), "phone": form.cleaned_data["phone"]})
    except DomainError as err:
        ctx.update({"error": err.message, "challenge": abuse.challenge_new()})
        return render(request, template, ctx, status=409)
    response = render(request, "portal/sitting/receipt.html", {
        "receipt": receipt, "b": receipt.booking, "d": receipt.booking.reception})
    response["Cache-Control"] = "no-store"
    return response


def _status(request: HttpRequest, booking: SittingBooking, message: str = "") -> HttpResponse:
    live = booking.status == SittingStatus.BOOKED and booking.date >= clock.today()
    response = render(request, "portal/sitting/status.html", {
        "b": booking, "d": booking.reception, "message": message,
        "ticket": cancel_ticket(booking) if live else ""})
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def lookup(request: HttpRequest) -> HttpResponse:
    """查询坐诊预约: booking code + phone; the booking and a cancel button, on this response only."""
    return abuse.lookup_page(
        request, template="portal/sitting/lookup.html", form_class=LookupForm,
        lookup=sitting_lookup, found=lambda booking: _status(request, booking),
        not_found=_("预约码或手机号码不正确。请核对回执上的预约码和预约时填写的手机号码。"))


@never_cache
@require_POST
def cancel(request: HttpRequest) -> HttpResponse:
    """取消预约, with the ticket the look-up gave (the code and phone were checked there)."""
    try:
        booking = sitting_cancel_online(ticket=request.POST.get("ticket", ""),
                                        reason=request.POST.get("reason", "")[:500])
    except DomainError as err:
        return render(request, "portal/sitting/lookup.html", {
            "form": LookupForm(), "error": err.message, "challenge": abuse.challenge_new()},
            status=409)
    except SittingBooking.DoesNotExist:
        raise Http404 from None
    return _status(request, booking, message=_("预约已取消。"))
