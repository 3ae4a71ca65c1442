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


# ==== the joint conference (信访工作联席会议, Art. 7, 13) ===========================================
#
# A meeting is planned by the conference office (联席会议办公室, in the bureau) or the government's
# staff, gets agenda items (hard or cross-department matters, each linking the cases it concerns),
# is held (minutes) or cancelled. A held meeting's decisions (议定事项) are each assigned to one
# unit with a deadline and tracked to done: 已交办 → 已报告办结 → 已核验办结, or returned (退回重办);
# one not reported done by its deadline is flagged 逾期未办结 and escalated once by the daily sweep.


class MeetingKind(models.TextChoices):
    PLENARY = "plenary", _("全体会议")
    TOPIC = "topic", _("专题会议")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("已安排")
    HELD = "held", _("已召开")
    CANCELLED = "cancelled", _("已取消")


class MeetingAction(models.TextChoices):
    SCHEDULE = "schedule", _("安排会议")
    ADD_ITEM = "add_item", _("列入议题")
    HOLD = "hold", _("召开并记录纪要")
    CANCEL = "cancel", _("取消会议")


class DecisionStatus(models.TextChoices):
    ASSIGNED = "assigned", _("已交办")
    OVERDUE = "overdue", _("逾期未办结")
    REPORTED = "reported", _("已报告办结")
    VERIFIED = "verified", _("已核验办结")


class DecisionAction(models.TextChoices):
    ASSIGN = "assign", _("交办议定事项")
    REPORT_DONE = "report_done", _("报告办结")
    VERIFY = "verify", _("核验办结")
    RETURN = "return", _("退回重办")
    FLAG_OVERDUE = "flag_overdue", _("逾期上报")


# Who may act: the conference's office or government; the unit a decision is assigned to.
OFFICE = "office"
RESPONSIBLE = "responsible"
#: who runs the conference's business: the office's and the government's duty staff and leaders
OFFICE_ROLES = frozenset({Role.REGISTRAR, Role.APPROVER, Role.SUPERVISOR, Role.LEADER})
#: who checks a decision is done (督促落实): not the registrar who typed it in
VERIFY_ROLES = frozenset({Role.APPROVER, Role.SUPERVISOR, Role.LEADER})
#: who reports for the responsible unit
DOER_ROLES = frozenset({Role.HANDLER, Role.APPROVER})

MEETING_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        _t(MeetingAction.SCHEDULE, set(), MeetingStatus.PLANNED, OFFICE_ROLES, OFFICE,
           "第13条：联席会议在本级党委和政府领导下统筹协调、督促落实，协调处理本地区重要信访问题；办公室安排会议。",
           guards=("runs_chosen_conference",)),
        _t(MeetingAction.ADD_ITEM, {MeetingStatus.PLANNED}, None, OFFICE_ROLES, OFFICE,
           "第13条：重大信访问题协调处理机制，疑难、跨部门信访事项列入议题；检举控告不得让被检举单位知悉（第30条）。",
           guards=("agenda_confidential",)),
        _t(MeetingAction.HOLD, {MeetingStatus.PLANNED}, MeetingStatus.HELD, OFFICE_ROLES, OFFICE,
           "第13条：会议召开，记录纪要，研究议题、形成议定事项。", guards=("has_agenda",)),
        _t(MeetingAction.CANCEL, {MeetingStatus.PLANNED}, MeetingStatus.CANCELLED, OFFICE_ROLES,
           OFFICE, "第13条：会议取消，说明理由（本地做法）。"),
    )
}

