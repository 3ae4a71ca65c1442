import datetime as dt
import random

from xinfang.core import clock
from xinfang.warning.demo import seed
from xinfang.warning.models import Warning
from xinfang.warning.states import WarningStatus

from .helpers import TODAY


def test_demo_seed_raises_letters_and_a_response(county):
    with clock.frozen(dt.datetime.combine(TODAY, dt.time(18))):
        line = seed(county=county, cases=[], rng=random.Random(1))
    assert "预警" in line
    statuses = set(Warning.objects.values_list("status", flat=True))
    assert {WarningStatus.LETTER_ISSUED, WarningStatus.RESPONDED} <= statuses
