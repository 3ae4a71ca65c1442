"""小事不出村，大事不出镇 against a hand count on a small constructed set: per point, in all, on the
leaders' dashboard and in its Excel sheet 基层治理与人民建议 (formulas in docs/indicators.md)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xinfang.core import clock
from xinfang.orgs.models import Role
from xinfang.servicepoints.models import Need
from xinfang.servicepoints.selectors import figures
from xinfang.warning.selectors import dashboard_data

from .helpers import A, assign, finish, petition, point, record, refer, step, worker

pytestmark = pytest.mark.django_db

DAY = dt.datetime(2026, 11, 2, 9, 0)
LATER = DAY + dt.timedelta(days=20)


@pytest.fixture
def world(county, other_county):  # noqa: ANN001, ANN201
    """Nine needs of the county, seven first recorded at the village's point (V), two at the
    township's (T), and one of another county:

    | # | first at | how it ended                         | counts as            |
    |---|----------|--------------------------------------|----------------------|
    | 1 | V        | done at V, satisfied                 | village              |
    | 2 | V        | done at V, not satisfied             | village              |
    | 3 | V        | handed up to T, done at T            | township             |
    | 4 | V        | handed up to T, turned into a case   | petition             |
    | 5 | V        | turned into a case at V              | petition             |
    | 6 | V        | withdrawn                            | (not counted)        |
    | 7 | V        | assigned, still open                 | (not counted)        |
    | 8 | T        | done at T                            | township             |
    | 9 | T        | turned into a case at T              | petition             |
    """
    with clock.frozen(DAY):
        v, t = point(county), point(county, village=False)
        finish(county, record(county, v))
        finish(county, record(county, v), satisfaction="unsatisfied")
        finish(county, refer(county, record(county, v)))
        petition(county, refer(county, record(county, v)))
        petition(county, record(county, v))
        step(record(county, v), A.WITHDRAW, worker(county), reason="已自行和解")
        assign(county, record(county, v))
        finish(county, record(county, t))
        petition(county, record(county, t))
        finish(other_county, record(other_county))


def test_the_figures_match_the_hand_count(county, world):
    total, by_point = figures(Need.objects.filter(origin__unit__path__startswith=county.county.path))
    # in all: concluded = 2 village + 2 township + 3 petitions = 7 (withdrawn and open left out)
    assert (total.recorded, total.open, total.withdrawn) == (9, 1, 1)
    assert (total.village_done, total.township_done, total.petitioned, total.concluded) == (2, 2, 3, 7)
    assert (total.village_pct, total.local_pct) == (28.6, 57.1)  # 2/7, 4/7
    assert total.satisfied == 3  # #1, #3, #8 (satisfied); #2 was not
    rows = {f.name: f for f in by_point}
    v, t = rows["A县城关镇东街社区信访超市"], rows["A县城关镇信访超市"]
    # V (by where first recorded): 2 village + 1 township + 2 petitions = 5 → 2/5, 3/5
    assert (v.recorded, v.concluded, v.village_pct, v.local_pct) == (7, 5, 40.0, 60.0)
    # T: its own 1 done + 1 petition → nothing solved in a village (the visitor went to town)
    assert (t.recorded, t.concluded, t.village_pct, t.local_pct) == (2, 2, 0.0, 50.0)


def test_no_concluded_need_gives_no_rate(county):
    with clock.frozen(DAY):
        record(county)
    total, _rows = figures(Need.objects.all())
    assert total.concluded == 0 and total.village_pct is None and total.local_pct is None


def test_the_dashboard_and_excel_show_them_in_reach_and_in_the_year(client, county, other_county,
                                                                   world):
    approver = county.user(county.bureau, Role.APPROVER)
    with clock.frozen(LATER):
        g = dashboard_data(approver).grassroots
        other = dashboard_data(other_county.user(other_county.bureau, Role.APPROVER)).grassroots
    assert g["needs"] == {"name": "", "recorded": 9, "open": 1, "concluded": 7, "village_done": 2,
                          "township_done": 2, "local_done": 4, "petitioned": 3,
                          "village_rate": 28.6, "local_rate": 57.1}
    assert [r["name"] for r in g["need_points"]] == ["A县城关镇东街社区信访超市", "A县城关镇信访超市"]
    # the other county sees its one need (done in its village: 1/1)
    assert (other["needs"]["recorded"], other["needs"]["village_rate"]) == (1, 100.0)
    with clock.frozen(DAY + dt.timedelta(days=366)):
        assert dashboard_data(approver).grassroots["needs"]["recorded"] == 0
    client.force_login(approver)
    with clock.frozen(LATER):
        html = client.get(reverse("warning:dashboard")).content.decode()
        wb = load_workbook(io.BytesIO(client.get(reverse("warning:export")).content))
    kpi = html.split('id="kpi-village"')[1].split("</div></div>")[0]
    assert "28.6%" in kpi and "2 / 7" in kpi
    assert "57.1%" in html.split('id="kpi-township"')[1].split("</div></div>")[0]
    rows = {r[0]: r[1:] for r in wb["基层治理与人民建议"].iter_rows(min_row=2, values_only=True)}
    assert rows["村级化解率（%）"][:3] == (28.6, 2, 7)
    assert rows["镇村化解率（%）"][:3] == (57.1, 4, 7)
    assert rows["服务点：A县城关镇东街社区信访超市 · 镇村化解率（%）"][:3] == (60.0, 3, 5)
