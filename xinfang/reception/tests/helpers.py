"""Building reception sessions and bookings for the tests, through the workflows, by the right
people: the county bureau organises, the county government's leader receives."""

from __future__ import annotations

import datetime as dt
import secrets

from xinfang.core import clock
from xinfang.orgs.models import Role
from xinfang.reception.services import booking_book_online
from xinfang.reception.states import BookingAction, SessionAction
from xinfang.reception.workflow import booking_create, booking_transition, session_create

SA, BA = SessionAction, BookingAction

MATTER = "小区旁边的工地夜间施工噪音很大，多次向住建局反映没有结果，想当面向领导反映。"


def organiser(county):  # noqa: ANN001, ANN201
    return county.user(county.bureau, Role.REGISTRAR)


def session_params(county, **overrides):  # noqa: ANN001, ANN201
    params = {"kind": "leader", "leader": county.leader().pk, "host_title": "副县长",
              "area": county.county.pk, "date": (clock.today() + dt.timedelta(days=7)).isoformat(),
              "start_time": "09:00", "end_time": "11:30", "place": "县信访局接待大厅",
              "topics": "城乡建设、征地拆迁", "capacity": 3}
    params.update(overrides)
    return params


def schedule(county, **overrides):  # noqa: ANN001, ANN201
    return session_create(actor=organiser(county), params=session_params(county, **overrides))


def book(session, *, phone="13812345678", name="张三", token=None):  # noqa: ANN001, ANN201
    """A booking on the portal, as the portal's view takes it (the receipt, with its code)."""
    return booking_book_online(params={"session": session.pk, "name": name, "phone": phone,
                                       "matter": MATTER,
                                       "token": token or secrets.token_urlsafe(24)})


def walk_in(county, session, name="李四"):  # noqa: ANN001, ANN201
    return booking_create(action=BA.WALK_IN, actor=organiser(county),
                          params={"session": session.pk, "name": name, "phone": "",
                                  "matter": MATTER})


def step_booking(county, booking, action, **params):  # noqa: ANN001, ANN201
    return booking_transition(booking_id=booking.pk, action=action, actor=organiser(county),
                              params=params)


def held_session(county):  # noqa: ANN001, ANN201
    """A session held today with one booked petitioner received (booked two days ago)."""
    with clock.frozen(clock.today() - dt.timedelta(days=2)):
        s = schedule(county, date=(clock.today() + dt.timedelta(days=2)).isoformat())
        b = book(s).booking
    from xinfang.reception.workflow import session_transition

    s = session_transition(session_id=s.pk, action=SA.HOLD, actor=organiser(county))
    step_booking(county, b, BA.ATTEND)
    return s
