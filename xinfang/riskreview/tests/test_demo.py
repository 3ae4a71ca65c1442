import datetime as dt
import random

from xinfang.core import clock
from xinfang.riskreview.demo import DECISIONS, MARKET, PETITIONS, seed
from xinfang.riskreview.models import Decision, DecisionCheck
from xinfang.riskreview.states import DecisionStatus


def test_demo_seed_reaches_several_stages_through_the_workflow(county):
    with clock.frozen(dt.datetime(2026, 11, 20, 18)):
        line = seed(county=county, cases=[], rng=random.Random(1))
    assert Decision.objects.count() == len(DECISIONS)
    assert set(Decision.objects.values_list("status", flat=True)) == {
        DecisionStatus.FOLLOWED_UP, DecisionStatus.ASSESSED, DecisionStatus.ASSESSING,
        DecisionStatus.CLOSED}
    demolition = Decision.objects.get(title__contains="东街片区")
    # the eight petitions before the assessment, two of them group visits: 高
    assert (demolition.snapshot["total"], demolition.snapshot["group"]) == (8, 2)
    assert demolition.risk_level == "high" and demolition.outcome == "with_measures"
    check = DecisionCheck.objects.get(decision=demolition)
    # the check 10 days ago finds the three petitions after the decision, one a group visit
    assert (check.rise, check.new_cases, check.new_group) == (True, 3, 1)
    assert Decision.objects.get(title__contains="招牌").legal_opinion == "unlawful"
    market = Decision.objects.get(title__contains="农贸市场")  # two petitions, one a group visit
    assert (market.snapshot["total"], market.risk_level, market.status) == (2, "medium", "assessed")
    assert f"{len(PETITIONS) + len(MARKET)} 件" in line and "到期跟踪检查 1 次" in line
    assert "demolition" not in line  # the summary names the decisions by their titles
