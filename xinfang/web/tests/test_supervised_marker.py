"""The 督办 marker (issue 15 item 7): supervised cases carry a badge in the queue and on the case
page, the badge and the 督办 filter agree, and the marker costs no query per row."""

import re

import pytest
from django.urls import reverse

from xinfang.cases.scenarios import drive_to
from xinfang.cases.states import Status
from xinfang.orgs.models import Role, User
from xinfang.orgs.services import staff_create
from xinfang.resolution.models import SupervisionOrder
from xinfang.resolution.supervision import OrderAction, order_issue, order_transition

pytestmark = pytest.mark.django_db

BADGE = re.compile(r'<a href="/cases/([^/]+)/">[^<]+</a>(?:(?!</tr>).)*?class="badge supervised"',
                   re.S)


def marked(body: str) -> set[str]:
    """The case numbers whose queue row carries the 督办 badge."""
    return set(BADGE.findall(body))


def supervisor(county):  # noqa: ANN001, ANN201
    """The county bureau's 督查 officer."""
    return (User.objects.filter(unit=county.bureau, roles__code=Role.SUPERVISOR).first()
            or staff_create(username="a_dc", unit=county.bureau, roles=[Role.SUPERVISOR]))


def supervise(county, case, kind="duban"):  # noqa: ANN001, ANN201
    return order_issue(case_id=case.pk, actor=supervisor(county),
                       params={"kind": kind, "instructions": "请于期限内办结并回复"})


@pytest.fixture
def housing(client, county):  # noqa: ANN001, ANN201
    client.force_login(county.user(county.housing, Role.HANDLER))
    return client


def test_queue_marks_open_supervision_and_agrees_with_the_filter(housing, county):  # noqa: ANN001
    # given three accepted cases at the housing bureau: one under 督办, one under 催办, one closed
    duban, cuiban, closed, plain = (drive_to(county, Status.ACCEPTED) for _ in range(4))
    supervise(county, duban)
    supervise(county, cuiban, kind="cuiban")
    order = supervise(county, closed)
    handler = county.user(county.housing, Role.HANDLER)
    order_transition(order_id=order.pk, action=OrderAction.REPLY, actor=handler,
                     params={"reply_text": "已办结"})
    order_transition(order_id=order.pk, action=OrderAction.ACCEPT,
                     actor=supervisor(county), params={})

    # when the handler opens the queue
    body = housing.get(reverse("web:queue")).content.decode()
    only = housing.get(reverse("web:queue"), {"supervised": "yes"}).content.decode()
    others = housing.get(reverse("web:queue"), {"supervised": "no"}).content.decode()

    # then exactly the cases with an open order are marked, and the filter picks the same ones
    assert marked(body) == {duban.number, cuiban.number}
    assert marked(only) == {duban.number, cuiban.number}
    assert closed.number not in only and plain.number not in only
    assert marked(others) == set() and {closed.number, plain.number} <= set(
        re.findall(r'href="/cases/([^/]+)/"', others))


def test_case_page_shows_the_marker_while_an_order_is_open(housing, county):  # noqa: ANN001
    case, plain = drive_to(county, Status.ACCEPTED), drive_to(county, Status.ACCEPTED)
    supervise(county, case)
    page = housing.get(reverse("web:case", args=[case.number])).content.decode()
    assert 'class="badge supervised"' in page and county.bureau.name in page
    assert 'class="badge supervised"' not in housing.get(
        reverse("web:case", args=[plain.number])).content.decode()


def test_the_marker_costs_no_query_per_row(housing, county, django_assert_max_num_queries):  # noqa: ANN001
    supervise(county, drive_to(county, Status.ACCEPTED))
    with django_assert_max_num_queries(30) as few:
        small = housing.get(reverse("web:queue"))
    assert small.status_code == 200
    for _ in range(4):
        supervise(county, drive_to(county, Status.ACCEPTED))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = housing.get(reverse("web:queue"))
    assert response.status_code == 200
    body = response.content.decode()
    assert len(marked(body)) == SupervisionOrder.objects.count() == 5
