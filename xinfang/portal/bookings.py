"""What every portal booking shares (a leaders' reception place, a village's fixed reception day):
the receipt with its booking code, the idempotent booking (a double click or a retry gives the
first receipt back), the first free numbered seat, the look-up by booking code and phone, and the
signed ticket of the cancel button shown after a look-up.

A booking model using these has the hashed columns of `xinfang.portal.codes`: `token_hash`,
`code_hash`, `phone_index`, `key_id` (each unique where not blank, the phone per live booking of
one day or session), and a `seat` unique within what is booked. The steps themselves (book, cancel)
are the booking workflow's, on the one engine; this module only wraps them.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xinfang.core.crypto import index_keys, key_id
from xinfang.core.errors import DomainError, GuardFailed

from . import codes

CANCEL_MAX_AGE = 15 * 60  # the cancel button after a look-up is good for 15 minutes


class DuplicateBooking(DomainError):
    """The form was already sent (its token is used) with another phone number."""

    code = "duplicate_submission"


@dataclass(frozen=True)
class BookingReceipt:
    booking: Any
    code: str | None  # None only when a replay cannot re-derive it (the index key changed)
    replayed: bool

    @property
    def code_grouped(self) -> str:
        return codes.grouped(self.code) if self.code else ""

    @property
    def code_groups(self) -> list[str]:
        return self.code_grouped.split("-") if self.code else []


def replay(queryset: QuerySet, token: str, phone: str) -> BookingReceipt | None:
    """The receipt of an earlier sending of the same form (a double click, a reload), if any."""
    earlier = codes.replayed(queryset, token=token, phone=phone, duplicate=DuplicateBooking(
        _("此表单已经提交过。请使用预约码查询，或刷新页面重新填写。")))
    if earlier is None:
        return None
    return BookingReceipt(booking=earlier[0], code=earlier[1], replayed=True)


def book_once(queryset: QuerySet, *, params: dict[str, Any], create: Callable[[], Any],
              conflict: str) -> BookingReceipt:
    """`create()` (the booking workflow's creating step) once per form token: a double click or a
    retry gives the first receipt back; returns after commit. A sending refused (the workflow's
    guard: "this phone has booked") or stopped by a unique constraint (the same phone, the last
    seat) gives the earlier receipt when its twin, the same form sent at the same time, committed
    meanwhile; else the guard's refusal, or `conflict` for the constraint."""
    token, phone = str(params.get("token") or ""), str(params.get("phone") or "")
    earlier = replay(queryset, token, phone) if phone else None
    if earlier:
        return earlier
    try:
        with transaction.atomic():
            record = create()
    except (IntegrityError, GuardFailed) as err:
        # The twin held the day's or session's lock while this one waited, and its booking is
        # what this sending's guard (or constraint) met: that booking is this form's receipt.
        earlier = replay(queryset, token, phone)
        if earlier:
            return earlier
        if isinstance(err, GuardFailed):
            raise
        raise GuardFailed(conflict) from None
    return BookingReceipt(booking=record, code=record.issued_code, replayed=False)


def first_free_seat(taken: Iterable[int | None], capacity: int) -> int | None:
    """The lowest seat number 1..capacity nobody holds, or None when all are held."""
    held = {n for n in taken if n is not None}
    return next((n for n in range(1, capacity + 1) if n not in held), None)


def hashed_columns(token: str, phone: str) -> tuple[dict[str, str], str]:
    """The keyed hashes a new booking stores, and its code (handed back once, on the receipt,
    never stored)."""
    code = codes.code_for_token(token)
    return {"token_hash": codes.token_hash(token), "code_hash": codes.code_hash(code),
            "phone_index": codes.phone_hash(phone), "key_id": key_id(index_keys()[0])}, code


def lookup(queryset: QuerySet, *, code: str, phone: str) -> Any | None:
    """The booking of `queryset` with this code whose phone matches, else None (one answer for
    both; the phone compared in constant time against a dummy when no code matched). A row hashed
    under an old index key is re-hashed under the current one."""
    keys = index_keys()
    hashes = {codes.code_hash(code, key): key for key in keys}
    found = queryset.filter(code_hash__in=list(hashes)).first()
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


def cancel_ticket(pk: int, salt: str) -> str:
    """A signed, short-lived ticket for the cancel button shown after a successful look-up: the
    proof that the code and phone were checked, without asking for them again."""
    return signing.dumps({"b": pk}, salt=salt)


def ticket_booking(ticket: str, salt: str) -> int:
    """The booking a cancel ticket was issued for; GuardFailed when it is forged or too old."""
    try:
        return int(signing.loads(ticket or "", salt=salt, max_age=CANCEL_MAX_AGE)["b"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise GuardFailed(_("页面已过期，请重新查询后再取消")) from None


def mobile(value: str, *, required: bool) -> str:
    """A booking form's mobile number, normalised (digits, no +86); 11 digits starting with 1."""
    phone = codes.normalise_phone(value or "")
    if phone and not (len(phone) == 11 and phone.startswith("1")):
        raise ValidationError(_("请填写11位手机号码"))
    if required and not phone:
        raise ValidationError(_("请填写手机号码：查询和取消预约时需要核对"))
    return phone


class TokenField(forms.CharField):
    """The form's one-time token (hidden): what makes a booking idempotent."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(widget=forms.HiddenInput, max_length=64, **kwargs)

    def clean(self, value: Any) -> str:
        token = super().clean(value)
        if not codes.valid_token(token):
            raise ValidationError(_("表单已失效，请刷新页面后重新填写"))
        return token


class LookupForm(forms.Form):
    """查询预约: the booking code on the receipt and the phone it was booked with."""

    code = forms.CharField(label=gettext_lazy("预约码"), max_length=40,
                           help_text=gettext_lazy("预约回执上的16位预约码，可不输入“-”，不区分大小写"))
    phone = forms.CharField(label=gettext_lazy("手机号码"), max_length=30,
                            help_text=gettext_lazy("预约时填写的手机号码"))
