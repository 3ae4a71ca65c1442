"""Reads about units, always relative to a unit's place in the tree."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Unit, UnitType


def unit_subtree(unit: Unit) -> QuerySet[Unit]:
    """The unit and every unit below it."""
    return Unit.objects.filter(path__startswith=unit.path)


def bureau_for(unit: Unit) -> Unit | None:
    """The petition bureau (信访部门) serving `unit`: itself, or the nearest one above it."""
    if unit.unit_type == UnitType.PETITION_BUREAU:
        return unit
    node: Unit | None = unit
    while node is not None:
        bureau = Unit.objects.filter(parent=node, unit_type=UnitType.PETITION_BUREAU,
                                     active=True).order_by("pk").first()
        if bureau is not None:
            return bureau
        node = node.parent
    return None


def review_unit_for(unit: Unit) -> Unit | None:
    """The next-higher unit, to which 复查/复核 requests go (Art. 35, 36)."""
    return unit.parent
