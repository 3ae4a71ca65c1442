import datetime as dt
import random

from xinfang.core import clock
from xinfang.whistle.demo import PLAN, seed
from xinfang.whistle.models import (
    Grid,
    GridKind,
    Whistle,
    WhistleEvent,
    WhistlePhoto,
    WhistleReport,
)
from xinfang.whistle.states import ReportStatus, WhistleStatus


def test_demo_seed_reaches_every_stage_through_the_workflow(county):
    with clock.frozen(dt.datetime(2026, 11, 20, 18)):
        line = seed(county=county, cases=[], rng=random.Random(1))
    assert Whistle.objects.count() == len(PLAN)
    assert set(Whistle.objects.values_list("status", flat=True)) == set(WhistleStatus)
    assert set(WhistleReport.objects.values_list("status", flat=True)) == set(ReportStatus)
    assert WhistleReport.objects.filter(escalated_at__isnull=False).exists()
    assert Grid.objects.filter(kind=GridKind.NON_TERRITORIAL).exists()
    assert "逾期督促 1 件" in line
    photos = list(WhistlePhoto.objects.order_by("pk"))
    assert [p.name for p in photos] == ["井盖破损.png", "临时警示.png"]
    assert all(p.content_type == "image/png" and p.file.storage.exists(p.file.name) for p in photos)
    assert WhistleEvent.objects.filter(type="whistle.photo_added").count() == 2
