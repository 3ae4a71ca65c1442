"""送达: the delivery date of a written answer starts the petitioner's 30 days (Art. 35, 36)."""

from __future__ import annotations

import datetime as dt

import pytest

from xinfang.cases.models import CaseEvent
from xinfang.cases.scenarios import act, actor_for, drive_to, params_for
from xinfang.cases.states import Action, Status
from xinfang.cases.workflow import case_transition
from xinfang.core import clock
from xinfang.core.errors import InvalidParams
from xinfang.deadlines.models import DeadlineState
from xinfang.deadlines.rules import DeadlineKind
from xinfang.deadlines.services import running
from xinfang.documents.kinds import DocumentKind as K
from xinfang.documents.models import DeliveryMethod
from xinfang.documents.services import delivery_record
from xinfang.orgs.models import Role

pytestmark = pytest.mark.django_db
D = dt.date


def _answered_on(county, day: dt.date, *, delivered: bool = False):  # noqa: ANN001, ANN202
    """A case answered on `day`; the opinion handed over on the spot, or left 尚未送达."""
    with clock.frozen(day):
        case = drive_to(county, Status.ACCEPTED)
        params = params_for(county, case, Action.ANSWER)
        if not delivered:
            params = {**params, "delivery_method": "", "delivered_on": None, "receipt": ""}
        return case_transition(case_id=case.pk, action=Action.ANSWER,
                               actor=actor_for(county, case, Action.ANSWER), params=params)


def test_no_window_runs_until_a_delivery_is_recorded(county):
    case = _answered_on(county, D(2026, 5, 11))

    assert running(case, DeadlineKind.REVIEW_REQUEST) is None
    with clock.frozen(D(2026, 6, 12)):  # 32 days after the answer: not late, nothing started
        case = act(county, case, Action.REQUEST_REVIEW)
    assert case.status == Status.REVIEW_REQUESTED


def test_a_later_delivery_date_moves_the_review_window(county):
    case = _answered_on(county, D(2026, 5, 11), delivered=True)
    opinion = case.documents.get(kind=K.OPINION)
    clerk = county.user(county.housing, Role.HANDLER)

    with clock.frozen(D(2026, 5, 20)):
        delivery_record(document=opinion, actor=clerk, method=DeliveryMethod.MAIL,
                        delivered_on=D(2026, 5, 15), receipt="EMS1234567890")

    window = running(case, DeadlineKind.REVIEW_REQUEST)
    # 05-15 + 30 days = Sun 06-14, the period ends on the next working day (民法典 Art. 203).
    assert (window.started_on, window.due_on) == (D(2026, 5, 15), D(2026, 6, 15))
    old = case.deadlines.filter(kind=DeadlineKind.REVIEW_REQUEST).order_by("pk").first()
    assert (old.started_on, old.state) == (D(2026, 5, 11), DeadlineState.CANCELLED)
    opinion.refresh_from_db()
    assert opinion.delivered_on == D(2026, 5, 15)
    with clock.frozen(D(2026, 6, 12)):
        case = act(county, case, Action.REQUEST_REVIEW)
    assert case.status == Status.REVIEW_REQUESTED


def test_delivery_is_an_event_on_the_timeline(county):
    case = _answered_on(county, D(2026, 5, 11))
    opinion = case.documents.get(kind=K.OPINION)
    clerk = county.user(county.housing, Role.HANDLER)

    with clock.frozen(D(2026, 5, 13)):
        delivery = delivery_record(document=opinion, actor=clerk, method=DeliveryMethod.DIRECT,
                                   delivered_on=D(2026, 5, 13), receipt="张三本人签收")

    event = CaseEvent.objects.get(case=case, type="documents.delivered")
    assert (event.actor, event.new_value, event.data["delivery"]) == (clerk, "2026-05-13",
                                                                       delivery.pk)
    assert (event.data["method"], event.data["receipt"]) == (DeliveryMethod.DIRECT, "张三本人签收")
    assert str(DeliveryMethod.DIRECT.label) in event.text and "张三本人签收" in event.text


