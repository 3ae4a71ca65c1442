"""The grassroots figures on the dashboard and in its Excel (issue 18): 吹哨报到 and 人民建议 of the last
year in the viewer's reach, checked against a hand count (formulas in docs/indicators.md)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xinfang.core import clock
from xinfang.orgs.models import Role
from xinfang.suggestions.states import SuggestionAction, SuggestionStatus
from xinfang.suggestions.tests.helpers import actor as suggestion_actor
from xinfang.suggestions.tests.helpers import bring, enter, params_for
from xinfang.suggestions.workflow import suggestion_transition
from xinfang.warning.selectors import dashboard_data
from xinfang.whistle.tests.helpers import close, grid, raise_whistle

pytestmark = pytest.mark.django_db

DAY = dt.datetime(2026, 11, 2, 9, 0)
LATER = DAY + dt.timedelta(days=20)


@pytest.fixture
def world(county, other_county):  # noqa: ANN001, ANN201
    """Three whistles of the county (two closed after 2 and 4 days, one on a second grid still open),
    one of another county; three suggestions (adopted, not adopted, only entered), answered after
    6 and 2 days."""
    with clock.frozen(DAY):
        a = raise_whistle(county, units=[county.housing])
        b = raise_whistle(county)
        raise_whistle(county, units=[county.political_legal], g=grid(county, name="海上网格"))
        raise_whistle(other_county, units=[other_county.housing])
        adopted, declined = enter(county), enter(county)
        bring(county, SuggestionStatus.SUBMITTED)
    with clock.frozen(DAY + dt.timedelta(days=2)):
        close(county, a)
        _walk(county, declined, [SuggestionAction.REFER, SuggestionAction.ANSWER,
                                 SuggestionAction.DECLINE])
    with clock.frozen(DAY + dt.timedelta(days=4)):
        close(county, b)
    with clock.frozen(DAY + dt.timedelta(days=6)):
        _walk(county, adopted, [SuggestionAction.REFER, SuggestionAction.ANSWER,
                                SuggestionAction.ADOPT])


def _walk(county, s, actions):  # noqa: ANN001, ANN202
    for a in actions:
        s = suggestion_transition(suggestion_id=s.pk, action=a, actor=suggestion_actor(county, a),
                                  params=params_for(county, a))
    return s


def test_the_dashboard_counts_whistles_and_suggestions_in_reach_by_hand(county, world):
    # when the county bureau's approver's dashboard is computed 20 days later
    with clock.frozen(LATER):
        g = dashboard_data(county.user(county.bureau, Role.APPROVER)).grassroots
    # then (hand count) 3 whistles of this county, 2 closed after 2 and 4 days: mean 3.0 days
    assert g["whistle"] == {"name": "", "whistled": 3, "closed": 2, "average_days": 3.0}
    grids = {r["name"]: (r["whistled"], r["closed"], r["average_days"]) for r in g["grids"]}
    assert grids == {"东街第一网格": (2, 2, 3.0), "海上网格": (1, 0, None)}
    departments = {r["name"]: (r["whistled"], r["closed"], r["average_days"])
                   for r in g["departments"]}
    assert departments == {county.housing.name: (2, 2, 3.0),
                           county.political_legal.name: (2, 1, 4.0)}
    # 3 suggestions, 2 decided of which 1 adopted (50 %), answered after 6 and 2 days (mean 4.0)
    assert g["suggestions"] == {"count": 3, "answered": 2, "decided": 2, "adopted": 1,
                                "adoption_rate": 50.0, "average_days_to_answer": 4.0}


def test_the_year_window_and_the_reach_hold(county, other_county, world):
    # a year and a day later nothing of it is counted; the other county sees only its own whistle
    with clock.frozen(DAY + dt.timedelta(days=366)):
        late = dashboard_data(county.user(county.bureau, Role.APPROVER)).grassroots
    assert late["whistle"]["whistled"] == 0 and late["suggestions"]["count"] == 0
    with clock.frozen(LATER):
        other = dashboard_data(other_county.user(other_county.bureau, Role.APPROVER)).grassroots
    assert other["whistle"]["whistled"] == 1 and other["suggestions"]["count"] == 0


def test_the_page_and_the_excel_show_them(client, county, world):
    client.force_login(county.user(county.bureau, Role.APPROVER))
    with clock.frozen(LATER):
        html = client.get(reverse("warning:dashboard")).content.decode()
        wb = load_workbook(io.BytesIO(client.get(reverse("warning:export")).content))
    assert "基层治理与人民建议（近一年）" in html and "吹哨到办结平均天数" in html
    rows = {r[0]: r[1:] for r in wb["基层治理与人民建议"].iter_rows(min_row=2, values_only=True)}
    assert rows["吹哨事项"][0] == 3 and rows["吹哨到办结平均天数"][0] == 3.0
    assert rows["建议采纳率（%）"][:3] == (50.0, 1, 2)
    assert rows["网格：海上网格"][:3] == (None, 0, 1)
