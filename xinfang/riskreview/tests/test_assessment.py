"""The assessment drawn from the data, counted against a constructed set of petitions and warnings
(in and out of the places, the subjects and the window), the suggested level, Art. 30 on the
linked cases, and the follow-up check's rise."""

from __future__ import annotations

import datetime as dt

import pytest

from xinfang.cases.models import Category, Purpose
from xinfang.core import clock
from xinfang.orgs.models import Role
from xinfang.riskreview.selectors import linked_cases, suggest
from xinfang.warning.models import WarningKind, WarningLevel
from xinfang.warning.states import WarningStatus
from xinfang.warning.tests.helpers import make_warning

from .helpers import A, S, assessor, bring, categories, owner, petition, step

TODAY = dt.date(2026, 11, 20)
NOON = dt.datetime(2026, 11, 20, 12, 0)


@pytest.fixture
def world(county):
    """Five petitions in (by category, sub-category, keyword in the title, keyword in the request,
    the first day of the 365-day window) and four out (the parent category without a keyword, the
    township above the place, the day before the window, an accusation), and four warnings."""
    top, demolition, education = categories()
    house = Category.objects.create(name="房屋征收补偿", parent=demolition, level=3)
    with clock.frozen(NOON):
        inside = {
            "category": petition(county, on=dt.date(2026, 11, 10), category=demolition),
            "keyword_title": petition(county, on=dt.date(2026, 10, 5), category=education,
                                      title="学校拆迁后学生就学困难", headcount=6),
            "keyword_request": petition(county, on=dt.date(2026, 9, 15), title="补偿款未到位",
                                        request="请求尽快发放征收补偿款。", headcount=3,
                                        collective=True, first=False),
            "sub_category": petition(county, on=dt.date(2026, 11, 1), category=house),
            "first_day": petition(county, on=dt.date(2025, 11, 21), category=demolition),
        }
        outside = {
            "parent_category": petition(county, on=dt.date(2026, 11, 2), category=top,
                                        title="楼道漏水", request="请求维修。"),
            "township": petition(county, on=dt.date(2026, 11, 3), unit=county.township,
                                 category=demolition),
            "day_before": petition(county, on=dt.date(2025, 11, 20), category=demolition),
            "accusation": petition(county, on=dt.date(2026, 11, 4), category=demolition,
                                   purpose=Purpose.ACCUSATION, accused_unit=county.township,
                                   title="拆迁办工作人员索要好处费"),
        }
        warnings = {
            "hot": make_warning(county, kind=WarningKind.HOT_ISSUE, scope_unit=county.village,
                                label="东街拆迁补偿", level=WarningLevel.YELLOW),
            "evidence": make_warning(county, cases=[inside["category"]], level=WarningLevel.ORANGE),
            "closed": make_warning(county, scope_unit=county.village,
                                   status=WarningStatus.CLOSED),
            "other_subject": make_warning(county, scope_unit=county.village, category=education),
        }
    return {"in": inside, "out": outside, "warnings": warnings}


def _drawn(county):  # noqa: ANN001, ANN202
    with clock.frozen(NOON):
        return bring(county, S.ASSESSING)


def test_the_counts_against_a_hand_made_set(county, world):
    snap = _drawn(county).snapshot
    assert sorted(snap["cases"]) == sorted(c.pk for c in world["in"].values())
    assert snap["window"] == {"start": "2025-11-21", "end": "2026-11-20", "days": 365}
    # by hand: 5 petitions; group: headcount 6 (≥ 5) and the one marked collective; repeat: the
    # one not first-time; people 1 + 6 + 3 + 1 + 1
    assert (snap["total"], snap["group"], snap["repeat"], snap["people"]) == (5, 2, 1, 12)
    assert dict(snap["by_category"]) == {"征地拆迁": 2, "教育文体": 1, "": 1, "房屋征收补偿": 1}
    assert dict(snap["by_place"]) == {county.village.name: 5}
    monthly = dict(snap["monthly"])
    assert len(monthly) == 13 and sum(monthly.values()) == 5
    assert (monthly["2025-11"], monthly["2026-09"], monthly["2026-10"], monthly["2026-11"]) == (1, 1, 1, 2)
    # the last three months (Sep-Nov) against the three before (Jun-Aug)
    assert snap["trend"] == {"recent": 4, "previous": 0, "months": 3}
    # open warnings touching it: the hot issue in the village (no category), the orange one whose
    # evidence is a counted petition; not the closed one, not the one of another category
    numbers = {w["number"] for w in snap["warnings"]}
    assert numbers == {world["warnings"]["hot"].number, world["warnings"]["evidence"].number}
    assert (snap["open_warnings"], snap["hot_issues"], snap["severe_warnings"]) == (2, 1, 1)


