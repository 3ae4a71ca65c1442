"""Who sees what: a lawyer's opinion and a committee referral are seen by staff who see the case
and whose jurisdiction includes the review body (the unit that answers 复查/复核); the unit whose
answer is under review does not see the review body's deliberation. Art. 30 is kept by
`visible_cases` (an accusation's case never reaches the accused unit)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from xinfang.cases.selectors import visible_cases
from xinfang.orgs.selectors import units_in_reach

from .models import Committee, CommitteeReferral, Lawyer, LawyerDuty, LawyerOpinion


def visible_opinions(user: Any) -> QuerySet[LawyerOpinion]:
    if not getattr(user, "is_authenticated", False):
        return LawyerOpinion.objects.none()
    if user.is_superuser:
        return LawyerOpinion.objects.all()
    return LawyerOpinion.objects.filter(case__in=visible_cases(user), unit__in=units_in_reach(user))


def visible_referrals(user: Any) -> QuerySet[CommitteeReferral]:
    if not getattr(user, "is_authenticated", False):
        return CommitteeReferral.objects.none()
    if user.is_superuser:
        return CommitteeReferral.objects.all()
    return CommitteeReferral.objects.filter(case__in=visible_cases(user),
                                            committee__unit__in=units_in_reach(user))


def committees_for(user: Any) -> QuerySet[Committee]:
    """The committees of the review bodies in the user's reach."""
    if not getattr(user, "is_authenticated", False):
        return Committee.objects.none()
    return Committee.objects.filter(unit__in=units_in_reach(user)).select_related("unit")


def lawyers_for(user: Any) -> QuerySet[Lawyer]:
    """The roster of the lawyers' offices in the user's reach."""
    if not getattr(user, "is_authenticated", False):
        return Lawyer.objects.none()
    return Lawyer.objects.filter(unit__in=units_in_reach(user), active=True).select_related("unit")


def duties_for(user: Any, since) -> QuerySet[LawyerDuty]:  # noqa: ANN001
    """Duty days from `since` at the reception points in the user's reach."""
    if not getattr(user, "is_authenticated", False):
        return LawyerDuty.objects.none()
    return (LawyerDuty.objects.filter(unit__in=units_in_reach(user), day__gte=since)
            .select_related("lawyer", "unit").order_by("day", "unit__path", "pk"))


def opinions_of(case: Any, user: Any) -> QuerySet[LawyerOpinion]:
    return visible_opinions(user).filter(case=case).select_related("lawyer", "unit")


def referrals_of(case: Any, user: Any) -> QuerySet[CommitteeReferral]:
    return (visible_referrals(user).filter(case=case).select_related("committee")
            .prefetch_related("votes__member"))
