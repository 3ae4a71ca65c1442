"""The urgent-report workflows (Art. 25), declared once.

An urgent report (紧急上报) goes up at once from the unit holding the case to the petition bureaus
above it (and, Art. 25 ¶1, to its own level's party committee and government); each receiving level
signs for it (签收) on its own receipt. A report is 已紧急上报 until every level has signed, then 各级已签收.
A receipt not signed within the configured hours is flagged 逾期未签收 by the hourly job, which reminds
the level again every configured interval until it signs. `workflow.py` is the only writer of both
statuses.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.workflow import SYSTEM_ROLE, Transition
from xinfang.orgs.models import Role


class Grade(models.TextChoices):
    MAJOR = "major", _("重大")
    URGENT = "urgent", _("紧急")


class ReportStatus(models.TextChoices):
    REPORTED = "reported", _("已紧急上报")
    ACKNOWLEDGED = "acknowledged", _("各级已签收")


class ReportAction(models.TextChoices):
    REPORT = "report", _("紧急上报")
    COMPLETE = "complete", _("各级签收完毕")


class ReceiptStatus(models.TextChoices):
    PENDING = "pending", _("待签收")
    OVERDUE = "overdue", _("逾期未签收")
    ACKNOWLEDGED = "acknowledged", _("已签收")


class ReceiptAction(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("签收")
    FLAG_OVERDUE = "flag_overdue", _("标记逾期未签收")
    RENOTIFY = "renotify", _("再次提醒签收")


# Who may act: staff of a unit holding the case (the registering, holding or handling unit);
# staff of the receiving unit; the system (no unit).
CASE_UNIT = "case_unit"
RECEIVING_UNIT = "receiving_unit"
ANY = "any"

#: who may report: the staff who hold the case and its unit's head (Art. 25 ¶1: 各级机关、单位)
REPORT_ROLES = frozenset({Role.REGISTRAR, Role.HANDLER, Role.APPROVER, Role.LEADER})
#: who may sign for the receiving level: its duty registrar, head, supervisor or leader
ACK_ROLES = frozenset({Role.REGISTRAR, Role.APPROVER, Role.SUPERVISOR, Role.LEADER})


def _t(action: str, sources: set[str], target: str | None, roles: frozenset | set, scope: str,
       doc: str, guards: tuple[str, ...] = (), internal: bool = False) -> Transition:
    return Transition(action=action, sources=frozenset(sources), target=target,
                      roles=frozenset(roles), scope=scope, doc=doc, guards=guards,
                      internal=internal)


REPORT_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        _t(ReportAction.REPORT, set(), ReportStatus.REPORTED, REPORT_ROLES, CASE_UNIT,
           "第25条：可能造成社会影响的重大、紧急信访事项和信访信息，及时报告本级党委和政府并向上一级信访部门报告。",
           guards=("has_receivers",)),
        _t(ReportAction.COMPLETE, {ReportStatus.REPORTED}, ReportStatus.ACKNOWLEDGED,
           {SYSTEM_ROLE}, ANY, "第25条：接报的各级均已签收，上报链条闭合（系统在最后一级签收时记录）。",
           internal=True),
    )
}

RECEIPT_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        _t(ReceiptAction.ACKNOWLEDGE, {ReceiptStatus.PENDING, ReceiptStatus.OVERDUE},
           ReceiptStatus.ACKNOWLEDGED, ACK_ROLES, RECEIVING_UNIT,
           "第25条：接报的党委政府、信访部门签收重大、紧急信访事项，在职责范围内及时采取措施。"),
        _t(ReceiptAction.FLAG_OVERDUE, {ReceiptStatus.PENDING}, ReceiptStatus.OVERDUE,
           {SYSTEM_ROLE}, ANY, "第25条“及时”：超过配置的签收时限（本地做法）未签收的，系统标记逾期并再次提醒。"),
        _t(ReceiptAction.RENOTIFY, {ReceiptStatus.OVERDUE}, None, {SYSTEM_ROLE}, ANY,
           "第25条“及时”：逾期未签收的，系统按配置的间隔（本地做法）再次提醒接报单位。"),
    )
}
