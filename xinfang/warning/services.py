"""Writes of the warning app: the daily recompute of all warnings.

`warnings_recompute` reads the cases, builds daily series per category, place and entity, runs the
configured detection method, clusters recent cases into hot issues, looks for units with many
overdue clocks, and upserts `Warning` rows. It is idempotent: a second run on the same day with the
same cases changes nothing and writes no event.

Accusation cases (揭发控告) are left out of every series, cluster and evidence list: their material
must never reach the accused unit (Art. 30), and a warning letter goes to a unit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.core.cache import cache
from django.db import transaction

from xinfang.cases.events import record_event
from xinfang.cases.models import Case, CasePetitioner, Category, Purpose
from xinfang.core import clock
from xinfang.core.conf import get
from xinfang.core.workflow import SYSTEM_ACTOR
from xinfang.deadlines.models import Deadline, DeadlineState
from xinfang.orgs.selectors import UnitTree

from . import detection, hotissues
from .conf import min_count_for, policy
from .models import (
    LEVEL_ORDER,
    CaseEntity,
    Dimension,
    Warning,
    WarningEventKind,
    WarningKind,
    WarningLevel,
)
from .states import WarningAction, WarningStatus
from .workflow import record_warning_event, warning_transition

Progress = Callable[..., Iterable] | None


def _iter(progress: Progress, items: Iterable, desc: str, total: int | None = None) -> Iterable:
    return progress(items, desc=desc, total=total) if progress else items


def level_for(method: str, score: float) -> WarningLevel | None:
    """The highest configured level whose threshold `score` reaches (None below the lowest)."""
    thresholds = policy()["levels"][method]
    level = None
    for lvl, thr in zip(LEVEL_ORDER, thresholds, strict=True):
        if score >= thr:
            level = lvl
    return level


def capped_level(level: WarningLevel | None, count: int, *,
                 history_days: int | None = None) -> WarningLevel | None:
    """`level` lowered until `count` (cases on the day, or in the issue) reaches the level's minimum
    (XINFANG_WARNING_MIN_COUNT_RED/ORANGE/YELLOW), and to blue at most when the series' history is
    shorter than XINFANG_WARNING_MIN_HISTORY_DAYS (a baseline of a few weeks of data is no baseline)."""
    if level is None:
        return None
    if history_days is not None and history_days < get("XINFANG_WARNING_MIN_HISTORY_DAYS"):
        return WarningLevel.BLUE
    i = LEVEL_ORDER.index(WarningLevel(level))
    while i > 0 and count < min_count_for(LEVEL_ORDER[i]):
        i -= 1
    return LEVEL_ORDER[i]


# ----------------------------------------------------------------------------------------------
# entities (cached per case)
# ----------------------------------------------------------------------------------------------

def entities_refresh(*, start: dt.date, end: dt.date, batch: int = 20000,
                     progress: Progress = None) -> int:
    """Extract the primary entity of every case in [start, end] that has none yet; returns count."""
    qs = (Case.objects.filter(received_on__gte=start, received_on__lte=end,
                              warning_entity__isnull=True)
          .exclude(purpose=Purpose.ACCUSATION)
          .order_by("pk").values_list("pk", "title", "request", "facts_reasons", "received_on"))
    rows = list(qs)
    done = 0
    for lo in _iter(progress, range(0, len(rows), batch), "对象识别",
                    total=(len(rows) + batch - 1) // batch):
        chunk = rows[lo:lo + batch]
        msgs = [hotissues.Message(id=str(pk), user="", title=title, body=f"{req}\n{facts}",
                                  time=day) for pk, title, req, facts, day in chunk]
        names = hotissues.primary_entities(msgs) if msgs else []
        CaseEntity.objects.bulk_create(
            [CaseEntity(case_id=pk, entity=(name or "")[:60])
             for (pk, *_), name in zip(chunk, names, strict=True)],
            ignore_conflicts=True,
        )
        done += len(chunk)
    return done


# ----------------------------------------------------------------------------------------------
# daily series
# ----------------------------------------------------------------------------------------------

@dataclass
class CaseRows:
    """One array entry per case (accusations excluded)."""

    ids: np.ndarray
    day: np.ndarray  # index into `dates`
    category: np.ndarray  # 0 = none
    place: np.ndarray
    handler: np.ndarray  # handling unit, else problem unit
    entity: np.ndarray  # object array of str ("" = none)
    dates: list[dt.date]


def load_case_rows(*, start: dt.date, end: dt.date) -> CaseRows:
    """One query: the fields the series need, for cases received in [start, end]."""
    qs = (Case.objects.filter(received_on__gte=start, received_on__lte=end)
          .exclude(purpose=Purpose.ACCUSATION)
          .values_list("pk", "received_on", "category_id", "problem_unit_id",
                       "handling_unit_id", "warning_entity__entity"))
    rows = list(qs.iterator(chunk_size=20000))
    n_days = (end - start).days + 1
    dates = detection.consecutive_dates(start, n_days)
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return CaseRows(empty, empty, empty, empty, empty, np.zeros(0, dtype=object), dates)
    pk, day, cat, place, handling, ent = zip(*rows, strict=True)
    day_idx = np.fromiter(((d - start).days for d in day), dtype=np.int64, count=len(rows))
    place_a = np.asarray(place, dtype=np.int64)
    handling_a = np.asarray([h or 0 for h in handling], dtype=np.int64)
    return CaseRows(
        ids=np.asarray(pk, dtype=np.int64), day=day_idx,
        category=np.asarray([c or 0 for c in cat], dtype=np.int64), place=place_a,
        handler=np.where(handling_a > 0, handling_a, place_a),
        entity=np.asarray([e or "" for e in ent], dtype=object), dates=dates,
    )


@dataclass
class SeriesSpec:
    dimension: Dimension
    key: str
    label: str
    scope_unit_id: int
    category_id: int | None = None
    depth: int = 0  # deeper = more specific (a village below its township, a leaf category)


@dataclass
class SeriesSet:
    specs: list[SeriesSpec]
    counts: np.ndarray  # (n_series, n_days)
    pair_series: np.ndarray  # per (case, series) membership: series index
    pair_case: np.ndarray  # index into CaseRows
    dates: list[dt.date]


class _Tree(UnitTree):
    """Units (orgs.selectors.UnitTree: chains, county) and categories in memory (both are small)."""

    def __init__(self) -> None:
        super().__init__()
        self.cats = {c["id"]: c for c in Category.objects.values("id", "name", "parent_id")}

    def cat_chain(self, cid: int) -> list[int]:
        out = []
        while cid:
            out.append(cid)
            cid = self.cats[cid]["parent_id"] or 0
        return out

    def cat_label(self, cid: int) -> str:
        return " / ".join(self.cats[c]["name"] for c in reversed(self.cat_chain(cid)))


def _membership(codes: np.ndarray, keys_of: Callable[[Any], list[int]]) -> np.ndarray:
    """(n_cases, width) series indices (-1 padded) from one integer group code per case."""
    uniq, inverse = np.unique(codes, return_inverse=True)
    lists = [keys_of(u) for u in uniq]
    width = max((len(x) for x in lists), default=0)
    table = np.full((len(uniq), max(width, 1)), -1, dtype=np.int64)
    for i, x in enumerate(lists):
        table[i, :len(x)] = x
    return table[inverse]


def build_series(rows: CaseRows, *, min_total: int = 1, tree: _Tree | None = None) -> SeriesSet:
    """Daily counts per place (every unit above the problem unit), per category (every level)
    within a county, and per entity within a county; series under `min_total` cases dropped."""
    tree = tree or _Tree()
    specs: list[SeriesSpec] = []
    index: dict[str, int] = {}

    def sid(key: str, make: Callable[[], SeriesSpec]) -> int:
        if key not in index:
            index[key] = len(specs)
            specs.append(make())
        return index[key]

    n = len(rows.ids)
    if n == 0:
        return SeriesSet([], np.zeros((0, len(rows.dates))), np.zeros(0, np.int64),
                         np.zeros(0, np.int64), rows.dates)
    county = {u: tree.county_of(u) for u in np.unique(rows.place).tolist()}
    county_a = np.fromiter((county[p] for p in rows.place.tolist()), dtype=np.int64, count=n)

    def place_keys(u: int) -> list[int]:
        return [sid(f"place:{a}", lambda a=a: SeriesSpec(
            Dimension.PLACE, f"place:{a}", tree.units[a]["name"], a,
            depth=len(tree.chain(a)))) for a in tree.chain(u)]

    n_units = max(tree.units) + 1

    def cat_keys(code: int) -> list[int]:
        cid, cty = divmod(code, n_units)
        if cid == 0:
            return []
        return [sid(f"category:{c}@{cty}", lambda c=c: SeriesSpec(
            Dimension.CATEGORY, f"category:{c}@{cty}",
            f"{tree.cat_label(c)}（{tree.units[cty]['name']}）", cty, c,
            depth=len(tree.cat_chain(c))))
            for c in tree.cat_chain(cid)]

    ent_names, ent_code = np.unique(rows.entity.astype(str), return_inverse=True)

    def ent_keys(code: int) -> list[int]:
        e, cty = divmod(code, n_units)
        name = ent_names[e]
        if not name:
            return []
        key = f"entity:{name}@{cty}"
        return [sid(key, lambda: SeriesSpec(Dimension.ENTITY, key,
                                            f"{name}（{tree.units[cty]['name']}）", cty))]

    members = [
        _membership(rows.place, place_keys),
        _membership(rows.category * n_units + county_a, cat_keys),
        _membership(ent_code.astype(np.int64) * n_units + county_a, ent_keys),
    ]
    m = np.concatenate(members, axis=1)
    case_idx = np.repeat(np.arange(n), m.shape[1])
    flat = m.ravel()
    ok = flat >= 0
    flat, case_idx = flat[ok], case_idx[ok]
    totals = np.bincount(flat, minlength=len(specs))
    keep = np.flatnonzero(totals >= min_total)
    remap = np.full(len(specs), -1, dtype=np.int64)
    remap[keep] = np.arange(len(keep))
    flat = remap[flat]
    ok = flat >= 0
    flat, case_idx = flat[ok], case_idx[ok]
    n_days = len(rows.dates)
    counts = np.bincount(flat * n_days + rows.day[case_idx],
                         minlength=len(keep) * n_days).reshape(len(keep), n_days)
    return SeriesSet([specs[i] for i in keep], counts.astype(float), flat, case_idx, rows.dates)


# ----------------------------------------------------------------------------------------------
# upsert
# ----------------------------------------------------------------------------------------------

@dataclass
class Signal:
    """One detected thing to be recorded as a warning."""

    kind: WarningKind
    dimension: Dimension
    key: str
    label: str
    scope_unit_id: int
    responsible_unit_id: int
    method: str
    statistic: float
    threshold: float
    observed: int
    expected: float | None
    level: WarningLevel
    first_on: dt.date
    last_on: dt.date
    case_ids: list[int]
    summary: str
    category_id: int | None = None
    data: dict = field(default_factory=dict)


@dataclass
class RecomputeResult:
    today: dt.date
    cases: int = 0
    series: int = 0
    signals: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    case_events: int = 0
    closed: int = 0
    by_kind: Counter = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        kinds = "，".join(f"{WarningKind(k).label}{v}" for k, v in sorted(self.by_kind.items()))
        return (f"{self.today}：{self.cases}件信访件，{self.series}条序列，{self.signals}个信号"
                f"（{kinds or '无'}）；新增预警{self.created}条，更新{self.updated}条，"
                f"未变{self.unchanged}条" + (f"，自动办结{self.closed}条" if self.closed else ""))


def _close_faded(*, today: dt.date, quiet_days: int | None) -> int:
    """Close open warnings (no letter sent) whose signal has been quiet for `quiet_days` days, when a
    bureau chose to (policy ``auto_close_quiet_days``); a warning with a letter waits for the unit's
    answer and the bureau's review whatever the signal does."""
    if not quiet_days:
        return 0
    faded = list(Warning.objects.filter(
        status=WarningStatus.OPEN, last_signal_on__lt=today - dt.timedelta(days=quiet_days),
    ).values_list("pk", flat=True))
    for pk in faded:
        warning_transition(warning_id=pk, action=WarningAction.CLOSE, actor=SYSTEM_ACTOR,
                           params={"faded_days": quiet_days})
    return len(faded)


