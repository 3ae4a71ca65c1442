"""The duplicate/repeat index shared by every process: postings in the database (issue 17).

Art. 20 (同一事项) asks whether a new petition repeats one made in the look-back window
(``XINFANG_TRIAGE_LOOKBACK_DAYS``, counted on the cases' own ``received_on``). Each case's text
(概况 + 诉求 + 事实和理由) is reduced to its ``STORE_KEYS`` heaviest character n-grams (the same
pruned TF-IDF vectors as ``dedup.DuplicateIndex``, weighted by the document frequencies of the
shipped classifier's training texts, so the weights are the same in every process and never drift),
and one ``DupPosting`` row per key and county-level scope is written: (key, scope, received_on, case).

A check of a new text computes its ``QUERY_KEYS`` heaviest keys and asks the database once for the
cases of the jurisdiction and window sharing at least ``MIN_SHARED`` of them, most shared first
(``CANDIDATES`` at most); their texts are then read and scored exactly (cosine of the pruned vectors,
as ``DuplicateIndex`` does), so no process holds anything that grows with the province. Of each key
the check reads only the ``KEY_POSTINGS`` newest postings of the window (the postings are stored in
that order): a rare key is read in full, a common one (in thousands of cases of a province) only
its newest, so a check costs the same at 100,000 and at 10,000,000 cases.

Writers: every triage proposal first catches up on the few ``CaseAccess`` rows written since the
last one (a case registered, transferred or assigned in: the registration's after-commit triage job
indexes its own case this way), the import batch step after each committed chunk, and
``manage.py build_dup_index`` (incremental: new cases, new accesses, texts changed since the last
run; ``--rebuild`` from scratch). ``DupState`` says how far it got. The postings hold no personal
data, only hashes of character n-grams of the petition text.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
from django.db import IntegrityError, connection, transaction
from django.db.models import Max

from xinfang.cases.models import Case, CaseAccess
from xinfang.core import clock
from xinfang.core.errors import InvalidParams
from xinfang.orgs.models import Level, Unit

from . import dedup, shipped
from .models import DupIndexed, DupPosting, DupState

log = logging.getLogger(__name__)

TEXT_FIELDS = ("title", "request", "facts_reasons")
#: keys stored per case (its heaviest n-grams), keys asked per check, shared keys a candidate needs,
#: candidates scored exactly (chosen on bench/data/dup_pairs.csv: see docs/triage.md)
STORE_KEYS = 24
QUERY_KEYS = 32
MIN_SHARED = 2
CANDIDATES = 64
#: the newest postings of the window read per key by a check (of the whole province, before the
#: jurisdiction's scopes are applied): the cap that keeps a check's cost flat (docs/triage.md)
KEY_POSTINGS = 2000
#: the advisory lock a rebuild holds (exclusive) and each catch-up tries (shared) on PostgreSQL
REBUILD_LOCK = 0x7866_6475_70  # "xfdup"
#: CaseAccess rows a check catches up on by itself; a longer backlog is left to build_dup_index
CATCH_UP_LIMIT = 5000
ALGORITHM = 1


def text_of(*parts: str) -> str:
    """概况 + 诉求 + 事实和理由 joined (the values of TEXT_FIELDS, e.g. from ``values_list``)."""
    return " ".join(p for p in parts if p)


def case_text(case: Case) -> str:
    """The text every triage model sees: 概况 + 诉求 + 事实和理由."""
    return text_of(*(getattr(case, name) for name in TEXT_FIELDS))


# --- weights and keys ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=4)
def _weights(model_version: str) -> dedup.DuplicateIndex:  # noqa: ARG001 - the cache key
    bits = 20
    index = dedup.DuplicateIndex(df_bits=bits)
    model = shipped.load().model
    n = int(model.metadata.get("n") or 0) if model is not None else 0
    vec = model.vectorizer if model is not None else None
    if n and vec is not None and tuple(vec.ngram_range) == index.ngram_range and len(vec.vocab_):
        df = np.rint((n + 1) / np.exp(vec.idf_ - 1.0) - 1.0).clip(0).astype(np.int32)
        np.add.at(index.df, vec.vocab_ & ((1 << bits) - 1), df)
        index.n_df = n
    return index


def weights() -> dedup.DuplicateIndex:
    """An empty ``DuplicateIndex`` whose document frequencies are the shipped model's training texts
    (frozen: the same in every process), used to weigh and compare texts (``compare``)."""
    return _weights(shipped.load().version or "")


def version() -> str:
    """What the stored keys depend on: the algorithm, the key count and the weights' model."""
    return f"a{ALGORITHM}-k{STORE_KEYS}-{shipped.load().version or 'none'}"[:80]