def test_a_delivery_given_with_the_answer_is_recorded_and_starts_the_window(county):
    with clock.frozen(D(2026, 5, 11)):
        case = drive_to(county, Status.ACCEPTED)
        params = {**params_for(county, case, Action.ANSWER), "delivery_method": "direct",
                  "receipt": "当场签收"}
        case = case_transition(case_id=case.pk, action=Action.ANSWER,
                               actor=actor_for(county, case, Action.ANSWER), params=params)

    opinion = case.documents.get(kind=K.OPINION)
    assert opinion.delivered_on == D(2026, 5, 11)
    assert list(opinion.deliveries.values_list("method", "receipt")) == [("direct", "当场签收")]
    assert case.deadlines.filter(kind=DeadlineKind.REVIEW_REQUEST).count() == 1


def test_the_review_opinion_delivery_moves_the_recheck_window(county):
    with clock.frozen(D(2026, 5, 11)):
        case = drive_to(county, Status.REVIEWED)
    review = case.documents.get(kind=K.REVIEW_OPINION)

    with clock.frozen(D(2026, 5, 22)):
        delivery_record(document=review, actor=county.user(county.county, Role.HANDLER),
                        method=DeliveryMethod.MAIL, delivered_on=D(2026, 5, 18))

    window = running(case, DeadlineKind.RECHECK_REQUEST)
    assert (window.started_on, window.due_on) == (D(2026, 5, 18), D(2026, 6, 17))


def test_a_delivery_after_the_request_was_made_moves_no_clock(county):
    with clock.frozen(D(2026, 5, 11)):
        case = drive_to(county, Status.REVIEW_REQUESTED)
    opinion = case.documents.get(kind=K.OPINION)
    before = list(case.deadlines.values_list("pk", "state", "due_on"))

    with clock.frozen(D(2026, 5, 20)):
        delivery_record(document=opinion, actor=county.user(county.housing, Role.HANDLER),
                        method=DeliveryMethod.MAIL, delivered_on=D(2026, 5, 19))

    assert list(case.deadlines.values_list("pk", "state", "due_on")) == before


def test_a_lapsed_window_reopens_when_the_real_delivery_was_later(county):
    from xinfang.deadlines.services import deadline_scan

    case = _answered_on(county, D(2026, 5, 11), delivered=True)
    deadline_scan(today=D(2026, 6, 11))  # the window from the recorded delivery lapses
    assert running(case, DeadlineKind.REVIEW_REQUEST) is None

    with clock.frozen(D(2026, 6, 12)):
        delivery_record(document=case.documents.get(kind=K.OPINION),
                        actor=county.user(county.housing, Role.HANDLER),
                        method=DeliveryMethod.PUBLIC, delivered_on=D(2026, 5, 25),
                        note="公告送达，公告期满之日")

    assert running(case, DeadlineKind.REVIEW_REQUEST).due_on == D(2026, 6, 24)


def test_other_notices_record_delivery_without_touching_clocks(county):
    case = drive_to(county, Status.ACCEPTED)
    before = list(case.deadlines.values_list("pk", "state", "started_on", "due_on"))

    delivery_record(document=case.documents.get(kind=K.ACCEPTANCE),
                    actor=county.user(county.housing, Role.HANDLER),
                    method=DeliveryMethod.ELECTRONIC, delivered_on=clock.today())

    assert list(case.deadlines.values_list("pk", "state", "started_on", "due_on")) == before


@pytest.mark.parametrize(("day", "message"), [
    (D(2026, 5, 10), "不能早于出具日期"),
    (D(2026, 5, 30), "不能晚于今天"),
])
def test_impossible_delivery_dates_are_refused(county, day, message):
    case = _answered_on(county, D(2026, 5, 11))

    with clock.frozen(D(2026, 5, 20)), pytest.raises(InvalidParams, match=message):
        delivery_record(document=case.documents.get(kind=K.OPINION),
                        actor=county.user(county.housing, Role.HANDLER),
                        method=DeliveryMethod.MAIL, delivered_on=day)
