"""Durable background work: the job outbox and the record of periodic runs (see core/jobs.py); the
fields every workflow's timeline entry has (``TimelineEvent``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """One piece of after-commit work, written in the same transaction as the change that needs it.

    Pending while ``done_at`` and ``failed_at`` are empty; ``run_after`` is when the periodic relay
    (re)sends it to the queue if it is still pending then (after the grace period, after a lease of a
    consumer that may have died, after a back-off following a failure)."""

    name = models.CharField(_("任务"), max_length=100)
    args = models.JSONField(_("参数"), default=dict, blank=True)
    created_at = models.DateTimeField(_("创建时间"))
    run_after = models.DateTimeField(_("最早重试时间"))
    claimed_at = models.DateTimeField(_("开始执行时间"), null=True, blank=True)
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    failed_at = models.DateTimeField(_("放弃时间"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("执行次数"), default=0)
    last_error = models.CharField(_("最近错误"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        indexes = [
            # The relay reads only pending rows that are due: a small partial index, not the history.
            models.Index(fields=["run_after"], name="core_job_pending_due",
                         condition=Q(done_at__isnull=True, failed_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.name}#{self.pk}"


class PeriodicRun(models.Model):
    """When a periodic job last started and last completed (catch-up after downtime)."""

    name = models.CharField(_("定时任务"), max_length=100, primary_key=True)
    started_at = models.DateTimeField(_("最近开始"), null=True, blank=True)
    done_at = models.DateTimeField(_("最近完成"), null=True, blank=True)
    result = models.CharField(_("最近结果"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("定时任务运行记录")
        verbose_name_plural = _("定时任务运行记录")

    def __str__(self) -> str:
        return self.name


class Serial(models.Model):
    """The last serial number issued in one numbering scheme (case numbers, 文号, ...), per scope
    (whose numbers: e.g. ``unit:12``), kind (which numbers) and year; see core/numbering.py."""

    scope = models.CharField(_("编号范围"), max_length=60)
    kind = models.CharField(_("编号种类"), max_length=40)
    year = models.PositiveSmallIntegerField(_("年度"))
    last = models.PositiveIntegerField(_("最近序号"), default=0)

    class Meta:
        verbose_name = _("编号计数器")
        verbose_name_plural = _("编号计数器")
        constraints = [
            models.UniqueConstraint(fields=["scope", "kind", "year"],
                                    name="one_serial_per_scope_kind_year"),
        ]

    def __str__(self) -> str:
        return f"{self.scope}/{self.kind}/{self.year}: {self.last}"


class TimelineEvent(models.Model):
    """One entry on a record's timeline (who, when, old and new status, the event's code and data),
    rendered in the reader's language by the registry of xinfang.core.events. A workflow's event
    model adds the foreign key to its record and its verbose names."""

    type = models.CharField(_("事件类型"), max_length=40)
    action = models.CharField(_("操作"), max_length=12, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True,
                              blank=True, on_delete=models.PROTECT)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("操作单位"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"))
    old_value = models.CharField(_("原值"), max_length=20, blank=True)
    new_value = models.CharField(_("新值"), max_length=20, blank=True)
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    @property
    def type_label(self) -> str:
        from xinfang.core.events import type_label

        return type_label(self.type)

    @property
    def text(self) -> str:
        from xinfang.core.events import render

        data = self.data if isinstance(self.data, dict) else {}
        return render(self.type, {**data, "action": self.action, "old": self.old_value,
                                  "new": self.new_value})
