"""How long cross-border matters take, against a hand count (formula in docs/indicators.md)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xinfang.cases.scenarios import act, register
from xinfang.cases.selectors import visible_cases
from xinfang.cases.states import Action
from xinfang.core import clock
from xinfang.orgs.models import Role
from xinfang.xborder.selectors import durations

from .helpers import hk, tw

pytestmark = pytest.mark.django_db

DAY0 = dt.date(2026, 3, 2)


def on(days: int) -> dt.datetime:
    return dt.datetime.combine(DAY0 + dt.timedelta(days=days), dt.time(10))


@pytest.fixture
def four(county, other_county):
    """Registered on DAY0 at the county bureau, transferred the same day:
    A (Hong Kong): accepted on day 2, answered on day 10;
    B (Taiwan):    not accepted on day 4;
    C (mainland):  accepted on day 6, answered on day 30;
    D (mainland):  still being transferred.
    Another county's Hong Kong case, accepted on day 1, is not in county A's figures."""
    with clock.frozen(on(0)):
        a, b = register(county, petitioners=[hk()]), register(county, petitioners=[tw()])
        c, _d = register(county), register(county)
        a, b, c = (act(county, x, Action.TRANSFER) for x in (a, b, c))
        other = act(other_county, register(other_county, petitioners=[hk()]), Action.TRANSFER)
    with clock.frozen(on(1)):
        act(other_county, other, Action.ACCEPT)
    with clock.frozen(on(2)):
        a = act(county, a, Action.ACCEPT)
    with clock.frozen(on(4)):
        act(county, b, Action.NOT_ACCEPT)
    with clock.frozen(on(6)):
        c = act(county, c, Action.ACCEPT)
    with clock.frozen(on(10)):
        act(county, a, Action.ANSWER)
    with clock.frozen(on(30)):
        act(county, c, Action.ANSWER)
    return county


def test_durations_against_a_hand_count(four):
    user = four.user(four.bureau, Role.APPROVER)
    got = durations(visible_cases(user), start=DAY0, end=DAY0 + dt.timedelta(days=40))
    # cross-border (A, B): decision after 2 and 4 days -> median (2+4)/2 = 3, mean 3; answer: A, 10
    assert got["cross_border"] == {
        "cases": 2, "decision": {"count": 2, "median": 3.0, "mean": 3.0},
        "answer": {"count": 1, "median": 10.0, "mean": 10.0}}
    # all (A-D): decision 2, 4, 6 -> median 4, mean 12/3 = 4; answer 10 and 30 -> median 20, mean 20
    assert got["all"] == {
        "cases": 4, "decision": {"count": 3, "median": 4.0, "mean": 4.0},
        "answer": {"count": 2, "median": 20.0, "mean": 20.0}}


def test_the_period_bounds_the_registrations(four):
    user = four.user(four.bureau, Role.APPROVER)
    later = durations(visible_cases(user), start=DAY0 + dt.timedelta(days=1),
                      end=DAY0 + dt.timedelta(days=40))
    assert later["all"] == {"cases": 0, "decision": {"count": 0, "median": None, "mean": None},
                            "answer": {"count": 0, "median": None, "mean": None}}


def test_on_the_dashboard_and_in_the_excel_export(client, four):
    client.force_login(four.user(four.bureau, Role.APPROVER))
    with clock.frozen(on(40)):
        html = client.get(reverse("warning:dashboard") + "?refresh=1").content.decode()
        xlsx = client.get(reverse("warning:export"))
    assert 'id="cross-border-durations"' in html
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content))["快速通道办理用时"]
    rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert [r[:6] for r in rows] == [
        ["快速通道", 2, "登记至受理决定", 2, 3.0, 3.0], ["快速通道", 2, "登记至答复", 1, 10.0, 10.0],
        ["全部信访件", 4, "登记至受理决定", 3, 4.0, 4.0], ["全部信访件", 4, "登记至答复", 2, 20.0, 20.0]]