def _responsible(handlers: Iterable[int]) -> int | None:
    c = Counter(h for h in handlers if h)
    return min(c, key=lambda u: (-c[u], u)) if c else None


def _new_number(w: Warning) -> str:
    return f"YJ{w.first_signal_on:%Y}{w.pk:06d}"


def entity_map(rows: CaseRows) -> dict[int, str]:
    """Case id → its primary entity (cases that have one)."""
    return {int(i): e for i, e in zip(rows.ids.tolist(), rows.entity.tolist(), strict=True) if e}


def _note_cases(warning: Warning, case_ids: Iterable[int], as_of: dt.date | None = None) -> int:
    """A case-timeline entry on each case newly added as evidence (with the day the data was
    read as of, when a backfill computed it for a past day)."""
    n = 0
    extra = {"as_of": as_of.isoformat()} if as_of else {}
    for case in Case.objects.filter(pk__in=list(case_ids)):
        record_event(case=case, type="warning.case_listed", action="warning",
                     data={"warning": warning.number, "kind": warning.kind,
                           "label": warning.label, "level": warning.level, **extra})
        n += 1
    return n


def write_signals(signals: list[Signal], result: RecomputeResult, gap_days: int, *,
                  as_of: dt.date) -> None:
    """The day's signals written as `_upsert` decides, in one transaction and in bulk (the backfill's
    writer, `backfill._BulkUpsert`, for one day): the cases' `warning.case_listed` entries chained from
    each case's tip in one statement per 5,000 cases instead of two per entry (Art. 21 timeline)."""
    if not signals:
        return
    from .backfill import _BulkUpsert  # it builds on this module

    writer = _BulkUpsert(gap_days=gap_days, since=min(s.first_on for s in signals))
    writer.plan(signals, result, as_of=as_of)
    writer.write()