def _top_keys(texts: Sequence[str], k: int) -> list[np.ndarray]:
    """The ``k`` heaviest n-gram hashes of each text (fewer for a short text), heaviest first."""
    idx = weights()
    norm = [dedup.normalize_text(t) for t in texts]
    if not norm:
        return []
    doc, term, _ = idx._vectors(norm)  # sorted by doc, then by weight, heaviest first
    bounds = np.searchsorted(doc, np.arange(len(norm) + 1))
    return [term[bounds[i]:min(bounds[i + 1], bounds[i] + k)] for i in range(len(norm))]


def _digest(text: str, received_on: dt.date, scopes: Iterable[int], ver: str) -> int:
    raw = f"{ver}|{received_on.isoformat()}|{','.join(map(str, sorted(scopes)))}|{text}"
    return int.from_bytes(hashlib.blake2b(raw.encode("utf-8"), digest_size=8).digest(), "little",
                          signed=True)


# --- scopes -------------------------------------------------------------------------------------

class _Scopes:
    """Unit id → its scope: the county (its topmost ancestor-or-self at county level or below: the
    county government), or the unit itself above county level; levels read once per batch."""

    def __init__(self) -> None:
        self.scope: dict[int, int] = {}

    def of(self, unit_ids: Iterable[int]) -> dict[int, int]:
        missing = {u for u in unit_ids if u not in self.scope}
        if missing:
            paths = dict(Unit.objects.filter(pk__in=missing).values_list("pk", "path"))
            chains = {u: [int(p) for p in paths[u].strip("/").split("/")][::-1] for u in paths}
            levels = dict(Unit.objects.filter(pk__in={a for c in chains.values() for a in c})
                          .values_list("pk", "level"))
            for u, chain in chains.items():
                local = [a for a in chain if levels[a] >= Level.COUNTY]
                self.scope[u] = local[-1] if local else u
        return self.scope


def scope_filter(root: Unit) -> list[int] | None:
    """The scopes of ``root``'s jurisdiction; None for the top of the tree (every scope)."""
    if not root.parent_id:
        return None
    if root.level >= Level.COUNTY:  # a county or below: its county's postings, narrowed by the caller
        return [_Scopes().of([root.pk])[root.pk]]
    return list(Unit.objects.filter(path__startswith=root.path, level__lte=Level.COUNTY)
                .values_list("pk", flat=True))


def scope_sql(root: Unit) -> tuple[str, list[Any]] | None:
    """``scope_filter`` as a condition on ``p.scope`` (SQL, params) that the candidates query
    evaluates itself (no statement of its own); None for the top of the tree."""
    if not root.parent_id:
        return None
    units = connection.ops.quote_name(Unit._meta.db_table)
    if root.level >= Level.COUNTY:  # the topmost of its ancestors-or-self at county level or below
        chain = [int(p) for p in root.path.strip("/").split("/")]
        return (f"p.scope = (SELECT u.id FROM {units} u WHERE u.id IN "  # noqa: S608
                f"({', '.join(['%s'] * len(chain))}) AND u.level >= %s "
                "ORDER BY LENGTH(u.path) LIMIT 1)", [*chain, Level.COUNTY])
    return (f"p.scope IN (SELECT u.id FROM {units} u WHERE u.path LIKE %s "  # noqa: S608
            "AND u.level <= %s)", [root.path + "%", Level.COUNTY])


