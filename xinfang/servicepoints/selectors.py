"""Reads of the service points app, always scoped to the acting user's jurisdiction.

A staff user sees a need when the point holding it, or the point that first recorded it, lies within
their jurisdiction (`orgs.selectors.jurisdiction_q`): the village, its township, the county above.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from xinfang.orgs.models import Level
from xinfang.orgs.selectors import jurisdiction_q

from .models import Need, ServicePoint
from .states import NeedStatus


def visible_needs(user: Any) -> QuerySet[Need]:
    """The needs `user` may see (none without a unit; a superuser every one)."""
    qs = Need.objects.all()
    if getattr(user, "is_superuser", False):
        return qs
    return qs.filter(jurisdiction_q(user, "point__unit", "origin__unit"))


def need_get(user: Any, *, number: str) -> Need:
    """One need by number within the user's reach; Need.DoesNotExist (→ 404) outside."""
    return (visible_needs(user)
            .select_related("point", "point__unit", "origin", "origin__unit", "recorded_by",
                            "service", "provider", "provider__user", "case")
            .get(number=number))


def visible_points(user: Any) -> QuerySet[ServicePoint]:
    """The service points in the user's reach (the catalogue pages)."""
    qs = ServicePoint.objects.select_related("unit")
    if getattr(user, "is_superuser", False):
        return qs
    return qs.filter(jurisdiction_q(user, "unit"))


def points_for(user: Any) -> QuerySet[ServicePoint]:
    """The active points where `user` may record a need: their own unit's, or (township staff,
    包村干部) those of the villages of their township."""
    unit_id = getattr(user, "unit_id", None)
    if unit_id is None:
        return ServicePoint.objects.none()
    return ServicePoint.objects.filter(
        Q(unit_id=unit_id) | Q(unit__parent_id=unit_id, unit__level=Level.VILLAGE),
        active=True).select_related("unit")


def staffs(user: Any, point: ServicePoint) -> bool:
    """`user`'s unit runs `point`: its own unit's, or the township's staff at a village's point."""
    unit_id = getattr(user, "unit_id", None)
    return unit_id is not None and (point.unit_id == unit_id or (
        point.unit.level == Level.VILLAGE and point.unit.parent_id == unit_id))


@dataclass(frozen=True)
class Figures:
    """小事不出村，大事不出镇 (formulas in docs/indicators.md and docs/servicepoints.md)."""

    name: str
    recorded: int  # needs first recorded (at the point, or in all)
    open: int  # of them, still open (recorded, assigned, in progress, referred)
    withdrawn: int
    village_done: int  # done at a village point
    township_done: int  # done at a township point
    petitioned: int  # turned into a petition case
    satisfied: int  # done, the visitor satisfied or basically satisfied

    @property
    def concluded(self) -> int:
        """The denominator: needs that ended solved or as a petition (open and withdrawn left out)."""
        return self.village_done + self.township_done + self.petitioned

    @property
    def village_rate(self) -> float | None:
        """小事不出村: done at a village point ÷ concluded."""
        return self.village_done / self.concluded if self.concluded else None

    @property
    def local_rate(self) -> float | None:
        """大事不出镇: done at a village or township point ÷ concluded."""
        return (self.village_done + self.township_done) / self.concluded if self.concluded else None


    @property
    def village_pct(self) -> float | None:
        return None if self.village_rate is None else round(100.0 * self.village_rate, 1)

    @property
    def local_pct(self) -> float | None:
        return None if self.local_rate is None else round(100.0 * self.local_rate, 1)


def _figure(name: str, rows: list[tuple[str, int | None]]) -> Figures:
    open_ = sum(1 for s, _lvl, _sat in rows if s in {NeedStatus.RECORDED, NeedStatus.ASSIGNED,
                                                       NeedStatus.IN_PROGRESS, NeedStatus.REFERRED})
    done = [(lvl, sat) for s, lvl, sat in rows if s == NeedStatus.DONE]
    return Figures(
        name=name, recorded=len(rows), open=open_,
        withdrawn=sum(1 for s, _l, _s in rows if s == NeedStatus.WITHDRAWN),
        village_done=sum(1 for lvl, _s in done if lvl == Level.VILLAGE),
        township_done=sum(1 for lvl, _s in done if lvl != Level.VILLAGE),
        petitioned=sum(1 for s, _l, _s in rows if s == NeedStatus.PETITIONED),
        satisfied=sum(1 for _l, sat in done if sat in ("satisfied", "basic")))


def figures(qs: QuerySet[Need]) -> tuple[Figures, list[Figures]]:
    """The figures over `qs` (already scoped by the caller): in all, and per point where the need
    was first recorded (one query)."""
    rows = list(qs.values_list("origin__name", "status", "point__unit__level", "satisfaction"))
    by_point: dict[str, list] = {}
    for origin, status, level, sat in rows:
        by_point.setdefault(origin, []).append((status, level, sat))
    total = _figure("", [(s, lvl, sat) for _o, s, lvl, sat in rows])
    return total, [_figure(n, r) for n, r in sorted(by_point.items())]


# ---- 四诊合一接访 ------------------------------------------------------------------------------------

def visible_consults(user: Any) -> QuerySet:
    """The 四诊 matters `user` may see: of a village in their jurisdiction, or routed or convened to a
    unit in it."""
    from .models import Consult

    qs = Consult.objects.all()
    if getattr(user, "is_superuser", False):
        return qs
    return qs.filter(jurisdiction_q(user, "unit") | Q(
        pk__in=Consult.units.through.objects.filter(jurisdiction_q(user, "unit"))
        .values("consult_id")))