DECISION_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        _t(DecisionAction.ASSIGN, set(), DecisionStatus.ASSIGNED, OFFICE_ROLES, OFFICE,
           "第13条“督促落实”：会议议定事项明确责任单位和办结时限，交办并跟踪至办结。",
           guards=("meeting_held", "unit_may_see_item")),
        _t(DecisionAction.REPORT_DONE, {DecisionStatus.ASSIGNED, DecisionStatus.OVERDUE},
           DecisionStatus.REPORTED, DOER_ROLES, RESPONSIBLE,
           "第13条：责任单位落实议定事项，向联席会议办公室报告办结情况。"),
        _t(DecisionAction.VERIFY, {DecisionStatus.REPORTED}, DecisionStatus.VERIFIED, VERIFY_ROLES,
           OFFICE, "第13条“联合督查”：联席会议办公室核验落实情况，确认办结。"),
        _t(DecisionAction.RETURN, {DecisionStatus.REPORTED}, DecisionStatus.ASSIGNED, VERIFY_ROLES,
           OFFICE, "第13条“督促落实”：落实不到位的，说明理由退回责任单位重办，时限不变。"),
        _t(DecisionAction.FLAG_OVERDUE, {DecisionStatus.ASSIGNED}, DecisionStatus.OVERDUE,
           {SYSTEM_ROLE}, ANY,
           "第13条“督促落实”：逾期未报告办结的，系统标记逾期并报告挂点召集人和联席会议办公室（一次）。",
           internal=True),
    )
}


# ==== Art. 24 jurisdiction disputes (受理争议) =====================================================
#
# A case registered with a unit that two or more units dispute (which of them must accept it) is
# raised by the unit holding it to their common superior (共同的上一级机关、单位), or, where there is
# none, to the common joint conference. While the dispute is open the case waits: the steps that
# decide who handles it (转送, 交办, 受理, 不予受理, 依法履行职责) are refused. Its clocks keep running
# (Art. 24 excludes no time; docs/institutions.md). The decision names the unit; the holding unit
# carries it out with the case workflow's own 转送 to that unit, or, when the unit decided is the
# holder itself, the system closes the dispute and the holder goes on.


class DisputeStatus(models.TextChoices):
    PENDING = "pending", _("待决定")
    DECIDED = "decided", _("已决定（待移送）")
    SETTLED = "settled", _("已按决定办理")
    WITHDRAWN = "withdrawn", _("协商一致撤回")


class DisputeAction(models.TextChoices):
    RAISE = "raise", _("提请决定受理机关")
    WITHDRAW = "withdraw", _("协商一致撤回")
    DECIDE = "decide", _("决定受理机关")
    CARRY_OUT = "carry_out", _("按决定转送")
    KEEP = "keep", _("按决定由本单位受理")


HOLDER = "holder"
DECIDER = "decider"
#: who raises and carries out: the holding unit's staff who may transfer (and its head)
RAISE_ROLES = frozenset({Role.REGISTRAR, Role.HANDLER, Role.APPROVER})
#: who decides for the common superior: its head or leader
DECIDE_ROLES = frozenset({Role.APPROVER, Role.LEADER})

DISPUTE_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        _t(DisputeAction.RAISE, set(), DisputeStatus.PENDING, RAISE_ROLES, HOLDER,
           "第24条：涉及两个以上机关、单位的信访事项受理有争议的，提请其共同的上一级机关、单位决定受理机关"
           "（没有共同上一级的，由共同的联席会议协调处理）。",
           guards=("case_waiting_for_unit", "no_open_dispute", "parties_reachable")),
        _t(DisputeAction.WITHDRAW, {DisputeStatus.PENDING}, DisputeStatus.WITHDRAWN, RAISE_ROLES,
           HOLDER, "第24条：所涉及的机关、单位协商一致确定受理单位的，撤回提请，信访件继续办理。"),
        _t(DisputeAction.DECIDE, {DisputeStatus.PENDING}, DisputeStatus.DECIDED, DECIDE_ROLES,
           DECIDER, "第24条：共同的上一级机关、单位（或共同的联席会议）决定受理机关，说明理由。",
           guards=("decided_is_party",)),
        _t(DisputeAction.CARRY_OUT, {DisputeStatus.DECIDED}, DisputeStatus.SETTLED,
           {Role.REGISTRAR, Role.HANDLER}, HOLDER,
           "第24条、第22条：现办理单位按决定将信访件转送决定的受理单位（经信访件的“转送”步骤，出具转送告知）。",
           guards=("decided_elsewhere",)),
        _t(DisputeAction.KEEP, {DisputeStatus.DECIDED}, DisputeStatus.SETTLED, {SYSTEM_ROLE}, ANY,
           "第24条：决定由现办理单位受理的，系统即结束争议，信访件由其继续办理。", internal=True),
    )
}
