"""Keep the rollup up to date by folding the case events, rebuild it, and read it.

**Fold.** Every change that can move an indicator is an event on the case's timeline
(`cases.CaseEvent`: a step, a clock marked overdue or met, a rating, an import's history). The fold
(`rollups_fold`, run by the minute tick and, for the few events not yet folded, before the
indicators are read) takes the events after its watermark (`RollupState.last_event`), recomputes the
facts of their cases (and of the earlier cases they repeat: a repeat petition unsettles the earlier
one), and applies the difference with the case's ledger to `IndicatorRollup` by UPSERTs
(`n = n + Δn`). Registration itself writes nothing here: its short transaction is unchanged, and
only the fold, one at a time (the state row is locked; a second fold skips), writes the rollup,
so there is no contention on a unit's row of the day.

**Late commits.** Event ids are given at insert, not at commit: an event of a transaction that
commits after a fold has passed its id would be skipped. The minute tick therefore also re-folds
the cases of the events of the last ``XINFANG_ROLLUP_OVERLAP_SECONDS`` (idempotent: a case whose
facts did not change gives no difference), and ``manage.py rebuild_rollups`` re-folds any period.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.db.models import Max, Q, Sum

from xinfang.cases.models import Case, CaseEvent
from xinfang.core import clock
from xinfang.core.conf import get

from . import facts as F
from .models import IndicatorRollup, RollupLedger, RollupState

log = logging.getLogger("xinfang.rollups")

Delta = dict[F.Key, list[int]]
MONTH = "m:"  # the measure's prefix on a month's row
# the same on PostgreSQL and SQLite (>= 3.24): a row per (unit, measure, day), added to
UPSERT = ("INSERT INTO rollups_indicatorrollup (day, unit_id, measure, n, d) VALUES (%s, %s, %s, %s, %s) "
          "ON CONFLICT (unit_id, day, measure) DO UPDATE SET n = rollups_indicatorrollup.n + excluded.n, "
          "d = rollups_indicatorrollup.d + excluded.d")


def enabled() -> bool:
    return bool(get("XINFANG_INDICATORS_FROM_ROLLUPS"))


def _apply(delta: Delta) -> None:
    """Add the differences to the rollup rows (created at 0 when missing): one UPSERT per row; each
    difference also goes to its month's row (measure "m:<measure>", day = the 1st), which a period of
    whole months reads instead of its days."""
    rows: dict[tuple[dt.date, int, str], list[int]] = defaultdict(lambda: [0, 0])
    for (unit, day, m), (n, d) in delta.items():
        if n or d:
            for key in ((day, unit, m), (day.replace(day=1), unit, MONTH + m)):
                rows[key][0] += n
                rows[key][1] += d
    if not rows:
        return
    # one order for every writer (unit, day, measure): two folds never wait on each other in a cycle
    values = [(day, unit, m, n, d) for (day, unit, m), (n, d) in
              sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0], kv[0][2]))]
    with connection.cursor() as cur:
        cur.executemany(UPSERT, values)


def refold(case_ids: Iterable[int], *, above: dict[int, list[int]] | None = None) -> int:
    """Recompute the facts of these cases and apply the difference with their ledger; returns how
    many rollup rows changed. Idempotent. Call inside a transaction."""
    ids = sorted(set(case_ids))
    if not ids:
        return 0
    above = F.ancestors(F.unit_paths()) if above is None else above
    new = F.case_facts(ids, above=above)
    old = {pk: F.decode(rows) for pk, rows in
           RollupLedger.objects.filter(case_id__in=ids).values_list("case_id", "facts")}
    delta: Delta = defaultdict(lambda: [0, 0])
    changed = []
    for pk in ids:
        before, after = old.get(pk, {}), new.get(pk, {})
        if before == after:
            continue
        changed.append(RollupLedger(case_id=pk, facts=F.encode(after)))
        for key in before.keys() | after.keys():
            b, a = before.get(key, [0, 0]), after.get(key, [0, 0])
            acc = delta[key]
            acc[0] += a[0] - b[0]
            acc[1] += a[1] - b[1]
    _apply(delta)
    if changed:
        RollupLedger.objects.bulk_create(changed, update_conflicts=True, update_fields=["facts"],
                                         unique_fields=["case"])
    return sum(1 for v in delta.values() if v != [0, 0])


def _with_repeated(ids: set[int]) -> set[int]:
    """The cases and the earlier cases they repeat (their 化解 depends on the later petition)."""
    earlier = Case.related_cases.through.objects.filter(from_case_id__in=ids)
    return ids | set(earlier.values_list("to_case_id", flat=True))


def _state(*, wait: bool) -> RollupState | None:
    RollupState.objects.get_or_create(pk=1)
    qs = RollupState.objects.select_for_update(skip_locked=not wait)
    return qs.filter(pk=1).first()


def rollups_fold(*, limit: int = 20000, overlap: bool = False) -> int:
    """Fold the case events after the watermark (at most `limit`) into the rollup; with `overlap`,
    also re-fold the cases of the last XINFANG_ROLLUP_OVERLAP_SECONDS.
    Returns the events folded (0 when another fold holds the lock)."""
    with transaction.atomic():
        state = _state(wait=False)
        if state is None:
            return 0
        events = list(CaseEvent.objects.filter(pk__gt=state.last_event).order_by("pk")
                      .values_list("pk", "case_id")[:limit])
        ids = {case_id for _pk, case_id in events}
        now = clock.now()
        if overlap and state.folded_at is not None:
            since = state.folded_at - dt.timedelta(seconds=int(get("XINFANG_ROLLUP_OVERLAP_SECONDS")))
            ids |= set(CaseEvent.objects.filter(at__gte=since, pk__lte=state.last_event)
                       .values_list("case_id", flat=True).distinct())
        if not ids and not events:
            return 0
        ids = _with_repeated(ids)
        refold(ids)
        if events:
            state.last_event = events[-1][0]
        state.folded_at = now
        state.save(update_fields=["last_event", "folded_at"])
    return len(events)


def rollups_pending() -> bool:
    """Are there case events not yet folded? (one indexed read)"""
    last = RollupState.objects.filter(pk=1).values_list("last_event", flat=True).first() or 0
    return CaseEvent.objects.filter(pk__gt=last).exists()


def catch_up() -> None:
    """Before a read: fold what is pending (at most a batch; the tick does the rest)."""
    if rollups_pending():
        rollups_fold()


def rollups_rebuild(*, start: dt.date | None = None, end: dt.date | None = None, workers: int = 1,
                    chunk: int = 2000, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild from the records: with no dates, empty the rollup and ledger and fold every case; with
    `start`/`end`, re-fold the cases received in that range (a difference with their ledger, so the
    rest of the rollup stays right). Returns the cases folded.

    The fold of the minute tick skips while this runs (the state row is locked); the events written
    meanwhile are after the watermark set here, so the next fold re-folds their cases (a difference:
    nothing is counted twice)."""
    with transaction.atomic():
        state = _state(wait=True)
        cases = Case.objects.order_by("pk")
        if start is None and end is None:
            IndicatorRollup.objects.all().delete()
            RollupLedger.objects.all().delete()
            state.last_event = CaseEvent.objects.aggregate(m=Max("pk"))["m"] or 0
            state.folded_at = clock.now()
            state.save(update_fields=["last_event", "folded_at"])
        if start is not None:
            cases = cases.filter(received_on__gte=start)
        if end is not None:
            cases = cases.filter(received_on__lte=end)
        ids = list(cases.values_list("pk", flat=True))
    chunks = [ids[i:i + chunk] for i in range(0, len(ids), chunk)]
    above = F.ancestors(F.unit_paths())
    with transaction.atomic():
        _state(wait=True)  # held until every chunk is folded
        if workers > 1 and connection.vendor == "postgresql" and len(chunks) > 1:
            _parallel(chunks, workers, above, progress)
        else:
            for part in chunks:
                refold(part, above=above)
                if progress:
                    progress(len(part))
    return len(ids)