def _episode(candidates: list[Warning], s: Signal, gap_days: int) -> Warning | None:
    """The latest warning of the signal's key whose episode (first to last signal, widened by the
    merge gap) touches the signal's days: the warning a day's signal updates. On a live day that
    is the latest warning if recent enough; a backfill re-run meets later episodes too, and a day
    in March must not grow a warning of June."""
    gap = dt.timedelta(days=gap_days)
    for w in reversed(candidates):
        if w.first_signal_on - gap <= s.last_on and w.last_signal_on >= s.first_on - gap:
            return w
    return None


def _upsert(signals: list[Signal], result: RecomputeResult, gap_days: int, *,
            as_of: dt.date | None = None) -> None:
    """Create or update the warning of each signal, as of the day `as_of` (default today): the
    warning's `raised_on`; a past day (a backfill, a recompute `--today` in the past) also marks
    it `backfilled` and puts the day into its events (never sent as if it were news)."""
    if not signals:
        return
    earliest = min(s.first_on for s in signals) - dt.timedelta(days=gap_days)
    latest: dict[tuple[str, str], list[Warning]] = defaultdict(list)
    for w in (Warning.objects.filter(key__in={s.key for s in signals},
                                     last_signal_on__gte=earliest)
              .order_by("last_signal_on", "pk")):
        latest[(w.kind, w.key)].append(w)
    raised_on = as_of or clock.today()
    backfilled = raised_on < clock.today()
    past = {"as_of": raised_on.isoformat()} if backfilled else {}
    as_of = raised_on if backfilled else None
    existing_evidence: dict[int, set[int]] = defaultdict(set)
    through = Warning.evidence.through
    for wid, cid in through.objects.filter(
            warning_id__in=[w.pk for ws in latest.values() for w in ws]).values_list(
                "warning_id", "case_id"):
        existing_evidence[wid].add(cid)
    now = clock.now()
    for s in signals:
        w = _episode(latest.get((s.kind, s.key), []), s, gap_days)
        if w is not None and w.is_closed:
            if s.last_on <= (w.closed_on or w.last_signal_on):
                result.unchanged += 1  # already handled and closed
                continue
            w = None  # a new episode after closure
        with transaction.atomic():
            if w is None:
                w = Warning.objects.create(
                    number=f"tmp-{uuid.uuid4().hex[:20]}", kind=s.kind, dimension=s.dimension,
                    key=s.key, label=s.label[:200], category_id=s.category_id,
                    scope_unit_id=s.scope_unit_id, responsible_unit_id=s.responsible_unit_id,
                    method=s.method, statistic=s.statistic, threshold=s.threshold,
                    observed=s.observed, expected=s.expected, level=s.level,
                    first_signal_on=s.first_on, last_signal_on=s.last_on, summary=s.summary,
                    data=s.data, created_at=now, updated_at=now, raised_on=raised_on,
                    backfilled=backfilled,
                )
                w.number = _new_number(w)
                w.save(update_fields=["number"])
                w.evidence.add(*s.case_ids)
                existing_evidence[w.pk].update(s.case_ids)
                latest[(s.kind, s.key)].append(w)
                record_warning_event(warning=w, kind=WarningEventKind.RAISED, new_value=w.level,
                                     data={"cases": len(s.case_ids), "warning_kind": w.kind,
                                           **past})
                result.case_events += _note_cases(w, s.case_ids, as_of)
                result.created += 1
                continue
            new_cases = [c for c in s.case_ids if c not in existing_evidence[w.pk]]
            changes: dict[str, Any] = {}
            if s.last_on > w.last_signal_on:
                changes.update(last_signal_on=s.last_on, summary=s.summary,
                               observed=s.observed, expected=s.expected)
            if s.method != w.method:  # scores of different methods are not comparable
                changes.update(method=s.method, statistic=s.statistic, threshold=s.threshold)
            elif s.statistic > w.statistic + 1e-9:
                changes.update(statistic=s.statistic, threshold=s.threshold)
            if LEVEL_ORDER.index(s.level) > w.level_rank:
                changes["level"] = s.level
            if not changes and not new_cases:
                result.unchanged += 1
                continue
            if not new_cases and all(
                    getattr(w, k) == v for k, v in changes.items() if k != "last_signal_on"):
                # the same signal still there a day later (e.g. the same overdue clocks): move the
                # date on quietly, no timeline entry
                w.last_signal_on = s.last_on
                w.save(update_fields=["last_signal_on"])
                result.unchanged += 1
                continue
            old_level = w.level
            for k, v in changes.items():
                setattr(w, k, v)
            w.updated_at = now
            w.save()
            if new_cases:
                w.evidence.add(*new_cases)
                existing_evidence[w.pk].update(new_cases)
            record_warning_event(
                warning=w, kind=WarningEventKind.UPDATED, old_value=old_level,
                new_value=w.level,
                data={"new_cases": len(new_cases), "changed": sorted(changes), **past},
            )
            result.case_events += _note_cases(w, new_cases, as_of)
            result.updated += 1


