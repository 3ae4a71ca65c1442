"""并案 and the petitioner's own 30 days (Art. 35, 36), tried from the merged petitioner's side.

Case B (李四) is merged into case A (张三) as the same matter; A's one answer is the answer to both.
Each petitioner's 30 days to ask for 复查 run from *their own* receipt of the written answer, so a
merged petitioner who receives it ten days later keeps ten more days; the matter may not be closed
as "nobody asked in time" while a merged petitioner has not even been served.
"""

from __future__ import annotations

import datetime as dt

import pytest

from xinfang.cases.scenarios import (
    ANSWER,
    act,
    actor_for,
    drive_to,
    params_for,
    petitioner_data,
    register,
)
from xinfang.cases.states import Action, Status
from xinfang.cases.workflow import case_transition
from xinfang.core import clock
from xinfang.core.errors import GuardFailed, InvalidParams
from xinfang.deadlines.rules import DeadlineKind
from xinfang.deadlines.services import running
from xinfang.documents.kinds import DocumentKind as K
from xinfang.documents.models import Delivery, DeliveryMethod
from xinfang.documents.services import delivery_record
from xinfang.orgs.models import Role

pytestmark = pytest.mark.django_db
D = dt.date

ISSUED = D(2026, 5, 6)            # A's 信访处理意见书, saved 尚未送达
OWN_RECEIPT = D(2026, 5, 13)      # 张三 receives it: 05-13 + 30 = Fri 06-12
OWN_LAST_DAY = D(2026, 6, 12)
MERGED_RECEIPT = D(2026, 5, 22)   # 李四 receives it by post nine days later: 05-22 + 30 = Sun 06-21 → Mon 06-22
MERGED_LAST_DAY = D(2026, 6, 22)


def _merged_and_answered(county):  # noqa: ANN001, ANN202
    """A (张三) accepted at the housing bureau; B (李四, linked as the same matter) merged into A;
    A answered on ISSUED with the delivery left 尚未送达."""
    with clock.frozen(ISSUED - dt.timedelta(days=20)):
        a = drive_to(county, Status.ACCEPTED)
        b = act(county, register(county, petitioners=[petitioner_data(
            name="李四", id_number="110105194912310046", phone="13900000001")]), Action.TRANSFER)
        b = act(county, b, Action.LINK, earlier=a)
        b = act(county, b, Action.MERGE, earlier=a)
    assert b.status == Status.MERGED
    with clock.frozen(ISSUED):
        a = case_transition(case_id=a.pk, action=Action.ANSWER, actor=actor_for(county, a, Action.ANSWER),
                            params={**ANSWER, "delivery_method": ""})
    return a, b


def _lisi(b):  # noqa: ANN001, ANN202
    return b.parties.get().petitioner


def _deliver(county, case, on: dt.date, recipient=None):  # noqa: ANN001, ANN202
    with clock.frozen(on + dt.timedelta(days=1)):
        return delivery_record(document=case.documents.get(kind=K.OPINION),
                               actor=county.user(county.housing, Role.HANDLER),
                               method=DeliveryMethod.MAIL, delivered_on=on, receipt="EMS1234567890",
                               recipient=recipient.pk if recipient is not None else None)


def _request(county, case, on: dt.date, **extra):  # noqa: ANN001, ANN003, ANN202
    with clock.frozen(on):
        params = {**params_for(county, case, Action.REQUEST_REVIEW), **extra}
        return case_transition(case_id=case.pk, action=Action.REQUEST_REVIEW,
                               actor=actor_for(county, case, Action.REQUEST_REVIEW), params=params)


def _close(county, case, on: dt.date, **params):  # noqa: ANN001, ANN003, ANN202
    with clock.frozen(on):
        return case_transition(case_id=case.pk, action=Action.CLOSE,
                               actor=county.user(county.housing, Role.HANDLER), params=params)


def test_a_delivery_to_the_merged_petitioner_is_recorded_as_theirs(county):
    a, b = _merged_and_answered(county)

    _deliver(county, a, OWN_RECEIPT)
    delivery = _deliver(county, a, MERGED_RECEIPT, recipient=_lisi(b))

    assert delivery.recipient_id == _lisi(b).pk
    assert list(Delivery.objects.filter(document__case=a).order_by("pk")
                .values_list("recipient", "delivered_on")) == [(None, OWN_RECEIPT),
                                                               (_lisi(b).pk, MERGED_RECEIPT)]
    # the document's own delivery date stays the addressee's
    assert a.documents.get(kind=K.OPINION).delivered_on == OWN_RECEIPT
    event = a.events.filter(type="documents.delivered").latest("pk")
    assert "送达并案信访人李*" in event.text and "李四" not in str(event.data)


def test_the_merged_petitioner_asks_on_their_own_day_30(county):
    """Given 张三 served on 05-13 and 李四 on 05-22, when 李四 asks on 06-22 (the 30th day from
    *his* receipt, 20 days after 张三's ran out), then the request is timely."""
    a, b = _merged_and_answered(county)
    _deliver(county, a, OWN_RECEIPT)
    _deliver(county, a, MERGED_RECEIPT, recipient=_lisi(b))

    a = _request(county, a, MERGED_LAST_DAY, applicant=_lisi(b).pk)

    assert a.status == Status.REVIEW_REQUESTED


def test_the_merged_petitioner_is_late_after_their_own_30_days(county):
    a, b = _merged_and_answered(county)
    _deliver(county, a, OWN_RECEIPT)
    _deliver(county, a, MERGED_RECEIPT, recipient=_lisi(b))

    with pytest.raises(GuardFailed, match=f"已于{MERGED_LAST_DAY}届满"):
        _request(county, a, MERGED_LAST_DAY + dt.timedelta(days=1), applicant=_lisi(b).pk)


