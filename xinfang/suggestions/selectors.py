"""Reads of the suggestion app, always scoped to the acting user's jurisdiction.

A staff user sees a suggestion when the unit that received it, the unit studying it or the place it
concerns lies within their jurisdiction (`orgs.selectors.jurisdiction_q`). The public sees only
published suggestions, and never the proposer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from xinfang.orgs.selectors import jurisdiction_q

from .models import Outcome, Suggestion
from .states import SuggestionStatus


def visible_suggestions(user: Any) -> QuerySet[Suggestion]:
    """The suggestions `user` may see (none without a unit; a superuser every one)."""
    qs = Suggestion.objects.all()
    if getattr(user, "is_superuser", False):
        return qs
    return qs.filter(jurisdiction_q(user, "receiving_unit", "deciding_unit", "concerns_unit"))


def suggestion_get(user: Any, *, number: str) -> Suggestion:
    """One suggestion by number within the user's reach; Suggestion.DoesNotExist (→ 404) outside."""
    return visible_suggestions(user).select_related(
        "receiving_unit", "deciding_unit", "concerns_unit").get(number=number)


def published_suggestions() -> QuerySet[Suggestion]:
    """What the public portal lists: published suggestions only (Art. 29, with consent)."""
    return (Suggestion.objects.filter(status=SuggestionStatus.PUBLISHED)
            .select_related("deciding_unit", "concerns_unit").order_by("-published_on", "-pk"))


DECIDED = (Outcome.ADOPTED, Outcome.PARTLY, Outcome.NOT_ADOPTED)
ADOPTED = (Outcome.ADOPTED, Outcome.PARTLY)


@dataclass(frozen=True)
class Figures:
    """The suggestion figures (formulas in docs/suggestions.md)."""

    count: int  # suggestions submitted
    answered: int  # with a reply
    decided: int  # adopted, partly adopted or not adopted
    adopted: int  # adopted or partly adopted
    adoption_rate: float | None  # adopted / decided
    average_days_to_answer: float | None  # mean(answered_on - submitted_on), answered ones


def figures(qs: QuerySet[Suggestion]) -> Figures:
    """Count, adoption rate and average days to answer over `qs` (already scoped by the caller)."""
    rows = list(qs.values_list("outcome", "submitted_on", "answered_on"))
    decided = [o for o, _s, _a in rows if o in DECIDED]
    adopted = [o for o in decided if o in ADOPTED]
    days = [(a - s).days for _o, s, a in rows if a is not None]
    return Figures(count=len(rows), answered=len(days), decided=len(decided),
                   adopted=len(adopted),
                   adoption_rate=len(adopted) / len(decided) if decided else None,
                   average_days_to_answer=sum(days) / len(days) if days else None)