def test_the_suggested_level_follows_the_documented_rule(county, world, settings):
    d = _drawn(county)
    snap = d.snapshot
    # 2 group petitions (≥ high_group 2) and an orange warning: 高; 5 petitions (≥ 5), a rise of
    # 4 against 0 and the yellow hot issue add 中 reasons
    assert d.suggested_level == snap["suggested"] == "high"
    fired = {(r["code"], r["tier"]) for r in snap["reasons"]}
    assert fired == {("group", "high"), ("severe_warning", "high"), ("total", "medium"),
                     ("rising", "medium"), ("open_warning", "medium")}
    # with stricter thresholds and no severe warning the same data suggest 中, then 低
    calm = {**snap, "severe_warnings": 0, "open_warnings": 0}
    settings.XINFANG_RISK_LEVEL_RULE = {"high_group": 3}
    assert suggest(calm)[0] == "medium"
    settings.XINFANG_RISK_LEVEL_RULE = {"high_group": 3, "medium_group": 3, "medium_total": 6,
                                        "rising_min": 5}
    assert suggest(calm) == ("low", [])


def test_the_snapshot_keeps_what_was_known_then(county, world):
    _top, demolition, _edu = categories()
    d = _drawn(county)
    with clock.frozen(NOON):
        d = step(d, A.ASSESS, assessor(county), risk_level="high", risk_points="补偿分歧",
                 measures="逐户走访")
        petition(county, on=TODAY, category=demolition)  # after the assessment
    d.refresh_from_db()
    assert d.snapshot["total"] == 5 and d.status == S.ASSESSED


def test_art_30_no_accusation_in_the_snapshot_and_links_only_within_the_readers_reach(
        client, county, world):
    d = _drawn(county)
    accusation = world["out"]["accusation"]
    assert accusation.pk not in d.snapshot["cases"]
    # the bureau sees every counted petition; the township (the accused unit) only those routed to
    # it (none here): the rest are counted, never listed
    shown, seen, hidden = linked_cases(assessor(county), d.snapshot["cases"])
    assert (len(shown), seen, hidden) == (5, 5, 0)
    shown, seen, hidden = linked_cases(owner(county), d.snapshot["cases"])
    assert (shown, seen, hidden) == ([], 0, 5)
    # the page lists the latest ones only
    shown, seen, hidden = linked_cases(assessor(county), d.snapshot["cases"], limit=2)
    assert [c.pk for c in shown] == [world["in"]["category"].pk, world["in"]["sub_category"].pk]
    assert (seen, hidden) == (5, 0)
    client.force_login(owner(county))
    page = client.get(f"/riskreview/d/{d.number}/").content.decode()
    assert accusation.number not in page and accusation.title not in page
    assert world["in"]["category"].number not in page and "另有5件不在您的查看范围内" in page
    client.force_login(assessor(county))
    page = client.get(f"/riskreview/d/{d.number}/").content.decode()
    assert world["in"]["category"].number in page and accusation.number not in page


def test_follow_up_flags_a_rise_against_the_snapshot(county, world):
    _top, demolition, _edu = categories()
    with clock.frozen(NOON):
        d = bring(county, S.DECIDED, _drawn(county))
    # 73 days on, the snapshot's 5 petitions a year lead one to expect 5 × 73 / 365 = 1.0
    later = NOON + dt.timedelta(days=73)
    with clock.frozen(later):
        petition(county, on=later.date(), category=demolition)
        petition(county, on=later.date() - dt.timedelta(days=1), category=demolition)
        d = step(d, A.CHECK, assessor(county, Role.HANDLER))
    first = d.checks.get()
    # 2 new < rising_min 3, no group petition, no new warning: steady
    assert (first.new_cases, first.expected, first.new_group, first.new_warnings, first.rise) == (
        2, 1.0, 0, 0, False)
    with clock.frozen(later):
        third = petition(county, on=later.date(), category=demolition)
        d = step(d, A.CHECK, assessor(county, Role.HANDLER))
        make_warning(county, cases=[third], level=WarningLevel.YELLOW)
        d = step(d, A.CHECK, assessor(county, Role.HANDLER))
    second, last = d.checks.order_by("pk")[1:]
    # 3 new ≥ 3 and 3 > 1.0 × 1.5: a rise; then also the new warning on one of them
    assert (second.new_cases, second.rise, second.data["reasons"]) == (3, True, ["more_cases"])
    assert (last.new_warnings, last.data["reasons"]) == (1, ["more_cases", "warnings"])
    assert third.pk in last.data["cases"]
