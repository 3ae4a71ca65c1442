"""The cross-border fast track (涉港澳台侨、涉外快速通道) of a case, and the reminders of its targets.

One `FastTrack` per case at most: created when a party is from Hong Kong, Macao, Taiwan or abroad
(at registration, by the system) or by staff with a reason; taken off and put back with a reason.
Its status is written only by the workflow (workflow.py), each step an event on the case timeline.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FastTrack(models.Model):
    """快速通道: the case is handled against shorter internal targets (never the statutory ones)."""

    class Status(models.TextChoices):
        ON = "on", _("快速通道办理")
        OFF = "off", _("已移出快速通道")

    class Basis(models.TextChoices):
        PARTY = "party", _("当事人为港澳台居民或外籍人士")
        STAFF = "staff", _("工作人员说明理由列入")

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="fast_track",
                                verbose_name=_("信访件"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.ON)
    basis = models.CharField(_("列入依据"), max_length=8, choices=Basis.choices)
    reason = models.TextField(_("理由"), blank=True, help_text=_("最近一次列入或移出的理由"))
    since = models.DateTimeField(_("状态起始时间"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("快速通道")
        verbose_name_plural = _("快速通道")

    def __str__(self) -> str:
        return f"{self.case.number} {self.get_status_display()}"


class TargetReminder(models.Model):
    """One reminder that a fast-track case passed its internal target on one statutory clock; at most
    one per clock (the daily job writes it, the timeline shows it)."""

    deadline = models.OneToOneField("deadlines.Deadline", on_delete=models.PROTECT,
                                    related_name="xborder_reminder")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    target_on = models.DateField(_("内部目标日"))
    reminded_at = models.DateTimeField(_("提醒时间"))

    class Meta:
        verbose_name = _("快速通道目标提醒")
        verbose_name_plural = _("快速通道目标提醒")

    def __str__(self) -> str:
        return f"{self.case_id}/{self.deadline_id} {self.target_on}"
