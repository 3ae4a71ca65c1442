"""Deadlines as rows, and the editable holiday table they are computed with."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from .rules import DayUnit, DeadlineKind


class CalendarYear(models.Model):
    """A year whose official holiday arrangement (国务院办公厅通知) is entered in full."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(_("来源"), max_length=100, default="chinesecalendar")

    class Meta:
        verbose_name = _("已公布放假安排的年份")
        verbose_name_plural = _("已公布放假安排的年份")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class Holiday(models.Model):
    """A statutory rest day, or (is_workday) a weekend made a working day by 调休."""

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("调休上班"), default=False)
    name = models.CharField(_("名称"), max_length=50)

    class Meta:
        verbose_name = _("节假日/调休")
        verbose_name_plural = _("节假日/调休")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class DeadlineState(models.TextChoices):
    OPEN = "open", _("进行中")
    DUE_SOON = "due_soon", _("即将到期")
    OVERDUE = "overdue", _("已超期")
    MET = "met", _("按期完成")
    MET_LATE = "met_late", _("超期完成")
    CANCELLED = "cancelled", _("已终止")


class Deadline(models.Model):
    """One legal clock on one case: when it started, when it is due, how it ended."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("期限类型"), max_length=30, choices=DeadlineKind.choices)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("责任单位"), null=True, on_delete=models.PROTECT
    )
    started_on = models.DateField(_("起算日"))
    days = models.PositiveSmallIntegerField(_("天数"))
    day_unit = models.CharField(_("计日方式"), max_length=10, choices=DayUnit.choices)
    due_on = models.DateField(_("到期日"))
    paused_days = models.PositiveSmallIntegerField(_("中止天数"), default=0)
    paused_since = models.DateField(_("中止起始"), null=True, blank=True)
    extended_days = models.PositiveSmallIntegerField(_("延长天数"), default=0)
    provisional = models.BooleanField(
        _("暂定"), default=False, help_text=_("期间含尚未公布放假安排的年份，到期日为暂定")
    )
    state = models.CharField(
        _("状态"), max_length=12, choices=DeadlineState.choices, default=DeadlineState.OPEN
    )
    ended_on = models.DateField(_("结束日"), null=True, blank=True)
    breached_on = models.DateField(
        _("超期日"), null=True, blank=True,
        help_text=_("首次超过到期日的日期；之后批准延期也不消除超期事实（第34条、第45条第（一）项）"),
    )
    article = models.CharField(_("依据"), max_length=50)
    for_petitioner = models.BooleanField(_("信访人期间"), default=False)

    class Meta:
        verbose_name = _("期限")
        verbose_name_plural = _("期限")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["state", "due_on"]),
            # a case's clocks in a state (the queue's row marks, issue 15): without it SQLite looks
            # a page's cases up through the state index, every due-soon clock per row
            models.Index(fields=["case", "state"], name="deadline_case_state"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind"],
                condition=models.Q(state__in=["open", "due_soon", "overdue"]),
                name="one_running_deadline_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.due_on}"

    @property
    def running(self) -> bool:
        return self.state in RUNNING_STATES

    def days_left(self, today: dt.date) -> int:
        return (self.due_on - today).days


RUNNING_STATES = (DeadlineState.OPEN, DeadlineState.DUE_SOON, DeadlineState.OVERDUE)