# --- writing ------------------------------------------------------------------------------------

def _write_postings(rows: list[tuple[int, int, dt.date, int]]) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(DupPosting._meta.db_table)
        with connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY {table} (key, scope, received_on, case_id) FROM STDIN") as copy:  # noqa: S608
            for row in rows:
                copy.write_row(row)
    else:
        DupPosting.objects.bulk_create(
            [DupPosting(key=k, scope=s, received_on=d, case_id=c) for k, s, d, c in rows],
            batch_size=2000)


def _delete_postings(old: list[dict[str, Any]]) -> None:
    """Exactly the postings written for these cases (their DupIndexed rows), by the lookup key."""
    for row in old:
        keys = np.frombuffer(bytes(row["keys"]), dtype="<i8").tolist()
        if keys and row["scopes"]:
            DupPosting.objects.filter(key__in=keys, scope__in=row["scopes"],
                                      received_on=row["received_on"],
                                      case_id=row["case_id"]).delete()


def index_cases(*, case_ids: Sequence[int], only_new: bool = False,
                scopes: _Scopes | None = None, fresh: bool = False) -> int:
    """Write (or re-write) the postings of these cases; a case whose text, date and scopes are what
    was indexed is skipped, and with ``only_new`` every case already indexed is (the resumable
    walk of ``build``). ``fresh`` (a rebuild's walk, which nothing else writes beside): the
    records go in by COPY too on PostgreSQL. Returns the number of cases written. Atomic."""
    if not case_ids:
        return 0
    scopes = scopes or _Scopes()
    ver = version()
    with transaction.atomic():
        old = {r["case_id"]: r for r in DupIndexed.objects.filter(case_id__in=case_ids).values(
            "case_id", "digest", "keys", "scopes", "received_on")}
        wanted = [pk for pk in case_ids if pk not in old] if only_new else list(case_ids)
        if not wanted:
            return 0
        units: dict[int, set[int]] = {}
        for case_id, unit_id in CaseAccess.objects.filter(case_id__in=wanted).values_list(
                "case_id", "unit_id"):
            units.setdefault(case_id, set()).add(unit_id)
        scope_of = scopes.of({u for us in units.values() for u in us})
        todo = []
        for pk, received_on, *texts in Case.objects.filter(pk__in=wanted).order_by("pk").values_list(
                "pk", "received_on", *TEXT_FIELDS):
            where = sorted({scope_of[u] for u in units.get(pk, ())})
            text = text_of(*texts)
            digest = _digest(text, received_on, where, ver)
            if pk in old and old[pk]["digest"] == digest:
                continue
            todo.append((pk, received_on, where, text, digest))
        if not todo:
            return 0
        _delete_postings([old[pk] for pk, *_ in todo if pk in old])
        keys = _top_keys([t[3] for t in todo], STORE_KEYS)
        rows = [(int(k), s, received_on, pk)
                for (pk, received_on, where, _, _), ks in zip(todo, keys, strict=True)
                for s in where for k in ks.tolist()]
        _write_postings(rows)
        if fresh and only_new and connection.vendor == "postgresql":
            table = connection.ops.quote_name(DupIndexed._meta.db_table)
            with connection.cursor() as cursor, cursor.cursor.copy(
                    f"COPY {table} (case_id, digest, keys, scopes, received_on) "  # noqa: S608
                    "FROM STDIN") as copy:
                for (pk, received_on, where, _, digest), ks in zip(todo, keys, strict=True):
                    copy.write_row((pk, digest, ks.astype("<i8").tobytes(), json.dumps(where),
                                    received_on))
            return len(todo)
        DupIndexed.objects.bulk_create(
            [DupIndexed(case_id=pk, digest=digest, keys=ks.astype("<i8").tobytes(), scopes=where,
                        received_on=received_on)
             for (pk, received_on, where, _, digest), ks in zip(todo, keys, strict=True)],
            update_conflicts=True, unique_fields=["case"],
            update_fields=["digest", "keys", "scopes", "received_on"], batch_size=2000)
    return len(todo)


