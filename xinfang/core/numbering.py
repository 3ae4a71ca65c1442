"""Numbering: the one home for every yearly serial (case numbers, 文号, agreement, 建议 and 预警函 numbers).

`next_serial(scope, kind, year)` returns the next number of one scheme from a `core.Serial` row,
advanced and locked by one `UPDATE … RETURNING` inside the caller's transaction: the lock is held
until that transaction ends, so two concurrent issues never get the same number, and a rolled-back
issue gives its number back. Each
app keeps its own format string; the scheme's key is built with the helpers below so that the seed
migration and the callers agree.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, connection, transaction

from .models import Serial

#: kinds of serial (a document's kind is "document:<DocumentKind>")
CASE = "case"
MEDIATION_AGREEMENT = "mediation_agreement"
RECOMMENDATION = "recommendation"
WARNING_LETTER = "warning_letter"


def unit_scope(unit: Any) -> str:
    """The scope of numbers a unit issues in its own name."""
    return f"unit:{unit.pk if hasattr(unit, 'pk') else unit}"


def organisation_scope(organisation: Any) -> str:
    """The scope of a mediation organisation's agreement numbers."""
    return f"mediation_org:{organisation.pk if hasattr(organisation, 'pk') else organisation}"


def document_kind(kind: str) -> str:
    return f"document:{kind}"


def _advance(scope: str, kind: str, year: int, count: int) -> int:
    """Add `count` to the scheme's counter in one statement and return the new last serial:
    `UPDATE … SET last = last + count … RETURNING last` (PostgreSQL; SQLite ≥ 3.35). The UPDATE
    locks the row until the caller's transaction ends; a scheme never used is created (a concurrent
    first issue of the same scheme meets the unique constraint and adds to the winner's row)."""
    qn, field = connection.ops.quote_name, Serial._meta.get_field
    last, key = qn(field("last").column), [qn(field(f).column) for f in ("scope", "kind", "year")]
    sql = (f"UPDATE {qn(Serial._meta.db_table)} SET {last} = {last} + %s "  # noqa: S608 (names from the model)
           f"WHERE {key[0]} = %s AND {key[1]} = %s AND {key[2]} = %s RETURNING {last}")
    with transaction.atomic(savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute(sql, [count, scope, kind, year])
            row = cursor.fetchone()
        if row is not None:
            return int(row[0])
        try:
            with transaction.atomic():  # a savepoint only on a scheme's first issue
                Serial.objects.create(scope=scope, kind=kind, year=year, last=count)
            return count
        except IntegrityError:  # another transaction created it first: count on from its row
            with connection.cursor() as cursor:
                cursor.execute(sql, [count, scope, kind, year])
                return int(cursor.fetchone()[0])


def next_serial(scope: str, kind: str, year: int) -> int:
    """The next serial (1, 2, ...) of `kind` issued in `scope` in `year`; the counter row stays locked
    until the caller's transaction ends (a transaction of its own when called outside one)."""
    return _advance(scope, kind, year, 1)


def next_serials(scope: str, kind: str, year: int, count: int) -> range:
    """`count` consecutive serials of `kind` in `scope` and `year` in one locked step (a bulk import
    numbers thousands of cases at once); the counter stays locked until the caller's transaction ends."""
    if count < 1:
        return range(0)
    last = _advance(scope, kind, year, count)
    return range(last - count + 1, last + 1)
