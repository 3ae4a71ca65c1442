"""Warnings (预警) as records: what was detected, the evidence, the level, the responsible unit,
the warning letter (预警提示函), the unit's response and closure; and their timeline.

`Warning.status` is written only by `xinfang.warning.workflow.warning_transition`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .states import WarningStatus


class WarningKind(models.TextChoices):
    SPIKE = "spike", _("异常增长")
    HOT_ISSUE = "hot_issue", _("热点问题")
    OVERDUE_CLUSTER = "overdue_cluster", _("超期集中")


class Dimension(models.TextChoices):
    CATEGORY = "category", _("内容分类")
    PLACE = "place", _("问题属地")
    ENTITY = "entity", _("对象（小区、企业、道路、学校等）")
    UNIT = "unit", _("责任单位")


class WarningLevel(models.TextChoices):
    """Four levels; shown as colours or as severity words (settings, `level_style`)."""

    BLUE = "blue", _("蓝色")
    YELLOW = "yellow", _("黄色")
    ORANGE = "orange", _("橙色")
    RED = "red", _("红色")


LEVEL_ORDER = [WarningLevel.BLUE, WarningLevel.YELLOW, WarningLevel.ORANGE, WarningLevel.RED]
SEVERITY_LABELS = {
    WarningLevel.BLUE: _("一般"), WarningLevel.YELLOW: _("较重"),
    WarningLevel.ORANGE: _("严重"), WarningLevel.RED: _("特别严重"),
}


#: Warning.method: the spike detectors of detection.METHODS (practice: 信访形势分析研判) and the
#: two rules of services.py (hot issues, overdue clusters), by name
METHOD_LABELS = {
    "c1": _("EARS C1 异常检测"), "c2": _("EARS C2 异常检测"), "c3": _("EARS C3 异常检测"),
    "cusum": _("CUSUM 累积和检测"), "glm": _("GLM 泊松回归检测"),
    "hot_issue": _("热点问题聚类"), "overdue_cluster": _("超期期限计数"),
}


class Warning(models.Model):
    """One warning: a signal in the petitions that a unit must look at."""

    number = models.CharField(_("预警编号"), max_length=30, unique=True)
    kind = models.CharField(_("预警类型"), max_length=20, choices=WarningKind.choices)
    dimension = models.CharField(_("维度"), max_length=12, choices=Dimension.choices)
    key = models.CharField(_("序列键"), max_length=200, db_index=True,
                           help_text=_("同一序列的预警用同一键，重算时据此合并"))
    label = models.CharField(_("预警对象"), max_length=200)
    category = models.ForeignKey("cases.Category", verbose_name=_("内容分类"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    scope_unit = models.ForeignKey("orgs.Unit", verbose_name=_("范围（属地）"),
                                   on_delete=models.PROTECT, related_name="+")
    responsible_unit = models.ForeignKey("orgs.Unit", verbose_name=_("责任单位"),
                                         on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("检测方法"), max_length=20)
    statistic = models.FloatField(_("统计量"))
    threshold = models.FloatField(_("阈值"))
    observed = models.PositiveIntegerField(_("观测数"), default=0)
    expected = models.FloatField(_("期望数"), null=True, blank=True)
    level = models.CharField(_("预警等级"), max_length=8, choices=WarningLevel.choices)
    first_signal_on = models.DateField(_("首次信号日期"))
    last_signal_on = models.DateField(_("最近信号日期"), db_index=True)
    summary = models.TextField(_("说明"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    evidence = models.ManyToManyField("cases.Case", verbose_name=_("证据信访件"), blank=True,
                                      related_name="warnings")
    status = models.CharField(_("状态"), max_length=16, choices=WarningStatus.choices,
                              default=WarningStatus.OPEN, db_index=True)
    letter_number = models.CharField(_("提示函文号"), max_length=40, blank=True)
    letter_issued_on = models.DateField(_("发函日期"), null=True, blank=True)
    letter_unit = models.ForeignKey("orgs.Unit", verbose_name=_("发函单位"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    response_due_on = models.DateField(_("反馈期限"), null=True, blank=True)
    response = models.TextField(_("反馈情况"), blank=True)
    responded_on = models.DateField(_("反馈日期"), null=True, blank=True)
    closing_note = models.TextField(_("办结说明"), blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("生成时间"))
    # the day the recompute raised it: today for a live run, the past day a backfill computed
    # (manage.py compute_warnings --from --to): when the system *would have* warned
    raised_on = models.DateField(_("预警日期"), null=True, blank=True, db_index=True)
    backfilled = models.BooleanField(_("历史回溯生成"), default=False,
                                     help_text=_("由历史数据回溯计算生成，当时未发出"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("预警")
        verbose_name_plural = _("预警")
        ordering = ["-last_signal_on", "-pk"]
        indexes = [models.Index(fields=["kind", "key", "last_signal_on"])]

    def __str__(self) -> str:
        return f"{self.number} {self.label}"

    @property
    def method_label(self) -> str:
        """The detection method by its name in the reader's language, never its stored code (issue
        15 item 6: the warning page showed "overdue_cluster")."""
        return str(METHOD_LABELS.get(self.method, self.method))

    @property
    def level_display(self) -> str:
        """The level as configured (`level_style`): 蓝色/黄色/橙色/红色 or 一般/较重/严重/特别严重."""
        from .conf import policy

        lvl = WarningLevel(self.level)
        return str(SEVERITY_LABELS[lvl] if policy()["level_style"] == "severity" else lvl.label)

    @property
    def level_rank(self) -> int:
        return LEVEL_ORDER.index(WarningLevel(self.level))

    @property
    def is_closed(self) -> bool:
        return self.status == WarningStatus.CLOSED


class WarningEventKind(models.TextChoices):
    RAISED = "raised", _("生成预警")
    UPDATED = "updated", _("信号更新")
    STATUS_CHANGED = "status_changed", _("状态变更")


class WarningEvent(models.Model):
    """One entry on a warning's timeline (who, when, old and new value)."""

    warning = models.ForeignKey(Warning, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("类型"), max_length=16, choices=WarningEventKind.choices)
    type = models.CharField(_("事件类型"), max_length=40, blank=True)
    action = models.CharField(_("操作"), max_length=20, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True,
                              blank=True, on_delete=models.PROTECT)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("操作单位"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"))
    old_value = models.CharField(_("原值"), max_length=100, blank=True)
    new_value = models.CharField(_("新值"), max_length=100, blank=True)
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("预警记录")
        verbose_name_plural = _("预警记录")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.warning_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"

    @property
    def type_label(self) -> str:
        from xinfang.core.events import type_label

        return type_label(self.type or f"warning.{self.kind}")

    @property
    def text(self) -> str:
        """The entry in the reader's language, by the same registry as the case timeline."""
        from xinfang.core.events import render

        data = self.data if isinstance(self.data, dict) else {}
        return render(self.type or f"warning.{self.kind}",
                      {**data, "action": self.action, "old": self.old_value, "new": self.new_value})


class CaseEntity(models.Model):
    """The matter a case is mainly about (an estate, a company, a road...), extracted once.

    Cached so that the daily recompute only reads new cases' text (hotissues.primary_entities).
    """

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, primary_key=True,
                                related_name="warning_entity")
    entity = models.CharField(_("对象"), max_length=60, blank=True, db_index=True)

    class Meta:
        verbose_name = _("信访件对象")
        verbose_name_plural = _("信访件对象")

    def __str__(self) -> str:
        return self.entity