def _state(*, lock: bool = False, skip_locked: bool = False) -> DupState | None:
    """The state row (made on first use); locked for the caller's transaction when asked, None
    when ``skip_locked`` and another process holds it."""
    if not DupState.objects.filter(pk=1).exists():  # two processes at once: one row, no error
        DupState.objects.bulk_create([DupState(pk=1)], ignore_conflicts=True)
    qs = DupState.objects.filter(pk=1)
    if lock:
        qs = qs.select_for_update(skip_locked=skip_locked)
        if skip_locked and connection.vendor == "postgresql":
            # no row while a rebuild holds the lock exclusively (its table has no key until the end)
            qs = qs.extra(where=["pg_try_advisory_xact_lock_shared(%s)"], params=[REBUILD_LOCK])
    return qs.first()


def catch_up(*, limit: int | None = CATCH_UP_LIMIT) -> int:
    """Index the cases of the ``CaseAccess`` rows written since the last catch-up (new, transferred
    or assigned-in cases). Skipped while another process is at it or a rebuild runs; with ``limit``,
    a longer backlog is left to ``build_dup_index`` (logged). Returns the number of cases written."""
    with transaction.atomic():
        state = _state(lock=True, skip_locked=connection.features.has_select_for_update_skip_locked)
        if state is None:
            return 0
        fresh = CaseAccess.objects.filter(pk__gt=state.last_access).order_by("pk")
        rows = list(fresh.values_list("pk", "case_id")[:limit + 1] if limit else
                    fresh.values_list("pk", "case_id"))
        if not rows:
            return 0
        if limit and len(rows) > limit:
            log.warning("duplicate index: more than %s case accesses not indexed; "
                        "run manage.py build_dup_index", limit)
            return 0
        written = 0
        ids = sorted({case_id for _, case_id in rows})
        for start in range(0, len(ids), 5000):
            written += index_cases(case_ids=ids[start:start + 5000])
        state.last_access = rows[-1][0]
        if not state.version:
            state.version = version()
        state.save(update_fields=["last_access", "version"])
    return written


# --- the check ----------------------------------------------------------------------------------

def candidates_sql(keys: Sequence[int], *, since: dt.date, until: dt.date,
                   scopes: tuple[str, list[Any]] | None, exclude: int | None = None,
                   limit: int = CANDIDATES) -> tuple[str, list[Any]]:
    """The candidates query (SQL, params): for each key its ``KEY_POSTINGS`` newest postings of the
    window, of those the ones in ``scopes`` (``scope_sql``; None: every scope), the cases sharing at
    least ``MIN_SHARED`` keys, most shared first. On PostgreSQL a ``LATERAL`` read of each key
    backwards in the primary key (key, received_on, …) from ``until``; elsewhere (SQLite) the same
    rows numbered by a window function."""
    table = connection.ops.quote_name(DupPosting._meta.db_table)
    keys = [int(k) for k in keys]
    after: list[str] = []
    extra: list[Any] = []
    if scopes is not None:
        after.append(scopes[0])
        extra += scopes[1]
    # the case checked (already indexed when its proposal caught up) takes no place in the cap
    inner, inner_params = ("AND d.case_id <> %s ", [exclude]) if exclude is not None else ("", [])

    def tail(conditions: list[str]) -> str:
        # (case, key) pairs made distinct first (a case in two scopes of the jurisdiction is
        # posted twice under a key), then counted: two hash aggregates, no sort per group
        where = ("WHERE " + " AND ".join(conditions) + " ") if conditions else ""
        return (f"{where}) c GROUP BY c.case_id HAVING COUNT(*) >= %s "
                "ORDER BY n DESC, c.case_id DESC LIMIT %s")

    if connection.vendor == "postgresql":
        sql = ("SELECT c.case_id, COUNT(*) AS n FROM (SELECT DISTINCT p.case_id, p.key "  # noqa: S608
               "FROM unnest(%s::bigint[]) AS q(key) "
               "CROSS JOIN LATERAL (SELECT d.key, d.scope, d.case_id FROM "
               f"{table} d WHERE d.key = q.key AND d.received_on >= %s AND d.received_on <= %s "
               f"{inner}ORDER BY d.received_on DESC, d.scope DESC, d.case_id DESC LIMIT %s) p ")
        return sql + tail(after), [keys, since, until, *inner_params, KEY_POSTINGS, *extra,
                                   MIN_SHARED, limit]
    sql = ("SELECT c.case_id, COUNT(*) AS n FROM (SELECT DISTINCT p.case_id, p.key FROM "  # noqa: S608
           "(SELECT d.key, d.scope, d.case_id, "
           "ROW_NUMBER() OVER (PARTITION BY d.key ORDER BY d.received_on DESC, d.scope DESC, "
           f"d.case_id DESC) AS r FROM {table} d WHERE d.key IN "
           f"({', '.join(['%s'] * len(keys))}) AND d.received_on >= %s AND d.received_on <= %s "
           f"{inner}) p ")
    return sql + tail(["p.r <= %s", *after]), [
        *keys, since.isoformat(), until.isoformat(), *inner_params, KEY_POSTINGS, *extra,
        MIN_SHARED, limit]


