"""Reads of the whistle app, always scoped to the acting user's jurisdiction.

A staff user sees a whistle when the unit that raised it or its grid's unit lies within their
jurisdiction, or when one of the departments it was whistled to does (`orgs.selectors.jurisdiction_q`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from xinfang.orgs.selectors import jurisdiction_q

from .models import Grid, Whistle, WhistleReport
from .states import ReportStatus, WhistleStatus


def visible_whistles(user: Any) -> QuerySet[Whistle]:
    """The whistles `user` may see (none without a unit; a superuser every one)."""
    qs = Whistle.objects.all()
    if getattr(user, "is_superuser", False):
        return qs
    to_mine = WhistleReport.objects.filter(jurisdiction_q(user, "unit"), whistle=OuterRef("pk"))
    return qs.filter(jurisdiction_q(user, "unit", "grid__unit") | Exists(to_mine))


def whistle_get(user: Any, *, number: str) -> Whistle:
    """One whistle by number within the user's reach; Whistle.DoesNotExist (→ 404) outside."""
    return visible_whistles(user).select_related("grid", "unit", "raised_by").get(number=number)


def grids_for(user: Any) -> QuerySet[Grid]:
    """The active grids of the units within the user's reach (where they may whistle from)."""
    qs = Grid.objects.filter(active=True).select_related("unit")
    if getattr(user, "is_superuser", False):
        return qs
    return qs.filter(jurisdiction_q(user, "unit"))


def to_report(user: Any, now: dt.datetime) -> list[WhistleReport]:
    """What the user's unit must still report to or act on, overdue first, then by deadline."""
    if not getattr(user, "unit_id", None):
        return []
    rows = (WhistleReport.objects.filter(unit=user.unit_id, whistle__status=WhistleStatus.WHISTLED)
            .exclude(status=ReportStatus.ACTED).select_related("whistle", "whistle__grid"))
    return sorted(rows, key=lambda r: (not r.overdue_at(now), r.due_at, r.pk))


@dataclass(frozen=True)
class Figures:
    """Matters handled and average days from whistle to close (formulas in docs/whistle.md)."""

    name: str
    whistled: int  # whistles raised (by the grid) or whistled to (the department)
    closed: int  # of them, closed (确认办结) — the matters handled
    average_days: float | None  # mean(closed_at - whistled_at) in days over the closed ones


def _figure(name: str, rows: list[tuple]) -> Figures:
    days = [(c - w).total_seconds() / 86400 for w, c in rows if c is not None]
    return Figures(name=name, whistled=len(rows), closed=len(days),
                   average_days=sum(days) / len(days) if days else None)


def figures(qs: QuerySet[Whistle]) -> tuple[Figures, list[Figures], list[Figures]]:
    """The figures over `qs` (already scoped by the caller): in all, per grid, per department."""
    rows = list(qs.values_list("pk", "grid__name", "whistled_at", "closed_at"))
    by_grid: dict[str, list] = defaultdict(list)
    for _pk, grid, w, c in rows:
        by_grid[grid].append((w, c))
    times = {pk: (w, c) for pk, _g, w, c in rows}
    by_dept: dict[str, list] = defaultdict(list)
    # the departments of the same whistles, read by a subquery (one query, also when there are none)
    for wid, unit in (WhistleReport.objects.filter(whistle__in=qs.values("pk"))
                      .values_list("whistle_id", "unit__name")):
        by_dept[unit].append(times[wid])
    total = _figure("", [(w, c) for _pk, _g, w, c in rows])
    return (total, [_figure(n, r) for n, r in sorted(by_grid.items())],
            [_figure(n, r) for n, r in sorted(by_dept.items())])
