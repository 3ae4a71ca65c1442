"""Urgent reports (紧急上报, Art. 25) and each receiving level's receipt (签收); the joint conference
(信访工作联席会议, Art. 7, 13): its member units, convenors (分片挂点), meetings, agenda items and
decisions; Art. 24 jurisdiction disputes.

Every `status` here is written only by the engine (`workflow.py`, `conference.py`, `disputes.py`).
Urgent-report and dispute steps are written on the case timeline; meeting and decision steps on the
meeting's timeline (`MeetingEvent`) and on the timeline of each case an agenda item links.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.models import TimelineEvent

from .states import (
    DecisionStatus,
    DisputeStatus,
    Grade,
    MeetingKind,
    MeetingStatus,
    ReceiptStatus,
    ReportStatus,
)


class UrgentReport(models.Model):
    """One report of a case that may cause a major or urgent event, sent up the unit chain."""

    case = models.ForeignKey("cases.Case", verbose_name=_("信访件"), on_delete=models.PROTECT,
                             related_name="urgent_reports")
    grade = models.CharField(_("性质"), max_length=10, choices=Grade.choices)
    summary = models.TextField(_("情况摘要"))
    measures = models.TextField(_("已采取的措施"), blank=True)
    reporting_unit = models.ForeignKey("orgs.Unit", verbose_name=_("上报单位"),
                                       on_delete=models.PROTECT, related_name="+")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上报人"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(_("上报时间"))
    status = models.CharField(_("状态"), max_length=16, choices=ReportStatus.choices,
                              default=ReportStatus.REPORTED, db_index=True)
    completed_at = models.DateTimeField(_("各级签收完毕时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("紧急上报")
        verbose_name_plural = _("紧急上报")
        ordering = ["-reported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_grade_display()} {self.reported_at:%Y-%m-%d %H:%M}"


class UrgentReceipt(models.Model):
    """One receiving level of an urgent report and its acknowledgement (签收)."""

    report = models.ForeignKey(UrgentReport, on_delete=models.PROTECT, related_name="receipts")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("接报单位"), on_delete=models.PROTECT,
                             related_name="+")
    order = models.PositiveSmallIntegerField(_("层级次序"), help_text=_("1为最近的一级"))
    status = models.CharField(_("状态"), max_length=16, choices=ReceiptStatus.choices,
                              default=ReceiptStatus.PENDING, db_index=True)
    due_at = models.DateTimeField(_("签收时限"), db_index=True)
    notified_at = models.DateTimeField(_("最近提醒时间"))
    notices = models.PositiveSmallIntegerField(_("提醒次数"), default=1)
    acknowledged_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("签收人"),
                                        null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")
    note = models.TextField(_("签收意见"), blank=True)

    class Meta:
        verbose_name = _("接报签收")
        verbose_name_plural = _("接报签收")
        ordering = ["report_id", "order"]
        constraints = [models.UniqueConstraint(fields=["report", "unit"],
                                               name="urgent_receipt_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.report_id} → {self.unit_id} {self.status}"


# ---- the joint conference (Art. 7, 13) ---------------------------------------------------------

class Conference(models.Model):
    """The joint conference of one level (a party committee and government, Art. 13 ¶1; a
    township's 党政联席会 ¶3): its member units, convenors and office (联席会议办公室)."""

    unit = models.OneToOneField("orgs.Unit", verbose_name=_("所属党委政府"), on_delete=models.PROTECT,
                                related_name="conference")
    name = models.CharField(_("名称"), max_length=100)
    office = models.ForeignKey("orgs.Unit", verbose_name=_("联席会议办公室"), on_delete=models.PROTECT,
                               related_name="+", help_text=_("一般设在本级信访部门"))
    members = models.ManyToManyField("orgs.Unit", verbose_name=_("成员单位"), related_name="+",
                                     blank=True)

    class Meta:
        verbose_name = _("信访工作联席会议")
        verbose_name_plural = _("信访工作联席会议")
        ordering = ["unit__path"]

    def __str__(self) -> str:
        return self.name


class Convenor(models.Model):
    """分片挂点: a leader of a member unit is the convenor for a set of townships and departments
    (Art. 13: 召集人一般由党委和政府负责同志担任)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="convenors")
    title = models.CharField(_("职务"), max_length=60, help_text=_("如：县委副书记、副县长"))
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("召集人"), null=True,
                               blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("召集人所在单位"), on_delete=models.PROTECT,
                             related_name="+")
    covers = models.ManyToManyField("orgs.Unit", verbose_name=_("挂点乡镇和部门"),
                                    related_name="convenors")
    lead = models.BooleanField(_("总召集人"), default=False)

    class Meta:
        verbose_name = _("召集人（分片挂点）")
        verbose_name_plural = _("召集人（分片挂点）")
        ordering = ["conference", "-lead", "pk"]

    def __str__(self) -> str:
        return f"{self.title} {self.leader or ''}".strip()


class Meeting(models.Model):
    """One meeting of the conference (全体会议 or 专题会议), planned, then held or cancelled."""

    conference = models.ForeignKey(Conference, verbose_name=_("联席会议"), on_delete=models.PROTECT,
                                   related_name="meetings")
    kind = models.CharField(_("会议类型"), max_length=10, choices=MeetingKind.choices,
                            default=MeetingKind.TOPIC)
    title = models.CharField(_("会议名称"), max_length=200)
    held_on = models.DateField(_("会议日期"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    convenor = models.ForeignKey(Convenor, verbose_name=_("召集人"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="meetings")
    minutes = models.TextField(_("会议纪要"), blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=MeetingStatus.choices,
                              default=MeetingStatus.PLANNED, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("安排人"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("联席会议会议")
        verbose_name_plural = _("联席会议会议")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"


class AgendaItem(models.Model):
    """An item on a meeting's agenda: a hard or cross-department matter and the cases it concerns
    (never an accusation whose accused unit sits in the conference, Art. 30)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("议题"), max_length=200)
    note = models.TextField(_("情况说明"), blank=True)
    cases = models.ManyToManyField("cases.Case", verbose_name=_("关联信访件"), blank=True,
                                   related_name="agenda_items")
    proposed_by = models.ForeignKey("orgs.Unit", verbose_name=_("提出单位"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("议题")
        verbose_name_plural = _("议题")
        ordering = ["meeting", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "order"],
                                               name="agenda_item_order_unique")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Decision(models.Model):
    """A decision of a held meeting (会议议定事项) assigned to one unit with a deadline, tracked to
    done: assigned → reported done → verified (Art. 13: 督促落实)."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("会议"), on_delete=models.PROTECT,
                                related_name="decisions")
    item = models.ForeignKey(AgendaItem, verbose_name=_("议题"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="decisions")
    text = models.TextField(_("议定事项"))
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("责任单位"), on_delete=models.PROTECT,
                             related_name="+")
    due_on = models.DateField(_("办结时限"), db_index=True)
    status = models.CharField(_("状态"), max_length=12, choices=DecisionStatus.choices,
                              default=DecisionStatus.ASSIGNED, db_index=True)
    report = models.TextField(_("落实情况"), blank=True)
    reported_on = models.DateField(_("报告办结日期"), null=True, blank=True)
    verified_on = models.DateField(_("核验办结日期"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("逾期上报时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("议定事项")
        verbose_name_plural = _("议定事项")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.meeting_id} → {self.unit_id} {self.status}"

    def late(self, today) -> bool:  # noqa: ANN001
        """Not reported done and past its deadline."""
        return self.status in (DecisionStatus.ASSIGNED, DecisionStatus.OVERDUE) and self.due_on < today


class MeetingEvent(TimelineEvent):
    """One entry on a meeting's timeline: its own steps and its decisions' steps."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="events")
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="events")

    class Meta(TimelineEvent.Meta):
        verbose_name = _("联席会议记录")
        verbose_name_plural = _("联席会议记录")

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.type} {self.at:%Y-%m-%d %H:%M}"


