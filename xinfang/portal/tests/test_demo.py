import random

from xinfang.cases.states import Status
from xinfang.portal import demo
from xinfang.portal.models import Submission
from xinfang.portal.services import submission_verify


def test_seed_files_online_petitions_with_a_usable_code(county):
    summary = demo.seed(county=county, cases=[], rng=random.Random(1))
    assert Submission.objects.count() == len(demo.PETITIONS)
    code = summary.split("查询码 ")[1].split("，")[0]
    phone = summary.split("手机 ")[1].split("（")[0]
    found = submission_verify(code=code, phone=phone)
    assert found is not None and found.case.status == Status.ANSWERED
    assert found.case.channel == "online"
