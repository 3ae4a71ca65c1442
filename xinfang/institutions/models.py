"""Urgent reports (紧急上报, Art. 25) and each receiving level's receipt (签收).

`UrgentReport.status` and `UrgentReceipt.status` are written only by `workflow.py` (the engine).
Their steps are written on the case timeline (event type `urgent.step`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .states import Grade, ReceiptStatus, ReportStatus


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
