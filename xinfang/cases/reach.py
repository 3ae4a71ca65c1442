"""The jurisdiction index (issue 17): in which units' jurisdictions each case lies.

A user sees a case when one of the units it was routed to (`CaseAccess`) is the root of the user's
jurisdiction or lies below it (cases/selectors.py). Asked through the units' paths, that is a join of
every access row under the root with the units and the cases: a city's queue read its ~90,000 access
rows and ~40,000 cases to count and sort its open cases (0.6 s at 1,000,000 cases, bench/province.py),
and a county's ten times more at ten million. `CaseReach` holds the answer: one row for each case and
each unit at or above one of its access units. The check is then one equality (`unit = root`) on a
unique index, and a city's or county's queue walks its own rows in the queue's order, because the
columns it sorts by (`open`, `next_due`, `registered_at`, `received_on`) are copies of the case's,
and so are the two columns the queue filters by most (`category`, `channel`): a city's count of its
open cases of one category and channel is then read from its own index entries alone.

Writers, each in the transaction that changes what it copies:

- `add(case_id, unit)`: with every access row saved (a `post_save` receiver: routing, sharing, the
  registering step); cases/history.py writes the rows of the cases it writes in bulk;
- `sync_open(case)`: a step that takes the case into or out of handling (cases/workflow._after_event);
- `sync_due(case_id, due)`: every change of the nearest staff deadline (deadlines/services.sync_next_due);
- `sync_category(case)`: the one step that changes the category (分类, cases/workflow._change_field);
  the channel (信访形式) is the registration's and never changes;
- `rebuild(case_ids)`: a unit moved in the tree (`orgs.signals.unit_moved`), the migration that made the
  table, bench/province_data.py after its load. `manage.py rebuild_case_reach --check` finds any drift.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import connection, transaction

from .models import Case, CaseAccess, CaseReach
from .states import TERMINAL, Status

ENDED = frozenset({*TERMINAL, Status.CLOSED})  # out of handling: ended by law or 办结


def in_handling(status: str) -> bool:
    """The queue's 在办 (scope "all"): neither ended (routed, not accepted, rechecked ...) nor 办结."""
    return status not in ENDED


def path_ids(path: str) -> list[int]:
    """The unit and its ancestors, from its path ("/1/14/15/" → [1, 14, 15])."""
    return [int(p) for p in path.split("/") if p]


def add(case_id: int, unit) -> None:  # noqa: ANN001
    """The case enters the jurisdictions of `unit` and of every unit above it (rows that exist stay),
    with the case's columns as stored (one INSERT … SELECT): called for every access row saved
    (`on_access_saved`); a step that changes the status or a clock after it keeps them in step."""
    qn = connection.ops.quote_name
    units = path_ids(unit.path)
    case_t, reach_t = qn(Case._meta.db_table), qn(CaseReach._meta.db_table)
    marks = ", ".join(["%s"] * len(ENDED))
    values = " UNION ALL ".join(["SELECT %s AS u"] * len(units))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {reach_t} ({', '.join(COLUMNS)}) "  # noqa: S608  (names from the models)
            f"SELECT c.id, x.u, c.status NOT IN ({marks}), c.next_due, c.registered_at, c.received_on, "
            f"c.category_id, c.channel "
            f"FROM {case_t} c, ({values}) x WHERE c.id = %s ON CONFLICT DO NOTHING",
            [*sorted(ENDED), *units, case_id])


def on_access_saved(sender, instance: CaseAccess, created: bool, raw: bool = False, **kwargs) -> None:  # noqa: ANN001, ARG001
    """Every access row saved (a step's routing, sharing, registration; a test's) puts its case in
    the index; rows written in bulk (cases/history.py, the benches' builders) write theirs there."""
    if created and not raw:
        add(instance.case_id, instance.unit)


def sync_open(case: Case) -> None:
    """The case went into or out of handling: its rows say so (the queue's 在办 walks them)."""
    CaseReach.objects.filter(case_id=case.pk).update(open=in_handling(case.status))


def sync_due(case_id: int, due) -> None:  # noqa: ANN001
    """The case's nearest staff deadline changed: its rows carry the new date."""
    CaseReach.objects.filter(case_id=case_id).update(next_due=due)


def sync_category(case: Case) -> None:
    """The case's category changed (分类): its rows say so (the queue's category filter reads them)."""
    CaseReach.objects.filter(case_id=case.pk).update(category_id=case.category_id)


#: what the rows copy of each case, in `rows_of`'s order (the case's own field names)
CASE_FIELDS = ("pk", "status", "next_due", "registered_at", "received_on", "category_id", "channel")


def rows_of(cases: Iterable[tuple], access: Iterable[tuple[int, int]], paths: dict[int, str]) -> list[tuple]:
    """The rows (`COLUMNS`) of `cases`, each a tuple of their `CASE_FIELDS`, from their `access`
    (case id, unit id): a row for each unit at or above an access unit, in the cases' order and by
    unit id."""
    units: dict[int, set[int]] = {}
    for case_id, unit_id in access:
        units.setdefault(case_id, set()).update(path_ids(paths[unit_id]))
    return [(pk, unit_id, in_handling(status), due, registered, received, category, channel)
            for pk, status, due, registered, received, category, channel in cases
            for unit_id in sorted(units.get(pk, ()))]


