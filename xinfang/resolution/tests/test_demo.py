"""The demo seed runs through the real services and leaves every workflow clickable."""

import random

import pytest

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
def test_seed_creates_each_workflow(county):
    summary = seed(county=county, cases=[], rng=random.Random(4))
    assert "调解4件" in summary
    statuses = set(Mediation.objects.values_list("status", flat=True))
    assert {"confirmed", "failed", "accepted"} <= statuses
    assert Mediation.objects.filter(cross_border=True, mediators__origin="hk").exists()
    assert Mediation.objects.filter(case__isnull=True).exists()
    assert set(Hearing.objects.values_list("status", flat=True)) == {"concluded", "scheduled"}
    assert SupervisionOrder.objects.filter(escalation_level__gt=0).exists()
    assert SupervisionOrder.objects.filter(status="replied").exists()
    assert LeaderAssignment.objects.filter(status="active").exists()
    assert set(Recommendation.objects.values_list("status", flat=True)) == {"answered", "issued"}
    assert FollowUp.objects.filter(status="open").exists()