def villages_for(user: Any) -> QuerySet:
    """The villages whose 四诊 `user` may record: their own village, or (township staff) the villages
    of their township."""
    from xinfang.orgs.models import Unit

    unit_id = getattr(user, "unit_id", None)
    if unit_id is None:
        return Unit.objects.none()
    return Unit.objects.filter(Q(pk=unit_id) | Q(parent_id=unit_id), level=Level.VILLAGE,
                               active=True)


def runs_village(user: Any, unit: Any) -> bool:
    """`user`'s unit is the village, or the township it belongs to."""
    unit_id = getattr(user, "unit_id", None)
    return unit_id is not None and unit.level == Level.VILLAGE and unit_id in (unit.pk,
                                                                             unit.parent_id)


def reception_days(user: Any) -> QuerySet:
    """The fixed reception days of the villages in the user's jurisdiction."""
    from .models import ReceptionDay

    qs = ReceptionDay.objects.filter(active=True).select_related("unit")
    if getattr(user, "is_superuser", False):
        return qs
    return qs.filter(jurisdiction_q(user, "unit"))


def visible_sittings(user: Any) -> QuerySet:
    """The 坐诊预约 `user` may see: of a village in their jurisdiction."""
    from .models import SittingBooking

    qs = SittingBooking.objects.all()
    if getattr(user, "is_superuser", False):
        return qs
    return qs.filter(jurisdiction_q(user, "reception__unit"))


# ---- 四诊 figures (formulas in docs/indicators.md and docs/servicepoints.md) -------------------------

def _pct(num: int, den: int) -> float | None:
    return round(100.0 * num / den, 1) if den else None


@dataclass(frozen=True)
class SizhenFigures:
    """四诊合一接访: 坐诊 held and bookings kept, home visits done vs planned, matters routed and
    their on-time rate, matters escalated to 会诊 and resolved, the share resolved without a case."""

    sitting: int  # matters heard at a fixed reception day (坐诊接访, walk-ins and bookings)
    kept: int  # bookings whose date has come: received (接诊)
    no_show: int  # …: marked absent
    visits_due: int  # home visits planned for a date up to today (cancelled ones included)
    visits_done: int  # …of them visited (入户巡诊 logged)
    routed: int  # matters routed to units (疑难分诊)
    routed_due: int  # …of them ended, or past their time limit
    routed_on_time: int  # …of those, resolved on or before the time limit
    convened: int  # matters escalated to a joint consultation (提级会诊)
    convened_resolved: int  # …of them resolved
    resolved: int  # matters resolved (化解办结)
    petitioned: int  # matters turned into a petition case

    @property
    def kept_rate(self) -> float | None:
        """预约到场率: received ÷ (received + absent)."""
        return _pct(self.kept, self.kept + self.no_show)

    @property
    def visit_rate(self) -> float | None:
        """入户巡诊完成率: visited ÷ visits planned for a date up to today."""
        return _pct(self.visits_done, self.visits_due)

    @property
    def routed_on_time_rate(self) -> float | None:
        """分诊按期化解率: resolved by the time limit ÷ routed matters ended or past the limit."""
        return _pct(self.routed_on_time, self.routed_due)

    @property
    def convened_resolved_rate(self) -> float | None:
        """会诊化解率: escalated matters resolved ÷ matters escalated."""
        return _pct(self.convened_resolved, self.convened)

    @property
    def concluded(self) -> int:
        return self.resolved + self.petitioned

    @property
    def without_case_rate(self) -> float | None:
        """未转信访件化解率: resolved ÷ (resolved + turned into a case)."""
        return _pct(self.resolved, self.concluded)


def sizhen_figures(consults: QuerySet, bookings: QuerySet, *, today: Any) -> SizhenFigures:
    """The 四诊 figures over `consults` and `bookings` (already scoped and windowed by the caller);
    bookings count from their date on. Two queries."""
    from django.utils import timezone

    from .models import ConsultKind
    from .states import ConsultStatus as CS
    from .states import SittingStatus

    rows = list(consults.values_list("kind", "status", "planned_on", "route_due", "meeting_on",
                                     "ended_at"))
    done_on = {i: timezone.localdate(r[5]) if r[5] else None for i, r in enumerate(rows)}
    routed = [(i, r) for i, r in enumerate(rows) if r[3] is not None]
    due = [(i, r) for i, r in routed if done_on[i] is not None or r[3] < today]
    visits = [r for r in rows if r[0] == ConsultKind.HOME and r[2] is not None and r[2] <= today]
    convened = [r for r in rows if r[4] is not None]
    states = list(bookings.filter(date__lte=today).values_list("status", flat=True))
    return SizhenFigures(
        sitting=sum(1 for r in rows if r[0] == ConsultKind.SITTING),
        kept=states.count(SittingStatus.KEPT), no_show=states.count(SittingStatus.NO_SHOW),
        visits_due=len(visits),
        visits_done=sum(1 for r in visits if r[1] not in (CS.PLANNED, CS.CANCELLED)),
        routed=len(routed), routed_due=len(due),
        routed_on_time=sum(1 for i, r in due if r[1] == CS.RESOLVED and done_on[i] <= r[3]),
        convened=len(convened),
        convened_resolved=sum(1 for r in convened if r[1] == CS.RESOLVED),
        resolved=sum(1 for r in rows if r[1] == CS.RESOLVED),
        petitioned=sum(1 for r in rows if r[1] == CS.PETITIONED))