def write(rows: list[tuple]) -> None:
    """Rows (`COLUMNS`) into the index: by COPY on PostgreSQL, else in batches."""
    if connection.vendor == "postgresql":
        from .history import _copy

        _copy(CaseReach, COLUMNS, rows)
    else:
        CaseReach.objects.bulk_create([CaseReach(**dict(zip(COLUMNS, r, strict=True))) for r in rows],
                                      batch_size=2000)


def expected(case_ids: Iterable[int], paths: dict[int, str] | None = None) -> list[tuple]:
    """Every row (`COLUMNS`) the cases should have, from their access rows and their own columns."""
    from xinfang.orgs.models import Unit

    ids = list(case_ids)
    if paths is None:
        paths = dict(Unit.objects.values_list("pk", "path"))
    return rows_of(
        Case.objects.filter(pk__in=ids).order_by("pk").values_list(*CASE_FIELDS),
        CaseAccess.objects.filter(case_id__in=ids).values_list("case_id", "unit_id"), paths)


COLUMNS = ("case_id", "unit_id", "open", "next_due", "registered_at", "received_on", "category_id", "channel")
CHUNK = 5000  # cases per statement group (a rebuild of a province goes chunk by chunk)


def rebuild(case_ids: Iterable[int] | None = None, *, progress=None) -> int:  # noqa: ANN001
    """Write the cases' rows afresh (every case's when `case_ids` is None), chunk by chunk, each in
    a transaction; returns the rows written. `progress(n)` is told the cases done after each chunk."""
    from xinfang.orgs.models import Unit

    if case_ids is None and connection.vendor == "postgresql":
        return _rebuild_all_in_sql(progress)
    paths = dict(Unit.objects.values_list("pk", "path"))
    written = 0
    for chunk in _chunks(case_ids):
        with transaction.atomic():
            CaseReach.objects.filter(case_id__in=chunk).delete()
            rows = expected(chunk, paths)
            write(rows)
            written += len(rows)
        if progress is not None:
            progress(len(chunk))
    return written


def _rebuild_all_in_sql(progress=None) -> int:  # noqa: ANN001
    """Every case's rows in one statement on PostgreSQL (a province: ~5.5 rows a case), the same
    rows `expected` gives (the PostgreSQL suite compares them)."""
    qn = connection.ops.quote_name
    reach_t, case_t = qn(CaseReach._meta.db_table), qn(Case._meta.db_table)
    access_t = qn(CaseAccess._meta.db_table)
    from xinfang.orgs.models import Unit

    unit_t = qn(Unit._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {reach_t}")  # noqa: S608  (names from the models)
        cursor.execute(
            f"INSERT INTO {reach_t} ({', '.join(COLUMNS)}) "  # noqa: S608
            f"SELECT c.id, r.unit_id, NOT (c.status = ANY(%s)), c.next_due, c.registered_at, c.received_on, "
            f"c.category_id, c.channel "
            f"FROM (SELECT DISTINCT a.case_id, p::bigint AS unit_id FROM {access_t} a "
            f"JOIN {unit_t} u ON u.id = a.unit_id, unnest(string_to_array(trim(both '/' from u.path), '/')) p) r "
            f"JOIN {case_t} c ON c.id = r.case_id", [sorted(ENDED)])
        written = cursor.rowcount
    if progress is not None:
        progress(Case.objects.count())
    return written


def drift(case_ids: Iterable[int] | None = None, *, limit: int = 20) -> list[str]:
    """What differs between the stored rows and what the cases' access rows and columns give (at
    most `limit` lines, in Chinese); empty when the index is exact."""
    from xinfang.orgs.models import Unit

    paths = dict(Unit.objects.values_list("pk", "path"))
    out: list[str] = []
    for chunk in _chunks(case_ids):
        want = {(r[0], r[1]): r for r in expected(chunk, paths)}
        have = {(r[0], r[1]): r for r in CaseReach.objects.filter(case_id__in=chunk)
                .values_list(*COLUMNS)}
        for key in sorted(want.keys() | have.keys()):
            if want.get(key) != have.get(key):
                out.append(f"信访件 {key[0]} / 单位 {key[1]}：应为 {want.get(key)}，实为 {have.get(key)}")
                if len(out) >= limit:
                    return out
    return out


def _chunks(case_ids: Iterable[int] | None) -> Iterator[list[int]]:
    if case_ids is not None:
        ids = sorted(set(case_ids))
        for start in range(0, len(ids), CHUNK):
            yield ids[start:start + CHUNK]
        return
    last = 0
    while True:
        ids = list(Case.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:CHUNK])
        if not ids:
            return
        yield ids
        last = ids[-1]


def on_unit_moved(sender, unit, **kwargs) -> None:  # noqa: ANN001, ARG001
    """A unit (with its subtree) moved to another parent: the cases routed into the subtree now lie
    in other jurisdictions above it."""
    rebuild(CaseAccess.objects.filter(unit__path__startswith=unit.path)
            .values_list("case_id", flat=True).distinct())