# ----------------------------------------------------------------------------------------------
# the three detectors
# ----------------------------------------------------------------------------------------------

_SPECIFIC = {Dimension.ENTITY: 0, Dimension.CATEGORY: 1, Dimension.PLACE: 2}


def _most_specific(found: list, series: SeriesSet, cases_of: dict[int, list[int]]) -> list:
    """One alarm per set of evidence cases: a burst that rings the village, the township, the
    county and every level of its category is reported once, on the most specific series
    (entity, then the deepest category, then the deepest place); the others are named in it."""
    groups: dict[frozenset, list] = defaultdict(list)
    for item in found:
        groups[frozenset(cases_of[item[0]])].append(item)
    out = []
    for items in groups.values():
        items.sort(key=lambda it: (_SPECIFIC[series.specs[it[0]].dimension],
                                   -series.specs[it[0]].depth, it[0]))
        out.append(items[0])
        series.specs[items[0][0]].__dict__["also"] = [series.specs[it[0]].label
                                                      for it in items[1:]]
    return sorted(out, key=lambda it: it[0])


def _explained(found: list, series: SeriesSet, cases_of: dict[int, list[int]]) -> list:
    """One event, one warning: an alarm whose excess is explained by alarms of smaller series inside
    it (a district's burst that also rings its city, a leaf category's burst that rings its parent)
    is dropped; it belongs to the lowest series that explains it, and is named in that warning's
    "also" (the warning's place lies under the city, so the city sees it too).

    Alarm B lies inside alarm A when B has fewer evidence cases and at least 80% of them are A's.
    A is explained when the evidence of the alarms inside it covers at least half of A's excess
    (observed minus expected, summed over A's alarm days)."""
    ev = {it[0]: set(cases_of[it[0]]) for it in found}
    order = sorted(found, key=lambda it: (len(ev[it[0]]), it[0]))
    kept: list = []
    for pos, it in enumerate(order):
        s, days, _scores, expected = it[0], it[1], it[2], it[3]
        a = ev[s]
        inside = [b for b in order[:pos]
                  if len(ev[b[0]]) < len(a) and len(ev[b[0]] & a) >= 0.8 * len(ev[b[0]])]
        if inside:
            covered = set().union(*(ev[b[0]] for b in inside)) & a
            exp = np.nan_to_num(np.asarray(expected, dtype=float))
            excess = float(np.clip(series.counts[s, days] - exp, 0, None).sum())
            if len(covered) >= 0.5 * excess:
                label = series.specs[s].label
                also_a = series.specs[s].__dict__.get("also", [])
                for b in kept:
                    if ev[b[0]] & a:
                        also_b = series.specs[b[0]].__dict__.setdefault("also", [])
                        for name in (label, *also_a):
                            if name not in also_b:
                                also_b.append(name)
                continue
        kept.append(it)
    return sorted(kept, key=lambda it: it[0])


