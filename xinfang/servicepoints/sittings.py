"""坐诊预约: a citizen books a date of a village's fixed reception day (固定坐诊) on the portal, the
village's staff receive them (the booking becomes a `consult` matter, 坐诊接访) or mark them absent.
The only writers of a booking's status: `sitting_book_online` (the portal), `sitting_cancel_online`
(the citizen, after a look-up by code and phone) and `sitting_transition` (staff), on the one engine.

The portal machinery is the reception booking's (`xinfang.portal.bookings`): the idempotent
booking and its code, the seat lock (the reception day's row locked, places counted one after
another, each place a seat unique within the date), the look-up and the cancel ticket.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from xinfang.core import clock
from xinfang.core import workflow as engine
from xinfang.core.conf import get
from xinfang.core.errors import GuardFailed, InvalidParams
from xinfang.core.workflow import PetitionerActor, is_petitioner, state_guard
from xinfang.notifications.models import Channel as MessageChannel
from xinfang.notifications.services import notify
from xinfang.portal import bookings, codes

from .consults import consult_create
from .forms import SITTING_FORMS
from .models import ReceptionDay, SittingBooking, SittingBookingEvent
from .selectors import runs_village, visible_sittings
from .states import (
    PORTAL,
    SITTING_TRANSITIONS,
    VILLAGE,
    ConsultAction,
    SittingAction,
    SittingStatus,
)

SBA = SittingAction
CANCEL_SALT = "xinfang.servicepoints.sitting.cancel"


def bookable_dates(day: ReceptionDay, today: Any = None) -> list:
    """The dates of `day` open to booking: its next XINFANG_SERVICEPOINT_SITTING_WEEKS dates from
    today (today included)."""
    return day.next_dates(today or clock.today(), get("XINFANG_SERVICEPOINT_SITTING_WEEKS"))


def _village(actor: Any, record: SittingBooking | None, _parent: Any) -> bool:
    return record is not None and runs_village(actor, record.reception.unit)


def _open_for_booking(_record: Any, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    day: ReceptionDay = params["reception"]
    if not day.active:
        raise GuardFailed(_("该村（社区）的固定坐诊日已停用，不能预约"))
    if params["date"] not in bookable_dates(day):
        raise InvalidParams(_("只能预约近期的坐诊日（%(d)s）") % {
            "d": "、".join(d.isoformat() for d in bookable_dates(day))}, field="date")


@state_guard
def _day_not_passed(record: SittingBooking, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if record.date < clock.today():
        raise GuardFailed(_("坐诊日%(d)s已过，不能再取消") % {"d": record.date.isoformat()})


@state_guard
def _day_come(record: SittingBooking, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if clock.today() < record.date:
        raise GuardFailed(_("坐诊日是%(d)s，当天才能登记接诊或未到场") % {"d": record.date.isoformat()})


GUARDS = {"open_for_booking": _open_for_booking, "day_not_passed": _day_not_passed,
          "day_come": _day_come}


def _book(_parent: Any, actor: Any, p: dict[str, Any]) -> SittingBooking:
    """A place at the date, if one is free: the reception day's row is locked, so concurrent
    bookings count one after another; the seat's unique constraint is the database's own refusal
    of a second holder of a place."""
    day = ReceptionDay.objects.select_for_update().get(pk=p["reception"].pk)
    date, phone = p["date"], p["phone"]
    of_day = day.bookings.filter(date=date)
    if of_day.filter(status=SittingStatus.BOOKED, phone_index=codes.phone_hash(phone)).exists():
        raise GuardFailed(_("该手机号码已预约这一天的坐诊，请勿重复预约；可凭预约码查询"))
    seat = bookings.first_free_seat(of_day.values_list("seat", flat=True), day.capacity)
    if seat is None:
        raise GuardFailed(_("%(d)s的坐诊预约名额已满（%(n)s个），请选择其他日期") % {
            "d": date.isoformat(), "n": day.capacity})
    hashed, code = bookings.hashed_columns(p["token"], phone)
    now = clock.now()
    booking = SittingBooking(reception=day, date=date, seat=seat, name=p["name"].strip(),
                             phone=phone, matter=p["matter"].strip(), created_at=now,
                             updated_at=now, **hashed)
    booking.issued_code = code  # handed back once, on the receipt; never stored
    return booking


def _cancel(record: SittingBooking, actor: Any, p: dict[str, Any]) -> dict:  # noqa: ARG001
    """The place is free again."""
    record.seat = None
    record.reason = (p.get("reason") or "").strip()
    return {"note": record.reason}


def _receive(record: SittingBooking, actor: Any, p: dict[str, Any]) -> dict:
    """接诊: the consult table's creating step `receive` (坐诊接访), as this staff member, with
    what the citizen booked; the matter and the booking linked."""
    day = record.reception
    consult = consult_create(action=ConsultAction.RECEIVE, actor=actor, params={
        "unit": day.unit_id, "visitor_name": record.name, "visitor_phone": record.phone,
        "place": (p.get("place") or "").strip() or day.place or day.unit.name,
        "text": record.matter})
    record.consult = consult
    return {"consult": consult.number}


def _note(record: SittingBooking, actor: Any, p: dict[str, Any]) -> dict:  # noqa: ARG001
    return {"note": (p.get("note") or "").strip()}


EFFECTS = {SBA.BOOK: _book, SBA.CANCEL: _cancel, SBA.RECEIVE: _receive, SBA.NO_SHOW: _note}


def _write_event(step: engine.Step) -> None:
    b = step.record
    data = dict(step.result) if isinstance(step.result, dict) else {}
    note = str(data.pop("note", "") or "")
    data.update({"date": b.date.isoformat(), "who": b.name_masked,
                 "via": "portal" if is_petitioner(step.actor) else "staff"})
    from xinfang.core.events import event_type

    SittingBookingEvent.objects.create(
        booking=b, type=event_type("servicepoint.sitting_step").code, action=step.action.value,
        actor=engine.staff_user(step.actor), unit=getattr(step.actor, "unit", None),
        at=clock.now(), old_value=str(step.old), new_value=str(step.new), note=note, data=data)
    with translation.override(settings.LANGUAGE_CODE):
        _tell(step)


def _tell(step: engine.Step) -> None:
    """The citizen is told by SMS when the booking is taken, and when staff cancel it."""
    b, act = step.record, step.transition.action
    day = b.reception
    when = {"d": b.date.isoformat(), "t": day.start.strftime("%H:%M"), "v": day.unit.name,
            "p": day.place or day.unit.name}
    if act == SBA.BOOK:
        body = _("【坐诊预约】您已预约%(d)s %(t)s%(v)s的固定坐诊（地点：%(p)s）。可凭预约码查询或取消。") % when
    elif act == SBA.CANCEL and not is_petitioner(step.actor):
        body = _("【坐诊预约】%(v)s%(d)s的坐诊预约已取消：%(r)s。给您带来不便，敬请谅解。") % {
            **when, "r": b.reason or "—"}
    else:
        return
    notify(channel=MessageChannel.SMS, address=b.phone, body=body,
           subject=_("坐诊预约 %(v)s") % when)


def _touch(step: engine.Step) -> None:
    step.record.updated_at = clock.now()


SITTINGS = engine.Workflow(
    name="sitting_booking", label="坐诊预约", model=SittingBooking, actions=SittingAction,
    statuses=SittingStatus, table=SITTING_TRANSITIONS, forms=SITTING_FORMS,
    visible=visible_sittings, scopes={VILLAGE: _village, PORTAL: lambda *_a: False},
    write_event=_write_event, guards=GUARDS, effects=EFFECTS,
    lock_related=("reception", "reception__unit"), before_save=_touch,
)


def sitting_book_online(*, params: dict[str, Any]) -> bookings.BookingReceipt:
    """The portal: a citizen books a date of a village's 固定坐诊, once per form token (a double
    click or a retry gives the first receipt back); a second live booking of the same phone for the
    date, or a full date, is refused."""
    return bookings.book_once(
        SittingBooking.objects.all(), params=params,
        create=lambda: engine.create(SITTINGS, action=SBA.BOOK, actor=PetitionerActor(),
                                     params=params),
        conflict=_("该手机号码已预约这一天的坐诊，或名额刚被约满，请刷新后重试"))


def sitting_lookup(*, code: str, phone: str) -> SittingBooking | None:
    """The booking with this code whose phone matches, else None (one answer for both)."""
    return bookings.lookup(SittingBooking.objects.select_related("reception", "reception__unit"),
                           code=code, phone=phone)


def cancel_ticket(booking: SittingBooking) -> str:
    return bookings.cancel_ticket(booking.pk, CANCEL_SALT)


def sitting_cancel_online(*, ticket: str, reason: str = "") -> SittingBooking:
    """The citizen cancels their own booking after a look-up (the ticket proves it)."""
    pk = bookings.ticket_booking(ticket, CANCEL_SALT)
    return engine.transition(SITTINGS, record_id=pk, action=SBA.CANCEL,
                             actor=PetitionerActor(case_id=pk), params={"reason": reason})


def sitting_transition(*, booking_id: int, action: str, actor: Any,
                       params: dict[str, Any] | None = None) -> SittingBooking:
    """接诊, 未到场, 取消预约 by the village's staff (the engine checks status, role, scope, guards)."""
    return engine.transition(SITTINGS, record_id=booking_id, action=action, actor=actor,
                             params=params)