# ---- Art. 24 jurisdiction disputes -------------------------------------------------------------

class JurisdictionDispute(models.Model):
    """Two or more units dispute which must accept a case (Art. 24): raised by the unit holding it
    to their common superior (or, with none, to the common joint conference), decided there, and
    carried out by the case workflow's own transfer to the unit decided."""

    case = models.ForeignKey("cases.Case", verbose_name=_("信访件"), on_delete=models.PROTECT,
                             related_name="jurisdiction_disputes")
    parties = models.ManyToManyField("orgs.Unit", verbose_name=_("争议单位"), related_name="+")
    raised_by_unit = models.ForeignKey("orgs.Unit", verbose_name=_("提请单位"),
                                       on_delete=models.PROTECT, related_name="+")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提请人"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(_("提请时间"))
    reason = models.TextField(_("争议情况"))
    decider = models.ForeignKey("orgs.Unit", verbose_name=_("决定机关"), on_delete=models.PROTECT,
                                related_name="+")
    conference = models.ForeignKey(Conference, verbose_name=_("协调的联席会议"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=12, choices=DisputeStatus.choices,
                              default=DisputeStatus.PENDING, db_index=True)
    decided_unit = models.ForeignKey("orgs.Unit", verbose_name=_("决定的受理单位"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("决定人"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    decision_reason = models.TextField(_("决定理由"), blank=True)

    class Meta:
        verbose_name = _("受理争议")
        verbose_name_plural = _("受理争议")
        ordering = ["-raised_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.status}"
