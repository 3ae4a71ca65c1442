"""Work indicators per unit and period, defined once here; formulas in docs/indicators.md.

Every indicator is computed for a set of units at once (one grouped query or one pass), and returns
its numerator and denominator per unit so a total row is the sum, never an average of rates.
A period is a closed date range [start, end].
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import CharField, Count, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from xinfang.cases.models import Case, CaseAccess, Opinion, Rating, Satisfaction
from xinfang.cases.states import Status
from xinfang.deadlines.models import Deadline, DeadlineState
from xinfang.deadlines.rules import DeadlineKind as K
from xinfang.orgs.models import Unit

from .models import Mediation


@dataclass(frozen=True)
class Ratio:
    numerator: int = 0
    denominator: int = 0

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.numerator + other.numerator, self.denominator + other.denominator)

    def __str__(self) -> str:
        if not self.denominator:
            return "—"
        return f"{100 * self.numerator / self.denominator:.1f}%（{self.numerator}/{self.denominator}）"


@dataclass(frozen=True)
class Average:
    total: int = 0  # days
    count: int = 0

    @property
    def value(self) -> float | None:
        return self.total / self.count if self.count else None

    def __add__(self, other: Average) -> Average:
        return Average(self.total + other.total, self.count + other.count)

    def __str__(self) -> str:
        return "—" if not self.count else f"{self.total / self.count:.1f}日（{self.count}件）"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def q(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.start, f"{field}__lte": self.end})


Ids = list[int]
PerUnit = dict[int, Ratio]


def _clock_rate(units: Ids, p: Period, kinds: Iterable[K]) -> PerUnit:
    """Clocks decided in the period (met, met late) or overdue with a due date in it.

    A clock breached and then extended (Art. 34, 45(1)) runs again, but counts as late: in the
    period of its breach while it runs, and as 超期完成 (MET_LATE) once ended.
    """
    done = Q(state__in=[DeadlineState.MET, DeadlineState.MET_LATE]) & p.q("ended_on")
    late_open = (Q(state=DeadlineState.OVERDUE) & p.q("due_on")) | (
        Q(state__in=[DeadlineState.OPEN, DeadlineState.DUE_SOON], breached_on__isnull=False)
        & p.q("breached_on"))
    rows = (Deadline.objects.filter(unit__in=units, kind__in=list(kinds), for_petitioner=False)
            .filter(done | late_open).values("unit")
            .annotate(n=Count("pk", filter=Q(state=DeadlineState.MET)), d=Count("pk")))
    return {r["unit"]: Ratio(r["n"], r["d"]) for r in rows}


def timely_acceptance(units: Ids, p: Period) -> PerUnit:
    """及时受理率: acceptance decided and notified within 15 days (Art. 23) / all due."""
    return _clock_rate(units, p, [K.ACCEPTANCE_NOTICE])


def on_time_completion(units: Ids, p: Period) -> PerUnit:
    """按期办结率: answers within the handling, 复查 and 复核 periods (Art. 34-36) / all due."""
    return _clock_rate(units, p, [K.HANDLING, K.REVIEW, K.RECHECK])


def _opinions(units: Ids, p: Period, stages: Iterable[str] | None = None):  # noqa: ANN202
    qs = Opinion.objects.filter(unit__in=units).filter(p.q("issued_on"))
    return qs.filter(stage__in=list(stages)) if stages else qs


def _rating(satisfied_only: bool = False) -> Exists:
    """The opinion's rating (same case and stage) exists (and is 满意 or 基本满意)."""
    ratings = Rating.objects.filter(case_id=OuterRef("case_id"), stage=OuterRef("stage"))
    if satisfied_only:
        ratings = ratings.exclude(satisfaction=Satisfaction.UNSATISFIED)
    return Exists(ratings)


def participation(units: Ids, p: Period) -> PerUnit:
    """参评率: written answers of the period that the petitioner rated / all such answers."""
    rows = (_opinions(units, p).values("unit").order_by()
            .annotate(n=Count("pk", filter=Q(_rating())), d=Count("pk")))
    return {r["unit"]: Ratio(r["n"], r["d"]) for r in rows if r["d"]}


