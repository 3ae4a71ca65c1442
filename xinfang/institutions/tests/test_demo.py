import datetime as dt
import random

from xinfang.cases.scenarios import drive_to
from xinfang.cases.states import Status
from xinfang.core import clock
from xinfang.institutions.demo import seed
from xinfang.institutions.models import UrgentReceipt, UrgentReport
from xinfang.institutions.states import ReceiptStatus, ReportStatus


def test_demo_seed_gives_a_report_to_sign_and_one_overdue(county):
    with clock.frozen(dt.datetime(2026, 3, 2, 15, 0)):
        cases = [drive_to(county, Status.REGISTERED), drive_to(county, Status.ACCEPTED)]
        line = seed(county=county, cases=cases, rng=random.Random(1))
    assert "紧急上报2件" in line
    assert UrgentReport.objects.filter(status=ReportStatus.REPORTED).count() == 2
    statuses = set(UrgentReceipt.objects.values_list("status", flat=True))
    assert statuses == {ReceiptStatus.ACKNOWLEDGED, ReceiptStatus.OVERDUE, ReceiptStatus.PENDING}
