"""The reception workflows (Art. 18): every allowed and forbidden step, with its article; capacity
and double booking; look-up and cancellation by code and phone; a cancelled session tells its
bookers; cases registered at a reception or taken over (包案) with their timeline events."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from xinfang.cases.models import CaseEvent
from xinfang.cases.scenarios import register
from xinfang.cases.states import Status as CaseStatus
from xinfang.core import clock
from xinfang.core.errors import GuardFailed, IllegalTransition, InvalidParams, PermissionDenied
from xinfang.core.workflow import PetitionerActor
from xinfang.notifications.models import Notification
from xinfang.orgs.models import Role
from xinfang.reception.models import Booking, ReceptionCase, ReceptionSession
from xinfang.reception.services import (
    booking_cancel_online,
    booking_lookup,
    cancel_ticket,
)
from xinfang.reception.states import (
    BOOKING_TRANSITIONS,
    SESSION_TRANSITIONS,
    BookingStatus,
    SessionStatus,
)
from xinfang.reception.workflow import (
    booking_create,
    booking_transition,
    session_create,
    session_transition,
)
from xinfang.resolution.models import LeaderAssignment

from .helpers import BA, SA, book, organiser, schedule, session_params, step_booking, walk_in

B, S = BookingStatus, SessionStatus


@pytest.fixture
def today_session(county, settings):  # noqa: ANN001, ANN201
    """A session today, bookable up to the day itself."""
    settings.XINFANG_RECEPTION_BOOKING_CLOSES_DAYS = 0
    return schedule(county, date=clock.today().isoformat())


def _sms(phone: str) -> list[str]:
    """The SMS bodies queued for `phone` (the address is encrypted: compared after reading)."""
    return [n.body for n in Notification.objects.filter(channel="sms").order_by("pk")
            if n.address == phone]


# ---- every row cites its article ---------------------------------------------------------------

def test_every_step_cites_article_18_or_practice():
    for t in [*SESSION_TRANSITIONS.values(), *BOOKING_TRANSITIONS.values()]:
        assert "第" in t.doc and "条" in t.doc or "实践做法" in t.doc, t.action
    assert "第十八条" in SESSION_TRANSITIONS[SA.SCHEDULE].doc
    assert "第十八条第二款" in SESSION_TRANSITIONS[SA.TAKE_OVER].doc


# ---- the session ---------------------------------------------------------------------------------

def test_schedule_publishes_a_session_with_its_event(county):
    # Art. 18 para. 1, 2: the bureau publishes the leader's reception time and place
    s = schedule(county)
    assert (s.status, s.capacity, s.host_title) == (S.SCHEDULED, 3, "副县长")
    assert s.number.startswith(f"{county.bureau.code}-JF")
    e = s.events.get()
    assert (e.type, e.action, e.new_value, e.actor) == ("reception.session", SA.SCHEDULE,
                                                        S.SCHEDULED, organiser(county))


def test_a_deputy_day_needs_the_deputy_named_and_a_joint_reception_its_units(county):
    # 人民代表接访日: the deputy is named; 联合接访 (Art. 18 para. 3): the units taking part
    with pytest.raises(InvalidParams, match="代表姓名"):
        schedule(county, kind="deputy", leader="")
    s = schedule(county, kind="deputy", leader="", host_name="赵代表", host_title="县人大代表")
    assert (s.host, s.leader) == ("赵代表", None)
    with pytest.raises(InvalidParams, match="第十八条第三款"):
        schedule(county, kind="joint")
    joint = schedule(county, kind="joint", joint_units=[county.housing.pk, county.political_legal.pk])
    assert set(joint.joint_units.all()) == {county.housing, county.political_legal}
    assert sorted(joint.events.get().data["units"]) == sorted([county.housing.name,
                                                              county.political_legal.name])
    # each unit taking part is told in-app
    assert Notification.objects.filter(channel="inapp", user__unit=county.housing).exists()


def test_schedule_is_refused_to_a_department_and_for_a_past_day(county):
    with pytest.raises(PermissionDenied):
        session_create(actor=county.user(county.housing, Role.APPROVER),
                       params=session_params(county))
    with pytest.raises(InvalidParams, match="不能早于今天"):
        schedule(county, date=(clock.today() - dt.timedelta(days=1)).isoformat())
    with pytest.raises(InvalidParams, match="结束时间"):
        schedule(county, start_time="10:00", end_time="09:00")


def test_hold_only_on_the_day(county):
    s = schedule(county)
    with pytest.raises(GuardFailed, match="当天才能开始接访"):
        session_transition(session_id=s.pk, action=SA.HOLD, actor=organiser(county))
    with clock.frozen(s.date):
        s = session_transition(session_id=s.pk, action=SA.HOLD, actor=organiser(county))
    assert (s.status, s.held_on) == (S.HELD, s.date)


def test_record_needs_every_booking_settled_then_keeps_the_instructions(county, today_session):
    s = today_session
    b = book(s).booking
    session_transition(session_id=s.pk, action=SA.HOLD, actor=organiser(county))
    with pytest.raises(GuardFailed, match="未登记是否到场"):
        session_transition(session_id=s.pk, action=SA.RECORD, actor=organiser(county),
                           params={"instructions": "请住建局三日内核查", "summary": "接待1人"})
    step_booking(county, b, BA.ATTEND)
    s = session_transition(session_id=s.pk, action=SA.RECORD, actor=county.leader(),
                           params={"instructions": "请住建局三日内核查", "summary": "接待1人"})
    assert (s.status, s.instructions, s.recorded_on) == (S.RECORDED, "请住建局三日内核查",
                                                          clock.today())
    assert s.events.filter(type="reception.session", action=SA.RECORD).get().note == "请住建局三日内核查"


def test_cancel_needs_a_reason_and_tells_every_booked_petitioner(county):
    s = schedule(county)
    first, second = book(s).booking, book(s, phone="13900002222", name="王五").booking
    step_booking(county, second, BA.CONFIRM)
    with pytest.raises(InvalidParams):
        session_transition(session_id=s.pk, action=SA.CANCEL, actor=organiser(county),
                           params={"reason": ""})
    s = session_transition(session_id=s.pk, action=SA.CANCEL, actor=organiser(county),
                           params={"reason": "领导临时参加防汛工作"})
    assert (s.status, s.cancel_reason) == (S.CANCELLED, "领导临时参加防汛工作")
    for b, phone in ((first, "13812345678"), (second, "13900002222")):
        b.refresh_from_db()
        assert (b.status, b.seat, b.reason) == (B.CANCELLED, None, "领导临时参加防汛工作")
        assert "领导临时参加防汛工作" in _sms(phone)[-1] and "已取消" in _sms(phone)[-1]
    assert s.events.get(type="reception.session", action=SA.CANCEL).data["told"] == 2
    assert s.events.filter(type="reception.booking", action=BA.CANCEL).count() == 2


@pytest.mark.parametrize("status", [S.HELD, S.RECORDED, S.CANCELLED])
def test_a_session_no_longer_scheduled_cannot_be_cancelled_or_held(county, status):
    s = schedule(county)
    ReceptionSession.objects.filter(pk=s.pk).update(status=status)  # test set-up only
    for action in (SA.CANCEL, SA.HOLD):
        with pytest.raises(IllegalTransition):
            session_transition(session_id=s.pk, action=action, actor=organiser(county),
                               params={"reason": "理由写清楚"})


def test_another_countys_staff_do_not_see_the_session(county, other_county):
    s = schedule(county)
    with pytest.raises(ReceptionSession.DoesNotExist):
        session_transition(session_id=s.pk, action=SA.CANCEL, actor=organiser(other_county),
                           params={"reason": "不是本县的"})


# ---- bookings -------------------------------------------------------------------------------------

def test_booking_gets_a_code_stored_hashed_and_an_sms(county):
    s = schedule(county)
    receipt = book(s)
    b = receipt.booking
    assert (b.status, b.seat, b.channel) == (B.BOOKED, 1, "portal")
    assert len(receipt.code) == 16 and receipt.code not in (b.code_hash, b.token_hash)
    raw = connection.cursor().execute("select name, phone from reception_booking").fetchone() \
        if connection.vendor == "sqlite" else None
    if raw is not None:  # encrypted at rest: the clear name and phone are not in the row
        assert "张三" not in raw[0] and "13812345678" not in raw[1]
    assert (b.name_masked, b.phone_masked) == ("张*", "138****5678")
    assert "已预约" in _sms("13812345678")[0]
    e = s.events.get(type="reception.booking")
    assert (e.action, e.new_value, e.data["who"], e.data["via"], e.actor) == (
        BA.BOOK, B.BOOKED, "张*", "portal", None)


def test_capacity_is_enforced_and_a_freed_place_can_be_booked_again(county):
    s = schedule(county, capacity=2)
    a = book(s, phone="13800000001").booking
    book(s, phone="13800000002")
    with pytest.raises(GuardFailed, match="名额已满"):
        book(s, phone="13800000003")
    step_booking(county, a, BA.DECLINE, reason="所反映事项已进入诉讼程序")
    again = book(s, phone="13800000003").booking
    assert again.seat == 1  # the declined booking's place
    assert Booking.objects.filter(session=s, status__in=[B.BOOKED, B.CONFIRMED]).count() == 2


def test_the_same_phone_cannot_book_the_same_session_twice(county):
    s = schedule(county)
    book(s)
    with pytest.raises(GuardFailed, match="请勿重复预约"):
        book(s, phone="+86 138-1234-5678")
    other = schedule(county)
    assert book(other).booking.status == B.BOOKED  # another session is another booking


def test_a_double_click_gives_the_first_receipt_back(county):
    s = schedule(county)
    first = book(s, token="t" * 32)
    again = book(s, token="t" * 32)
    assert (again.replayed, again.booking.pk, again.code) == (True, first.booking.pk, first.code)
    assert s.bookings.count() == 1


def test_the_database_refuses_a_second_holder_of_a_seat(county):
    """The backstop under the locked count: two live bookings can never hold the same place."""
    from django.db import IntegrityError, transaction

    s = schedule(county)
    b = book(s).booking
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(session=s, channel="walk_in", seat=b.seat, name="李四",
                               matter="同一个名额", created_at=clock.now(), updated_at=clock.now())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # roles of the data migrations
def test_concurrent_last_places_are_never_overbooked():
    """Eight petitioners book a 3-place session at once, each in its own connection: three get a
    place, five are refused, and no seat is held twice."""
    from xinfang.cases.scenarios import build_county

    county = build_county("K")
    s = schedule(county, capacity=3)
    start = threading.Barrier(8)
    outcomes: list[str] = []

    def attempt(i: int) -> None:
        try:
            start.wait()
            book(s, phone=f"1390000{i:04d}")
            outcomes.append("booked")
        except GuardFailed:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["booked"] * 3 + ["full"] * 5
    seats = list(Booking.objects.filter(session=s).values_list("seat", flat=True))
    assert sorted(seats) == [1, 2, 3]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # roles of the data migrations
def test_a_double_click_sent_twice_at_once_gives_both_the_receipt():
    """The same form sent four times at once (a double click the page did not stop, a retry), each
    in its own connection: every sending gets the one booking's receipt, none the refusal of "this
    phone has already booked", which the twin that waited on the session's lock met (CI,
    2026-11-28: the citizen saw an error for a place they held)."""
    from xinfang.cases.scenarios import build_county

    county = build_county("K")
    s = schedule(county, capacity=3)
    start = threading.Barrier(4)
    outcomes: list[tuple[int, str] | str] = []

    def attempt() -> None:
        try:
            start.wait()
            receipt = book(s, token="d" * 32)
            outcomes.append((receipt.booking.pk, receipt.code))
        except GuardFailed as err:
            outcomes.append(err.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    booking = Booking.objects.get(session=s)
    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert len(outcomes) == 4 and set(outcomes) == {(booking.pk, outcomes[0][1])}, outcomes


def test_booking_closes_before_the_day_and_not_for_a_cancelled_session(county, settings):
    settings.XINFANG_RECEPTION_BOOKING_CLOSES_DAYS = 1
    s = schedule(county, date=(clock.today() + dt.timedelta(days=1)).isoformat())
    book(s)
    with clock.frozen(s.date), pytest.raises(GuardFailed, match="网上预约已于"):
        book(s, phone="13900003333")
    session_transition(session_id=s.pk, action=SA.CANCEL, actor=organiser(county),
                       params={"reason": "领导外出开会"})
    with pytest.raises(GuardFailed, match="不能预约"):
        book(s, phone="13900004444")


def test_confirm_decline_tell_the_petitioner(county):
    s = schedule(county)
    a, b = book(s).booking, book(s, phone="13900005555").booking
    a = step_booking(county, a, BA.CONFIRM)
    assert a.status == B.CONFIRMED and "已确认" in _sms("13812345678")[-1]
    b = step_booking(county, b, BA.DECLINE, reason="属于劳动仲裁事项，请向劳动仲裁委申请")
    assert (b.status, b.seat) == (B.DECLINED, None)
    assert "劳动仲裁" in _sms("13900005555")[-1]
    with pytest.raises(InvalidParams):
        step_booking(county, a, BA.DECLINE, reason="")


@pytest.mark.parametrize("action", [BA.ATTEND, BA.NO_SHOW])
def test_attendance_only_once_the_session_is_held(county, today_session, action):
    b = book(today_session).booking
    with pytest.raises(GuardFailed, match="接访开始后"):
        step_booking(county, b, action)
    session_transition(session_id=today_session.pk, action=SA.HOLD, actor=organiser(county))
    with pytest.raises(GuardFailed, match="预约不能再变更"):
        step_booking(county, b, BA.CONFIRM)
    b = step_booking(county, b, action)
    assert b.status == (B.ATTENDED if action == BA.ATTEND else B.NO_SHOW)


@pytest.mark.parametrize("status", [B.DECLINED, B.CANCELLED, B.ATTENDED, B.NO_SHOW])
def test_a_settled_booking_takes_no_further_step(county, status):
    s = schedule(county)
    b = book(s).booking
    Booking.objects.filter(pk=b.pk).update(status=status)  # test set-up only
    for action in (BA.CONFIRM, BA.DECLINE, BA.CANCEL, BA.ATTEND, BA.NO_SHOW):
        if status in BOOKING_TRANSITIONS[action].sources:
            continue
        with pytest.raises(IllegalTransition):
            step_booking(county, b, action, reason="理由写清楚")


def test_a_walk_in_is_recorded_as_received_only_at_a_held_session(county, today_session):
    with pytest.raises(GuardFailed, match="接访开始后"):
        walk_in(county, today_session)
    session_transition(session_id=today_session.pk, action=SA.HOLD, actor=organiser(county))
    w = walk_in(county, today_session)
    assert (w.status, w.channel, w.seat) == (B.ATTENDED, "walk_in", None)
    with pytest.raises(GuardFailed, match="组织该场接访的单位"):
        booking_create(action=BA.WALK_IN, actor=county.user(county.county, Role.REGISTRAR),
                       params={"session": today_session.pk, "name": "李四", "matter": "现场反映的问题写清楚"})


def test_the_petitioner_takes_no_staff_step(county):
    s = schedule(county)
    b = book(s).booking
    me = PetitionerActor(case_id=b.pk)
    for action in (BA.CONFIRM, BA.DECLINE, BA.ATTEND, BA.NO_SHOW):
        with pytest.raises(PermissionDenied, match="信访人不能在网上办理"):
            booking_transition(booking_id=b.pk, action=action, actor=me,
                               params={"reason": "理由写清楚"})
    other = book(s, phone="13900006666").booking
    with pytest.raises(Booking.DoesNotExist):  # another's booking: not theirs to see
        booking_transition(booking_id=other.pk, action=BA.CANCEL, actor=me)


# ---- look-up and cancel by code + phone ----------------------------------------------------------

def test_lookup_needs_the_right_code_and_phone(county):
    s = schedule(county)
    receipt = book(s)
    assert booking_lookup(code=receipt.code.lower(), phone="138 1234 5678") == receipt.booking
    assert booking_lookup(code=receipt.code, phone="13900000000") is None
    assert booking_lookup(code="0" * 16, phone="13812345678") is None


def test_the_petitioner_cancels_with_the_ticket_of_a_lookup(county):
    s = schedule(county)
    b = book(s).booking
    b = booking_cancel_online(ticket=cancel_ticket(b), reason="问题已解决")
    assert (b.status, b.seat, b.reason) == (B.CANCELLED, None, "问题已解决")
    e = s.events.get(action=BA.CANCEL)
    assert (e.actor, e.data["via"]) == (None, "portal")
    assert "已取消" in _sms("13812345678")[-1]
    with pytest.raises(GuardFailed, match="重新查询"):
        booking_cancel_online(ticket="forged")
    with pytest.raises(IllegalTransition):  # cancelled already
        booking_cancel_online(ticket=cancel_ticket(b))


# ---- cases from a reception ----------------------------------------------------------------------

def _held_with_attendee(county, session):  # noqa: ANN001, ANN202
    b = book(session).booking
    session_transition(session_id=session.pk, action=SA.HOLD, actor=organiser(county))
    return step_booking(county, b, BA.ATTEND)


def test_a_matter_raised_is_registered_as_a_visit_case_noting_the_leader(county, today_session):
    s = today_session
    b = _held_with_attendee(county, s)
    s = session_transition(session_id=s.pk, action=SA.OPEN_CASE, actor=organiser(county), params={
        "booking": b.pk, "purpose": "request", "title": "工地夜间施工噪音扰民", "request": "请求制止夜间施工",
        "facts_reasons": "工地每晚十点后仍在施工，影响休息。", "problem_unit": county.township.pk})
    rc = ReceptionCase.objects.get(session=s)
    case = rc.case
    assert (rc.how, rc.booking, case.channel, case.status) == (
        "created", b, "visit", CaseStatus.REGISTERED)
    assert case.parties.get().petitioner.name == "张三"
    assert case.events.filter(type="case.registered").exists()
    e = case.events.get(type="reception.case")
    assert (e.data["session"], e.data["host"], e.data["how"]) == (s.number, s.host, "created")
    assert s.events.get(type="reception.case").data["case"] == case.number
    with pytest.raises(GuardFailed, match="已登记为信访件"):  # one case per attendee's matter
        session_transition(session_id=s.pk, action=SA.OPEN_CASE, actor=organiser(county),
                           params={"booking": b.pk, "purpose": "request", "title": "再登记一次", "request": "同上",
                                   "facts_reasons": "同上", "problem_unit": county.township.pk})


def test_open_case_needs_an_attendee_of_this_session(county, today_session):
    s = today_session
    b = book(s).booking  # booked, not received
    session_transition(session_id=s.pk, action=SA.HOLD, actor=organiser(county))
    with pytest.raises(InvalidParams, match="已接待的群众"):
        session_transition(session_id=s.pk, action=SA.OPEN_CASE, actor=organiser(county), params={
            "booking": b.pk, "purpose": "request", "title": "标题", "request": "诉求", "facts_reasons": "事实",
            "problem_unit": county.township.pk})


def test_the_leader_takes_a_case_over_as_baoan_leader(county, today_session):
    s = today_session
    case = register(county)
    _held_with_attendee(county, s)
    with pytest.raises(PermissionDenied):  # a registrar does not take cases over
        session_transition(session_id=s.pk, action=SA.TAKE_OVER, actor=organiser(county),
                           params={"case_number": case.number})
    with pytest.raises(InvalidParams, match="化解方案"):
        session_transition(session_id=s.pk, action=SA.TAKE_OVER, actor=county.leader(),
                           params={"case_number": case.number, "lead": "on"})
    s = session_transition(session_id=s.pk, action=SA.TAKE_OVER, actor=county.leader(), params={
        "case_number": case.number, "lead": "on", "plan": "住建局、城关镇联合核查，两周内答复"})
    a = LeaderAssignment.objects.get(case=case)
    assert (a.leader, a.status) == (county.leader(), LeaderAssignment.Status.ACTIVE)
    assert ReceptionCase.objects.get(session=s, case=case).leader_assignment == a
    types = list(case.events.order_by("pk").values_list("type", flat=True))
    assert "leader.step" in types and "reception.case" in types  # 包案 by its own workflow
    assert CaseEvent.objects.get(case=case, type="reception.case").data["lead"] is True
    with pytest.raises(GuardFailed, match="已接手"):
        session_transition(session_id=s.pk, action=SA.TAKE_OVER, actor=county.leader(),
                           params={"case_number": case.number})


def test_take_over_finds_only_cases_in_reach(county, other_county, today_session):
    s = today_session
    _held_with_attendee(county, s)
    elsewhere = register(other_county)
    with pytest.raises(InvalidParams, match="没有找到该信访件"):
        session_transition(session_id=s.pk, action=SA.TAKE_OVER, actor=county.leader(),
                           params={"case_number": elsewhere.number})


def test_cases_steps_are_refused_before_the_session_is_held(county):
    s = schedule(county)
    for action in (SA.OPEN_CASE, SA.TAKE_OVER, SA.RECORD):
        with pytest.raises(IllegalTransition):
            session_transition(session_id=s.pk, action=action, actor=county.leader(),
                               params={})


def test_another_countys_leader_cannot_be_put_on_the_rota(county, other_county):
    with pytest.raises(InvalidParams, match="接访领导"):
        schedule(county, leader=other_county.leader().pk)
