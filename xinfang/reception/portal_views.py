"""The portal's side of the leaders' reception (Art. 18 para. 1: the reception's time and place are
published): the rota of upcoming sessions for the chosen area, booking a place (receipt with a
booking code), looking a booking up by code and phone, and cancelling it.

The same protections as online petitions (xinfang.portal.abuse): a rate limit per address and per
phone, the arithmetic challenge, one answer for a wrong code and a wrong phone, and a lockout after
repeated failures. Every write goes through `services.py`, i.e. through the booking workflow. The
pages are mounted in the portal's URLconf (/portal/reception/) and use its base template.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from xinfang.core import clock
from xinfang.core.errors import DomainError
from xinfang.orgs.models import Unit
from xinfang.portal import abuse

from .forms import BookForm, LookupForm
from .models import Booking, ReceptionSession
from .selectors import public_rota, rota_areas, with_taken
from .services import (
    booking_book_online,
    booking_cancel_online,
    booking_lookup,
    cancel_ticket,
)
from .states import SessionStatus
from .workflow import booking_closes, new_token

ROTA_LIMIT = 100


def rota(request: HttpRequest) -> HttpResponse:
    """接访安排: upcoming sessions, of the chosen area (?area=<unit id>), with places left."""
    areas = list(rota_areas())
    area = None
    if request.GET.get("area"):
        try:
            area = Unit.objects.get(pk=int(request.GET["area"]), active=True)
        except (ValueError, Unit.DoesNotExist):
            return render(request, "portal/reception/rota.html",
                          {"areas": areas, "sessions": [], "bad_area": True}, status=400)
    sessions = list(public_rota(area)[:ROTA_LIMIT])
    for s in sessions:
        s.left = max(s.capacity - s.taken, 0)
        s.closes = booking_closes(s)
    return render(request, "portal/reception/rota.html",
                  {"areas": areas, "area": area, "sessions": sessions, "today": clock.today()})


def _session(number: str) -> ReceptionSession:
    s = with_taken(ReceptionSession.objects.filter(number=number, status=SessionStatus.SCHEDULED)
                   .select_related("area", "leader")).first()
    if s is None:
        raise Http404(_("没有找到该场接访，或已不能预约"))
    s.left = max(s.capacity - s.taken, 0)
    return s


@never_cache
def book(request: HttpRequest, number: str) -> HttpResponse:
    """The booking form for one session; POST books a place and shows the receipt with the code."""
    s = _session(number)
    template = "portal/reception/book.html"
    if request.method != "POST":
        form = BookForm(initial={"token": new_token(), "session": s.pk})
        return render(request, template, {"form": form, "s": s,
                                          "challenge": abuse.challenge_new()})
    data = request.POST.copy()
    data["session"] = str(s.pk)  # the session of the URL, never another posted one
    form = BookForm(data)
    ctx: dict = {"form": form, "s": s}
    _replayed, problem = abuse.guarded_submit(request, form)
    if problem == "blocked":
        return abuse.too_many(request, template, ctx)
    if problem:
        if problem == "challenge":
            ctx["challenge_error"] = _("计算结果不对，请重新计算下面的新题目")
        ctx["challenge"] = abuse.challenge_new()
        return render(request, template, ctx, status=400)
    try:
        receipt = booking_book_online(params={**data.dict(), "phone": form.cleaned_data["phone"]})
    except DomainError as err:
        ctx.update({"error": err.message, "challenge": abuse.challenge_new()})
        return render(request, template, ctx, status=409)
    response = render(request, "portal/reception/receipt.html", {
        "receipt": receipt, "b": receipt.booking, "s": receipt.booking.session,
        "code_groups": receipt.code_grouped.split("-") if receipt.code else []})
    response["Cache-Control"] = "no-store"
    return response


def _status(request: HttpRequest, booking, message: str = "") -> HttpResponse:  # noqa: ANN001
    from .states import HOLDING

    response = render(request, "portal/reception/status.html", {
        "b": booking, "s": booking.session, "message": message,
        "ticket": cancel_ticket(booking) if booking.status in HOLDING
        and booking.session.status == SessionStatus.SCHEDULED else ""})
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def lookup(request: HttpRequest) -> HttpResponse:
    """查询预约: booking code + phone number; the booking and a cancel button, on this response only."""
    return abuse.lookup_page(
        request, template="portal/reception/lookup.html", form_class=LookupForm,
        lookup=booking_lookup, found=lambda booking: _status(request, booking),
        not_found=_("预约码或手机号码不正确。请核对回执上的预约码和预约时填写的手机号码。"))


@never_cache
@require_POST
def cancel(request: HttpRequest) -> HttpResponse:
    """取消预约, with the ticket the look-up gave (the code and phone were checked there)."""
    try:
        booking = booking_cancel_online(ticket=request.POST.get("ticket", ""),
                                        reason=request.POST.get("reason", "")[:500])
    except DomainError as err:
        return render(request, "portal/reception/lookup.html", {
            "form": LookupForm(), "error": err.message, "challenge": abuse.challenge_new()},
            status=409)
    except Booking.DoesNotExist:  # the booking gone: as a wrong ticket
        raise Http404 from None
    return _status(request, booking, message=_("预约已取消。"))