def _shares_topic(case_ids: list[int], entity_of: dict[int, str], share: float,
                  texts: dict[int, tuple[dt.datetime, hotissues.Message]] | None = None) -> bool:
    """Whether at least `share` of the evidence cases (and at least two) name one place or topic:
    the same primary entity, else the same hot-issue cluster of their texts (hotissues.py). Three
    cases about three different places are no spike of anything. `texts`: the cases' messages
    kept between calls (a backfill asks about the same cases on many days)."""
    n = len(case_ids)
    need = max(2, int(np.ceil(share * n)))
    if share <= 0:
        return True
    if n < need:
        return False
    ents = Counter(entity_of.get(c) for c in case_ids if entity_of.get(c))
    if ents and ents.most_common(1)[0][1] >= need:
        return True
    texts = {} if texts is None else texts
    missing = [c for c in case_ids if c not in texts]
    for pk, title, req, facts, day, registered in Case.objects.filter(pk__in=missing).values_list(
            "pk", "title", "request", "facts_reasons", "received_on", "registered_at"):
        texts[pk] = (registered, hotissues.Message(id=str(pk), user=str(pk), title=title,
                                                   body=f"{req}\n{facts}", time=day))
    # in the cases' own order (latest registered first, then by id)
    known = [c for c in case_ids if c in texts]
    msgs = [texts[c][1] for c in sorted(known, key=lambda c: (-texts[c][0].timestamp(), c))]
    issues = hotissues.find_hot_issues(msgs, top=1, min_messages=2, road_split_sim=None)
    return bool(issues) and issues[0].n_messages >= need


# ----------------------------------------------------------------------------------------------
# worker processes
# ----------------------------------------------------------------------------------------------

# What the forked workers read: set by the parent just before it forks them, so the inputs (the
# count matrix, the county corpora) reach the workers by copy-on-write, not by pickling.
_FORKED: dict[str, Any] = {}


def _in_workers(fn: Callable[[Any], Any], jobs: list, workers: int, *, shared: dict[str, Any],
                progress: Progress = None, desc: str = "", cost: Callable[[Any], float] | None = None,
                ) -> list:
    """`[fn(job) for job in jobs]`, in `workers` forked processes when workers > 1 (the longest
    jobs first, by `cost`); the results in the order of `jobs` either way. `fn` must be a
    module-level function that reads its inputs from `_FORKED` and touches no database."""
    _FORKED.clear()
    _FORKED.update(shared)
    try:
        if workers <= 1 or len(jobs) <= 1:
            return [fn(j) for j in _iter(progress, jobs, desc, total=len(jobs))]
        import multiprocessing

        order = sorted(range(len(jobs)), key=lambda k: -(cost(jobs[k]) if cost else 0))
        out: list = [None] * len(jobs)
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(min(workers, len(jobs))) as pool:
            it = pool.imap_unordered(_indexed, [(fn, k, jobs[k]) for k in order])
            for k, res in _iter(progress, it, desc, total=len(jobs)):
                out[k] = res
        return out
    finally:
        _FORKED.clear()


def _indexed(task: tuple) -> tuple[int, Any]:
    fn, k, job = task
    return k, fn(job)


def _detect_chunk(job: tuple[int, int]) -> list:
    lo, hi = job
    f = _FORKED
    res = detection.detect_matrix(f["counts"][lo:hi], f["dates"], f["method"],
                                  min_count=f["min_count"], **f["params"])
    tail = f["tail"]
    out = []
    for r in np.flatnonzero(res.alarm[:, tail:].any(axis=1)):
        days = tail + np.flatnonzero(res.alarm[r, tail:])
        out.append((lo + int(r), days, res.score[r, days], res.expected[r, days],
                    float(res.threshold)))
    return out