def satisfaction_rate(units: Ids, p: Period) -> PerUnit:
    """满意率: (满意 + 基本满意) / rated answers of the period."""
    rows = (_opinions(units, p).filter(_rating()).values("unit").order_by()
            .annotate(n=Count("pk", filter=Q(_rating(satisfied_only=True))), d=Count("pk")))
    return {r["unit"]: Ratio(r["n"], r["d"]) for r in rows if r["d"]}


AGREEMENT = [Mediation.Status.AGREED, Mediation.Status.CONFIRMATION_REQUESTED,
             Mediation.Status.CONFIRMED]
CONCLUDED = [*AGREEMENT, Mediation.Status.CONFIRMATION_REJECTED, Mediation.Status.FAILED,
             Mediation.Status.DECLINED]


def _resolution(units: Ids, p: Period, *, first_time_only: bool) -> PerUnit:
    """Counted in the database (a grouped query each for the opinions and the imported answers, no
    row loaded): each handling opinion of the period (or imported answer, `imports.PastOpinion`), settled when its case is closed with no 不满意 rating and no later repeat petition, or
    mediated to an agreement with no repeat; for 一次性化解, also never taken to 复查/复核."""
    case = OuterRef("case_id")
    repeats = Exists(Case.related_cases.through.objects.filter(to_case_id=case))
    unsatisfied = Exists(Rating.objects.filter(case_id=case, satisfaction=Satisfaction.UNSATISFIED))
    agreed = Exists(Mediation.objects.filter(case_id=case, status__in=AGREEMENT))
    settled = ~Q(repeats) & ((Q(case__status=Status.CLOSED) & ~Q(unsatisfied)) | Q(agreed))
    if first_time_only:
        settled &= ~Q(Exists(Deadline.objects.filter(case_id=case, kind__in=[K.REVIEW, K.RECHECK])))
    out: dict[int, Ratio] = defaultdict(Ratio)
    # the handling opinions given here, and the answers of closed matters imported from an old
    # system (imports.PastOpinion: they have no Opinion row), counted alike
    for qs in (_opinions(units, p, [Opinion.Stage.HANDLING]), _past_opinions(units, p)):
        for r in qs.values("unit").order_by().annotate(n=Count("pk", filter=settled), d=Count("pk")):
            if r["d"]:
                out[r["unit"]] += Ratio(r["n"], r["d"])
    return dict(out)


def _past_opinions(units: Ids, p: Period):  # noqa: ANN202
    from xinfang.imports.models import PastOpinion

    return PastOpinion.objects.filter(unit__in=units).filter(p.q("issued_on"))


def resolution_rate(units: Ids, p: Period) -> PerUnit:
    """化解率: answered cases now settled (closed without 不满意 or repeat, or mediated) / answered."""
    return _resolution(units, p, first_time_only=False)


def first_time_resolution_rate(units: Ids, p: Period) -> PerUnit:
    """一次性化解率: settled without any 复查/复核 request / answered."""
    return _resolution(units, p, first_time_only=True)


REPEATS = Q(is_first_time=False) | Q(related_cases__isnull=False)


def repeat_rate(units: Ids, p: Period) -> PerUnit:
    """重复信访率: cases of the period that repeat an earlier petition / cases of the period.

    Per unit: the cases the unit took part in (a case registered by the bureau and handled by a
    department is in both rows). The total row is `repeat_rate_total`, each case once.
    """
    rows = (CaseAccess.objects.filter(unit__in=units).filter(p.q("case__received_on"))
            .values("unit").annotate(
                d=Count("case", distinct=True),
                n=Count("case", distinct=True, filter=Q(case__is_first_time=False)
                        | Q(case__related_cases__isnull=False))))
    return {r["unit"]: Ratio(r["n"], r["d"]) for r in rows}


def repeat_rate_total(units: Ids, p: Period) -> Ratio:
    """重复信访率 over all the units together: each case of the period counted once."""
    # the units' cases listed once (`id IN (...)`), not an access check per case of the period
    seen = CaseAccess.objects.filter(unit__in=units).values("case_id")
    linked = Exists(Case.related_cases.through.objects.filter(from_case_id=OuterRef("pk")))
    counts = Case.objects.filter(p.q("received_on"), pk__in=seen).aggregate(
        n=Count("pk", filter=Q(is_first_time=False) | Q(linked)), d=Count("pk"))
    return Ratio(counts["n"], counts["d"])


