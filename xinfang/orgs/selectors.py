"""Reads about units, always relative to a unit's place in the tree."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Unit


def unit_subtree(unit: Unit) -> QuerySet[Unit]:
    """The unit and every unit below it."""
    return Unit.objects.filter(path__startswith=unit.path)


def review_unit_for(unit: Unit) -> Unit | None:
    """The next-higher unit, to which 复查/复核 requests go (Art. 35, 36)."""
    return unit.parent