def candidates(root: Unit, text: str, *, since: dt.date, until: dt.date, exclude: int | None = None,
               limit: int = CANDIDATES) -> list[tuple[int, int]]:
    """(case id, shared keys) of the cases of ``root``'s jurisdiction received in [since, until]
    sharing at least ``MIN_SHARED`` of the text's ``QUERY_KEYS`` heaviest keys among the
    ``KEY_POSTINGS`` newest postings of each key, most shared first. One query."""
    keys = _top_keys([text], QUERY_KEYS)
    if not len(keys) or not len(keys[0]):
        return []
    sql, params = candidates_sql(keys[0].tolist(), since=since, until=until,
                                 scopes=scope_sql(root), exclude=exclude, limit=limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(pk), int(n)) for pk, n in cursor.fetchall()]


def score(text: str, others: dict[int, str]) -> dict[int, float]:
    """Cosine similarity of ``text`` with each of ``others`` (pruned TF-IDF vectors of character
    1-2-grams with the frozen weights: the score ``DuplicateIndex.compare`` gives)."""
    if not others:
        return {}
    ids = list(others)
    docs = [dedup.normalize_text(text), *(dedup.normalize_text(others[i]) for i in ids)]
    doc, term, w = weights()._vectors(docs)
    q_order = np.argsort(term[doc == 0])
    q_terms, q_w = term[doc == 0][q_order], w[doc == 0][q_order]
    out = np.zeros(len(docs))
    if len(q_terms):
        pos = np.searchsorted(q_terms, term).clip(0, len(q_terms) - 1)
        hit = (q_terms[pos] == term) & (doc > 0)
        np.add.at(out, doc[hit], w[hit] * q_w[pos[hit]])
    return {pk: float(min(out[i + 1], 1.0)) for i, pk in enumerate(ids)}


def similar_cases(root: Unit, text: str, *, since: dt.date, until: dt.date,
                  exclude: int | None = None, allowed: set[int] | None = None, k: int = 8,
                  min_score: float = dedup.DEFAULT_MIN_SCORE,
                  catch: Callable[[], int] | None = None) -> list[dedup.Match]:
    """The ``k`` cases of ``root``'s jurisdiction received in [since, until] most similar to
    ``text`` (cosine ≥ ``min_score``), best first; ``allowed`` narrows them further (the caller's
    exact window). ``catch`` (e.g. ``catch_up``) is called first."""
    if catch is not None:
        catch()
    found = [pk for pk, _ in candidates(root, text, since=since, until=until, exclude=exclude)]
    if allowed is not None:
        found = [pk for pk in found if pk in allowed]
    texts = {pk: text_of(*t) for pk, *t in Case.objects.filter(pk__in=found).values_list(
        "pk", *TEXT_FIELDS)}
    scores = score(text, texts)
    ranked = sorted((s, pk) for pk, s in scores.items() if s >= min_score)
    ranked.sort(key=lambda sp: (-sp[0], -sp[1]))
    return [dedup.Match(pk, s, dedup.classify_pair(s, False)) for s, pk in ranked[:k]]


