"""Numbering: the one home for every yearly serial (case numbers, 文号, agreement, 建议 and 预警函 numbers).

`next_serial(scope, kind, year)` returns the next number of one scheme on a locked `core.Serial`
row, inside the caller's transaction: the lock is held until that transaction ends, so two
concurrent issues never get the same number, and a rolled-back issue gives its number back. Each
app keeps its own format string; the scheme's key is built with the helpers below so that the seed
migration and the callers agree.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

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


def next_serial(scope: str, kind: str, year: int) -> int:
    """The next serial (1, 2, ...) of `kind` issued in `scope` in `year`; the counter row stays locked
    until the caller's transaction ends (a transaction of its own when called outside one)."""
    with transaction.atomic(savepoint=False):
        row, created = Serial.objects.select_for_update().get_or_create(
            scope=scope, kind=kind, year=year, defaults={"last": 1})
        if not created:
            row.last += 1
            row.save(update_fields=["last"])
    return row.last


def next_serials(scope: str, kind: str, year: int, count: int) -> range:
    """`count` consecutive serials of `kind` in `scope` and `year` in one locked step (a bulk import
    numbers thousands of cases at once); the counter stays locked until the caller's transaction ends."""
    if count < 1:
        return range(0)
    with transaction.atomic(savepoint=False):
        row, created = Serial.objects.select_for_update().get_or_create(
            scope=scope, kind=kind, year=year, defaults={"last": count})
        if not created:
            row.last += count
            row.save(update_fields=["last"])
    return range(row.last - count + 1, row.last + 1)
