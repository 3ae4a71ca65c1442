"""Art. 25 urgent reporting: every allowed and forbidden step of both workflows, with the actor,
the unit and the status it depends on; the hourly sweep; the case timeline and the messages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from xinfang.cases.models import Case, CaseEvent, Purpose
from xinfang.core import clock
from xinfang.core import workflow as engine
from xinfang.core.errors import GuardFailed, IllegalTransition, InvalidParams, PermissionDenied
from xinfang.institutions.models import UrgentReceipt, UrgentReport
from xinfang.institutions.services import urgent_sweep
from xinfang.institutions.states import ReceiptAction, ReceiptStatus, ReportAction, ReportStatus
from xinfang.institutions.workflow import (
    URGENT_RECEIPTS,
    URGENT_REPORTS,
    receipt_transition,
    receivers_for,
    urgent_report,
)
from xinfang.notifications.models import Notification
from xinfang.orgs.models import Role

from .conftest import REPORT

START = dt.datetime(2026, 3, 2, 9, 0)


def _report(chain, case, actor=None):  # noqa: ANN001, ANN202
    actor = actor or chain.county.user(chain.county.bureau, Role.REGISTRAR)
    return urgent_report(case_id=case.pk, actor=actor, params=dict(REPORT))


def test_art25_report_goes_to_own_government_and_every_bureau_above(chain):
    """Art. 25 ¶1 本级党委和政府, ¶2 上一级信访部门 and on to the top; each told at once."""
    c = chain.county
    case = chain.case()
    with clock.frozen(START):
        report = _report(chain, case)
    assert report.status == ReportStatus.REPORTED
    assert report.reporting_unit == c.bureau
    receipts = list(report.receipts.order_by("order"))
    assert [r.unit for r in receipts] == [c.county, chain.city_bureau, chain.province_bureau]
    assert {r.status for r in receipts} == {ReceiptStatus.PENDING}
    assert {r.due_at for r in receipts} == {clock_aware(START) + dt.timedelta(hours=2)}
    event = CaseEvent.objects.get(case=case, type="urgent.step")
    assert (event.action, event.old_value, event.new_value) == ("report", "", "reported")
    assert event.data["units"] == [c.county.name, chain.city_bureau.name, chain.province_bureau.name]
    assert "紧急上报" in event.text and chain.city_bureau.name in event.text
    told = Notification.objects.filter(case=case, subject__contains="紧急上报")
    assert set(told.values_list("user__unit", flat=True)) == {
        c.county.pk, chain.city_bureau.pk, chain.province_bureau.pk}


def clock_aware(moment: dt.datetime) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(moment)


@override_settings(XINFANG_URGENT_LEVELS=1, XINFANG_URGENT_OWN_GOVERNMENT=False)
def test_art25_levels_and_own_government_are_configured(chain):
    report = _report(chain, chain.case())
    assert [r.unit for r in report.receipts.all()] == [chain.city_bureau]


def test_art25_a_department_reports_to_its_bureau_first(chain):
    c = chain.county
    units = receivers_for(Case(purpose=Purpose.REQUEST), c.housing)
    assert units == [c.county, c.bureau, chain.city_bureau, chain.province_bureau]


def test_art30_an_accusation_never_reaches_the_accused_unit(chain):
    c = chain.county
    accusation = Case(purpose=Purpose.ACCUSATION, accused_unit=c.county)
    assert receivers_for(accusation, c.housing) == [chain.city_bureau, chain.province_bureau]


@override_settings(XINFANG_URGENT_OWN_GOVERNMENT=False)
def test_art25_no_level_above_is_refused(county):
    """No bureau above the county bureau and its government not asked: nothing to report to."""
    case = __import__("xinfang.cases.scenarios", fromlist=["drive_to"]).drive_to(county, "registered")
    with pytest.raises(GuardFailed, match="没有可接报"):
        urgent_report(case_id=case.pk, actor=county.user(county.bureau, Role.REGISTRAR),
                      params=dict(REPORT))
    assert not UrgentReport.objects.exists()


@pytest.mark.parametrize("role", [Role.REGISTRAR, Role.HANDLER, Role.APPROVER, Role.LEADER])
def test_art25_staff_of_the_holding_unit_with_a_role_may_report(chain, role):
    report = _report(chain, chain.case(), chain.staff(chain.county.bureau, role))
    assert report.status == ReportStatus.REPORTED


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.ADMINISTRATOR])
def test_art25_other_roles_may_not_report(chain, role):
    with pytest.raises(PermissionDenied):
        _report(chain, chain.case(), chain.staff(chain.county.bureau, role))
    assert not UrgentReport.objects.exists()


def test_art25_a_unit_not_holding_the_case_may_not_report(chain):
    """The county government sees the case (its jurisdiction) but does not hold it."""
    c = chain.county
    with pytest.raises(PermissionDenied):
        _report(chain, chain.case(), c.user(c.county, Role.APPROVER))


def test_art25_a_case_outside_the_jurisdiction_is_not_found(chain, other_county):
    with pytest.raises(Case.DoesNotExist):
        _report(chain, chain.case(), other_county.user(other_county.bureau, Role.REGISTRAR))


def test_art25_the_summary_is_required(chain):
    with pytest.raises(InvalidParams):
        urgent_report(case_id=chain.case().pk,
                      actor=chain.county.user(chain.county.bureau, Role.REGISTRAR),
                      params={"grade": "major", "summary": "  "})


def test_art25_each_level_signs_and_the_last_completes_the_report(chain):
    c = chain.county
    case = chain.case()
    report = _report(chain, case)
    signers = {c.county.pk: c.user(c.county, Role.APPROVER),
               chain.city_bureau.pk: chain.staff(chain.city_bureau, Role.REGISTRAR),
               chain.province_bureau.pk: chain.staff(chain.province_bureau, Role.LEADER)}
    receipts = list(report.receipts.order_by("order"))
    for i, receipt in enumerate(receipts):
        done = receipt_transition(receipt_id=receipt.pk, action=ReceiptAction.ACKNOWLEDGE,
                                  actor=signers[receipt.unit_id], params={"note": "已阅，请属地稳控"})
        assert done.status == ReceiptStatus.ACKNOWLEDGED
        assert done.acknowledged_by == signers[receipt.unit_id]
        expected = ReportStatus.ACKNOWLEDGED if i == len(receipts) - 1 else ReportStatus.REPORTED
        assert UrgentReport.objects.get(pk=report.pk).status == expected
    report.refresh_from_db()
    assert report.completed_at is not None
    steps = list(CaseEvent.objects.filter(case=case, type="urgent.step").order_by("pk")
                 .values_list("action", "new_value"))
    assert steps == [("report", "reported"), ("acknowledge", "acknowledged"),
                     ("acknowledge", "acknowledged"), ("acknowledge", "acknowledged"),
                     ("complete", "acknowledged")]
    told_back = Notification.objects.filter(user__unit=c.bureau, subject__contains="已签收")
    assert told_back.values("user").distinct().count() > 0


def test_art25_only_the_receiving_level_signs_for_itself(chain):
    report = _report(chain, chain.case())
    province = report.receipts.get(unit=chain.province_bureau)
    city_registrar = chain.staff(chain.city_bureau, Role.REGISTRAR)
    with pytest.raises(PermissionDenied):  # sees the case (its jurisdiction), not its receipt
        receipt_transition(receipt_id=province.pk, action=ReceiptAction.ACKNOWLEDGE,
                           actor=city_registrar)
    assert UrgentReceipt.objects.get(pk=province.pk).status == ReceiptStatus.PENDING


def test_art25_a_handler_of_the_receiving_level_may_not_sign(chain):
    report = _report(chain, chain.case())
    city = report.receipts.get(unit=chain.city_bureau)
    with pytest.raises(PermissionDenied):
        receipt_transition(receipt_id=city.pk, action=ReceiptAction.ACKNOWLEDGE,
                           actor=chain.staff(chain.city_bureau, Role.HANDLER))


def test_art25_a_receipt_of_another_jurisdiction_is_not_found(chain, other_county):
    report = _report(chain, chain.case())
    receipt = report.receipts.get(unit=chain.county.county)
    with pytest.raises(UrgentReceipt.DoesNotExist):
        receipt_transition(receipt_id=receipt.pk, action=ReceiptAction.ACKNOWLEDGE,
                           actor=other_county.user(other_county.county, Role.APPROVER))


def test_art25_signing_twice_is_illegal(chain):
    report = _report(chain, chain.case())
    city = report.receipts.get(unit=chain.city_bureau)
    signer = chain.staff(chain.city_bureau, Role.REGISTRAR)
    receipt_transition(receipt_id=city.pk, action=ReceiptAction.ACKNOWLEDGE, actor=signer)
    with pytest.raises(IllegalTransition):
        receipt_transition(receipt_id=city.pk, action=ReceiptAction.ACKNOWLEDGE, actor=signer)


def test_art25_system_steps_are_the_systems_only(chain):
    report = _report(chain, chain.case())
    city = report.receipts.get(unit=chain.city_bureau)
    person = chain.staff(chain.city_bureau, Role.SUPERVISOR)
    for action in (ReceiptAction.FLAG_OVERDUE, ReceiptAction.RENOTIFY):
        status = ReceiptStatus.PENDING if action == ReceiptAction.FLAG_OVERDUE else None
        if status is None:
            UrgentReceipt.objects.filter(pk=city.pk).update(status=ReceiptStatus.OVERDUE)
        with pytest.raises(PermissionDenied, match="由系统自动执行"):
            receipt_transition(receipt_id=city.pk, action=action, actor=person)
    with pytest.raises(PermissionDenied, match="由系统自动执行"):
        engine.transition(URGENT_REPORTS, record_id=report.pk, action=ReportAction.COMPLETE,
                          actor=chain.county.user(chain.county.bureau, Role.APPROVER))
    with pytest.raises(PermissionDenied, match="系统不能自动执行"):
        receipt_transition(receipt_id=city.pk, action=ReceiptAction.ACKNOWLEDGE,
                           actor=engine.SYSTEM_ACTOR)
    # a person is offered signing only, never the system's steps
    assert [t.action for t in URGENT_RECEIPTS.available(person, city)] == [ReceiptAction.ACKNOWLEDGE]


@override_settings(XINFANG_URGENT_ACK_HOURS=2, XINFANG_URGENT_RENOTIFY_HOURS=3)
def test_art25_the_hourly_sweep_flags_and_reminds_until_signed(chain):
    case = chain.case()
    with clock.frozen(START):
        report = _report(chain, case)
    receipts = report.receipts.all()
    with clock.frozen(START + dt.timedelta(hours=1, minutes=59)):
        assert (urgent_sweep().flagged, urgent_sweep().reminded) == (0, 0)
    before = Notification.objects.filter(case=case, subject__contains="催办").count()
    with clock.frozen(START + dt.timedelta(hours=2)):
        first = urgent_sweep()
        again = urgent_sweep()
    assert (first.flagged, first.reminded) == (3, 0)
    assert (again.flagged, again.reminded) == (0, 0)  # idempotent within the interval
    assert set(receipts.values_list("status", flat=True)) == {ReceiptStatus.OVERDUE}
    assert Notification.objects.filter(case=case, subject__contains="催办").count() > before
    with clock.frozen(START + dt.timedelta(hours=5)):
        later = urgent_sweep()
    assert (later.flagged, later.reminded) == (0, 3)
    assert set(receipts.values_list("notices", flat=True)) == {3}
    city = receipts.get(unit=chain.city_bureau)
    with clock.frozen(START + dt.timedelta(hours=5, minutes=30)):
        receipt_transition(receipt_id=city.pk, action=ReceiptAction.ACKNOWLEDGE,
                           actor=chain.staff(chain.city_bureau, Role.REGISTRAR))
    last = CaseEvent.objects.filter(case=case, type="urgent.step").order_by("-pk").first()
    assert (last.action, last.old_value, last.data["late"]) == ("acknowledge", "overdue", True)
    assert "超过签收时限" in last.text
    reminders = CaseEvent.objects.filter(case=case, type="urgent.step", action="renotify")
    assert reminders.count() == 3 and "第3次提醒" in reminders.first().text
