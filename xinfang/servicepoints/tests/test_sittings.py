"""坐诊预约 (Xiaoshan 四诊合一, 固定坐诊 booked on the portal): every allowed and forbidden step,
the capacity and seat lock, one live booking per phone and date, the code look-up, the receipt of a
form sent twice, and the staff's one-click turn into a `consult`."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest
from django.db import connection

from xinfang.core import clock
from xinfang.core.errors import GuardFailed, IllegalTransition, InvalidParams, PermissionDenied
from xinfang.core.workflow import PetitionerActor
from xinfang.notifications.models import Notification
from xinfang.orgs.models import Role
from xinfang.portal.bookings import DuplicateBooking
from xinfang.servicepoints.models import (
    ConsultKind,
    SittingBooking,
    SittingBookingEvent,
)
from xinfang.servicepoints.selectors import visible_sittings
from xinfang.servicepoints.sittings import (
    bookable_dates,
    cancel_ticket,
    sitting_book_online,
    sitting_cancel_online,
    sitting_lookup,
)
from xinfang.servicepoints.states import ConsultStatus
from xinfang.servicepoints.states import SittingAction as SA
from xinfang.servicepoints.states import SittingStatus as SS

from .helpers import BOOKER, book_sitting, reception_day, sstep, worker

pytestmark = pytest.mark.django_db
TUESDAY = dt.datetime(2026, 11, 3, 9, 0)  # a Tuesday
NEXT = dt.date(2026, 11, 10)


@pytest.fixture
def day(county):  # noqa: ANN001, ANN201
    with clock.frozen(TUESDAY):
        d = reception_day(county, capacity=2)  # Tuesdays
        yield d


def test_the_citizen_books_one_of_the_next_dates_and_gets_a_code(county, day):
    assert bookable_dates(day) == [dt.date(2026, 11, 3) + dt.timedelta(weeks=i) for i in range(4)]
    r = book_sitting(county, day, NEXT)
    b = r.booking
    assert (b.status, b.seat, b.date, r.replayed) == (SS.BOOKED, 1, NEXT, False)
    assert len(r.code) == 16 and r.code not in (b.code_hash, b.token_hash)
    assert b.phone_masked != BOOKER["phone"] and b.name_masked == "张*"
    event = SittingBookingEvent.objects.get(booking=b)
    assert event.action == SA.BOOK and "2026-11-10" in event.text
    (sms,) = [n for n in Notification.objects.all() if n.address == BOOKER["phone"]]
    assert "2026-11-10" in sms.body and "东街社区" in sms.body
    assert sitting_lookup(code=r.code, phone="+86 138-1234-5678") == b
    assert sitting_lookup(code=r.code, phone="13900000000") is None
    assert sitting_lookup(code="0" * 16, phone=BOOKER["phone"]) is None


def test_a_form_sent_twice_books_once(county, day):
    token = secrets.token_urlsafe(24)
    params = {**BOOKER, "reception": day.pk, "date": NEXT.isoformat(), "token": token}
    first = sitting_book_online(params=params)
    again = sitting_book_online(params=params)
    assert again.replayed and again.booking == first.booking and again.code == first.code
    assert SittingBooking.objects.count() == 1
    with pytest.raises(DuplicateBooking):  # the same form with another phone
        sitting_book_online(params={**params, "phone": "13900000000"})


def test_capacity_and_one_live_booking_per_phone_and_date(county, day):
    book_sitting(county, day, NEXT)
    with pytest.raises(GuardFailed, match="请勿重复预约"):
        book_sitting(county, day, NEXT)
    book_sitting(county, day, NEXT + dt.timedelta(weeks=1))  # another date: fine
    second = book_sitting(county, day, NEXT, phone="13900000002").booking
    assert second.seat == 2
    with pytest.raises(GuardFailed, match="名额已满（2个）"):
        book_sitting(county, day, NEXT, phone="13900000003")
    # a cancellation frees its seat, which the next booking takes
    sstep(second, SA.CANCEL, worker(county), reason="当天村里开会")
    third = book_sitting(county, day, NEXT, phone="13900000003").booking
    assert third.seat == 2


def test_bad_dates_and_bad_input_are_refused(county, day):
    with pytest.raises(InvalidParams, match="只能预约近期的坐诊日"):  # a Wednesday
        book_sitting(county, day, dt.date(2026, 11, 4))
    with pytest.raises(InvalidParams):  # five weeks on: beyond the four offered
        book_sitting(county, day, dt.date(2026, 12, 8))
    with pytest.raises(InvalidParams):  # a past Tuesday
        book_sitting(county, day, dt.date(2026, 10, 27))
    with pytest.raises(InvalidParams):
        book_sitting(county, day, NEXT, phone="12345")
    with pytest.raises(InvalidParams):
        book_sitting(county, day, NEXT, matter="灯")
    day.active = False
    day.save()
    with pytest.raises(InvalidParams):  # a day no longer offered is not a choice
        book_sitting(county, day, NEXT)
    assert SittingBooking.objects.count() == 0


def test_the_citizen_cancels_with_the_ticket_of_a_look_up(county, day):
    b = book_sitting(county, day, NEXT).booking
    done = sitting_cancel_online(ticket=cancel_ticket(b), reason="问题已解决")
    assert (done.status, done.seat, done.reason) == (SS.CANCELLED, None, "问题已解决")
    with pytest.raises(IllegalTransition):
        sitting_cancel_online(ticket=cancel_ticket(b))
    with pytest.raises(GuardFailed, match="页面已过期"):
        sitting_cancel_online(ticket="forged")
    other = book_sitting(county, day, NEXT, phone="13900000002").booking
    with pytest.raises(SittingBooking.DoesNotExist):  # a petitioner reaches only their own
        sstep(other, SA.CANCEL, PetitionerActor(case_id=b.pk))
    with pytest.raises(PermissionDenied):  # no receiving oneself
        sstep(other, SA.RECEIVE, PetitionerActor(case_id=other.pk))


def test_staff_receive_on_the_day_and_the_booking_becomes_a_consult(county, day):
    b = book_sitting(county, day, NEXT).booking
    with pytest.raises(GuardFailed, match="当天才能"):
        sstep(b, SA.RECEIVE, worker(county))
    with clock.frozen(dt.datetime(2026, 11, 10, 9, 30)):
        b = sstep(b, SA.RECEIVE, worker(county))
        c = b.consult
        assert (b.status, c.status, c.kind, c.reception) == (SS.KEPT, ConsultStatus.HEARD,
                                                              ConsultKind.SITTING, day)
        assert (c.visitor_name, c.visitor_phone, c.text, c.place) == (
            "张三", "13812345678", BOOKER["matter"], "东街社区党群服务中心")
        event = SittingBookingEvent.objects.filter(booking=b, action=SA.RECEIVE).get()
        assert c.number in event.text
        with pytest.raises(IllegalTransition):  # received once
            sstep(b, SA.RECEIVE, worker(county))
        with pytest.raises(IllegalTransition):
            sstep(b, SA.NO_SHOW, worker(county))


def test_no_show_on_the_day_and_no_cancel_after_it(county, day):
    b = book_sitting(county, day, NEXT).booking
    with pytest.raises(GuardFailed):
        sstep(b, SA.NO_SHOW, worker(county))
    with clock.frozen(dt.datetime(2026, 11, 11, 9, 0)):
        with pytest.raises(GuardFailed, match="已过"):
            sstep(b, SA.CANCEL, worker(county))
        b = sstep(b, SA.NO_SHOW, worker(county), note="电话未接通")
    assert b.status == SS.NO_SHOW and b.seat == 1  # the place was used up


def test_other_units_cannot_see_or_act(county, other_county, day):
    b = book_sitting(county, day, NEXT).booking
    assert list(visible_sittings(county.user(county.township, Role.APPROVER))) == [b]
    assert not visible_sittings(worker(other_county)).exists()
    with clock.frozen(dt.datetime(2026, 11, 10, 9, 0)):
        with pytest.raises(SittingBooking.DoesNotExist):
            sstep(b, SA.RECEIVE, worker(other_county))
        with pytest.raises(PermissionDenied):  # a county department sees it but does not run it
            sstep(b, SA.RECEIVE, county.user(county.bureau, Role.REGISTRAR))
        with pytest.raises(PermissionDenied):  # an approver does not record at the counter
            sstep(b, SA.RECEIVE, county.user(county.township, Role.APPROVER))
    assert SittingBooking.objects.get().status == SS.BOOKED


def test_the_database_refuses_a_second_holder_of_a_seat(county, day):
    from django.db import IntegrityError, transaction

    b = book_sitting(county, day, NEXT).booking
    with pytest.raises(IntegrityError), transaction.atomic():
        SittingBooking.objects.create(
            reception=day, date=NEXT, seat=b.seat, name="李四", phone="13900000009",
            matter="同一个名额", token_hash="t", code_hash="c", phone_index="p",
            created_at=clock.now(), updated_at=clock.now())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # roles of the data migrations
def test_concurrent_last_places_are_never_overbooked():
    """Eight citizens book a 3-place date at once, each in its own connection: three get a place,
    five are refused, and no seat is held twice."""
    import threading

    from xinfang.cases.scenarios import build_county

    county = build_county("K")
    d = reception_day(county, capacity=3)
    date = d.next_dates(clock.today(), 2)[1]
    start = threading.Barrier(8)
    outcomes: list[str] = []

    def attempt(i: int) -> None:
        try:
            start.wait()
            book_sitting(county, d, date, phone=f"1390000{i:04d}")
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
    assert sorted(SittingBooking.objects.values_list("seat", flat=True)) == [1, 2, 3]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # roles of the data migrations
def test_a_double_click_sent_twice_at_once_gives_both_the_receipt():
    """The same booking form sent four times at once, each in its own connection: every sending
    gets the one booking's receipt, none the refusal its own twin's booking would give a second
    booking of this phone (the reception rota's twin test, on a village's reception day)."""
    import threading

    from xinfang.cases.scenarios import build_county

    county = build_county("K")
    d = reception_day(county, capacity=3)
    date = d.next_dates(clock.today(), 1)[0]
    start = threading.Barrier(4)
    outcomes: list[tuple[int, str] | str] = []

    def attempt() -> None:
        try:
            start.wait()
            receipt = book_sitting(county, d, date, token="e" * 32)
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
    booking = SittingBooking.objects.get()
    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert len(outcomes) == 4 and set(outcomes) == {(booking.pk, outcomes[0][1])}, outcomes