# --- the build ----------------------------------------------------------------------------------

def _walk(ranges: tuple[int, int, int, bool]) -> int:
    """One worker's part of the walk: cases with ids in [lo, hi], in chunks, each committed."""
    lo, hi, chunk, fresh = ranges
    scopes = _Scopes()
    written = 0
    ids = list(Case.objects.filter(pk__gte=lo, pk__lte=hi).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk):
        written += index_cases(case_ids=ids[start:start + chunk], only_new=True, scopes=scopes,
                               fresh=fresh)
    return written


def _in_worker(ranges: tuple[int, int, int, bool]) -> tuple[int, int]:
    connection.close()  # a fresh connection in the forked worker
    try:
        return _walk(ranges), ranges[1] - ranges[0] + 1
    finally:
        connection.close()


def _primary_key(cursor: Any) -> str | None:
    """The name of the postings' primary key constraint, None while it is dropped (PostgreSQL)."""
    cursor.execute("SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass "
                   "AND contype = 'p'", [DupPosting._meta.db_table])
    row = cursor.fetchone()
    return row[0] if row else None


def _add_primary_key(cursor: Any, memory: str) -> None:
    """The postings' primary key, built over the table in one sort (after a rebuild's COPY)."""
    table = DupPosting._meta.db_table
    columns = ", ".join(connection.ops.quote_name(f.column) for f in DupPosting._meta.pk_fields)
    cursor.execute(f"SET maintenance_work_mem = '{memory}'")
    cursor.execute(f"ALTER TABLE {connection.ops.quote_name(table)} ADD CONSTRAINT "  # noqa: S608
                   f"{connection.ops.quote_name(table + '_pkey')} PRIMARY KEY ({columns})")
    cursor.execute("RESET maintenance_work_mem")


def vacuum() -> None:
    """VACUUM (ANALYZE) the postings: their visibility map set, a check's read of each key is an
    index-only scan backwards (the plan the cap relies on; a table just written by COPY has no
    visibility map and the planner then prefers a bitmap scan that reads all of a key's postings
    of the window and sorts them). PostgreSQL, outside a transaction."""
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(DupPosting._meta.db_table)}")


def build(*, rebuild: bool = False, workers: int = 1, chunk: int = 2000,
          progress: Callable[[int], Any] | None = None,
          memory: str = "512MB") -> dict[str, Any]:
    """Bring the index up to date: every case not yet indexed (by id, resumable: a walk
    interrupted part-way goes on where it stopped), the cases of new accesses, and those whose
    text changed since the last run (``Case.updated_at``). ``rebuild`` empties the index first;
    on PostgreSQL it also drops the postings' primary key and builds it again after the walk (one
    sort with ``memory`` of ``maintenance_work_mem``, instead of a B-tree insert per posting),
    holding ``REBUILD_LOCK`` so that no catch-up writes meanwhile. ``workers`` > 1 walks id ranges
    in parallel processes (PostgreSQL). ``progress(n)`` is called with the ids covered. Returns
    counts and the seconds of the walk, of the key and of the VACUUM after it (``vacuum``)."""
    if workers < 1 or chunk < 1:
        raise InvalidParams("workers 与 chunk 须为正整数。")
    ver = version()
    pg = connection.vendor == "postgresql"
    holder = None
    if pg:
        with connection.cursor() as cursor:
            keyless = _primary_key(cursor) is None  # a rebuild interrupted before its key
        if rebuild or keyless:
            from django.db import DEFAULT_DB_ALIAS, connections

            holder = connections.create_connection(DEFAULT_DB_ALIAS)
            with holder.cursor() as cursor:  # waits for the catch-ups under way
                cursor.execute("SELECT pg_advisory_lock(%s)", [REBUILD_LOCK])
    try:
        if rebuild:
            with transaction.atomic():
                if pg:
                    with connection.cursor() as cursor:
                        cursor.execute(f"TRUNCATE {DupPosting._meta.db_table}, "  # noqa: S608
                                       f"{DupIndexed._meta.db_table}")
                        name = _primary_key(cursor)
                        if name:
                            cursor.execute(f"ALTER TABLE {DupPosting._meta.db_table} "  # noqa: S608
                                           f"DROP CONSTRAINT {connection.ops.quote_name(name)}")
                else:
                    DupPosting.objects.all().delete()
                    DupIndexed.objects.all().delete()
                DupState.objects.update_or_create(pk=1, defaults={
                    "version": ver, "last_case": 0, "last_access": 0, "synced_at": None})
        out = _walk_all(ver, workers=workers, chunk=chunk, progress=progress,
                        fresh=holder is not None, rebuilt=rebuild)
        if holder is not None:
            t0 = time.perf_counter()
            with connection.cursor() as cursor:
                try:
                    with transaction.atomic():
                        _add_primary_key(cursor, memory)
                except IntegrityError as exc:
                    raise InvalidParams("查重索引有重复项：请运行 build_dup_index --rebuild。") from exc
            out["key_s"] = round(time.perf_counter() - t0, 1)
            if not connection.in_atomic_block:  # (not in a test's transaction)
                t0 = time.perf_counter()
                vacuum()
                out["vacuum_s"] = round(time.perf_counter() - t0, 1)
    finally:
        if holder is not None:
            holder.close()  # the advisory lock goes with the session
    return out