def test_the_first_petitioner_is_held_to_their_own_receipt(county):
    """The later service on 李四 does not lengthen 张三's period when 张三 is the one asking."""
    a, b = _merged_and_answered(county)
    _deliver(county, a, OWN_RECEIPT)
    _deliver(county, a, MERGED_RECEIPT, recipient=_lisi(b))
    zhang = a.parties.get().petitioner

    with pytest.raises(GuardFailed, match=f"已于{OWN_LAST_DAY}届满"):
        _request(county, a, OWN_LAST_DAY + dt.timedelta(days=1), applicant=zhang.pk)


def test_a_merged_petitioner_not_yet_served_is_never_late(county):
    a, b = _merged_and_answered(county)
    _deliver(county, a, OWN_RECEIPT)

    a = _request(county, a, OWN_LAST_DAY + dt.timedelta(days=40), applicant=_lisi(b).pk)

    assert a.status == Status.REVIEW_REQUESTED


def test_the_matter_is_not_closed_while_a_merged_petitioner_is_unserved(county):
    """张三's 30 days are over, but 李四 has not been served: closing for lapse would take his right."""
    a, b = _merged_and_answered(county)
    _deliver(county, a, OWN_RECEIPT)

    with pytest.raises(GuardFailed, match="李四.*尚未登记送达"):
        _close(county, a, OWN_LAST_DAY + dt.timedelta(days=1))
    # the petitioners' waiver still closes it, as for any case
    assert _close(county, a, OWN_LAST_DAY + dt.timedelta(days=1), waived=True).status == Status.CLOSED


def test_the_matter_closes_only_when_the_last_served_petitioners_30_days_are_over(county):
    a, b = _merged_and_answered(county)
    _deliver(county, a, OWN_RECEIPT)
    _deliver(county, a, MERGED_RECEIPT, recipient=_lisi(b))

    window = running(a, DeadlineKind.REVIEW_REQUEST)
    assert (window.started_on, window.due_on) == (MERGED_RECEIPT, MERGED_LAST_DAY)
    with pytest.raises(GuardFailed, match="尚未届满"):
        _close(county, a, OWN_LAST_DAY + dt.timedelta(days=1))
    assert _close(county, a, MERGED_LAST_DAY + dt.timedelta(days=1)).status == Status.CLOSED


def test_an_earlier_service_on_the_merged_petitioner_does_not_shorten_the_window(county):
    a, b = _merged_and_answered(county)
    _deliver(county, a, OWN_RECEIPT)
    _deliver(county, a, OWN_RECEIPT - dt.timedelta(days=2), recipient=_lisi(b))

    window = running(a, DeadlineKind.REVIEW_REQUEST)
    assert (window.started_on, window.due_on) == (OWN_RECEIPT, OWN_LAST_DAY)


def test_only_a_petitioner_of_the_matter_is_a_recipient_or_an_applicant(county):
    a, b = _merged_and_answered(county)
    other = register(county, petitioners=[petitioner_data(name="王五", id_number="110105195001010012",
                                                          phone="13900000002")])
    outsider = other.parties.get().petitioner

    with pytest.raises(InvalidParams, match="送达对象"):
        _deliver(county, a, OWN_RECEIPT, recipient=outsider)
    with pytest.raises(GuardFailed, match="申请人"):
        _request(county, a, OWN_RECEIPT, applicant=outsider.pk)


def test_without_a_merge_a_named_recipient_is_refused(county):
    """A case with no merged matter has no one to serve separately: the addressee is the petitioner."""
    with clock.frozen(ISSUED):
        case = drive_to(county, Status.ACCEPTED)
        case = case_transition(case_id=case.pk, action=Action.ANSWER,
                               actor=actor_for(county, case, Action.ANSWER),
                               params={**ANSWER, "delivery_method": ""})
    own = case.parties.get().petitioner

    with pytest.raises(InvalidParams, match="送达对象"):
        _deliver(county, case, OWN_RECEIPT, recipient=own)


def test_the_case_page_offers_the_merged_petitioner_as_a_recipient(county, client):
    """The documents panel's delivery form names the merged petitioners (masked) and records the
    delivery as theirs when posted."""
    a, b = _merged_and_answered(county)
    client.force_login(county.user(county.housing, Role.HANDLER))
    document = a.documents.get(kind=K.OPINION)

    page = client.get(f"/cases/{a.number}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'name="d{document.pk}-recipient"' in html
    assert "李*" in html and "李四" not in html.split(f'name="d{document.pk}-recipient"')[1].split("</select>")[0]

    with clock.frozen(MERGED_RECEIPT + dt.timedelta(days=1)):
        response = client.post(f"/documents/{document.pk}/delivery/", {
            f"d{document.pk}-method": DeliveryMethod.MAIL, f"d{document.pk}-delivered_on": MERGED_RECEIPT.isoformat(),
            f"d{document.pk}-recipient": str(_lisi(b).pk)})
    assert response.status_code == 302
    assert Delivery.objects.get(document=document).recipient_id == _lisi(b).pk


def test_the_review_request_form_asks_whose_request_it_is_only_under_a_merge(county, client):
    """The 复查 request form names the matter's petitioners (masked) when cases were merged; on a
    case of one petitioner there is no one to choose."""
    from xinfang.cases.selectors import action_form

    a, b = _merged_and_answered(county)
    choices = dict(action_form(a, Action.REQUEST_REVIEW).fields["applicant"].widget.choices)
    assert choices[_lisi(b).pk] == "李*"
    assert a.parties.get().petitioner.pk in choices
    with clock.frozen(ISSUED):
        single = drive_to(county, Status.ANSWERED)
    assert "applicant" not in action_form(single, Action.REQUEST_REVIEW).fields
