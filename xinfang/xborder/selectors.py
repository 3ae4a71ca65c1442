"""Reads of the fast track, always scoped to the acting user (a track is seen where its case is)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from xinfang.resolution.selectors import scoped

from .models import FastTrack


def visible_tracks(user: Any) -> QuerySet[FastTrack]:
    """The tracks of the cases the user may see (404 for any other)."""
    return scoped(user, FastTrack.objects.select_related("case"))


# ---- the figure: how long cross-border matters take (docs/indicators.md) ---------------------

#: the case steps that decide on acceptance (受理, 不予受理, 不再受理: Art. 22, 23, 25) and the
#: written answer (出具处理意见: Art. 32)
DECISIONS = ("accept", "not_accept", "not_accept_repeat", "refuse_repeat")
ANSWER = "answer"


def _stats(days: list[int]) -> dict[str, Any]:
    import statistics

    return {"count": len(days),
            "median": round(float(statistics.median(days)), 1) if days else None,
            "mean": round(statistics.fmean(days), 1) if days else None}


def durations(cases: QuerySet, *, start: Any, end: Any) -> dict[str, dict[str, dict[str, Any]]]:
    """Over `cases` registered from `start` to `end` (dates, both included): days from registration
    to the first acceptance decision and to the first written answer, each case once (calendar
    days between the local dates), for the cases on the fast track now (`cross_border`) and for
    all of them (`all`): count, median and mean of those that reached the step. Two queries."""
    import datetime as dt

    from django.db.models import Exists, Min, OuterRef
    from django.utils import timezone

    from xinfang.cases.models import CaseEvent

    tz = timezone.get_current_timezone()
    lo = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    period = cases.filter(registered_at__gte=lo, registered_at__lt=hi)
    on = Exists(FastTrack.objects.filter(case=OuterRef("pk"), status=FastTrack.Status.ON))
    rows = {pk: (timezone.localdate(at, tz), fast) for pk, at, fast in
            period.annotate(fast=on).values_list("pk", "registered_at", "fast")}
    firsts: dict[tuple[int, str], dt.date] = {}
    for case_id, action, at in (CaseEvent.objects
                                .filter(case__in=period.values("pk"),
                                        action__in=[*DECISIONS, ANSWER])
                                .values("case_id", "action").annotate(first=Min("at"))
                                .values_list("case_id", "action", "first")):
        key = (case_id, "answer" if action == ANSWER else "decision")
        day = timezone.localdate(at, tz)
        firsts[key] = min(day, firsts.get(key, day))
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for group in ("cross_border", "all"):
        out[group] = {"cases": sum(1 for _, fast in rows.values() if fast or group == "all")}
        for step in ("decision", "answer"):
            days = [(firsts[(pk, step)] - registered).days
                    for pk, (registered, fast) in rows.items()
                    if (fast or group == "all") and (pk, step) in firsts]
            out[group][step] = _stats(days)
    return out
