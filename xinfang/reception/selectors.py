"""Reads of the reception app. Staff reads are scoped to the acting user's jurisdiction: a session
is visible when its organising unit or its area lies within their reach (`orgs.selectors.
jurisdiction_q`), a booking when its session is. The public reads only the rota of upcoming
sessions (never who booked)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from xinfang.core import clock
from xinfang.orgs.models import Unit
from xinfang.orgs.selectors import at_or_above_q, jurisdiction_q, under_q

from .models import Booking, ReceptionSession
from .states import HOLDING, SessionStatus


def visible_sessions(user: Any) -> QuerySet[ReceptionSession]:
    """The sessions `user` may see (none without a unit; a superuser every one)."""
    qs = ReceptionSession.objects.all()
    if getattr(user, "is_superuser", False):
        return qs
    return qs.filter(jurisdiction_q(user, "unit", "area"))


def visible_bookings(user: Any) -> QuerySet[Booking]:
    return Booking.objects.filter(session__in=visible_sessions(user).values("pk"))


def session_get(user: Any, *, number: str) -> ReceptionSession:
    """One session by number within the user's reach; DoesNotExist (→ 404) outside."""
    return visible_sessions(user).select_related("unit", "area", "leader").get(number=number)


def with_taken(qs: QuerySet[ReceptionSession]) -> QuerySet[ReceptionSession]:
    """Each session with `taken`: the places its bookings hold now."""
    return qs.annotate(taken=Count("bookings", filter=Q(bookings__status__in=list(HOLDING))))


def public_rota(area: Unit | None = None) -> QuerySet[ReceptionSession]:
    """The portal's rota: scheduled sessions from today on, for the chosen area: held in it or below
    it, or for a wider area containing it (a county leader's reception serves its townships too)."""
    qs = ReceptionSession.objects.filter(status=SessionStatus.SCHEDULED, date__gte=clock.today())
    if area is not None:
        qs = qs.filter(under_q("area", area) | at_or_above_q("area", area))
    return with_taken(qs.select_related("area", "unit", "leader")
                      .prefetch_related("joint_units").order_by("date", "start_time", "pk"))


def rota_areas() -> QuerySet[Unit]:
    """The areas that have upcoming sessions (the portal's choice of area)."""
    ids = ReceptionSession.objects.filter(status=SessionStatus.SCHEDULED,
                                          date__gte=clock.today()).values("area")
    return Unit.objects.filter(pk__in=ids).order_by("path")
