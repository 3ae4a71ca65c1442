"""The 四诊 figures (docs/indicators.md) against a hand count: on the dashboard of the county's bureau
and in its Excel; another county sees none of them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xinfang.core import clock
from xinfang.orgs.models import Role
from xinfang.servicepoints.states import ConsultAction as CA
from xinfang.servicepoints.states import SittingAction as SA
from xinfang.warning.selectors import dashboard_data

from .helpers import book_sitting, cstep, plan, receive, reception_day, sstep, worker

pytestmark = pytest.mark.django_db

TUESDAY = dt.datetime(2026, 11, 3, 9, 0)
LATER = dt.datetime(2026, 11, 23, 9, 0)


def at(day: int, hour: int = 10):  # noqa: ANN201
    return clock.frozen(dt.datetime(2026, 11, day, hour, 0))


@pytest.fixture
def world(county):  # noqa: ANN001, ANN201
    """Bookings of Tuesday 3 Nov: A received, B absent, C never settled, E cancelled; D for the
    10th, never settled. Six matters heard at the reception day (S1 from A's booking), four home
    visits planned."""
    w = worker(county)
    with clock.frozen(TUESDAY):
        day = reception_day(county, capacity=5)
        a, b, _c = (book_sitting(county, day, phone=p).booking
                    for p in ("13800000001", "13800000002", "13800000003"))
        book_sitting(county, day, dt.date(2026, 11, 10), phone="13800000004")
        e = book_sitting(county, day, phone="13800000005").booking
        sstep(e, SA.CANCEL, w, reason="改天再来")
        s1 = sstep(a, SA.RECEIVE, w).consult
        sstep(b, SA.NO_SHOW, w)
        s2, s3, s4, s5, s6 = (receive(county) for _ in range(5))
        cstep(s1, CA.RESOLVE, w, outcome="当场答复，群众满意。")
        cstep(s2, CA.ROUTE, w, units=[county.housing.pk], days=5)  # due 8 Nov
        cstep(s3, CA.ROUTE, w, units=[county.housing.pk], days=5)  # due 8 Nov
        cstep(s4, CA.ROUTE, w, units=[county.housing.pk], days=30)  # due 3 Dec
        for s in (s5, s6):
            cstep(s, CA.CONVENE, w, units=[county.housing.pk], meeting_on="2026-11-05")
        h1, h2, h3 = (plan(county, planned_on=f"2026-11-0{d}") for d in (4, 4, 5))
        plan(county, planned_on="2026-11-20")
    with at(4):
        cstep(h1, CA.VISIT, w, text="未发现矛盾纠纷")
        cstep(h2, CA.CANCEL, w, reason="农户外出")
    with at(6):
        cstep(s2, CA.RESOLVE, w, outcome="限期内化解。")
        cstep(s5, CA.RESOLVE, w, outcome="会诊后化解。")
        cstep(s6, CA.PETITION, w, title="征迁补偿争议", request="请求依法补偿。", purpose="request")
    with at(10):
        cstep(s3, CA.RESOLVE, w, outcome="逾期后化解。")
    del h3  # planned for the 5th, never visited


def test_the_sizhen_figures_by_hand(county, other_county, world):
    with clock.frozen(LATER):
        z = dashboard_data(county.user(county.bureau, Role.APPROVER)).grassroots["sizhen"]
        other = dashboard_data(other_county.user(other_county.bureau, Role.APPROVER)).grassroots
    # 坐诊: S1..S6 heard at the reception day; bookings come: A received, B absent (C unsettled,
    # D's date passed but unsettled, E cancelled: neither) → 1 ÷ (1 + 1) = 50 %
    assert (z["sitting"], z["kept"], z["no_show"], z["kept_rate"]) == (6, 1, 1, 50.0)
    # home visits planned for the 4th, 4th, 5th (the 20th counted too: it is before the 23rd),
    # one visited → 1 ÷ 4 = 25 %
    assert (z["visits_due"], z["visits_done"], z["visit_rate"]) == (4, 1, 25.0)
    # routed: S2 (resolved the 6th, due the 8th: on time), S3 (resolved the 10th: late), S4 (due
    # 3 Dec, open: not yet due) → 1 ÷ 2 = 50 %
    assert (z["routed"], z["routed_due"], z["routed_on_time"], z["routed_on_time_rate"]) == (
        3, 2, 1, 50.0)
    # 会诊: S5 resolved, S6 turned into a case → 1 ÷ 2
    assert (z["convened"], z["convened_resolved"], z["convened_resolved_rate"]) == (2, 1, 50.0)
    # resolved S1, S2, S3, S5; a case S6 → 4 ÷ 5 = 80 %
    assert (z["resolved"], z["petitioned"], z["without_case_rate"]) == (4, 1, 80.0)
    assert other["sizhen"]["sitting"] == 0 and other["sizhen"]["kept_rate"] is None


def test_the_sizhen_figures_in_the_excel_and_on_the_page(client, county, world):
    client.force_login(county.user(county.bureau, Role.APPROVER))
    with clock.frozen(LATER):
        page = client.get(reverse("warning:dashboard")).content.decode()
        xlsx = client.get(reverse("warning:export"))
    assert 'id="kpi-sitting"' in page and "80.0%" in page and "25.0%" in page
    wb = load_workbook(io.BytesIO(xlsx.content))
    rows = {r[0]: r[1:4] for r in wb["基层治理与人民建议"].iter_rows(values_only=True)}
    assert rows["坐诊接访事项"][0] == 6
    assert rows["预约到场率（%）"] == (50.0, 1, 2)
    assert rows["入户巡诊完成率（%）"] == (25.0, 1, 4)
    assert rows["分诊按期化解率（%）"] == (50.0, 1, 2)
    assert rows["会诊化解率（%）"] == (50.0, 1, 2)
    assert rows["未转信访件化解率（%）"] == (80.0, 4, 5)