def _concluded_mediations(units: Ids, p: Period):  # noqa: ANN202
    return (Mediation.objects.filter(status__in=CONCLUDED).filter(p.q("concluded_on"))
            .filter(Q(organisation__unit__in=units) | Q(referring_unit__in=units))
            .select_related("organisation").distinct())


def mediation_success_rate(units: Ids, p: Period) -> PerUnit:
    """调解成功率: mediations ended in an agreement (not refused by the court) / ended mediations.

    Per unit: both the mediating organisation's unit and the referring unit count the mediation; the
    total row is `mediation_success_total`, each mediation once.
    """
    out: dict[int, Ratio] = defaultdict(Ratio)
    for m in _concluded_mediations(units, p):
        r = Ratio(int(m.status in AGREEMENT), 1)
        for unit_id in {m.organisation.unit_id, m.referring_unit_id} & set(units):
            out[unit_id] += r
    return dict(out)


def mediation_success_total(units: Ids, p: Period) -> Ratio:
    """调解成功率 over all the units together: each mediation once."""
    ended = list(_concluded_mediations(units, p).values_list("status", flat=True))
    return Ratio(sum(s in AGREEMENT for s in ended), len(ended))


STAGES: list[tuple[K, str]] = [(K.INTAKE, _("登记至转送交办")), (K.ACCEPTANCE_NOTICE, _("受理告知")),
                               (K.HANDLING, _("办理")), (K.REVIEW, _("复查")), (K.RECHECK, _("复核"))]


def stage_days(units: Ids, p: Period) -> dict[int, dict[str, Average]]:
    """平均用时: per stage, days from a clock's start to its end, less paused days."""
    out: dict[int, dict[str, Average]] = defaultdict(lambda: defaultdict(Average))
    # the dates as text, each distinct day parsed once: a county's year is tens of thousands of
    # clocks over a few hundred days (no model row built, no date parsed per row)
    rows = (Deadline.objects.filter(unit__in=units, kind__in=[k for k, _label in STAGES],
                                    state__in=[DeadlineState.MET, DeadlineState.MET_LATE])
            .filter(p.q("ended_on"))
            .annotate(start=Cast("started_on", CharField()), end=Cast("ended_on", CharField()))
            .values_list("unit_id", "kind", "start", "end", "paused_days"))
    ordinal: dict[str, int] = {}

    def day(text: str) -> int:
        if text not in ordinal:
            ordinal[text] = dt.date.fromisoformat(text[:10]).toordinal()
        return ordinal[text]

    sums: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for unit_id, kind, start, end, paused in rows.iterator(chunk_size=5000):
        acc = sums[(unit_id, kind)]
        acc[0] += day(end) - day(start) - paused
        acc[1] += 1
    for (unit_id, kind), (total, count) in sums.items():
        out[unit_id][kind] = Average(total, count)
    return out


@dataclass(frozen=True)
class Indicator:
    """One indicator: per-unit ratios and, where a record can count for two units, its own total.

    Without ``total`` the total row is the sum of the unit rows (each record belongs to one unit);
    with it, the total counts each record once (a case seen by the bureau and the department).
    """

    key: str
    label: str
    formula: str  # numerator ÷ denominator in the reader's language (docs/indicators.md has the details)
    compute: Callable[[Ids, Period], PerUnit]
    total: Callable[[Ids, Period], Ratio] | None = None

    def total_of(self, units: Ids, period: Period, per_unit: PerUnit | None = None) -> Ratio:
        """The figure over all `units` together: the sum of the rows, or, where a record counts for
        two units, each record once."""
        if self.total is not None:
            return self.total(units, period)
        per_unit = self.compute(units, period) if per_unit is None else per_unit
        return sum((per_unit.get(u, Ratio()) for u in units), Ratio())


