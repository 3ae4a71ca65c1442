import datetime as dt
import random
import re

import pytest

from xinfang.core import clock
from xinfang.servicepoints.demo import PLAN, seed
from xinfang.servicepoints.models import Need, NeedChannel
from xinfang.servicepoints.services import need_lookup
from xinfang.servicepoints.states import NeedStatus

pytestmark = pytest.mark.django_db


def test_demo_seed_reaches_every_stage_through_the_workflow(county):
    with clock.frozen(dt.datetime(2026, 11, 20, 18)):
        line = seed(county=county, cases=[], rng=random.Random(1))
    assert Need.objects.count() == len(PLAN) + 1
    online = Need.objects.get(channel=NeedChannel.ONLINE)  # sent on the portal, then assigned
    assert online.status == NeedStatus.ASSIGNED and online.recorded_by is None
    code = re.search(r"演示查询码 ([0-9A-Z\-]+)，手机 (\d+)", line)
    assert need_lookup(code=code.group(1), phone=code.group(2)) == online
    assert set(Need.objects.values_list("status", flat=True)) == set(NeedStatus)
    assert Need.objects.filter(case__isnull=False).count() == 1
    assert Need.objects.filter(escalated_at__isnull=False).exists()
    assert Need.objects.filter(status=NeedStatus.DONE, point__unit=county.township,
                               origin__unit=county.village).exists()  # handed up, done in town
    assert "逾期提醒" in line and "逾期提醒 0 件" not in line and "escalated" not in line


def test_demo_seed_reaches_every_stage_of_the_consults(county):
    from xinfang.servicepoints.demo import CONSULTS
    from xinfang.servicepoints.models import Consult, ReceptionDay
    from xinfang.servicepoints.states import ConsultStatus

    with clock.frozen(dt.datetime(2026, 11, 20, 18)):  # a Friday
        seed(county=county, cases=[], rng=random.Random(1))
    # one more: the booking received on last week's reception day
    assert Consult.objects.count() == len(CONSULTS) + 1 and ReceptionDay.objects.count() == 1
    assert set(Consult.objects.values_list("status", flat=True)) == set(ConsultStatus)
    # the matters received were heard on the reception day (a Tuesday)
    assert not Consult.objects.filter(kind="sitting", reception__isnull=True).exists()


def test_demo_seed_books_the_reception_day_through_every_stage(county):
    from xinfang.servicepoints.demo import SITTINGS
    from xinfang.servicepoints.models import SittingBooking
    from xinfang.servicepoints.states import ConsultStatus, SittingStatus

    with clock.frozen(dt.datetime(2026, 11, 20, 18)):  # a Friday
        line = seed(county=county, cases=[], rng=random.Random(1))
    assert SittingBooking.objects.count() == len(SITTINGS) and f"坐诊预约 {len(SITTINGS)} 人次" in line
    assert set(SittingBooking.objects.values_list("status", flat=True)) == set(SittingStatus)
    kept = SittingBooking.objects.get(status=SittingStatus.KEPT)
    assert kept.consult.status == ConsultStatus.RESOLVED and kept.date.weekday() == 1
    assert SittingBooking.objects.filter(status=SittingStatus.BOOKED,
                                         date__gt=dt.date(2026, 11, 20)).count() == 2
