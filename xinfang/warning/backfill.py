"""Backfill of warnings over history: what the system would have warned about, and when (issue 16).

`warnings_backfill(start=, end=)` walks the days from `start` to `end` and, for each day, raises or
updates the warnings that the daily recompute (`services.warnings_recompute`) would have raised on
that day had the cases been in the system, each day seeing only the cases *received* (made) up to
it. It does the expensive parts once rather than once a day:

* the daily series of the whole span (``history_days`` before `start` to `end`) are built once and
  the detection method runs once over them: every method is causal (a day's baseline is fitted on
  earlier days only, ``detection.py``), so a day's score is the one a run on that day computes;
* each day then takes the alarms of its last ``alarm_days`` days, turns them into signals exactly
  as the live run does (`services.signals_from_alarms`: evidence, most specific series, shared
  topic, levels capped by count and history) and upserts them with `as_of` = the day, so each
  warning's ``raised_on`` is the day it would have been raised and ``backfilled`` is set;
* hot issues (text clustering of the last ``hot_days`` days) are computed every `hot_every` days
  and on the last day, as a live run on those days would (they are the costly part);
* the days' upserts are decided in memory and written once at the end (`_BulkUpsert`: the same
  decisions `services._upsert` takes day after day, then bulk inserts and updates, and the cases'
  `warning.case_listed` entries chained once per case and copied in); each day's evidence is a
  slice of the (case, series) pairs sorted by day. `bulk=False` writes day by day through
  `services._upsert` (how it was done before; tests check that both write the same);
* units with many overdue clocks are not backfilled (the clocks' past states are not kept as
  series; and imported history starts no clocks, issue 16), nor are open warnings auto-closed.

Nothing is sent to anyone: a warning raised for a past day is a record of what would have been
seen, with its own date. Idempotent: a second run over the same days creates and changes nothing
(`services._episode` matches each day's signal to the warning of its own episode).
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from types import SimpleNamespace
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery

from xinfang.cases import history
from xinfang.cases.chain import CHAIN_VERSION, event_hash
from xinfang.cases.models import Case, CaseEvent
from xinfang.core import clock
from xinfang.core.events import event_type

from .conf import policy
from .models import LEVEL_ORDER, Warning, WarningEvent, WarningEventKind
from .services import (
    Progress,
    RecomputeResult,
    Signal,
    _episode,
    _iter,
    _new_number,
    _shares_topic,
    _Tree,
    _upsert,
    build_series,
    entities_refresh,
    entity_map,
    hot_issue_signals,
    load_case_rows,
    signals_from_alarms,
    spike_alarms,
)


@dataclass
class BackfillResult:
    start: dt.date
    end: dt.date
    days: int = 0
    cases: int = 0
    series: int = 0
    alarms: int = 0
    hot_days: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    case_events: int = 0
    by_kind: Counter = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        return (f"{self.start}至{self.end}共{self.days}日：{self.cases}件信访件，{self.series}条序列，"
                f"{self.alarms}个报警日；新增预警{self.created}条，更新{self.updated}条，"
                f"未变{self.unchanged}条（热点聚类{self.hot_days}日）")


def warnings_backfill(*, start: dt.date, end: dt.date, method: str | None = None,
                      hot_every: int = 7, progress: Progress = None,
                      bulk: bool = True) -> BackfillResult:
    """Raise the warnings each day from `start` to `end` would have raised, dated that day
    (practice: 信访形势分析研判 over imported history); idempotent; notifies nobody.

    `bulk` (default): the days' upserts are decided in memory and written once at the end
    (`_BulkUpsert`); False: each day written as the daily recompute writes (`services._upsert`),
    the slow path the bulk one is tested against."""
    if start > end:
        raise ValueError("起始日期不能晚于结束日期")
    if end > clock.today():
        raise ValueError("结束日期不能晚于今天")
    if hot_every < 0:
        raise ValueError("热点聚类间隔天数不能为负数")
    cfg = policy()
    method = method or cfg["method"]
    params = dict(cfg["method_params"].get(method, {}))
    out = BackfillResult(start=start, end=end, days=(end - start).days + 1)
    first = start - dt.timedelta(days=cfg["history_days"] - 1)
    t0 = time.perf_counter()
    entities_refresh(start=first, end=end, progress=progress)
    t1 = time.perf_counter()
    tree = _Tree()
    rows = load_case_rows(start=first, end=end)
    series = build_series(rows, min_total=cfg["min_total"], tree=tree)
    out.cases, out.series = len(rows.ids), len(series.specs)
    t2 = time.perf_counter()
    n_days = len(series.dates)
    # series by series (a pooled GLM fits its shared effects on the whole chunk: left as it is);
    # smaller chunks than the live run's, whose matrix is 400 days, not five years
    alarms = spike_alarms(series, method=method, alarm_days=n_days, min_count=cfg["min_count"],
                          params=params, progress=progress,
                          chunk=20000 if params.get("pooled") else 4000)
    # every alarm day of every series, sorted by day: a day's window is one slice
    if alarms:
        a_series = np.concatenate([np.full(len(d), s) for s, d, *_ in alarms])
        a_day = np.concatenate([d for _, d, *_ in alarms])
        a_score = np.concatenate([sc for _, _, sc, *_ in alarms])
        a_exp = np.concatenate([e for _, _, _, e, _ in alarms])
        thr = {s: t for s, *_, t in alarms}
        order = np.lexsort((a_series, a_day))
        a_series, a_day, a_score, a_exp = (a[order] for a in (a_series, a_day, a_score, a_exp))
    else:
        a_day = np.zeros(0, dtype=np.int64)
    out.alarms = len(a_day)
    t3 = time.perf_counter()
    entity_of = entity_map(rows)
    topic_cache: dict[tuple[int, ...], bool] = {}
    texts: dict = {}  # the evidence cases' messages, read once

    def shares(case_ids: list[int], ents: dict[int, str], share: float) -> bool:
        key = tuple(case_ids)
        if key not in topic_cache:
            topic_cache[key] = _shares_topic(case_ids, ents, share, texts)
        return topic_cache[key]

    result = RecomputeResult(today=end)
    writer = _BulkUpsert(gap_days=cfg["merge_gap_days"],
                         since=min(first, start - dt.timedelta(days=cfg["hot_days"])))
    if bulk:
        # the (case, series) pairs by the case's day: a day's window of evidence is one slice
        by_day = np.argsort(rows.day[series.pair_case], kind="stable")
        pair_day = rows.day[series.pair_case][by_day]
        pair_series, pair_case = series.pair_series[by_day], series.pair_case[by_day]
    hot_seconds = 0.0
    for offset in _iter(progress, range(out.days), "逐日回溯", total=out.days):
        day = start + dt.timedelta(days=offset)
        d_idx = (day - first).days
        tail = d_idx - cfg["alarm_days"] + 1
        lo, hi = np.searchsorted(a_day, [tail, d_idx + 1])
        found = []
        if hi > lo:
            s_win = a_series[lo:hi]
            for s in np.unique(s_win).tolist():
                m = s_win == s
                found.append((s, a_day[lo:hi][m], a_score[lo:hi][m], a_exp[lo:hi][m], thr[s]))
        window = series
        if bulk and found:
            p_lo, p_hi = np.searchsorted(pair_day, [tail, d_idx + 1])
            window = replace(series, pair_series=pair_series[p_lo:p_hi],
                             pair_case=pair_case[p_lo:p_hi])
        signals = signals_from_alarms(found, rows, window, method=method, tail=tail,
                                      max_evidence=cfg["max_evidence"], shares_topic=shares,
                                      entity_of=entity_of)
        if hot_every and (offset % hot_every == 0 or day == end):
            th = time.perf_counter()
            signals += hot_issue_signals(today=day, cfg=cfg, tree=tree)
            hot_seconds += time.perf_counter() - th
            out.hot_days += 1
        result.by_kind.update(s.kind.value for s in signals)
        if bulk:
            writer.plan(signals, result, as_of=day)
        else:  # the day's warnings written as the daily recompute writes them (services._upsert)
            _upsert(signals, result, cfg["merge_gap_days"], as_of=day)
    t_plan = time.perf_counter()
    if bulk:
        writer.write()
    t4 = time.perf_counter()
    out.created, out.updated, out.unchanged = result.created, result.updated, result.unchanged
    out.case_events, out.by_kind = result.case_events, result.by_kind
    out.seconds = {"entities": t1 - t0, "load_series": t2 - t1, "detect": t3 - t2,
                   "days": t_plan - t3 - hot_seconds, "hot_issues": hot_seconds,
                   "write": t4 - t_plan}
    return out


class _BulkUpsert:
    """`services._upsert` over many days, decided in memory and written once (`write`).

    `plan(signals, result, as_of=day)` takes the same decisions `_upsert` takes when called for
    each day in turn: the warning of the signal's episode (`services._episode`, over the warnings
    of its key ordered by last signal then creation, as the daily query orders them), a new warning
    after a closed one, the same changes, the quiet move of the last signal day, the same counts
    in `result`. What `_upsert` would write is kept: the new warnings in creation order, the
    changed fields, the evidence added, each warning event and each `warning.case_listed` event as
    of its day. `write` then writes them in one transaction: warnings and evidence with
    bulk_create/bulk_update, the case events chained once per case from the case's tip (the case
    rows locked first, as `record_event` locks them) and copied in (PostgreSQL COPY; elsewhere
    bulk_create), in the order `_upsert` would have written them, so the chains are the same.
    """

    FIELDS = ("last_signal_on", "summary", "observed", "expected", "method", "statistic",
              "threshold", "level", "updated_at")

    def __init__(self, *, gap_days: int, since: dt.date) -> None:
        self.gap_days = gap_days
        self.now = clock.now()
        self.today = clock.today()
        # every warning a signal of these days can meet (its episode reaches `since` - gap)
        self.by_key: dict[tuple[str, str], list[Warning]] = defaultdict(list)
        self.evidence: dict[int, set[int]] = defaultdict(set)  # id(warning) → case ids
        existing = list(Warning.objects.filter(
            last_signal_on__gte=since - dt.timedelta(days=gap_days)).order_by("pk"))
        for w in existing:
            w._bf_order = (0, w.pk)  # noqa: SLF001  (new ones come after every stored one)
            self.by_key[(w.kind, w.key)].append(w)
        through = Warning.evidence.through
        ids = {w.pk: w for w in existing}
        pks = list(ids)
        for lo in range(0, len(pks), 5000):
            for wid, cid in through.objects.filter(warning_id__in=pks[lo:lo + 5000]).values_list(
                    "warning_id", "case_id"):
                self.evidence[id(ids[wid])].add(cid)
        self.created: list[Warning] = []
        self.changed: dict[int, Warning] = {}
        self.new_evidence: list[tuple[Warning, list[int]]] = []
        self.events: list[tuple[Warning, WarningEventKind, str, str, dict]] = []
        self.case_events: list[tuple[int, Warning, dict]] = []

    def plan(self, signals: list[Signal], result: RecomputeResult, *, as_of: dt.date) -> None:
        if not signals:
            return
        backfilled = as_of < self.today
        past = {"as_of": as_of.isoformat()} if backfilled else {}
        # the candidates of each key as the day's query reads them: by last signal day, then id
        latest = {k: sorted(self.by_key.get(k, []),
                            key=lambda w: (w.last_signal_on, w._bf_order))  # noqa: SLF001
                  for k in {(s.kind, s.key) for s in signals}}
        for s in signals:
            w = _episode(latest[(s.kind, s.key)], s, self.gap_days)
            if w is not None and w.is_closed:
                if s.last_on <= (w.closed_on or w.last_signal_on):
                    result.unchanged += 1
                    continue
                w = None
            if w is None:
                w = Warning(
                    kind=s.kind, dimension=s.dimension, key=s.key, label=s.label[:200],
                    category_id=s.category_id, scope_unit_id=s.scope_unit_id,
                    responsible_unit_id=s.responsible_unit_id, method=s.method,
                    statistic=s.statistic, threshold=s.threshold, observed=s.observed,
                    expected=s.expected, level=s.level, first_signal_on=s.first_on,
                    last_signal_on=s.last_on, summary=s.summary, data=s.data,
                    created_at=self.now, updated_at=self.now, raised_on=as_of,
                    backfilled=backfilled)
                w._bf_order = (1, len(self.created))  # noqa: SLF001
                self.created.append(w)
                self.by_key[(s.kind, s.key)].append(w)
                latest[(s.kind, s.key)].append(w)
                self.evidence[id(w)].update(s.case_ids)
                self.new_evidence.append((w, list(s.case_ids)))
                self.events.append((w, WarningEventKind.RAISED, "", w.level,
                                    {"cases": len(s.case_ids), "warning_kind": w.kind, **past}))
                self._note(w, s.case_ids, as_of if backfilled else None, result)
                result.created += 1
                continue
            have = self.evidence[id(w)]
            new_cases = [c for c in s.case_ids if c not in have]
            changes: dict[str, Any] = {}
            if s.last_on > w.last_signal_on:
                changes.update(last_signal_on=s.last_on, summary=s.summary,
                               observed=s.observed, expected=s.expected)
            if s.method != w.method:
                changes.update(method=s.method, statistic=s.statistic, threshold=s.threshold)
            elif s.statistic > w.statistic + 1e-9:
                changes.update(statistic=s.statistic, threshold=s.threshold)
            if LEVEL_ORDER.index(s.level) > w.level_rank:
                changes["level"] = s.level
            if not changes and not new_cases:
                result.unchanged += 1
                continue
            if w.pk is not None:
                self.changed[w.pk] = w
            if not new_cases and all(
                    getattr(w, k) == v for k, v in changes.items() if k != "last_signal_on"):
                w.last_signal_on = s.last_on
                result.unchanged += 1
                continue
            old_level = w.level
            for k, v in changes.items():
                setattr(w, k, v)
            w.updated_at = self.now
            if new_cases:
                have.update(new_cases)
                self.new_evidence.append((w, new_cases))
            self.events.append((w, WarningEventKind.UPDATED, old_level, w.level,
                                {"new_cases": len(new_cases), "changed": sorted(changes), **past}))
            self._note(w, new_cases, as_of if backfilled else None, result)
            result.updated += 1

    def _note(self, w: Warning, case_ids: list[int], as_of: dt.date | None,
              result: RecomputeResult) -> None:
        """The `warning.case_listed` entries `_note_cases` writes, the warning's number to come."""
        extra = {"as_of": as_of.isoformat()} if as_of else {}
        for c in sorted(case_ids):
            self.case_events.append((c, w, {"kind": w.kind, "label": w.label, "level": w.level,
                                            **extra}))
        result.case_events += len(case_ids)

    def write(self, chunk: int = 5000) -> None:
        with transaction.atomic():
            for lo in range(0, len(self.created), chunk):
                part = self.created[lo:lo + chunk]
                for w in part:
                    w.number = f"tmp-{uuid.uuid4().hex[:20]}"
                Warning.objects.bulk_create(part)
                for w in part:
                    w.number = _new_number(w)
                Warning.objects.bulk_update(part, ["number"])
            if self.changed:
                Warning.objects.bulk_update(list(self.changed.values()), list(self.FIELDS),
                                            batch_size=chunk)
            through = Warning.evidence.through
            through.objects.bulk_create(
                [through(warning_id=w.pk, case_id=c) for w, ids in self.new_evidence for c in ids],
                batch_size=chunk, ignore_conflicts=True)
            WarningEvent.objects.bulk_create(
                [WarningEvent(warning=w, kind=kind, type=f"warning.{kind}", action="",
                              at=self.now, old_value=str(old)[:100], new_value=str(new)[:100],
                              note="", data=data)
                 for w, kind, old, new, data in self.events], batch_size=chunk)
            self._write_case_events(chunk)

    def _write_case_events(self, chunk: int) -> None:
        """The case-timeline entries, each case's chained on from its tip (`record_event` does one
        at a time: lock the case, read the tip, insert)."""
        if not self.case_events:
            return
        case_ids = sorted({c for c, _w, _d in self.case_events})
        tips: dict[int, str] = {}
        tip = CaseEvent.objects.filter(case_id=OuterRef("pk")).order_by("-pk").values("hash")[:1]
        for lo in range(0, len(case_ids), chunk):
            part = case_ids[lo:lo + chunk]
            qs = Case.objects.filter(pk__in=part).order_by("pk")
            if connection.features.has_select_for_update_of:
                qs = qs.select_for_update(of=("self",))
            tips.update(qs.annotate(tip=Subquery(tip)).values_list("pk", "tip"))
        kind = event_type("warning.case_listed").kind
        rows = []
        for c, w, data in self.case_events:
            event = SimpleNamespace(
                case_id=c, kind=kind, type="warning.case_listed", action="warning",
                actor_id=None, unit_id=None, at=self.now, old_value="", new_value="", note="",
                data={"warning": w.number, **data}, prev_hash=tips[c] or "",
                chain_version=CHAIN_VERSION)
            event.hash = tips[c] = event_hash(event, event.prev_hash)
            rows.append(event)
        if history._copy_available():  # noqa: SLF001
            history._copy(CaseEvent, history.EVENT_COLUMNS, (  # noqa: SLF001
                (e.case_id, e.kind, e.type, e.action, e.actor_id, e.unit_id, e.at, e.old_value,
                 e.new_value, e.note, json.dumps(e.data, ensure_ascii=False), e.prev_hash,
                 e.hash, e.chain_version) for e in rows))
        else:
            CaseEvent.objects.bulk_create(
                [CaseEvent(**{c: getattr(e, c) for c in history.EVENT_COLUMNS}) for e in rows],
                batch_size=chunk)