def _walk_all(ver: str, *, workers: int, chunk: int, progress: Callable[[int], Any] | None,
              fresh: bool = False, rebuilt: bool = False) -> dict[str, Any]:
    state = _state()
    if state.version and state.version != ver:
        raise InvalidParams(f"查重索引按{state.version}建立，当前为{ver}：请运行 build_dup_index --rebuild。")
    started = clock.now()
    t0 = time.perf_counter()
    top_access = CaseAccess.objects.aggregate(m=Max("pk"))["m"] or 0
    top_case = Case.objects.aggregate(m=Max("pk"))["m"] or 0
    written = 0
    lo = state.last_case + 1
    if top_case >= lo:
        step = max(chunk * 5, 1)
        parts = [(a, min(a + step - 1, top_case), chunk, fresh)
                 for a in range(lo, top_case + 1, step)]
        if workers > 1 and connection.vendor == "postgresql":
            import multiprocessing

            connection.close()
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for n, covered in pool.imap_unordered(_in_worker, parts):
                    written += n
                    if progress:
                        progress(covered)
        else:
            for part in parts:
                written += _walk(part)
                if progress:
                    progress(part[1] - part[0] + 1)
        DupState.objects.filter(pk=1).update(last_case=top_case, version=ver)
    # accesses written since the last run (transfers, assignments): all of them, without a limit;
    # after a rebuild's walk none (every case was read with its accesses: a pass over them all
    # would only find each digest unchanged)
    moved = [] if rebuilt else sorted(set(
        CaseAccess.objects.filter(pk__gt=state.last_access, pk__lte=top_access)
        .values_list("case_id", flat=True)))
    # texts corrected since the last run (every save of a case touches updated_at)
    changed: list[int] = []
    if state.synced_at is not None:
        changed = list(Case.objects.filter(updated_at__gte=state.synced_at, pk__lte=top_case)
                       .values_list("pk", flat=True))
    again = sorted(set(moved) | set(changed))
    scopes = _Scopes()
    rewritten = 0
    for start in range(0, len(again), chunk):
        rewritten += index_cases(case_ids=again[start:start + chunk], scopes=scopes)
    DupState.objects.filter(pk=1).update(version=ver, last_access=top_access, synced_at=started)
    return {"ids": top_case - lo + 1 if top_case >= lo else 0, "written": written,
            "rechecked": len(again), "rewritten": rewritten,
            "walk_s": round(time.perf_counter() - t0, 1), "key_s": 0.0, "vacuum_s": 0.0}
