"""A part of a case's work given to one unit (分工): 双交办 or lead and co-handling units."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .states import PartKind, PartStatus


class JointPart(models.Model):
    """One unit's part of a case handled jointly: what it must do, by when, what it reported.
    The case's holder is the lead (牵头单位) and alone answers the petitioner (Art. 32, 34)."""

    case = models.ForeignKey("cases.Case", verbose_name=_("信访件"), on_delete=models.PROTECT,
                             related_name="joint_parts")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("承担单位"), on_delete=models.PROTECT,
                             related_name="+")
    kind = models.CharField(_("分工类型"), max_length=12, choices=PartKind.choices)
    task = models.TextField(_("分工内容"))
    due_on = models.DateField(_("报告时限"), db_index=True)
    status = models.CharField(_("状态"), max_length=12, choices=PartStatus.choices,
                              default=PartStatus.ASSIGNED, db_index=True)
    assigned_by_unit = models.ForeignKey("orgs.Unit", verbose_name=_("分工单位"),
                                         on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("分工人"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(_("分工时间"))
    report = models.TextField(_("办理情况"), blank=True)
    contribution = models.TextField(_("对答复意见的意见"), blank=True)
    reported_at = models.DateTimeField(_("报告时间"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("采纳时间"), null=True, blank=True)
    returned = models.PositiveSmallIntegerField(_("退回次数"), default=0)
    escalated_at = models.DateTimeField(_("逾期上报时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("联合办理分工")
        verbose_name_plural = _("联合办理分工")
        ordering = ["case_id", "assigned_at", "pk"]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.unit_id} {self.status}"