def _parallel(chunks: list[list[int]], workers: int, above: dict[int, list[int]],
              progress: Callable[[int], None] | None) -> None:
    """Fold the chunks in `workers` fresh processes, each chunk in its own transaction (PostgreSQL
    only: the UPSERTs commute and each case is in one chunk, so no two workers touch one case)."""
    import multiprocessing as mp

    from . import workers as w

    with mp.get_context("spawn").Pool(workers, initializer=w.setup) as pool:
        for n in pool.imap_unordered(w.fold_chunk, [(c, above) for c in chunks]):
            if progress:
                progress(n)


# ----------------------------------------------------------------------------------------------
# reads
# ----------------------------------------------------------------------------------------------


def _months(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last whole months within [start, end] (their 1st days), None when none."""
    first = start if start.day == 1 else (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    after = end + dt.timedelta(days=1)
    last = (after if after.day == 1 else end.replace(day=1)) - dt.timedelta(days=1)  # a month's end
    last = last.replace(day=1)
    return (first, last) if first <= last else None


def rolled(units: list[int], start: dt.date, end: dt.date) -> dict[str, dict[int, tuple[int, int]]]:
    """measure -> unit -> (Σn, Σd) over the days [start, end] (one grouped query on the index): the
    month rows of the whole months of the period, the day rows of the days before and after them."""
    months = _months(start, end)
    if months is None:
        where = Q(day__gte=start, day__lte=end) & ~Q(measure__startswith=MONTH)
    else:
        first, last = months
        next_month = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        where = (Q(measure__startswith=MONTH, day__gte=first, day__lte=last)
                 | (~Q(measure__startswith=MONTH)
                    & (Q(day__gte=start, day__lt=first) | Q(day__gte=next_month, day__lte=end))))
    out: dict[str, dict[int, tuple[int, int]]] = defaultdict(dict)
    rows = (IndicatorRollup.objects.filter(where, unit_id__in=units)
            .values_list("measure", "unit_id").annotate(n=Sum("n"), d=Sum("d")).order_by())
    for measure, unit_id, n, d in rows:
        key = measure.removeprefix(MONTH)
        had = out[key].get(unit_id, (0, 0))
        out[key][unit_id] = (had[0] + n, had[1] + d)
    return out