# Series per chunk of the spike detection. Each series is fitted alone, but the matrix products
# of a chunk round its last bit differently with another chunk size (scores differ by ~1e-16), so
# the chunks are fixed here, not by the number of workers: 5,000 keeps ten chunks for two workers
# at a million cases (45,740 series) and costs one process nothing measurable against 20,000.
SPIKE_CHUNK = 5000


def spike_alarms(series: SeriesSet, *, method: str, alarm_days: int, min_count: int,
                 params: dict[str, Any], chunk: int = SPIKE_CHUNK, progress: Progress = None,
                 workers: int = 1,
                 ) -> list[tuple[int, np.ndarray, np.ndarray, np.ndarray, float]]:
    """(series, alarm days, scores, expected, threshold) of `method` on the last `alarm_days` days
    of every series that has an alarm there (all days: `alarm_days` = the series' length). The
    series are tested in chunks of `chunk`, in `workers` parallel processes when > 1: the chunks
    are the same whatever the number of workers, and so are the results (a series' score depends
    on its chunk in the last bit only, through the matrix products: see SPIKE_CHUNK)."""
    n_s, n_t = series.counts.shape
    if n_s == 0:
        return []
    if params.get("pooled") and chunk == SPIKE_CHUNK:
        chunk = 20000  # a pooled GLM fits its shared effects on the whole chunk: as before
    tail = max(0, n_t - alarm_days)
    jobs = [(lo, min(lo + chunk, n_s)) for lo in range(0, n_s, chunk)]
    parts = _in_workers(_detect_chunk, jobs, workers, progress=progress, desc="异常检测",
                        shared={"counts": series.counts, "dates": series.dates,
                                "method": method, "min_count": min_count, "params": params,
                                "tail": tail})
    return [alarm for part in parts for alarm in part]


def spike_signals(rows: CaseRows, series: SeriesSet, *, method: str, alarm_days: int,
                  min_count: int, max_evidence: int, params: dict[str, Any],
                  chunk: int = SPIKE_CHUNK, progress: Progress = None, workers: int = 1,
                  ) -> list[Signal]:
    """Alarms of `method` on the last `alarm_days` days of every series, one signal per series."""
    found = spike_alarms(series, method=method, alarm_days=alarm_days, min_count=min_count,
                         params=params, chunk=chunk, progress=progress, workers=workers)
    tail = max(0, series.counts.shape[1] - alarm_days)
    return signals_from_alarms(found, rows, series, method=method, tail=tail,
                               max_evidence=max_evidence)


def signals_from_alarms(found: list, rows: CaseRows, series: SeriesSet, *, method: str,
                        tail: int, max_evidence: int,
                        shares_topic: Callable[..., bool] | None = None,
                        entity_of: dict[int, str] | None = None) -> list[Signal]:
    """One signal per alarmed series (alarms on days >= `tail`): its evidence cases, the most
    specific series of each burst, the level capped by count and history."""
    if not found:
        return []
    for spec in series.specs:  # "also" is per run (a backfill runs this once per day)
        spec.__dict__.pop("also", None)
    shares_topic = shares_topic or _shares_topic
    # evidence: the series' cases on its alarm days
    alarmed = {s: set(days.tolist()) for s, days, *_ in found}
    in_tail = rows.day[series.pair_case] >= tail
    sel = np.flatnonzero(in_tail & np.isin(series.pair_series, list(alarmed)))
    cases_of: dict[int, list[int]] = defaultdict(list)
    handlers_of: dict[int, list[int]] = defaultdict(list)
    for s, ci in zip(series.pair_series[sel].tolist(), series.pair_case[sel].tolist(),
                     strict=True):
        if rows.day[ci] in alarmed[s]:
            cases_of[s].append(int(rows.ids[ci]))
            handlers_of[s].append(int(rows.handler[ci]))
    if entity_of is None:
        entity_of = entity_map(rows)
    share = get("XINFANG_WARNING_SPIKE_MIN_SHARED")
    # the baseline rests on the days the system has data for (its first case to the alarm day): a
    # quiet series in a year of data has a credible ~0 baseline, any series in a fortnight has not
    first_day = int(rows.day.min()) if len(rows.day) else 0
    out = []
    for s, days, scores, expected, thr in _explained(_most_specific(found, series, cases_of),
                                                     series, cases_of):
        if not shares_topic(sorted(cases_of[s]), entity_of, share):
            continue
        spec = series.specs[s]
        best = int(np.nanargmax(scores))
        score = float(min(scores[best], 99.0))
        # the level of each alarm day, capped by the day's count and the series' age; the highest
        level = max((capped_level(level_for(method, float(min(sc, 99.0))) or WarningLevel.BLUE,
                                  int(series.counts[s, d]), history_days=int(d) - first_day)
                     for d, sc in zip(days, scores, strict=True)),
                    key=LEVEL_ORDER.index)
        d_best = series.dates[int(days[best])]
        observed = int(series.counts[s, days[best]])
        exp = float(expected[best]) if np.isfinite(expected[best]) else None
        responsible = (spec.scope_unit_id if spec.dimension == Dimension.PLACE
                       else _responsible(handlers_of[s]) or spec.scope_unit_id)
        exp_txt = f"，基线期望{exp:.1f}件" if exp is not None else ""
        out.append(Signal(
            kind=WarningKind.SPIKE, dimension=spec.dimension, key=spec.key, label=spec.label,
            scope_unit_id=spec.scope_unit_id, responsible_unit_id=responsible, method=method,
            statistic=round(score, 4), threshold=round(thr, 4), observed=observed,
            expected=None if exp is None else round(exp, 3), level=level,
            first_on=series.dates[int(days[0])], last_on=series.dates[int(days[-1])],
            case_ids=sorted(cases_of[s])[:max_evidence], category_id=spec.category_id,
            summary=(f"{spec.label}：{d_best:%Y-%m-%d}收到{observed}件{exp_txt}"
                     f"（{method}统计量{score:.2f}，阈值{thr:.2f}）"),
            data={"alarm_days": [series.dates[int(d)].isoformat() for d in days],
                  "also": spec.__dict__.get("also", [])},
        ))
    return out


