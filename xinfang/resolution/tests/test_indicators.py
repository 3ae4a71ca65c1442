"""Indicator formulas on a hand-computed example (docs/indicators.md, "Worked example")."""

import datetime as dt

import pytest

from xinfang.cases.models import Satisfaction
from xinfang.cases.scenarios import act, register
from xinfang.cases.states import Action
from xinfang.cases.workflow import case_transition
from xinfang.core import clock
from xinfang.deadlines.services import deadline_scan
from xinfang.resolution.indicators import Average, Period, Ratio, indicator_table, unit_indicators
from xinfang.resolution.mediation import Action as M
from xinfang.resolution.mediation import mediation_refer, mediation_report, mediation_transition

MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def on(day, fn, *args, **kw):
    with clock.frozen(dt.date(2026, 3, day)):
        return fn(*args, **kw)


def build(c, w):
    """Four cases routed to the housing bureau in March 2026 and two mediations it referred."""
    a = on(2, register, c, received_on="2026-03-02")
    b = on(2, register, c, received_on="2026-03-02")
    cc = on(3, register, c, received_on="2026-03-03")
    d = on(10, register, c, received_on="2026-03-10", is_first_time=False)
    a, b, cc, d = (on(day, act, c, case, Action.TRANSFER)
                   for case, day in ((a, 2), (b, 2), (cc, 3), (d, 10)))
    # A: accepted in 3 days, answered in 15, rated 满意, closed.
    a = on(5, act, c, a, Action.ACCEPT)
    a = on(20, act, c, a, Action.ANSWER)
    on(21, act, c, a, Action.RATE)
    on(21, act, c, a, Action.CLOSE)
    # B: accepted late (day 23 of 15), failed mediation, answered in 5 days, rated 不满意.
    b = on(25, act, c, b, Action.ACCEPT)
    m = on(26, mediation_refer, case_id=b.pk, actor=w.handler(b),
           params={"organisation": w.org.pk, "parties": "张三\n物业"})
    on(26, mediation_transition, mediation_id=m.pk, action=M.ACCEPT, actor=w.mediator,
       params={"mediators": [w.mainland.pk], "consent": True})
    on(28, mediation_transition, mediation_id=m.pk, action=M.FAIL, actor=w.mediator,
       params={"reason": "分歧过大"})
    b = on(30, act, c, b, Action.ANSWER)
    on(30, case_transition, case_id=b.pk, action=Action.RATE, actor=c.user(c.bureau, "registrar"),
       params={"satisfaction": Satisfaction.UNSATISFIED, "comment": "不满意"})
    # D (a repeat petition): accepted in 2 days, answered in 4, closed, then 复查 and closed again.
    d = on(12, act, c, d, Action.ACCEPT)
    d = on(16, act, c, d, Action.ANSWER)
    d = on(17, act, c, d, Action.CLOSE)
    d = on(18, act, c, d, Action.REQUEST_REVIEW)
    d = on(24, act, c, d, Action.ANSWER_REVIEW)
    on(26, act, c, d, Action.CLOSE)
    # A dispute the housing bureau referred before it became a petition, settled on day 15.
    g = on(10, mediation_report, actor=c.user(c.housing, "handler"), params={
        "organisation": w.org.pk, "title": "装修噪音纠纷", "summary": "邻里装修噪音",
        "parties": "甲\n乙", "cross_border": False})
    on(11, mediation_transition, mediation_id=g.pk, action=M.ACCEPT, actor=w.mediator,
       params={"mediators": [w.mainland.pk], "consent": True})
    on(12, mediation_transition, mediation_id=g.pk, action=M.SESSION, actor=w.mediator,
       params={"held_on": "2026-03-12", "place": "社区", "summary": "面谈"})
    on(15, mediation_transition, mediation_id=g.pk, action=M.AGREE, actor=w.mediator,
       params={"agreement_text": "双方约定装修时间为工作日九时至十八时。"})
    on(31, deadline_scan)  # C: its acceptance notice is overdue since day 18


@pytest.mark.django_db
def test_indicators_match_the_hand_computed_example(w, county):
    build(county, w)
    row = unit_indicators(county.housing, MARCH)
    assert row.values == {
        "timely_acceptance": Ratio(2, 4),  # A, D met; B late; C overdue
        "on_time_completion": Ratio(3, 3),  # handling of A, B, D
        "participation": Ratio(2, 3),  # A, B rated of A, B, D answered
        "satisfaction": Ratio(1, 2),  # A 满意, B 不满意
        "resolution": Ratio(2, 3),  # A, D closed without 不满意
        "first_time_resolution": Ratio(1, 3),  # D needed a 复查
        "repeat": Ratio(1, 4),  # D of A, B, C, D
        "mediation_success": Ratio(1, 2),  # the dispute settled, B failed
    }
    assert row.stages["acceptance_notice"] == Average(3 + 23 + 2, 3)
    assert row.stages["handling"] == Average(15 + 5 + 4, 3)
    assert str(row.values["satisfaction"]) == "50.0%（1/2）"
    assert f"{row.stages['acceptance_notice'].value:.2f}" == "9.33"
    county_row = unit_indicators(county.county, MARCH)
    assert county_row.values["on_time_completion"] == Ratio(1, 1)  # D's 复查
    assert county_row.stages["review"] == Average(6, 1)

    # The table: a row per unit with data in the period, then the total (sums, not averages).
    rows = indicator_table([county.county, county.bureau, county.housing, county.township],
                           MARCH)
    assert [r.unit for r in rows] == [county.county, county.bureau, county.housing, None]
    total = rows[-1]
    assert total.values["on_time_completion"] == Ratio(4, 4)
    assert total.stages["intake"] == Average(0, 4)  # transferred on the day of registration
    assert unit_indicators(county.housing, Period(dt.date(2026, 4, 1), dt.date(2026, 4, 30))
                           ).empty


@pytest.mark.django_db
def test_a_case_seen_by_two_units_counts_once_in_the_total_repeat_rate(w, county):
    # given the example: four March cases registered by the bureau and handled by the housing
    # bureau (both units see each case), one of them (D) a repeat
    build(county, w)
    # when the table is drawn for both units
    rows = indicator_table([county.bureau, county.housing], MARCH)
    # then each unit row counts the four cases it took part in, and the total counts them once
    by_unit = {r.unit: r.values["repeat"] for r in rows}
    assert by_unit[county.bureau] == by_unit[county.housing] == Ratio(1, 4)
    assert by_unit[None] == Ratio(1, 4)


@pytest.mark.django_db
def test_a_mediation_referred_by_one_unit_to_another_counts_once_in_the_total(w, county):
    build(county, w)
    mediating_unit = w.org.unit
    rows = indicator_table([county.housing, mediating_unit], MARCH)
    by_unit = {r.unit: r.values["mediation_success"] for r in rows}
    assert by_unit[county.housing] == Ratio(1, 2)
    assert by_unit[None] == Ratio(1, 2)  # the two ended mediations, once each
