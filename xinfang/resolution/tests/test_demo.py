"""The demo seed runs through the real services on the given cases and creates none itself."""

import datetime as dt
import random

import pytest

from xinfang.cases.models import Case
from xinfang.cases.scenarios import drive_to
from xinfang.cases.states import Status
from xinfang.core import clock
from xinfang.resolution.demo import seed
from xinfang.resolution.models import (
    FollowUp,
    Hearing,
    LeaderAssignment,
    Mediation,
    Recommendation,
    SupervisionOrder,
)


@pytest.mark.django_db
def test_seed_creates_each_workflow_on_the_given_cases(county):
    with clock.frozen(clock.today() - dt.timedelta(days=30)):
        cases = [drive_to(county, s) for s in (
            Status.ACCEPTED, Status.ACCEPTED, Status.ACCEPTED, Status.ACCEPTED,
            Status.RECHECK_REQUESTED, Status.ANSWERED, Status.ANSWERED, Status.TRANSFERRED)]
    before = Case.objects.count()
    summary = seed(county=county, cases=cases, rng=random.Random(4))
    assert Case.objects.count() == before
    assert "调解成功并司法确认1件" in summary and "三项建议2件" in summary
    statuses = set(Mediation.objects.values_list("status", flat=True))
    assert {"confirmed", "failed", "accepted"} <= statuses
    assert Mediation.objects.filter(cross_border=True, mediators__origin="hk").exists()
    assert set(Hearing.objects.values_list("status", flat=True)) == {"concluded"}
    assert SupervisionOrder.objects.filter(escalation_level__gt=0, issued_by__isnull=False
                                           ).exists()
    assert SupervisionOrder.objects.filter(status="replied").exists()
    assert LeaderAssignment.objects.filter(status="active").exists()
    assert set(Recommendation.objects.values_list("status", flat=True)) == {"answered", "issued"}
    assert FollowUp.objects.filter(status="open").exists()


@pytest.mark.django_db
def test_seed_leaves_out_what_it_has_no_case_for(county):
    summary = seed(county=county, cases=[], rng=random.Random(1))
    assert "调解成功" not in summary and "网格诉前调解2件" in summary
