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
* units with many overdue clocks are not backfilled (the clocks' past states are not kept as
  series; and imported history starts no clocks, issue 16), nor are open warnings auto-closed.

Nothing is sent to anyone: a warning raised for a past day is a record of what would have been
seen, with its own date. Idempotent: a second run over the same days creates and changes nothing
(`services._episode` matches each day's signal to the warning of its own episode).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from xinfang.core import clock

from .conf import policy
from .services import (
    Progress,
    RecomputeResult,
    _iter,
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
                      hot_every: int = 7, progress: Progress = None) -> BackfillResult:
    """Raise the warnings each day from `start` to `end` would have raised, dated that day
    (practice: 信访形势分析研判 over imported history); idempotent; notifies nobody."""
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
    alarms = spike_alarms(series, method=method, alarm_days=n_days, min_count=cfg["min_count"],
                          params=params, progress=progress)
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

    def shares(case_ids: list[int], ents: dict[int, str], share: float) -> bool:
        key = tuple(case_ids)
        if key not in topic_cache:
            topic_cache[key] = _shares_topic(case_ids, ents, share)
        return topic_cache[key]

    result = RecomputeResult(today=end)
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
        signals = signals_from_alarms(found, rows, series, method=method, tail=tail,
                                      max_evidence=cfg["max_evidence"], shares_topic=shares,
                                      entity_of=entity_of)
        if hot_every and (offset % hot_every == 0 or day == end):
            th = time.perf_counter()
            signals += hot_issue_signals(today=day, cfg=cfg, tree=tree)
            hot_seconds += time.perf_counter() - th
            out.hot_days += 1
        result.by_kind.update(s.kind.value for s in signals)
        _upsert(signals, result, cfg["merge_gap_days"], as_of=day)
    t4 = time.perf_counter()
    out.created, out.updated, out.unchanged = result.created, result.updated, result.unchanged
    out.case_events, out.by_kind = result.case_events, result.by_kind
    out.seconds = {"entities": t1 - t0, "load_series": t2 - t1, "detect": t3 - t2,
                   "days": t4 - t3 - hot_seconds, "hot_issues": hot_seconds}
    return out
