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


def test_demo_conference_has_decisions_at_every_stage_and_two_disputes(county):
    from xinfang.cases.models import Case
    from xinfang.institutions.demo import seed_conference
    from xinfang.institutions.models import Decision, JurisdictionDispute, Meeting
    from xinfang.institutions.states import DecisionStatus, DisputeStatus, MeetingStatus

    with clock.frozen(dt.datetime(2026, 3, 2, 15, 0)):
        cases = [drive_to(county, Status.ACCEPTED), drive_to(county, Status.REGISTERED),
                 drive_to(county, Status.REGISTERED)]
        line = seed_conference(county=county, cases=cases)
    assert "议定事项5项" in line and "受理争议2件" in line
    assert set(Meeting.objects.values_list("status", flat=True)) == {
        MeetingStatus.HELD, MeetingStatus.PLANNED}
    assert set(Decision.objects.values_list("status", flat=True)) == {
        DecisionStatus.VERIFIED, DecisionStatus.REPORTED, DecisionStatus.OVERDUE,
        DecisionStatus.ASSIGNED}
    assert Decision.objects.filter(events__action="return").exists()
    assert set(JurisdictionDispute.objects.values_list("status", flat=True)) == {
        DisputeStatus.SETTLED, DisputeStatus.PENDING}
    settled = JurisdictionDispute.objects.get(status=DisputeStatus.SETTLED)
    assert Case.objects.get(pk=settled.case_id).holding_unit == county.housing
    assert Meeting.objects.get(status=MeetingStatus.HELD).items.first().cases.count() == 1
