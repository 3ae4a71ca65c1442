"""The duplicate index of one jurisdiction's cases, kept in each process and extended as cases arrive.

A proposal compares the new petition with every case of the jurisdiction registered in the look-back
window (``XINFANG_TRIAGE_LOOKBACK_DAYS``, two years by default, counted on the cases' own
``received_on``). Building that index costs time in
proportion to the number of cases (about 0.3 ms per case), so it is built once per process and
jurisdiction, then only the cases that reached the jurisdiction since (new ``CaseAccess`` rows: newly
registered, transferred or assigned in) are added. It is rebuilt from scratch after
``XINFANG_TRIAGE_INDEX_TTL`` seconds (a day by default), which also picks up texts corrected in the
admin and drops cases that left the window. ``clear()`` forgets everything (tests; after a bulk import).

Every process (web worker, task consumer) keeps its own copy; the index holds no personal data,
only hashed character n-grams of the petition text.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connections, router

from xinfang.cases.models import Case, CaseAccess
from xinfang.core import clock
from xinfang.core.conf import get
from xinfang.orgs.models import Unit
from xinfang.orgs.selectors import under_q

from . import dedup

TEXT_FIELDS = ("title", "request", "facts_reasons")


def text_of(*parts: str) -> str:
    """概况 + 诉求 + 事实和理由 joined (the values of TEXT_FIELDS, e.g. from ``values_list``)."""
    return " ".join(p for p in parts if p)


def case_text(case: Case) -> str:
    """The text every triage model sees: 概况 + 诉求 + 事实和理由."""
    return text_of(*(getattr(case, name) for name in TEXT_FIELDS))


@dataclass
class _Entry:
    index: dedup.DuplicateIndex
    built: float  # time.monotonic() of the full build
    since: dt.date  # cases made (received_on) from then on are in the index
    last_access: int = 0  # highest CaseAccess pk already looked at
    ids: set[int] = field(default_factory=set)


_lock = threading.Lock()
_entries: dict[tuple[str, str], _Entry] = {}


def clear() -> None:
    """Forget every cached index (the next query rebuilds)."""
    with _lock:
        _entries.clear()


def _setting(name: str) -> int:
    return int(get(name))


def _db_key() -> str:
    db = router.db_for_read(Case)
    return f"{db}:{connections[db].settings_dict.get('NAME')}"


def _add(entry: _Entry, rows: Iterable[tuple[int, str, str, str]]) -> None:
    items = [(pk, text_of(*texts)) for pk, *texts in rows if pk not in entry.ids]
    if items:
        # entities are compared on the few top hits only (DuplicateIndex.compare), not stored
        entry.index.add_many(items, entities=[[] for _ in items])
        entry.ids.update(pk for pk, _ in items)


def _refresh(root: Unit, since: dt.date,
             new_index: Callable[[], dedup.DuplicateIndex]) -> _Entry:
    key = (_db_key(), root.path)
    entry = _entries.get(key)
    ttl = _setting("XINFANG_TRIAGE_INDEX_TTL")
    access = CaseAccess.objects.filter(under_q("unit", root))
    if entry is None or time.monotonic() - entry.built > ttl or since < entry.since:
        # an older case than the index covers (a backlog, triage_pending): reach a whole look-back
        # further, so a backlog walked newest first does not rebuild for every case
        lookback = dt.timedelta(days=_setting("XINFANG_TRIAGE_LOOKBACK_DAYS"))
        older = entry is not None and since < entry.since
        since = since - lookback if older else min(since, clock.today() - lookback)
        entry = _Entry(index=new_index(), built=time.monotonic(), since=since)
        entry.last_access = access.order_by("-pk").values_list("pk", flat=True).first() or 0
        ids = access.values("case_id")
        rows = (Case.objects.filter(pk__in=ids, received_on__gte=since).order_by("pk")
                .values_list("pk", *TEXT_FIELDS))
        _add(entry, rows.iterator(chunk_size=2000))
        _entries[key] = entry
        return entry
    fresh = list(access.filter(pk__gt=entry.last_access).values_list("pk", "case_id"))
    if fresh:
        entry.last_access = max(pk for pk, _ in fresh)
        wanted = {case_id for _, case_id in fresh} - entry.ids
        if wanted:
            _add(entry, Case.objects.filter(pk__in=wanted).order_by("pk")
                 .values_list("pk", *TEXT_FIELDS))
    return entry


def similar_cases(
    root: Unit,
    text: str,
    *,
    since: dt.date,
    allowed: set[int],
    k: int,
    min_score: float,
    new_index: Callable[[], dedup.DuplicateIndex],
) -> tuple[list[dedup.Match], dedup.DuplicateIndex]:
    """The ``k`` cases of ``root``'s jurisdiction most similar to ``text``, among ``allowed`` ids only
    (the caller's window, which starts at ``since``: earlier cases, not the case itself), best first;
    and the index, whose weights the caller uses to score particular pairs (``index.compare``)."""
    with _lock:
        entry = _refresh(root, since, new_index)
        # the index also holds later and out-of-window cases: ask for more and keep the allowed ones
        want = k
        while True:
            found = entry.index.query(text, k=want, min_score=min_score)
            kept = [m for m in found if m.doc_id in allowed]
            if len(kept) >= k or len(found) < want or want >= len(entry.ids):
                return kept[:k], entry.index
            want *= 4


def stats() -> dict[str, int]:
    """Cached jurisdictions and the cases indexed in all of them (for the docs and the bench)."""
    with _lock:
        return {"jurisdictions": len(_entries),
                "cases": sum(len(e.ids) for e in _entries.values())}
