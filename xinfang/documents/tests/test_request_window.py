"""Art. 35/36: the petitioner's 30 days to ask for 复查/复核 run from receipt of the written answer.

An opinion saved as not yet delivered (尚未送达) starts no window; recording its delivery starts the
window from the delivery date, and a corrected delivery moves it. A request by post is timely when
its postmark falls within the window (XINFANG_REQUEST_POSTMARK_COUNTS, default on).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from xinfang.cases.scenarios import ANSWER, actor_for, drive_to, params_for
from xinfang.cases.states import Action, Status
from xinfang.cases.workflow import case_transition
from xinfang.core import clock
from xinfang.core.errors import GuardFailed, InvalidParams
from xinfang.deadlines.models import DeadlineState
from xinfang.deadlines.rules import DeadlineKind
from xinfang.deadlines.services import deadline_scan, running
from xinfang.documents.kinds import DocumentKind as K
from xinfang.documents.models import DeliveryMethod
from xinfang.documents.services import delivery_record
from xinfang.orgs.models import Role

pytestmark = pytest.mark.django_db
D = dt.date

ISSUED = D(2026, 5, 6)      # Wednesday: the 信访处理意见书 is issued, not yet delivered
DELIVERED = D(2026, 5, 13)  # Wednesday: the petitioner receives it (recorded the next day)
# Art. 35: 30 days from receipt, the day of receipt not counted: 05-13 + 30 = Fri 06-12.
LAST_DAY = D(2026, 6, 12)
DAY_31 = D(2026, 6, 13)


def _answer_undelivered(county, day: dt.date, action: Action = Action.ANSWER,  # noqa: ANN001
                        status: Status = Status.ACCEPTED):  # noqa: ANN202
    """Carry a case to `status` on `day` and take `action` with the delivery left 尚未送达."""
    with clock.frozen(day):
        case = drive_to(county, status)
        return case_transition(case_id=case.pk, action=action,
                               actor=actor_for(county, case, action),
                               params={**ANSWER, "delivery_method": ""})


def _deliver(county, case, kind: K, delivered_on: dt.date, recorded_on: dt.date,  # noqa: ANN001
             unit=None):  # noqa: ANN001, ANN202
    with clock.frozen(recorded_on):
        return delivery_record(document=case.documents.get(kind=kind),
                               actor=county.user(unit or county.housing, Role.HANDLER),
                               method=DeliveryMethod.MAIL, delivered_on=delivered_on,
                               receipt="EMS1234567890")


def _request(county, case, action: Action, received_on: dt.date, **extra):  # noqa: ANN001, ANN003, ANN202
    with clock.frozen(received_on):
        params = {**params_for(county, case, action), **extra}
        return case_transition(case_id=case.pk, action=action,
                               actor=actor_for(county, case, action), params=params)


def _delivered_case(county):  # noqa: ANN001, ANN202
    case = _answer_undelivered(county, ISSUED)
    _deliver(county, case, K.OPINION, DELIVERED, DELIVERED + dt.timedelta(days=1))
    return case


# --- 复查 (Art. 35) ------------------------------------------------------------------------------

def test_art35_opinion_saved_undelivered_starts_no_window(county):
    case = _answer_undelivered(county, ISSUED)

    assert case.status == Status.ANSWERED
    assert not case.deadlines.filter(kind=DeadlineKind.REVIEW_REQUEST).exists()
    assert case.documents.get(kind=K.OPINION).delivered_on is None


def test_art35_window_starts_at_the_recorded_delivery(county):
    case = _delivered_case(county)

    window = running(case, DeadlineKind.REVIEW_REQUEST)
    assert (window.started_on, window.due_on) == (DELIVERED, LAST_DAY)
    assert case.deadlines.filter(kind=DeadlineKind.REVIEW_REQUEST).count() == 1


def test_art35_request_on_day_30_after_a_late_delivery_is_accepted(county):
    case = _delivered_case(county)

    case = _request(county, case, Action.REQUEST_REVIEW, LAST_DAY)

    assert case.status == Status.REVIEW_REQUESTED


def test_art35_request_on_day_31_is_refused(county):
    case = _delivered_case(county)

    with pytest.raises(GuardFailed, match=f"已于{LAST_DAY}届满"):
        _request(county, case, Action.REQUEST_REVIEW, DAY_31)


def test_art35_request_before_delivery_is_not_late(county):
    """The period has not started: a petitioner who asks before formal delivery is not late."""
    case = _answer_undelivered(county, ISSUED)

    case = _request(county, case, Action.REQUEST_REVIEW, ISSUED + dt.timedelta(days=45))

    assert case.status == Status.REVIEW_REQUESTED


def test_art36_recheck_without_a_review_opinion_is_still_refused(county):
    with clock.frozen(ISSUED):
        case = drive_to(county, Status.CLOSED)  # closed on the petitioner's waiver
    # a CLOSED case whose only answer is the handling opinion cannot be rechecked
    with pytest.raises(GuardFailed, match="尚未出具可申请复核的书面答复"):
        _request(county, case, Action.REQUEST_RECHECK, ISSUED)


def test_art35_close_before_delivery_is_refused_unless_waived(county):
    case = _answer_undelivered(county, ISSUED)
    handler = county.user(county.housing, Role.HANDLER)

    with clock.frozen(ISSUED + dt.timedelta(days=90)), pytest.raises(GuardFailed, match="尚未送达"):
        case_transition(case_id=case.pk, action=Action.CLOSE, actor=handler, params={})
    with clock.frozen(ISSUED + dt.timedelta(days=90)):
        case = case_transition(case_id=case.pk, action=Action.CLOSE, actor=handler,
                               params={"waived": True})
    assert case.status == Status.CLOSED


def test_art35_close_after_the_window_from_delivery_is_over(county):
    case = _delivered_case(county)
    handler = county.user(county.housing, Role.HANDLER)

    with clock.frozen(LAST_DAY), pytest.raises(GuardFailed, match="尚未届满"):
        case_transition(case_id=case.pk, action=Action.CLOSE, actor=handler, params={})
    with clock.frozen(DAY_31):
        case = case_transition(case_id=case.pk, action=Action.CLOSE, actor=handler, params={})
    assert case.status == Status.CLOSED


def test_art35_corrected_delivery_moves_a_lapsed_window(county):
    case = _delivered_case(county)
    deadline_scan(today=DAY_31)  # the window from the first recorded delivery lapses
    assert running(case, DeadlineKind.REVIEW_REQUEST) is None

    # the receipt shows the petitioner only received it on Wed 05-20: 05-20 + 30 = Fri 06-19,
    # 端午节 (statutory holiday), so the period ends on Mon 06-22 (民法典 Art. 203)
    delivery = _deliver(county, case, K.OPINION, D(2026, 5, 20), DAY_31)

    assert delivery.window is not None
    assert (delivery.window.started_on, delivery.window.due_on) == (D(2026, 5, 20), D(2026, 6, 22))
    case = _request(county, case, Action.REQUEST_REVIEW, D(2026, 6, 22))
    assert case.status == Status.REVIEW_REQUESTED


def test_art35_answer_delivered_on_the_spot_starts_the_window_from_that_day(county):
    with clock.frozen(DELIVERED):
        case = drive_to(county, Status.ACCEPTED)
        case = case_transition(case_id=case.pk, action=Action.ANSWER,
                               actor=actor_for(county, case, Action.ANSWER),
                               params={**ANSWER, "delivery_method": DeliveryMethod.DIRECT,
                                       "delivered_on": DELIVERED.isoformat(),
                                       "receipt": "本人签收"})

    window = running(case, DeadlineKind.REVIEW_REQUEST)
    assert (window.started_on, window.due_on) == (DELIVERED, LAST_DAY)
    assert case.deadlines.filter(kind=DeadlineKind.REVIEW_REQUEST).count() == 1


def test_art35_a_delivery_date_without_a_delivery_method_is_refused(county):
    """A date alone used to count as delivery: the form now asks how it was delivered."""
    with clock.frozen(DELIVERED):
        case = drive_to(county, Status.ACCEPTED)
        with pytest.raises(InvalidParams, match="送达方式"):
            case_transition(case_id=case.pk, action=Action.ANSWER,
                            actor=actor_for(county, case, Action.ANSWER),
                            params={**ANSWER, "delivered_on": DELIVERED.isoformat()})


# --- postmark (期间不包括在途时间) -----------------------------------------------------------------

POSTED = {"channel": "letter", "postmarked_on": LAST_DAY.isoformat()}
ARRIVED = D(2026, 6, 16)


def test_art35_letter_postmarked_within_the_window_and_received_after_is_accepted(county):
    case = _delivered_case(county)

    case = _request(county, case, Action.REQUEST_REVIEW, ARRIVED, **POSTED)

    assert case.status == Status.REVIEW_REQUESTED


@override_settings(XINFANG_REQUEST_POSTMARK_COUNTS=False)
def test_art35_postmark_does_not_count_when_the_setting_is_off(county):
    case = _delivered_case(county)

    with pytest.raises(GuardFailed, match=f"已于{LAST_DAY}届满"):
        _request(county, case, Action.REQUEST_REVIEW, ARRIVED, **POSTED)


def test_art35_letter_postmarked_after_the_window_is_refused(county):
    case = _delivered_case(county)

    with pytest.raises(GuardFailed, match="邮戳日期"):
        _request(county, case, Action.REQUEST_REVIEW, ARRIVED, channel="letter",
                 postmarked_on=DAY_31.isoformat())


@pytest.mark.parametrize(("extra", "field"), [
    ({"channel": "visit", "postmarked_on": LAST_DAY.isoformat()}, "邮戳日期"),
    ({"channel": "letter", "postmarked_on": (ARRIVED + dt.timedelta(days=1)).isoformat()},
     "邮戳日期"),
])
def test_art35_impossible_postmarks_are_invalid(county, extra, field):
    case = _delivered_case(county)

    with pytest.raises(InvalidParams, match=field):
        _request(county, case, Action.REQUEST_REVIEW, ARRIVED, **extra)


# --- 复核 (Art. 36) ------------------------------------------------------------------------------

REVIEW_ISSUED = D(2026, 5, 20)
REVIEW_DELIVERED = D(2026, 5, 27)  # Wednesday; + 30 = Fri 06-26
RECHECK_LAST_DAY = D(2026, 6, 26)


def _review_answered_undelivered(county):  # noqa: ANN001, ANN202
    return _answer_undelivered(county, REVIEW_ISSUED, Action.ANSWER_REVIEW,
                               Status.REVIEW_REQUESTED)


def _review_delivered(county):  # noqa: ANN001, ANN202
    case = _review_answered_undelivered(county)
    _deliver(county, case, K.REVIEW_OPINION, REVIEW_DELIVERED, D(2026, 5, 28), county.county)
    return case


def test_art36_review_opinion_saved_undelivered_starts_no_window(county):
    case = _review_answered_undelivered(county)

    assert case.status == Status.REVIEWED
    assert not case.deadlines.filter(kind=DeadlineKind.RECHECK_REQUEST).exists()


def test_art36_window_starts_at_the_review_opinions_delivery(county):
    case = _review_delivered(county)

    window = running(case, DeadlineKind.RECHECK_REQUEST)
    assert (window.started_on, window.due_on) == (REVIEW_DELIVERED, RECHECK_LAST_DAY)


def test_art36_request_on_day_30_accepted_and_day_31_refused(county):
    on_time = _request(county, _review_delivered(county), Action.REQUEST_RECHECK,
                       RECHECK_LAST_DAY)
    assert on_time.status == Status.RECHECK_REQUESTED

    with pytest.raises(GuardFailed, match=f"已于{RECHECK_LAST_DAY}届满"):
        _request(county, _review_delivered(county), Action.REQUEST_RECHECK,
                 RECHECK_LAST_DAY + dt.timedelta(days=1))


def test_art36_request_before_the_review_opinion_is_delivered_is_not_late(county):
    case = _review_answered_undelivered(county)

    case = _request(county, case, Action.REQUEST_RECHECK, REVIEW_ISSUED + dt.timedelta(days=40))

    assert case.status == Status.RECHECK_REQUESTED


def test_art36_close_before_the_review_opinion_is_delivered_is_refused(county):
    case = _review_answered_undelivered(county)

    with clock.frozen(REVIEW_ISSUED + dt.timedelta(days=60)), pytest.raises(
            GuardFailed, match="尚未送达"):
        case_transition(case_id=case.pk, action=Action.CLOSE,
                        actor=county.user(county.county, Role.HANDLER), params={})


def test_art36_letter_postmarked_within_the_window_is_accepted_with_the_setting_on(county):
    posted = {"channel": "letter", "postmarked_on": RECHECK_LAST_DAY.isoformat()}
    arrived = D(2026, 6, 30)

    case = _request(county, _review_delivered(county), Action.REQUEST_RECHECK, arrived, **posted)
    assert case.status == Status.RECHECK_REQUESTED

    with override_settings(XINFANG_REQUEST_POSTMARK_COUNTS=False), pytest.raises(
            GuardFailed, match=f"已于{RECHECK_LAST_DAY}届满"):
        _request(county, _review_delivered(county), Action.REQUEST_RECHECK, arrived, **posted)


def test_art36_delivery_of_an_old_opinion_after_the_review_moves_no_window(county):
    case = _review_delivered(county)
    before = list(case.deadlines.values_list("pk", "state", "started_on", "due_on"))

    _deliver(county, case, K.OPINION, D(2026, 5, 21), D(2026, 5, 28))

    assert list(case.deadlines.values_list("pk", "state", "started_on", "due_on")) == before
    assert not case.deadlines.filter(kind=DeadlineKind.REVIEW_REQUEST,
                                     state__in=[DeadlineState.OPEN]).exists()


def test_art35_case_page_says_the_window_waits_for_delivery(client, county):
    case = _answer_undelivered(county, ISSUED)
    client.force_login(county.user(county.housing, Role.HANDLER))

    with clock.frozen(ISSUED):
        html = client.get(f"/cases/{case.number}/").content.decode()
    assert 'id="window-pending"' in html and "申请复查期" in html

    _deliver(county, case, K.OPINION, DELIVERED, DELIVERED)
    with clock.frozen(DELIVERED):
        html = client.get(f"/cases/{case.number}/").content.decode()
    assert 'id="window-pending"' not in html


def test_art35_corrected_delivery_reopens_the_window_of_a_case_closed_when_it_lapsed(county):
    """Closed on day 31 by the first delivery date; the receipt shows a later delivery: the
    petitioner may still ask (REQUEST_REVIEW is allowed from 已办结), from the real date."""
    case = _delivered_case(county)
    with clock.frozen(DAY_31):
        deadline_scan()
        case = case_transition(case_id=case.pk, action=Action.CLOSE,
                               actor=county.user(county.housing, Role.HANDLER), params={})
    assert case.status == Status.CLOSED

    delivery = _deliver(county, case, K.OPINION, D(2026, 5, 20), D(2026, 6, 15))

    assert delivery.window is not None and delivery.window.due_on == D(2026, 6, 22)
    case = _request(county, case, Action.REQUEST_REVIEW, D(2026, 6, 22))
    assert case.status == Status.REVIEW_REQUESTED


def test_art35_corrected_delivery_after_a_waiver_reopens_nothing(county):
    case = _delivered_case(county)
    with clock.frozen(D(2026, 5, 20)):
        case = case_transition(case_id=case.pk, action=Action.CLOSE,
                               actor=county.user(county.housing, Role.HANDLER),
                               params={"waived": True})
        deadline_scan(today=DAY_31)
    before = list(case.deadlines.values_list("pk", "state", "due_on"))

    assert _deliver(county, case, K.OPINION, D(2026, 5, 20), DAY_31).window is None
    assert list(case.deadlines.values_list("pk", "state", "due_on")) == before
