"""The only writers of a reception session's and a booking's status: `session_create`,
`session_transition`, `booking_create`, `booking_transition`.

Both tables (`states.py`) are workflows on the one engine (`xinfang.core.workflow`): the record is
loaded through the actor's reach (outside it DoesNotExist → 404), locked, its status, the actor's
role and unit checked, the parameters validated by the step's form (`forms.py`), the guards, the
effect, the event on the session's timeline. Petitioners are told by SMS (the notifications outbox,
in the step's transaction) when their booking is taken, confirmed, declined or cancelled; a
cancelled session cancels its live bookings through the booking table, so each is told.

A reception creates cases through the case table's own creating step (`cases.services.
case_register`, channel 来访) and takes cases over through the 领导包案 workflow of
`xinfang.resolution.supervision` (`leader_assign`): the leader of the session becomes the case's
包案领导. Both write `reception.case` on the case's timeline.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.dispatch import Signal
from django.utils import translation
from django.utils.translation import gettext as _

from xinfang.cases.events import record_event
from xinfang.cases.models import Case, Channel
from xinfang.core import clock, numbering
from xinfang.core import workflow as engine
from xinfang.core.conf import get
from xinfang.core.crypto import mask_name
from xinfang.core.errors import GuardFailed, InvalidParams
from xinfang.core.workflow import is_petitioner, state_guard
from xinfang.notifications.models import Channel as MessageChannel
from xinfang.notifications.services import notify, notify_unit
from xinfang.orgs.models import Role
from xinfang.orgs.selectors import in_jurisdiction, supervises
from xinfang.portal import bookings, codes

from .forms import BOOKING_FORMS, SESSION_FORMS
from .models import Booking, BookingChannel, ReceptionCase, ReceptionEvent, ReceptionSession
from .selectors import visible_bookings, visible_sessions
from .states import (
    BOOKING_TRANSITIONS,
    HOLDING,
    ORGANISER,
    PORTAL,
    SESSION_TRANSITIONS,
    BookingAction,
    BookingStatus,
    SessionAction,
    SessionKind,
    SessionStatus,
)

SERIAL_KIND = "reception"
BA, SA = BookingAction, SessionAction


def _organises(actor: Any, session: ReceptionSession) -> bool:
    return actor.unit_id is not None and (actor.unit_id == session.unit_id
                                          or actor.pk == session.leader_id)


def _session_organiser(actor: Any, record: ReceptionSession | None, _parent: Any) -> bool:
    """The organising unit (or the leader receiving); a new session: a petition bureau or a party
    committee/government (they publish reception times and places, Art. 18 para. 1)."""
    if record is None:
        return supervises(actor.unit)
    return _organises(actor, record)


def _booking_organiser(actor: Any, record: Booking | None, _parent: Any) -> bool:
    """The unit organising the booking's session; a walk-in: checked against the chosen session."""
    if record is None:
        return supervises(actor.unit)
    return _organises(actor, record.session)


# ---- session guards -----------------------------------------------------------------------------

