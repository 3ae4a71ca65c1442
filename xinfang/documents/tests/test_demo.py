"""The demo seed records deliveries and stand-alone notices through the real services."""

from __future__ import annotations

import random

import pytest

from xinfang.cases.scenarios import drive_to
from xinfang.cases.states import Status
from xinfang.documents.demo import seed
from xinfang.documents.kinds import DocumentKind as K
from xinfang.documents.models import Delivery, Document

pytestmark = pytest.mark.django_db


def test_seed_delivers_notices_and_issues_letters(county):
    cases = [drive_to(county, s) for s in (Status.ACCEPTED, Status.ACCEPTED, Status.ANSWERED,
                                           Status.NOT_ACCEPTED, Status.REVIEWED)]
    issued = Document.objects.count()

    summary = seed(county=county, cases=cases, rng=random.Random(3))

    assert summary.startswith("文书：") and f"自动出具{issued}份" in summary
    assert Delivery.objects.exists()
    assert Document.objects.filter(kind__in=[K.HEARING, K.SUPERVISION]).count() == 2
    assert all(d.delivered_on is not None for d in Document.objects.filter(deliveries__isnull=False))
