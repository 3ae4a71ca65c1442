"""Writes of the reception app that are more than one workflow step: the portal's idempotent
booking, the petitioner's look-up by booking code and phone number, and the cancellation that
follows a look-up.

Every status change goes through `workflow.booking_create` / `booking_transition`.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from xinfang.core.crypto import index_keys, key_id
from xinfang.core.errors import DomainError, GuardFailed
from xinfang.core.workflow import PetitionerActor
from xinfang.portal import codes

from .models import Booking
from .states import BookingAction
from .workflow import booking_create, booking_transition

CANCEL_SALT = "xinfang.reception.cancel"
CANCEL_MAX_AGE = 15 * 60  # the cancel button after a look-up is good for 15 minutes


class DuplicateBooking(DomainError):
    """The form was already sent (its token is used) with another phone number."""

    code = "duplicate_submission"


@dataclass(frozen=True)
class BookingReceipt:
    booking: Booking
    code: str | None  # None only when a replay cannot re-derive it (the index key changed)
    replayed: bool

    @property
    def code_grouped(self) -> str:
        return codes.grouped(self.code) if self.code else ""


def _replay(token: str, phone: str) -> BookingReceipt | None:
    """The receipt of an earlier sending of the same form (a double click, a reload), if any."""
    earlier = codes.replayed(Booking.objects.all(), token=token, phone=phone, duplicate=DuplicateBooking(
        _("此表单已经提交过。请使用预约码查询，或刷新页面重新填写。")))
    if earlier is None:
        return None
    return BookingReceipt(booking=earlier[0], code=earlier[1], replayed=True)


def booking_book_online(*, params: dict[str, Any]) -> BookingReceipt:
    """The portal: a citizen books a place at a session, once per form token (a double click or a
    retry gives the first receipt back); returns after commit. A second live booking of the same
    phone for the same session, or a full session, is refused with the engine's message; two
    concurrent last bookings: one gets the place, the other the refusal (the session row lock, and
    the seat's unique constraint underneath)."""
    token, phone = str(params.get("token") or ""), str(params.get("phone") or "")
    replay = _replay(token, phone) if phone else None
    if replay:
        return replay
    try:
        with transaction.atomic():
            record = booking_create(action=BookingAction.BOOK, actor=PetitionerActor(),
                                    params=params)
    except IntegrityError:
        replay = _replay(token, phone)  # the same form committed meanwhile on another worker
        if replay:
            return replay
        raise GuardFailed(_("该手机号码已预约本场接访，或名额刚被约满，请刷新后重试")) from None
    return BookingReceipt(booking=record, code=record.issued_code, replayed=False)


def booking_lookup(*, code: str, phone: str) -> Booking | None:
    """The booking with this code whose phone matches, else None (one answer for both; the phone
    compared in constant time against a dummy when no code matched). A row hashed under an old
    index key is re-hashed under the current one."""
    keys = index_keys()
    hashes = {codes.code_hash(code, key): key for key in keys}
    found = (Booking.objects.select_related("session", "session__area")
             .filter(code_hash__in=list(hashes)).first())
    used = hashes[found.code_hash] if found is not None else keys[0]
    expected = found.phone_index if found else codes.phone_hash("no-such-booking", used)
    given = codes.phone_hash(phone, used) if codes.normalise_phone(phone) else "-"
    if found is None or not expected or not hmac.compare_digest(expected, given):
        return None
    if used != keys[0]:
        found.code_hash = codes.code_hash(code)
        found.phone_index = codes.phone_hash(phone)
        found.key_id = key_id(keys[0])
        found.save(update_fields=["code_hash", "phone_index", "key_id"])
    return found


def cancel_ticket(booking: Booking) -> str:
    """A signed, short-lived ticket for the cancel button shown after a successful look-up: the
    proof that the code and phone were checked, without asking for them again."""
    return signing.dumps({"b": booking.pk}, salt=CANCEL_SALT)


def booking_cancel_online(*, ticket: str, reason: str = "") -> Booking:
    """The petitioner cancels their own booking (after a look-up by code and phone): the booking
    table's `cancel` taken by the petitioner actor, whose one record is this booking."""
    try:
        pk = int(signing.loads(ticket or "", salt=CANCEL_SALT, max_age=CANCEL_MAX_AGE)["b"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise GuardFailed(_("页面已过期，请重新查询后再取消")) from None
    actor = PetitionerActor(case_id=pk)  # the petitioner's scope: this one booking
    return booking_transition(booking_id=pk, action=BookingAction.CANCEL, actor=actor,
                              params={"reason": reason})