def _cluster_county(cty: int) -> list[hotissues.HotIssue]:
    f = _FORKED
    return hotissues.find_hot_issues(f["msgs"][cty], as_of=f["today"], top=f["top"])


# Hot issues of a county are kept in the cache (the database table, or Redis, shared by every
# process) under the day and a fingerprint of the county's messages: a rerun of the same day whose
# messages have not changed (no new case, no text or petitioner changed, the same order) reuses
# them instead of clustering again; any change clusters the county again. Bump the version when
# hotissues.find_hot_issues changes what it returns.
HOT_CACHE_VERSION = 2
HOT_CACHE_SECONDS = 36 * 3600


def _hot_cache_key(cty: int, today: dt.date, top: int) -> str:
    return f"warning.hot.v{HOT_CACHE_VERSION}:{cty}:{today.isoformat()}:{top}"


def _fingerprint(msgs: list[hotissues.Message]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for m in msgs:
        h.update(f"{m.id}\x1f{m.user}\x1f{m.time}\x1f{m.title}\x1f{m.body}\x1e".encode())
    return h.hexdigest()


def hot_issue_signals(*, today: dt.date, cfg: dict[str, Any], tree: _Tree,
                      progress: Progress = None, workers: int = 1,
                      keep: bool = False) -> list[Signal]:
    """Clusters of recent cases about one matter, per county, ranked by heat (hotissues.py).
    Each county is clustered alone, so with `workers` > 1 the counties are clustered in parallel
    processes (the largest first); the signals are the same and in the same order. `keep`: reuse
    and keep each county's issues of the day in the cache (the daily run; not a backfill, whose
    hundreds of past days would fill it)."""
    start = today - dt.timedelta(days=cfg["hot_days"] - 1)
    # in a fixed order (the clusters' ties and the kept issues' fingerprint depend on it; without
    # ORDER BY, PostgreSQL returns a parallel scan's rows in any order)
    rows = list(Case.objects.filter(received_on__gte=start, received_on__lte=today)
                .exclude(purpose=Purpose.ACCUSATION).order_by("pk")
                .values_list("pk", "title", "request", "facts_reasons", "received_on",
                             "problem_unit_id", "handling_unit_id"))
    people: dict[int, list[int]] = defaultdict(list)
    for cid, pid in CasePetitioner.objects.filter(
            case__in=[r[0] for r in rows]).order_by("pk").values_list("case_id", "petitioner_id"):
        people[cid].append(pid)
    by_county: dict[int, list[tuple]] = defaultdict(list)
    for r in rows:
        by_county[tree.county_of(r[5])].append(r)
    out = []
    lowest = policy()["levels"]["hot_issue"][0]
    msgs_of: dict[int, list[hotissues.Message]] = {}
    info: dict[str, tuple[int, int]] = {}
    for cty, crs in sorted(by_county.items()):
        msgs = []
        for pk, title, req, facts, day, place, handling in crs:
            pids = people.get(pk) or [f"case{pk}"]
            # one message per petitioner would over-count; the case counts once, its first
            # petitioner stands for "who wrote it"
            msgs.append(hotissues.Message(id=str(pk), user=str(pids[0]), title=title,
                                          body=f"{req}\n{facts}", time=day))
            info[str(pk)] = (pk, handling or place)
        if len(msgs) >= 2:
            msgs_of[cty] = msgs
    del rows, by_county
    counties = list(msgs_of)
    top = cfg["hot_top"]
    prints = {c: _fingerprint(msgs_of[c]) for c in counties}
    keys = {c: _hot_cache_key(c, today, top) for c in counties}
    cached = cache.get_many(list(keys.values())) if keep else {}
    issues_of: dict[int, list[hotissues.HotIssue]] = {}
    for c in counties:
        hit = cached.get(keys[c])
        if hit is not None and hit[0] == prints[c]:
            issues_of[c] = hit[1]
    todo = [c for c in counties if c not in issues_of]
    if workers > 1 and len(todo) > 1:
        hotissues._jieba()  # loaded once here, shared by the forked workers
    found = _in_workers(_cluster_county, todo, workers, progress=progress, desc="热点聚类",
                        shared={"msgs": msgs_of, "today": today, "top": top},
                        cost=lambda c: len(msgs_of[c]))
    issues_of.update(zip(todo, found, strict=True))
    if todo and keep:
        cache.set_many({keys[c]: (prints[c], issues_of[c]) for c in todo},
                       timeout=HOT_CACHE_SECONDS)
    for cty in counties:
        issues = issues_of[cty]
        for issue in issues:
            if issue.n_petitioners < cfg["hot_min_petitioners"] or issue.heat < lowest:
                continue
            name = issue.entity or " ".join(issue.keywords[:3])
            if not name:
                continue
            ids = [info[m][0] for m in issue.message_ids]
            label = f"{issue.name}（{tree.units[cty]['name']}）"
            out.append(Signal(
                kind=WarningKind.HOT_ISSUE, dimension=Dimension.ENTITY,
                key=f"hot:{name}@{cty}"[:200], label=label, scope_unit_id=cty,
                responsible_unit_id=_responsible(info[m][1] for m in issue.message_ids) or cty,
                method="hot_issue", statistic=issue.heat, threshold=lowest,
                observed=issue.n_messages, expected=None,
                level=capped_level(level_for("hot_issue", issue.heat) or WarningLevel.BLUE,
                                   issue.n_messages),
                first_on=issue.first_date, last_on=issue.last_date,
                case_ids=sorted(ids)[:cfg["max_evidence"]],
                summary=(f"热点：{issue.name}，{issue.n_messages}件、{issue.n_petitioners}名信访人，"
                         f"近期增长{issue.growth:+.2f}，热度{issue.heat:.2f}"),
                data={"keywords": issue.keywords, "petitioners": issue.n_petitioners,
                      "growth": issue.growth},
            ))
    return out


def overdue_signals(*, today: dt.date, cfg: dict[str, Any], tree: _Tree) -> list[Signal]:
    """Units holding at least `overdue_min` overdue legal clocks (Art. 22, 23, 34-36)."""
    by_unit: dict[int, list[int]] = defaultdict(list)
    for unit_id, case_id in (Deadline.objects.filter(state=DeadlineState.OVERDUE,
                                                     for_petitioner=False, unit__isnull=False)
                             .exclude(case__purpose=Purpose.ACCUSATION)
                             .values_list("unit_id", "case_id")):
        by_unit[unit_id].append(case_id)
    out = []
    for unit_id, ids in sorted(by_unit.items()):
        n = len(ids)
        level = level_for("overdue_cluster", n)
        if n < cfg["overdue_min"] or level is None:
            continue
        name = tree.units[unit_id]["name"]
        out.append(Signal(
            kind=WarningKind.OVERDUE_CLUSTER, dimension=Dimension.UNIT,
            key=f"overdue:{unit_id}", label=name, scope_unit_id=unit_id,
            responsible_unit_id=unit_id, method="overdue_cluster", statistic=float(n),
            threshold=float(cfg["overdue_min"]), observed=n, expected=None, level=level,
            first_on=today, last_on=today, case_ids=sorted(set(ids))[:cfg["max_evidence"]],
            summary=f"{name}有{n}个法定期限已超期",
        ))
    return out


def warnings_recompute(*, today: dt.date | None = None, method: str | None = None,
                       progress: Progress = None, workers: int | None = None) -> RecomputeResult:
    """Recompute every warning as of `today` (default: the clock's today); idempotent. `workers`
    (default: the policy's) processes cluster the counties and test the series in parallel."""
    cfg = policy()
    today = today or clock.today()
    workers = max(1, int(workers or cfg["workers"]))
    method = method or cfg["method"]
    params = dict(cfg["method_params"].get(method, {}))
    result = RecomputeResult(today=today)
    start = today - dt.timedelta(days=cfg["history_days"] - 1)
    t0 = time.perf_counter()
    entities_refresh(start=start, end=today, progress=progress)
    t1 = time.perf_counter()
    tree = _Tree()
    rows = load_case_rows(start=start, end=today)
    t2 = time.perf_counter()
    series = build_series(rows, min_total=cfg["min_total"], tree=tree)
    t3 = time.perf_counter()
    result.cases, result.series = len(rows.ids), len(series.specs)
    signals = spike_signals(rows, series, method=method, alarm_days=cfg["alarm_days"],
                            min_count=cfg["min_count"], max_evidence=cfg["max_evidence"],
                            params=params, progress=progress, workers=workers)
    t4 = time.perf_counter()
    signals += hot_issue_signals(today=today, cfg=cfg, tree=tree, progress=progress,
                                 workers=workers, keep=True)
    t5 = time.perf_counter()
    signals += overdue_signals(today=today, cfg=cfg, tree=tree)
    result.signals = len(signals)
    result.by_kind = Counter(s.kind.value for s in signals)
    write_signals(signals, result, cfg["merge_gap_days"], as_of=today)
    result.closed = _close_faded(today=today, quiet_days=cfg["auto_close_quiet_days"])
    t6 = time.perf_counter()
    result.seconds = {"entities": t1 - t0, "load": t2 - t1, "series": t3 - t2,
                      "detect": t4 - t3, "hot_issues": t5 - t4, "overdue_upsert": t6 - t5}
    return result
