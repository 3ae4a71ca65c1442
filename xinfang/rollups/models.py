"""Per-day, per-unit counts of the official indicators (issue 17), kept by folding the case events.

``IndicatorRollup`` holds, for each (day, unit, measure), the numerator ``n`` and denominator ``d``
that `xinfang.resolution.indicators` would count for that unit on that day, and the same per month
(measure "m:<measure>", day = the month's 1st) for the periods of whole months (docs/indicators.md,
"Rollups"). ``RollupLedger`` keeps, per case, the facts the case contributes now, so that a later
change of the case (a clock met late after being overdue, a rating, a repeat petition) moves its
counts from one day to another by a difference, never by a recount. ``RollupState`` is the fold's
watermark: the last case event folded.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorRollup(models.Model):
    day = models.DateField(_("日期"))
    # the unit's id, 0 for "every unit" (the province-wide total of a deduplicated figure); not a
    # foreign key, so that 0 is allowed and a rollup row never blocks a unit's change
    unit_id = models.BigIntegerField(_("单位"))
    measure = models.CharField(_("指标"), max_length=40)
    n = models.BigIntegerField(_("分子"), default=0)
    d = models.BigIntegerField(_("分母"), default=0)

    class Meta:
        verbose_name = _("指标日汇总")
        verbose_name_plural = _("指标日汇总")
        # a period's rows of a set of units: the index from the unit and the day
        constraints = [models.UniqueConstraint(fields=["unit_id", "day", "measure"],
                                               name="rollup_unit_day_measure")]

    def __str__(self) -> str:
        return f"{self.day} {self.unit_id} {self.measure}: {self.n}/{self.d}"


class RollupLedger(models.Model):
    """The facts one case contributes to the rollup now: [[unit, day, measure, n, d], ...]."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, primary_key=True,
                                related_name="+")
    facts = models.JSONField(default=list)

    class Meta:
        verbose_name = _("汇总台账")
        verbose_name_plural = _("汇总台账")

    def __str__(self) -> str:
        return f"{self.case_id}: {len(self.facts)}"


class RollupState(models.Model):
    """One row: the last case event folded into the rollup, and when."""

    last_event = models.BigIntegerField(_("已汇总的最后事件"), default=0)
    folded_at = models.DateTimeField(_("最近汇总时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("汇总进度")
        verbose_name_plural = _("汇总进度")

    def __str__(self) -> str:
        return f"{self.last_event} @ {self.folded_at}"
