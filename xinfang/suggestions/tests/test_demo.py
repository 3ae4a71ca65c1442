import datetime as dt
import random

from xinfang.core import clock
from xinfang.suggestions.demo import PLAN, seed
from xinfang.suggestions.models import Suggestion
from xinfang.suggestions.states import SuggestionStatus


def test_demo_seed_reaches_every_status_and_prints_a_working_code(county, client, settings):
    settings.XINFANG_PORTAL_UNIT = county.bureau.code
    with clock.frozen(dt.datetime(2026, 11, 20, 18)):
        line = seed(county=county, cases=[], rng=random.Random(1))
    assert Suggestion.objects.count() == len(PLAN)
    assert set(Suggestion.objects.values_list("status", flat=True)) == set(SuggestionStatus)
    code, phone = line.split("演示查询码 ")[1].split("，手机 ")
    phone = phone.split("（")[0]
    from xinfang.portal.tests.conftest import challenge

    html = client.get("/portal/suggestions/track/").content.decode()
    r = client.post("/portal/suggestions/track/", {"code": code, "phone": phone, **challenge(html)})
    assert r.status_code == 200 and "已答复" in r.content.decode()
