"""Jurisdiction: the one home for "the units under / above this unit" and "how far a user reaches".

Every app asks these questions through the functions here, never with its own `path__startswith`
or walk up `parent`. A unit's jurisdiction is its subtree (its materialised `path` as a prefix); a
petition bureau (信访部门) serves the whole territory of its government (属地管理, Art. 22), so its
jurisdiction is its parent's subtree.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Q, QuerySet

from .models import Level, Unit, UnitType

#: units that supervise those below them: a petition bureau and a party committee/government
#: (Art. 40, 43: they issue 督办, 三项建议 and warning letters)
SUPERVISING_TYPES = (UnitType.PETITION_BUREAU, UnitType.PARTY_GOVERNMENT)


def _path_field(field: str) -> str:
    return f"{field}__path" if field else "path"


def under_q(field: str, unit: Unit) -> Q:
    """Records whose unit `field` is `unit` or lies below it ("" for the unit itself)."""
    return Q(**{f"{_path_field(field)}__startswith": unit.path})


def at_or_above_q(field: str, unit: Unit) -> Q:
    """Records whose unit `field` is `unit` or one of its ancestors ("" for the unit itself)."""
    return Q(**{f"{_path_field(field)}__in": unit.ancestor_paths()})


def units_under(unit: Unit, *, include_self: bool = True, active: bool | None = None) -> QuerySet[Unit]:
    """The unit's subtree: the unit (unless `include_self` is False) and every unit below it."""
    qs = Unit.objects.filter(under_q("", unit))
    if not include_self:
        qs = qs.exclude(pk=unit.pk)
    if active is not None:
        qs = qs.filter(active=active)
    return qs


def units_above(unit: Unit) -> QuerySet[Unit]:
    """The unit's ancestors, the top first (not the unit itself)."""
    return Unit.objects.filter(path__in=unit.ancestor_paths()[:-1]).order_by("level", "path")


def higher_unit(unit: Unit) -> Unit | None:
    """The next-higher unit (上一级机关、单位): where 复查 goes (Art. 35), 复核 one further (Art. 36),
    and an overdue item is escalated to (Art. 43). None at the top of the tree."""
    return unit.parent if unit.parent_id else None


def _self_and_above(unit: Unit) -> Iterator[Unit]:
    """The unit, then its parent, and so on (one query per step not already loaded)."""
    node: Unit | None = unit
    while node is not None:
        yield node
        node = higher_unit(node)


def county_of(unit: Unit) -> Unit:
    """The county (district) whose territory holds `unit` (where local handling units are): the unit
    itself at county level or above, else its nearest ancestor at county level or above."""
    return _county([(u, u.level) for u in _self_and_above(unit)])


def _county(chain: list[tuple[Any, int]]) -> Any:
    """The first entry of a self-first chain at county level or above; the top when none is."""
    for key, level in chain:
        if level <= Level.COUNTY:
            return key
    return chain[-1][0]


class UnitTree:
    """Every unit in memory (one query): for bulk work that maps many rows to their units' places."""

    def __init__(self) -> None:
        self.units = {u["id"]: u for u in Unit.objects.values("id", "name", "level", "parent_id")}

    def chain(self, uid: int) -> list[int]:
        """The unit's id and its ancestors' ids, itself first."""
        out = []
        while uid:
            out.append(uid)
            uid = self.units[uid]["parent_id"] or 0
        return out

    def county_of(self, uid: int) -> int:
        """`county_of` by id, without a query."""
        return _county([(u, self.units[u]["level"]) for u in self.chain(uid)])


def bureau_for(unit: Unit) -> Unit | None:
    """The petition bureau (信访部门) serving `unit`: itself, or the nearest one above it."""
    if unit.unit_type == UnitType.PETITION_BUREAU:
        return unit
    for node in _self_and_above(unit):
        bureau = Unit.objects.filter(parent=node, unit_type=UnitType.PETITION_BUREAU,
                                     active=True).order_by("pk").first()
        if bureau is not None:
            return bureau
    return None


def supervises(unit: Unit | None) -> bool:
    """The unit is of a kind that supervises the units below it (a bureau or a government)."""
    return unit is not None and unit.unit_type in SUPERVISING_TYPES


def jurisdiction_root(unit: Unit) -> Unit:
    """The top of the subtree a unit may see and route to: the unit, or for a petition bureau the
    government it serves (Art. 22, 属地管理)."""
    if unit.unit_type == UnitType.PETITION_BUREAU and unit.parent_id:
        return unit.parent  # type: ignore[return-value]
    return unit


def jurisdiction_of(user: Any) -> Unit | None:
    """The root unit of a signed-in staff member's reach; None without a unit (or signed out)."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "unit_id", None) is None:
        return None
    return jurisdiction_root(user.unit)


def in_jurisdiction(user: Any, unit: Unit) -> bool:
    """`unit` lies within the user's reach (no superuser bypass: callers decide that)."""
    root = jurisdiction_of(user)
    return root is not None and unit.is_within(root)


def jurisdiction_q(user: Any, *fields: str) -> Q:
    """Records whose unit in any of `fields` lies within the user's reach (none without a unit)."""
    root = jurisdiction_of(user)
    if root is None:
        return Q(pk__in=[])
    q = Q()
    for f in fields:
        q |= under_q(f, root)
    return q


def units_in_reach(user: Any) -> QuerySet[Unit]:
    """The active units a user may pick in a unit list: a superuser every one, a user without a
    unit none, anyone else the units within their jurisdiction."""
    if getattr(user, "is_superuser", False):
        return Unit.objects.filter(active=True)
    root = jurisdiction_of(user)
    return Unit.objects.none() if root is None else units_under(root, active=True)


def common_superior(units: list[Unit]) -> Unit | None:
    """The nearest unit strictly above every one of `units` (共同的上一级机关、单位, Art. 24): two
    departments of a county government → the county government; a village and a county department
    → the county government; a county department and a city department → the city government; a
    unit and its own government → the government above that. None when they share no unit above
    (different trees): then the common joint conference coordinates (Art. 24). One query."""
    if not units:
        return None
    common: list[str] | None = None
    for unit in units:
        above = unit.ancestor_paths()[:-1]  # strictly above: not the unit itself
        common = above if common is None else [p for p in common if p in set(above)]
    if not common:
        return None
    nearest = max(common, key=len)
    return Unit.objects.filter(path=nearest).first()
