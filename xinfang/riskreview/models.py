"""A major decision (重大行政决策) under review: what it touches, its risk assessment with the data
snapshot it was drawn from, the legality review, the decision, its follow-up checks and timeline.

`Decision.status` is written only by `xinfang.riskreview.workflow`; so are the assessment, review and
decision fields and the `DecisionCheck` rows (each by its step). No personal data is kept here: the
snapshot holds counts, names of units and categories, and the ids of the cases it counted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.models import TimelineEvent

from .states import DecisionKind, DecisionStatus, LegalOpinion, Outcome, RiskLevel


class Decision(models.Model):
    """One major administrative decision being prepared, and its review."""

    number = models.CharField(_("决策编号"), max_length=40, unique=True)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("决策承办单位"), on_delete=models.PROTECT,
                             related_name="+")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"),
                                      on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("决策事项"), max_length=200)
    kind = models.CharField(_("决策类型"), max_length=12, choices=DecisionKind.choices)
    summary = models.TextField(_("主要内容"))
    places = models.ManyToManyField("orgs.Unit", verbose_name=_("涉及地域"), related_name="+")
    categories = models.ManyToManyField("cases.Category", verbose_name=_("涉及问题分类"),
                                        blank=True, related_name="+")
    keywords = models.CharField(_("关键词"), max_length=300, blank=True,
                                help_text=_("多个关键词用逗号或顿号分隔，在信访件概况和诉求中查找"))
    planned_on = models.DateField(_("拟决策日期"))
    status = models.CharField(_("状态"), max_length=12, choices=DecisionStatus.choices,
                              default=DecisionStatus.REGISTERED, db_index=True)
    form_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # the risk assessment (风险评估): the data as drawn, the suggested and the decided level
    snapshot = models.JSONField(_("数据快照"), default=dict, blank=True)
    snapshot_at = models.DateTimeField(_("数据汇总时间"), null=True, blank=True)
    suggested_level = models.CharField(_("数据提示风险等级"), max_length=8,
                                       choices=RiskLevel.choices, blank=True)
    risk_level = models.CharField(_("评估风险等级"), max_length=8, choices=RiskLevel.choices,
                                  blank=True)
    level_reasons = models.TextField(_("等级理由"), blank=True)
    risk_points = models.TextField(_("风险点"), blank=True)
    measures = models.TextField(_("风险防范措施"), blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("评估人"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(_("评估时间"), null=True, blank=True)
    # the legality review (合法性审查)
    legal_opinion = models.CharField(_("合法性审查意见"), max_length=10,
                                     choices=LegalOpinion.choices, blank=True)
    legal_reasons = models.TextField(_("审查理由"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审查人"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    reviewed_unit = models.ForeignKey("orgs.Unit", verbose_name=_("审查部门"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(_("审查时间"), null=True, blank=True)
    # the decision (决策)
    outcome = models.CharField(_("决策结果"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_reasons = models.TextField(_("决策理由"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("决策人"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("决策时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("登记时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("重大决策")
        verbose_name_plural = _("重大决策")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def keyword_list(self) -> list[str]:
        from .selectors import split_keywords

        return split_keywords(self.keywords)


class DecisionCheck(models.Model):
    """One follow-up check after the decision: the new petitions and warnings touching it since the
    decision, against what the snapshot leads one to expect (formulas in docs/riskreview.md)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="checks")
    at = models.DateTimeField(_("检查时间"))
    since = models.DateField(_("统计起日"))
    until = models.DateField(_("统计止日"))
    new_cases = models.PositiveIntegerField(_("新增信访件"))
    expected = models.FloatField(_("按评估时水平预计"))
    new_group = models.PositiveIntegerField(_("新增群体性信访"))
    new_warnings = models.PositiveIntegerField(_("新增预警"))
    rise = models.BooleanField(_("信访上升"), default=False)
    data = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("检查人"), null=True,
                           blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("跟踪检查")
        verbose_name_plural = _("跟踪检查")
        ordering = ["decision", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.at:%Y-%m-%d} {self.new_cases}"


class DecisionEvent(TimelineEvent):
    """One entry on a decision's timeline (who, when, old and new status)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="events")

    class Meta(TimelineEvent.Meta):
        verbose_name = _("重大决策记录")
        verbose_name_plural = _("重大决策记录")

    def __str__(self) -> str:
        return f"{self.decision_id} {self.type} {self.at:%Y-%m-%d %H:%M}"
