"""Reads of the deliberation app, always scoped.

A staff user sees a topic when its place lies within their jurisdiction (`jurisdiction_q`). The
linked petitions are shown to a reader only through `cases.selectors.visible_cases` (Art. 30: an
accusation never to its accused unit). The public sees topics once opened (never drafts or
cancelled drafts), the comments not hidden, the result once closed, the decision once published,
and never who voted or how.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from xinfang.orgs.selectors import jurisdiction_q

from .models import Eligibility, Resident, ResidentSource, Topic
from .states import TopicStatus

PUBLIC = (TopicStatus.OPEN, TopicStatus.CLOSED, TopicStatus.DECIDED, TopicStatus.PUBLISHED)


def visible_topics(user: Any) -> QuerySet[Topic]:
    """The topics `user` may see (none without a unit; a superuser every one)."""
    qs = Topic.objects.all()
    if getattr(user, "is_superuser", False):
        return qs
    return qs.filter(jurisdiction_q(user, "unit"))


def topic_get(user: Any, *, number: str) -> Topic:
    """One topic by number within the user's reach; Topic.DoesNotExist (→ 404) outside."""
    return visible_topics(user).select_related("unit", "created_by").get(number=number)


def linked_cases(user: Any, topic: Topic):  # noqa: ANN201
    """The petitions linked to `topic` that `user` may see (Art. 30 applies through visible_cases)."""
    from xinfang.cases.selectors import visible_cases

    return visible_cases(user).filter(deliberation_links__topic=topic).order_by("pk")


def eligible_residents(topic: Topic) -> QuerySet[Resident]:
    """Who may take part: the active roster of the topic's place and the places below it; only the
    staff-verified ones when the topic says so."""
    qs = Resident.objects.filter(active=True, unit__path__startswith=topic.unit.path)
    if topic.eligibility == Eligibility.VERIFIED:
        qs = qs.filter(source=ResidentSource.VERIFIED)
    return qs


def roster(user: Any) -> QuerySet[Resident]:
    """The roster entries of the places within the user's reach."""
    qs = Resident.objects.select_related("unit")
    if getattr(user, "is_superuser", False):
        return qs
    return qs.filter(jurisdiction_q(user, "unit"))


def public_topics() -> QuerySet[Topic]:
    """What the portal lists: topics opened for deliberation and after (not drafts, not cancelled)."""
    return (Topic.objects.filter(status__in=PUBLIC).select_related("unit")
            .order_by("-opens_at", "-pk"))


def public_topic(number: str) -> Topic:
    return public_topics().get(number=number)


def cases_linked_to_topics(case: Any) -> QuerySet[Topic]:
    """The topics a case is linked to (for the case page), newest first, drafts included for staff."""
    return (Topic.objects.filter(links__case=case).exclude(status=TopicStatus.CANCELLED)
            .select_related("unit").order_by("-opens_at"))


@dataclass(frozen=True)
class Figures:
    """Participation and result of the deliberations (formulas in docs/deliberation.md)."""

    topics: int  # opened in the window (open or later, not cancelled)
    closed: int  # with a stored result (closed, decided, published)
    eligible: int  # sum of the eligible participants at closing, over the closed ones
    votes: int  # sum of the votes cast, over the closed ones
    turnout: float | None  # votes / eligible, over the closed ones
    rows: list[dict]  # one per closed topic: number, title, place, eligible, votes, turnout, leading


def figures(qs: QuerySet[Topic]) -> Figures:
    """The figures over `qs` (already scoped and windowed by the caller)."""
    topics = list(qs.filter(status__in=PUBLIC).select_related("unit").order_by("closes_at", "pk"))
    closed = [t for t in topics if t.result]
    eligible = sum(t.result["eligible"] for t in closed)
    votes = sum(t.result["votes"] for t in closed)
    rows = []
    for t in closed:
        lead = t.leading
        rows.append({"number": t.number, "title": t.title, "place": t.unit.name,
                     "eligible": t.result["eligible"], "votes": t.result["votes"],
                     "turnout": t.turnout, "status": t.get_status_display(),
                     "leading": lead["label"] if lead else "",
                     "leading_percent": lead["percent"] if lead else None})
    return Figures(topics=len(topics), closed=len(closed), eligible=eligible, votes=votes,
                   turnout=round(100.0 * votes / eligible, 1) if eligible else None, rows=rows)


def in_window(qs: QuerySet[Topic], start: Any, end: Any) -> QuerySet[Topic]:
    """Topics whose period opened in [start, end)."""
    return qs.filter(Q(opens_at__gte=start) & Q(opens_at__lt=end))
