"""Reads of the resolution app (mediation, hearings, supervision, 三项建议, 回访), always scoped to the
acting user: a record on a case is seen where the case is (cases.selectors.visible_cases); a record
without a case where its unit lies within the user's jurisdiction (orgs.selectors)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q, QuerySet

from xinfang.cases.models import Purpose
from xinfang.cases.selectors import visible_cases
from xinfang.orgs.selectors import jurisdiction_q

from .models import FollowUp, Hearing, LeaderAssignment, Mediation, Recommendation, SupervisionOrder


def scoped(user: Any, qs: QuerySet, *unit_fields: str, case_field: str = "case") -> QuerySet:
    """Records on a case the user may see, or (no case) with a unit in the user's jurisdiction."""
    if getattr(user, "is_superuser", False):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    # the visible cases listed from the access rows once (the same cases; on SQLite not an access
    # check for every case of every county, issue 15)
    q = Q(**{f"{case_field}__in": visible_cases(user, listed=True).values("pk")})
    if unit_fields:
        q |= Q(**{f"{case_field}__isnull": True}) & jurisdiction_q(user, *unit_fields)
    return qs.filter(q)


# ---- mediation -------------------------------------------------------------------------------

def visible_mediations(user: Any) -> models.QuerySet[Mediation]:
    """Mediations on visible cases, or pre-petition ones referred or mediated in the jurisdiction."""
    qs = Mediation.objects.select_related("case", "organisation__unit", "referring_unit")
    return scoped(user, qs, "referring_unit", "organisation__unit")


# ---- hearings --------------------------------------------------------------------------------

def visible_hearings(user: Any) -> models.QuerySet[Hearing]:
    return scoped(user, Hearing.objects.select_related("case", "unit"))


# ---- supervision -----------------------------------------------------------------------------

def visible_orders(user: Any) -> models.QuerySet[SupervisionOrder]:
    # issued_by: the step checks on every row of the list read it (one query per row before)
    qs = SupervisionOrder.objects.select_related("case", "issuing_unit", "target_unit",
                                                 "watch_unit", "issued_by")
    return scoped(user, qs)


def visible_assignments(user: Any) -> models.QuerySet[LeaderAssignment]:
    return scoped(user, LeaderAssignment.objects.select_related("case", "leader__unit"))


def visible_recommendations(user: Any) -> models.QuerySet[Recommendation]:
    """On a visible case, or issued or received within the jurisdiction: the receiving unit must
    read a letter about a case it never held (e.g. 追究责任 to 纪检监察), except about an
    accusation it may not see (Art. 30)."""
    qs = Recommendation.objects.select_related("case", "issuing_unit", "target_unit")
    if getattr(user, "is_superuser", False):
        return qs
    by_unit = jurisdiction_q(user, "issuing_unit", "target_unit") & ~Q(case__purpose=Purpose.ACCUSATION)
    return qs.filter(Q(pk__in=scoped(user, qs).values("pk")) | by_unit)


def watched_by(user: Any, qs: models.QuerySet) -> models.QuerySet:
    """Items escalated to the user's unit (or within its jurisdiction)."""
    return qs.filter(jurisdiction_q(user, "watch_unit"))


# ---- satisfaction ----------------------------------------------------------------------------

def visible_followups(user: Any) -> models.QuerySet[FollowUp]:
    return scoped(user, FollowUp.objects.select_related("case", "unit", "watch_unit"))