INDICATORS: list[Indicator] = [
    Indicator("timely_acceptance", _("及时受理率"),
              _("受理告知期限（第二十三条，15日）按期完成数 ÷ 期内到期或完成的受理告知期限数"),
              timely_acceptance),
    Indicator("on_time_completion", _("按期办结率"),
              _("办理、复查、复核期限（第三十四至三十六条）按期完成数 ÷ 期内到期或完成的期限数"),
              on_time_completion),
    Indicator("participation", _("参评率"), _("期内出具并经信访人评价的书面答复数 ÷ 期内出具的书面答复数"),
              participation),
    Indicator("satisfaction", _("满意率"), _("评价为满意或基本满意的答复数 ÷ 经评价的答复数"),
              satisfaction_rate),
    Indicator("resolution", _("化解率"),
              _("已办结且无不满意评价、无重复信访（或调解达成协议）的件数 ÷ 期内出具处理意见的件数"),
              resolution_rate),
    Indicator("first_time_resolution", _("一次性化解率"),
              _("未经复查、复核即化解的件数 ÷ 期内出具处理意见的件数"), first_time_resolution_rate),
    Indicator("repeat", _("重复信访率"),
              _("期内重复信访件数 ÷ 期内信访件数（合计中每件只计一次）"), repeat_rate, repeat_rate_total),
    Indicator("mediation_success", _("调解成功率"),
              _("达成协议的调解数 ÷ 期内结束的调解数（合计中每件只计一次）"),
              mediation_success_rate, mediation_success_total),
]


@dataclass
class Row:
    unit: Unit | None  # None: the total of all rows
    values: dict[str, Ratio]
    stages: dict[str, Average]

    @property
    def empty(self) -> bool:
        return not any(v.denominator for v in self.values.values()) and not any(
            a.count for a in self.stages.values())


def _computed(ids: Ids, period: Period) -> tuple[dict[str, PerUnit], dict[int, dict[str, Average]]]:
    """Every indicator per unit and the stage days: from the rollup (XINFANG_INDICATORS_FROM_ROLLUPS,
    xinfang/rollups, when it is complete) where a figure is rolled up, else counted over the records
    now."""
    from xinfang.rollups import reads

    if reads.usable():
        return reads.indicators(ids, period, live={i.key: i.compute for i in INDICATORS})
    return {i.key: i.compute(ids, period) for i in INDICATORS}, stage_days(ids, period)


def _total(indicator: Indicator, ids: Ids, period: Period, per_unit: PerUnit | None = None,
           *, listed: Ids | None = None) -> Ratio:
    """`Indicator.total_of`, the deduplicated repeat total read from the rollup when it can be.

    `listed`: the units of the table when `ids` are those of them shown; a unit left out had no case
    of the period, so the repeat total over `listed` is the total over `ids`."""
    from xinfang.rollups import reads

    if indicator.key == "repeat" and reads.usable():
        rolled = reads.repeat_total(listed or ids, period)
        if rolled is not None:
            return rolled
    return indicator.total_of(ids, period, per_unit)


def indicator_table(units: Iterable[Unit], period: Period) -> list[Row]:
    """One row per unit with any data in the period, then the total row."""
    units = list(units)
    ids = [u.pk for u in units]
    computed, days = _computed(ids, period)
    rows = []
    total = Row(None, {i.key: Ratio() for i in INDICATORS}, {k: Average() for k, _label in STAGES})
    for u in units:
        row = Row(u, {i.key: computed[i.key].get(u.pk, Ratio()) for i in INDICATORS},
                  {k: days.get(u.pk, {}).get(k, Average()) for k, _label in STAGES})
        if row.empty:
            continue
        rows.append(row)
        total.values = {k: total.values[k] + v for k, v in row.values.items()}
        total.stages = {k: total.stages[k] + v for k, v in row.stages.items()}
    if not rows:
        return []
    shown = [r.unit.pk for r in rows]
    for indicator in INDICATORS:
        if indicator.total is not None:
            total.values[indicator.key] = _total(indicator, shown, period, listed=ids)
    return [*rows, total]


def jurisdiction_figures(units: Ids, period: Period) -> list[tuple[Indicator, Ratio]]:
    """Each indicator over a whole jurisdiction (the dashboard's figures), records counted once."""
    computed, _days = _computed(units, period)
    return [(i, _total(i, units, period, None if i.total else computed[i.key])) for i in INDICATORS]


def unit_indicators(unit: Unit, period: Period) -> Row:
    """The indicators of one unit (a row with zero denominators when it had no work)."""
    ids = [unit.pk]
    computed, days = _computed(ids, period)
    return Row(unit, {i.key: computed[i.key].get(unit.pk, Ratio()) for i in INDICATORS},
               {k: days.get(unit.pk, {}).get(k, Average()) for k, _label in STAGES})
