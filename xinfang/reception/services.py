"""Writes of the reception app that are more than one workflow step: the portal's idempotent
booking, the petitioner's look-up by booking code and phone number, and the cancellation that
follows a look-up.

Every status change goes through `workflow.booking_create` / `booking_transition`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from xinfang.core.workflow import PetitionerActor
from xinfang.portal import bookings
from xinfang.portal.bookings import BookingReceipt, DuplicateBooking  # noqa: F401 - re-exported

from .models import Booking
from .states import BookingAction
from .workflow import booking_create, booking_transition

CANCEL_SALT = "xinfang.reception.cancel"


def booking_book_online(*, params: dict[str, Any]) -> BookingReceipt:
    """The portal: a citizen books a place at a session, once per form token (a double click or a
    retry gives the first receipt back; `portal.bookings.book_once`); returns after commit. A
    second live booking of the same phone for the same session, or a full session, is refused with
    the engine's message; two concurrent last bookings: one gets the place, the other the refusal
    (the session row lock, and the seat's unique constraint underneath)."""
    return bookings.book_once(
        Booking.objects.all(), params=params,
        create=lambda: booking_create(action=BookingAction.BOOK, actor=PetitionerActor(), params=params),
        conflict=_("该手机号码已预约本场接访，或名额刚被约满，请刷新后重试"))


def booking_lookup(*, code: str, phone: str) -> Booking | None:
    """The booking with this code whose phone matches, else None (`portal.bookings.lookup`)."""
    return bookings.lookup(Booking.objects.select_related("session", "session__area"),
                           code=code, phone=phone)


def cancel_ticket(booking: Booking) -> str:
    """A signed, short-lived ticket for the cancel button shown after a successful look-up."""
    return bookings.cancel_ticket(booking.pk, CANCEL_SALT)


def booking_cancel_online(*, ticket: str, reason: str = "") -> Booking:
    """The petitioner cancels their own booking (after a look-up by code and phone): the booking
    table's `cancel` taken by the petitioner actor, whose one record is this booking."""
    pk = bookings.ticket_booking(ticket, CANCEL_SALT)
    actor = PetitionerActor(case_id=pk)  # the petitioner's scope: this one booking
    return booking_transition(booking_id=pk, action=BookingAction.CANCEL, actor=actor,
                              params={"reason": reason})
