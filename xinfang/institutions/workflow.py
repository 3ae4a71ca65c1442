"""The two urgent-report workflows (Art. 25) on the one engine (xinfang.core.workflow).

`URGENT_REPORTS`: a report is created on a case (parent: the case workflow, so the case is loaded
through the actor's reach, 404 outside it) by staff of a unit holding the case, and is completed by
the system when the last receiving level signs. `URGENT_RECEIPTS`: each receiving level's receipt is
signed for by that unit's staff, or flagged overdue and re-notified by the hourly job (the system
actor). Every step is written on the case timeline (`urgent.step`); the receiving units' staff get
an in-app message (and an e-mail where an address is set) through xinfang.notifications.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from xinfang.cases.events import record_event
from xinfang.cases.models import Case, Purpose
from xinfang.cases.workflow import CASES
from xinfang.core import clock
from xinfang.core import workflow as engine
from xinfang.core.conf import get
from xinfang.core.errors import GuardFailed
from xinfang.core.workflow import SYSTEM_ACTOR, state_guard
from xinfang.notifications.services import notify_unit
from xinfang.orgs.models import Unit

from .forms import RECEIPT_FORMS, REPORT_FORMS
from .models import UrgentReceipt, UrgentReport
from .selectors import receiving_units, visible_receipts, visible_reports
from .states import (
    ACK_ROLES,
    ANY,
    CASE_UNIT,
    RECEIPT_TRANSITIONS,
    RECEIVING_UNIT,
    REPORT_TRANSITIONS,
    ReceiptAction,
    ReceiptStatus,
    ReportAction,
    ReportStatus,
)

EVENT_TYPE = "urgent.step"


def receivers_for(case: Case, unit: Unit) -> list[Unit]:
    """`receiving_units(unit)` without any unit an accusation must not reach: the accused unit
    and every unit below it never receive the material (Art. 30)."""
    units = receiving_units(unit)
    if case.purpose == Purpose.ACCUSATION and case.accused_unit_id:
        accused = case.accused_unit
        units = [u for u in units if not u.is_within(accused)]
    return units


# ---- scopes -------------------------------------------------------------------------------------

def _case_unit(actor: Any, _record: Any, case: Case | None) -> bool:
    """Staff of a unit holding the case: the one that registered it, holds it or handles it."""
    return case is not None and actor.unit_id is not None and actor.unit_id in {
        case.registered_unit_id, case.holding_unit_id, case.handling_unit_id}


def _receiving_unit(actor: Any, receipt: UrgentReceipt | None, _parent: Any) -> bool:
    """Staff of the unit the receipt is addressed to: only a level signs for itself."""
    return receipt is not None and actor.unit_id is not None and actor.unit_id == receipt.unit_id


def _any(_actor: Any, _record: Any, _parent: Any) -> bool:
    return True


# ---- guards -------------------------------------------------------------------------------------

@state_guard
def has_receivers(case: Case, actor: Any, _params: dict[str, Any], _action: Any) -> None:
    """There is a level above to report to (Art. 25): a unit tree without one is refused."""
    unit = getattr(actor, "unit", None)
    if unit is None or not receivers_for(case, unit):
        raise GuardFailed(_("您的单位之上没有可接报的党委政府或信访部门，无法紧急上报"))


# ---- messages -----------------------------------------------------------------------------------

def _tell_receiver(receipt: UrgentReceipt, *, reminder: bool) -> None:
    report, case = receipt.report, receipt.report.case
    head = _("【催办】紧急上报尚未签收") if reminder else _("【紧急上报】请签收")
    body = _("%(unit)s于%(at)s上报%(grade)s信访事项（%(number)s）：%(summary)s。"
             "请于%(due)s前在平台“紧急上报”页面签收（《信访工作条例》第二十五条）。") % {
        "unit": report.reporting_unit.name, "at": f"{timezone.localtime(report.reported_at):%Y-%m-%d %H:%M}",
        "grade": report.get_grade_display(), "number": case.number, "summary": report.summary,
        "due": f"{timezone.localtime(receipt.due_at):%Y-%m-%d %H:%M}"}
    notify_unit(unit=receipt.unit, case=case, subject=f"{head} {case.number}", body=body,
                roles=ACK_ROLES)


# ---- effects ------------------------------------------------------------------------------------

def _report(case: Case, actor: Any, params: dict[str, Any]) -> UrgentReport:
    return UrgentReport(case=case, grade=params["grade"], summary=params["summary"],
                        measures=params.get("measures") or "", reporting_unit=actor.unit,
                        reported_by=engine.staff_user(actor), reported_at=clock.now())


def _send_up(report: UrgentReport, actor: Any, _params: dict[str, Any]) -> dict[str, Any]:
    """One receipt per receiving level, each told at once (Art. 25: 及时报告)."""
    now = clock.now()
    due = now + dt.timedelta(hours=get("XINFANG_URGENT_ACK_HOURS"))
    units = receivers_for(report.case, actor.unit)
    for i, unit in enumerate(units, start=1):
        receipt = UrgentReceipt.objects.create(report=report, unit=unit, order=i, due_at=due,
                                               notified_at=now)
        _tell_receiver(receipt, reminder=False)
    return {"units": [u.name for u in units], "grade": report.grade}


def _complete(report: UrgentReport, _actor: Any, _params: dict[str, Any]) -> dict[str, Any]:
    report.completed_at = clock.now()
    return {}


def _acknowledge(receipt: UrgentReceipt, actor: Any, params: dict[str, Any]) -> dict[str, Any]:
    # the report row first: two levels signing at once must not both miss being the last one
    # (record_event's lock on the case row serializes them too; this does not rely on it)
    list(UrgentReport.objects.select_for_update().filter(pk=receipt.report_id)
         .values_list("pk", flat=True))
    receipt.acknowledged_at = clock.now()
    receipt.acknowledged_by = engine.staff_user(actor)
    receipt.note = params.get("note") or ""
    late = receipt.acknowledged_at > receipt.due_at
    return {"unit": receipt.unit.name, "note": receipt.note, "late": late}


def _remind(receipt: UrgentReceipt, _actor: Any, _params: dict[str, Any]) -> dict[str, Any]:
    receipt.notified_at = clock.now()
    receipt.notices += 1
    _tell_receiver(receipt, reminder=True)
    return {"unit": receipt.unit.name, "notices": receipt.notices}


# ---- events -------------------------------------------------------------------------------------

def _write_event(step: engine.Step) -> None:
    record = step.record
    case = record.case if isinstance(record, UrgentReport) else record.report.case
    data = dict(step.post_result or step.result or {})
    note = str(data.pop("note", "") or "")
    record_event(case=case, type=EVENT_TYPE, actor=step.actor, action=step.transition.action,
                 old_value=step.old, new_value=step.new, note=note,
                 data={"flow": step.workflow.name, "record": record.pk, **data})


def _after_receipt(step: engine.Step) -> None:
    """The last level signing closes the chain (the system's step on the report), and the
    reporting unit learns each level has signed."""
    if step.transition.action != ReceiptAction.ACKNOWLEDGE:
        return
    receipt: UrgentReceipt = step.record
    report = receipt.report
    notify_unit(unit=report.reporting_unit, case=report.case,
                subject=_("紧急上报已签收 %(number)s") % {"number": report.case.number},
                body=_("%(unit)s已签收您单位上报的%(grade)s信访事项（%(number)s）。") % {
                    "unit": receipt.unit.name, "grade": report.get_grade_display(),
                    "number": report.case.number})
    if not report.receipts.exclude(status=ReceiptStatus.ACKNOWLEDGED).exists():
        engine.transition(URGENT_REPORTS, record_id=report.pk, action=ReportAction.COMPLETE,
                          actor=SYSTEM_ACTOR)


URGENT_REPORTS = engine.Workflow(
    name="urgent_report", label="紧急上报", model=UrgentReport, actions=ReportAction,
    statuses=ReportStatus, table=REPORT_TRANSITIONS, forms=REPORT_FORMS, visible=visible_reports,
    scopes={CASE_UNIT: _case_unit, ANY: _any, RECEIVING_UNIT: _receiving_unit},
    write_event=_write_event, guards={"has_receivers": has_receivers},
    effects={ReportAction.REPORT: _report, ReportAction.COMPLETE: _complete},
    post={ReportAction.REPORT: _send_up}, parent=CASES, parent_field="case",
    lock_related=("case", "reporting_unit"),
)

URGENT_RECEIPTS = engine.Workflow(
    name="urgent_receipt", label="接报签收", model=UrgentReceipt, actions=ReceiptAction,
    statuses=ReceiptStatus, table=RECEIPT_TRANSITIONS, forms=RECEIPT_FORMS,
    visible=visible_receipts,
    scopes={RECEIVING_UNIT: _receiving_unit, ANY: _any, CASE_UNIT: _case_unit},
    write_event=_write_event,
    effects={ReceiptAction.ACKNOWLEDGE: _acknowledge, ReceiptAction.FLAG_OVERDUE: _remind,
             ReceiptAction.RENOTIFY: _remind},
    after_event=_after_receipt, lock_related=("unit",),
)


def urgent_report(*, case_id: int, actor: Any, params: dict[str, Any]) -> UrgentReport:
    """Report a case that may cause a major or urgent event up the chain at once (Art. 25)."""
    return engine.create(URGENT_REPORTS, action=ReportAction.REPORT, actor=actor, params=params,
                         parent_id=case_id)


def receipt_transition(*, receipt_id: int, action: str, actor: Any,
                       params: dict[str, Any] | None = None) -> UrgentReceipt:
    """Sign for a receiving level, or (the system) flag it overdue and remind it (Art. 25)."""
    return engine.transition(URGENT_RECEIPTS, record_id=receipt_id, action=action, actor=actor,
                             params=params)
