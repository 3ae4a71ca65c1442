import datetime as dt
import random

import pytest

from xinfang.core import clock
from xinfang.notifications.models import Channel, Notification
from xinfang.xborder.demo import seed
from xinfang.xborder.models import FastTrack, TargetReminder

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jobs_at_once")]


def test_demo_cross_border_cases_through_the_workflow(county):
    with clock.frozen(dt.datetime(2026, 11, 20, 18)):
        line = seed(county=county, cases=[], rng=random.Random(1))
    assert FastTrack.objects.filter(status="on").count() == 3
    assert set(FastTrack.objects.values_list("basis", flat=True)) == {"party", "staff"}
    assert TargetReminder.objects.count() == 1 and "内部时限提醒 1 件" in line
    texts = list(Notification.objects.filter(channel=Channel.SMS).values_list("body", flat=True))
    assert any("登記" in t for t in texts) and any("registered" in t for t in texts)