def _host_named(_record: Any, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    """Who receives is published: a leader (领导接访/下访/联合接访) or a named deputy (人民代表接访日)."""
    kind, leader = params["kind"], params.get("leader")
    if kind == SessionKind.DEPUTY:
        if not (params.get("host_name") or "").strip():
            raise InvalidParams(_("人民代表接访日须填写接访代表姓名"), field="host_name")
    elif leader is None:
        raise InvalidParams(_("请选择接访领导"), field="leader")
    if leader is not None and not in_jurisdiction(leader, actor.unit):
        raise GuardFailed(_("%(l)s不是本地区的领导，不能安排其接访") % {"l": leader})
    if kind == SessionKind.JOINT and not params.get("joint_units"):
        raise InvalidParams(_("联合接访须选择参加的单位（第十八条第三款）"), field="joint_units")


def _not_in_past(_record: Any, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if params["date"] < clock.today():
        raise InvalidParams(_("接访日期不能早于今天"), field="date")


@state_guard
def _on_the_day(record: ReceptionSession, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if clock.today() < record.date:
        raise GuardFailed(_("接访日期是%(d)s，当天才能开始接访") % {"d": record.date.isoformat()})


@state_guard
def _bookings_settled(record: ReceptionSession, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    open_ = record.bookings.filter(status__in=list(HOLDING)).count()
    if open_:
        raise GuardFailed(_("还有%(n)s个预约未登记是否到场，请先登记“已接待”或“未到场”") % {"n": open_})


def _attendee_of_session(record: ReceptionSession, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    booking = record.bookings.filter(pk=params["booking"]).first()
    if booking is None or booking.status != BookingStatus.ATTENDED:
        raise InvalidParams(_("请选择本场接访已接待的群众"), field="booking")
    if ReceptionCase.objects.filter(booking=booking).exists():
        raise GuardFailed(_("该群众反映的事项已登记为信访件"))
    params["booking"] = booking


SESSION_GUARDS = {"host_named": _host_named, "not_in_past": _not_in_past,
                  "on_the_day": _on_the_day, "bookings_settled": _bookings_settled,
                  "attendee_of_session": _attendee_of_session}


# ---- session effects ----------------------------------------------------------------------------

def _schedule(_parent: Any, actor: Any, p: dict[str, Any]) -> ReceptionSession:
    unit, today, now = actor.unit, clock.today(), clock.now()
    serial = numbering.next_serial(numbering.unit_scope(unit), SERIAL_KIND, today.year)
    leader = p.get("leader")
    return ReceptionSession(
        number=f"{unit.code}-JF{today.year}-{serial:04d}", unit=unit, kind=p["kind"],
        leader=leader, host_name=(p.get("host_name") or "").strip(),
        host_title=(p.get("host_title") or "").strip(), area=p["area"], date=p["date"],
        start_time=p["start_time"], end_time=p["end_time"], place=p["place"].strip(),
        topics=(p.get("topics") or "").strip(), capacity=p["capacity"],
        created_by=engine.staff_user(actor), created_at=now, updated_at=now)


def _schedule_units(record: ReceptionSession, actor: Any, p: dict[str, Any]) -> dict:  # noqa: ARG001
    units = list(p.get("joint_units") or [])
    record.joint_units.set(units)
    return {"units": [u.name for u in units]} if units else {}


def _cancel(record: ReceptionSession, actor: Any, p: dict[str, Any]) -> dict:
    """The reason is kept; every live booking is cancelled through the booking table (each
    petitioner told by SMS with the reason)."""
    record.cancel_reason = p["reason"].strip()
    live = list(record.bookings.filter(status__in=list(HOLDING)).values_list("pk", flat=True))
    for pk in live:
        booking_transition(booking_id=pk, action=BA.CANCEL, actor=actor,
                           params={"reason": record.cancel_reason, "by_session": True})
    return {"note": record.cancel_reason, "told": len(live)}


def _hold(record: ReceptionSession, actor: Any, p: dict[str, Any]) -> dict:  # noqa: ARG001
    record.held_on = clock.today()
    return {}


def _record(record: ReceptionSession, actor: Any, p: dict[str, Any]) -> dict:  # noqa: ARG001
    record.instructions = p["instructions"].strip()
    record.summary = p["summary"].strip()
    record.recorded_on = clock.today()
    return {"note": record.instructions}


def _case_data(session: ReceptionSession, how: str, **extra: Any) -> dict[str, Any]:
    return {"session": session.number, "kind": session.kind, "how": how,
            "date": session.date.isoformat(), "host": session.host, **extra}


def _case_event(case: Case, session: ReceptionSession, actor: Any, how: str, **extra: Any) -> None:
    """`reception.case` on the case's own timeline (the session's is the step's event)."""
    record_event(case=case, type="reception.case", actor=actor, action=how,
                 data=_case_data(session, how, **extra))


def _open_case(record: ReceptionSession, actor: Any, p: dict[str, Any]) -> dict:
    """Art. 19, 21: the matter an attendee raised, registered by the organising unit (来访)."""
    from xinfang.cases.services import case_register

    booking: Booking = p["booking"]
    case = case_register(actor=actor, identity_checked=False, data={
        "channel": Channel.VISIT, "purpose": p["purpose"], "problem_unit": p["problem_unit"].pk, "title": p["title"],
        "request": p["request"], "facts_reasons": p["facts_reasons"], "headcount": 1,
        "is_first_time": True, "received_on": clock.today().isoformat()},
        petitioners=[{"name": booking.name, "phone": booking.phone, "id_type": "resident",
                      "origin": "mainland", "address": p.get("address") or ""}])
    ReceptionCase.objects.create(session=record, case=case, how=ReceptionCase.How.CREATED,
                                 booking=booking, at=clock.now())
    _case_event(case, record, actor, ReceptionCase.How.CREATED)
    return _case_data(record, ReceptionCase.How.CREATED, case=case.number,
                      who=mask_name(booking.name))


def _take_over(record: ReceptionSession, actor: Any, p: dict[str, Any]) -> dict:
    """Art. 18 para. 2: the leader takes a case over; with 包案 the leader becomes its 包案领导
    through the 领导包案 workflow (resolution/supervision.py), whose guards and event apply."""
    from xinfang.cases.selectors import visible_cases
    from xinfang.resolution.supervision import leader_assign

    case = visible_cases(actor).filter(number=p["case_number"].strip()).first()
    if case is None:
        raise InvalidParams(_("没有找到该信访件，或不在您的管辖范围内"), field="case_number")
    if record.cases.filter(case=case).exists():
        raise GuardFailed(_("本场接访已接手该信访件"))
    assignment = None
    if p.get("lead"):
        if record.leader is None:
            raise GuardFailed(_("本场接访没有接访领导（人民代表接访日），不能包案"))
        assignment = leader_assign(case_id=case.pk, actor=actor,
                                   params={"leader": record.leader_id, "plan": p["plan"]})
    ReceptionCase.objects.create(session=record, case=case, how=ReceptionCase.How.TAKEN_OVER,
                                 leader_assignment=assignment, at=clock.now())
    _case_event(case, record, actor, ReceptionCase.How.TAKEN_OVER, lead=bool(assignment))
    return _case_data(record, ReceptionCase.How.TAKEN_OVER, case=case.number,
                      lead=bool(assignment))


SESSION_EFFECTS = {SA.SCHEDULE: _schedule, SA.CANCEL: _cancel, SA.HOLD: _hold,
                   SA.RECORD: _record, SA.OPEN_CASE: _open_case, SA.TAKE_OVER: _take_over}


def record_reception_event(*, session: ReceptionSession, type: str, actor: Any = None,  # noqa: A002
                           action: str = "", old_value: str = "", new_value: str = "",
                           note: str = "", data: dict | None = None) -> ReceptionEvent:
    """One entry on the session's timeline, of a registered type (xinfang.core.events)."""
    from xinfang.core.events import event_type

    code = event_type(type).code  # unregistered: a programming error
    return ReceptionEvent.objects.create(
        session=session, type=code, action=action, actor=engine.staff_user(actor),
        unit=getattr(actor, "unit", None), at=clock.now(), old_value=str(old_value),
        new_value=str(new_value), note=note, data=data or {})


def _touch(step: engine.Step) -> None:
    step.record.updated_at = clock.now()


def _platform_language(fn):  # noqa: ANN001, ANN202
    """Messages are written in the platform's language, not the language of the page."""
    def wrapped(step: engine.Step) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            fn(step)
    return wrapped


def _session_event(step: engine.Step) -> None:
    data = {**(step.result if isinstance(step.result, dict) else {}),
            **(step.post_result if isinstance(step.post_result, dict) else {})}
    note = str(data.pop("note", "") or "")
    case_step = step.transition.action in (SA.OPEN_CASE, SA.TAKE_OVER)
    record_reception_event(session=step.record,
                           type="reception.case" if case_step else "reception.session",
                           actor=step.actor, action=step.action.value, old_value=step.old,
                           new_value=step.new, note=note, data=data)
    _tell_units(step)


@_platform_language
def _tell_units(step: engine.Step) -> None:
    """A joint reception (联合接访, Art. 18 para. 3): each unit taking part is told in-app."""
    s = step.record
    if step.transition.action == SA.SCHEDULE:
        for unit in s.joint_units.all():
            notify_unit(unit=unit, case=None, roles=(Role.APPROVER, Role.HANDLER),
                        subject=_("联合接访 %(n)s") % {"n": s.number},
                        body=_("请于%(d)s %(t)s到%(p)s参加联合接访（第十八条第三款）。")
                        % {"d": s.date.isoformat(), "t": s.start_time.strftime("%H:%M"),
                           "p": s.place})


session_changed = Signal()

SESSIONS = engine.Workflow(
    name="reception_session", label="接访场次", model=ReceptionSession, actions=SessionAction,
    statuses=SessionStatus, table=SESSION_TRANSITIONS, forms=SESSION_FORMS,
    visible=visible_sessions, scopes={ORGANISER: _session_organiser}, write_event=_session_event,
    guards=SESSION_GUARDS, effects=SESSION_EFFECTS, post={SA.SCHEDULE: _schedule_units},
    before_save=_touch, signal=session_changed,
)


def session_create(*, actor: Any, params: dict[str, Any]) -> ReceptionSession:
    """发布接访安排: a session on the rota (Art. 18 paras. 1-3)."""
    return engine.create(SESSIONS, action=SA.SCHEDULE, actor=actor, params=params)


def session_transition(*, session_id: int, action: str, actor: Any,
                       params: dict[str, Any] | None = None) -> ReceptionSession:
    """Cancel, hold, record a session; register or take over cases at it (Art. 18)."""
    return engine.transition(SESSIONS, record_id=session_id, action=action, actor=actor,
                             params=params)


# ---- bookings -----------------------------------------------------------------------------------

def booking_closes(session: ReceptionSession) -> Any:
    """The last day a place can be booked online: `XINFANG_RECEPTION_BOOKING_CLOSES_DAYS` before."""
    import datetime as dt

    return session.date - dt.timedelta(days=get("XINFANG_RECEPTION_BOOKING_CLOSES_DAYS"))


def _open_for_booking(_record: Any, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    session: ReceptionSession = params["session"]
    if session.status != SessionStatus.SCHEDULED:
        raise GuardFailed(_("该场接访%(s)s，不能预约") % {"s": session.get_status_display()})
    if clock.today() > booking_closes(session):
        raise GuardFailed(_("该场接访的网上预约已于%(d)s截止") % {"d": booking_closes(session).isoformat()})


def _session_of_organiser(_record: Any, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if not _organises(actor, params["session"]):
        raise GuardFailed(_("只有组织该场接访的单位可以登记现场来访"))


def _chosen_session_held(_record: Any, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if params["session"].status != SessionStatus.HELD:
        raise GuardFailed(_("接访开始后才能登记现场来访"))


@state_guard
def _session_scheduled(record: Booking, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if record.session.status != SessionStatus.SCHEDULED:
        raise GuardFailed(_("该场接访%(s)s，预约不能再变更") % {"s": record.session.get_status_display()})


@state_guard
def _session_held(record: Booking, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if record.session.status != SessionStatus.HELD:
        raise GuardFailed(_("接访开始后才能登记是否到场"))


BOOKING_GUARDS = {"open_for_booking": _open_for_booking,
                  "session_of_organiser": _session_of_organiser,
                  "chosen_session_held": _chosen_session_held,
                  "session_held": _session_held, "session_scheduled": _session_scheduled}


def _book(_parent: Any, actor: Any, p: dict[str, Any]) -> Booking:
    """Art. 18 para. 1, practice (约访): a place at the session, if one is free. The session row
    is locked, so concurrent bookings count one after another; the seat's unique constraint is the
    database's own refusal of a second holder of a place."""
    session = ReceptionSession.objects.select_for_update().get(pk=p["session"].pk)
    _open_for_booking(None, actor, {"session": session}, BA.BOOK)
    phone = p["phone"]
    holding = session.bookings.filter(status__in=list(HOLDING))
    if holding.filter(phone_index=codes.phone_hash(phone)).exists():
        raise GuardFailed(_("该手机号码已预约本场接访，请勿重复预约；可凭预约码查询"))
    seat = bookings.first_free_seat(holding.values_list("seat", flat=True), session.capacity)
    if seat is None:
        raise GuardFailed(_("该场接访预约名额已满（%(n)s个），请选择其他场次") % {"n": session.capacity})
    hashed, code = bookings.hashed_columns(p["token"], phone)
    now = clock.now()
    booking = Booking(session=session, channel=BookingChannel.PORTAL, seat=seat,
                      name=p["name"].strip(), phone=phone, matter=p["matter"].strip(),
                      created_at=now, updated_at=now, **hashed)
    booking.issued_code = code  # handed back once, on the receipt; never stored
    return booking


def _walk_in(_parent: Any, actor: Any, p: dict[str, Any]) -> Booking:
    """Art. 18 para. 2, 19: someone who came without booking, received and recorded (no place)."""
    now, phone = clock.now(), p.get("phone") or ""
    return Booking(session=p["session"], channel=BookingChannel.WALK_IN, name=p["name"].strip(),
                   phone=phone, matter=p["matter"].strip(),
                   phone_index=codes.phone_hash(phone) if phone else "", created_at=now,
                   updated_at=now)


def _note(record: Booking, actor: Any, p: dict[str, Any]) -> dict:  # noqa: ARG001
    return {"note": (p.get("note") or "").strip()}


def _release(record: Booking, actor: Any, p: dict[str, Any]) -> dict:  # noqa: ARG001
    """Declined or cancelled: the place is free again."""
    record.seat = None
    record.reason = (p.get("reason") or "").strip()
    out: dict[str, Any] = {"note": record.reason}
    if p.get("by_session") and not is_petitioner(actor):
        out["by_session"] = True
    return out


BOOKING_EFFECTS = {BA.BOOK: _book, BA.WALK_IN: _walk_in, BA.CONFIRM: _note, BA.DECLINE: _release,
                   BA.CANCEL: _release, BA.ATTEND: _note, BA.NO_SHOW: _note}


def _booking_event(step: engine.Step) -> None:
    b = step.record
    data = dict(step.result) if isinstance(step.result, dict) else {}
    note = str(data.pop("note", "") or "")
    data.update({"booking": b.pk, "who": b.name_masked,
                 "via": "portal" if is_petitioner(step.actor) else "staff"})
    record_reception_event(session=b.session, type="reception.booking", actor=step.actor,
                           action=step.action.value, old_value=step.old, new_value=step.new,
                           note=note, data=data)
    _tell_petitioner(step)


@_platform_language
def _tell_petitioner(step: engine.Step) -> None:
    """The petitioner is told by SMS when the booking is taken, confirmed, declined, cancelled."""
    b, act = step.record, step.transition.action
    if not b.phone:
        return
    s = b.session
    when = {"d": s.date.isoformat(), "t": s.start_time.strftime("%H:%M"), "p": s.place,
            "h": s.host}
    if act == BA.BOOK:
        body = _("【接访预约】您已预约%(d)s %(t)s在%(p)s的接访（接访人：%(h)s），请等待确认。"
                 "可凭预约码查询或取消。") % when
    elif act == BA.CONFIRM:
        body = _("【接访预约】您%(d)s %(t)s在%(p)s的接访预约已确认，请按时到场，带上身份证件和材料。") % when
    elif act == BA.DECLINE:
        body = _("【接访预约】您%(d)s的接访预约未予安排：%(r)s") % {**when, "r": b.reason}
    elif act == BA.CANCEL:
        body = (_("【接访预约】%(d)s %(t)s在%(p)s的接访已取消：%(r)s。您的预约随之取消，给您带来不便，敬请谅解。")
                % {**when, "r": b.reason}) if "by_session" in (step.result or {}) else (
            _("【接访预约】您%(d)s的接访预约已取消。") % when)
    else:
        return
    notify(channel=MessageChannel.SMS, address=b.phone, body=body,
           subject=_("接访预约 %(n)s") % {"n": s.number})


def _booking_touch(step: engine.Step) -> None:
    step.record.updated_at = clock.now()


BOOKINGS = engine.Workflow(
    name="reception_booking", label="接访预约", model=Booking, actions=BookingAction,
    statuses=BookingStatus, table=BOOKING_TRANSITIONS, forms=BOOKING_FORMS,
    visible=visible_bookings,
    scopes={ORGANISER: _booking_organiser, PORTAL: lambda *_a: False},
    write_event=_booking_event, guards=BOOKING_GUARDS, effects=BOOKING_EFFECTS,
    lock_related=("session",), before_save=_booking_touch,
)


def booking_create(*, action: str, actor: Any, params: dict[str, Any]) -> Booking:
    """A booking on the portal (`book`, the petitioner) or a walk-in recorded by staff (`walk_in`)."""
    return engine.create(BOOKINGS, action=action, actor=actor, params=params)


def booking_transition(*, booking_id: int, action: str, actor: Any,
                       params: dict[str, Any] | None = None) -> Booking:
    """Confirm, decline, cancel a booking; mark it attended or absent (Art. 18, practice)."""
    return engine.transition(BOOKINGS, record_id=booking_id, action=action, actor=actor,
                             params=params)


def new_token() -> str:
    return secrets.token_urlsafe(24)
