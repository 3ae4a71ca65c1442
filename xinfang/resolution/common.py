"""Helpers shared by the workflows: jurisdiction of records, practice settings, due dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from xinfang.cases.selectors import jurisdiction_root, visible_cases
from xinfang.deadlines.calendar import add_period, load_calendar
from xinfang.orgs.models import Unit

# Local practice (DOMAIN.md: configurable, never hard-wired). Override in settings.
PRACTICE_DEFAULTS: dict[str, Any] = {
    # The regulation does not exclude mediation time from the Art. 34 handling period; a locality
    # whose 访调对接 rules do may switch this on (the clock then pauses once both parties consent).
    "MEDIATION_PAUSES_HANDLING": False,
    "SUPERVISION_DAYS": {"duban": 15, "cuiban": 5},  # 督办/催办 reply periods set by the supervisor
    "RECOMMENDATION_ANSWER_DAYS": 30,  # Art. 40 says "书面反馈" without a period
    "FOLLOW_UP_DAYS": 10,  # 回访 after a 不满意 rating
    "ESCALATION_STEP_DAYS": 5,  # overdue this many more days → one level higher
    "ESCALATION_MAX_LEVEL": 3,
    "HEARING_NOTICE_DAYS": 3,  # the notice reaches the parties at least this many days before
    "AUTO_CUIBAN_FOR_OVERDUE_CLOCKS": True,  # an overdue legal clock gets a system 催办
}


def practice(name: str) -> Any:
    """A practice setting: settings.XINFANG_RESOLUTION[name] or the default above."""
    return getattr(settings, "XINFANG_RESOLUTION", {}).get(name, PRACTICE_DEFAULTS[name])


def due_after(start: dt.date, days: int) -> dt.date:
    """`days` calendar days after `start`, rolled past rest days (民法典 Art. 201, 203)."""
    return add_period(start, days, working=False, rollover=True, calendar=load_calendar()).due_on


def root_of(user: Any) -> Unit | None:
    if not getattr(user, "is_authenticated", False) or user.unit_id is None:
        return None
    return jurisdiction_root(user.unit)


def unit_q(user: Any, *fields: str) -> Q:
    """Records whose unit `fields` lie within the user's jurisdiction."""
    root = root_of(user)
    if root is None:
        return Q(pk__in=[])
    q = Q()
    for f in fields:
        q |= Q(**{f"{f}__path__startswith": root.path})
    return q


def scoped(user: Any, qs: QuerySet, *unit_fields: str, case_field: str = "case") -> QuerySet:
    """Records on a case the user may see, or (no case) with a unit in the user's jurisdiction."""
    if getattr(user, "is_superuser", False):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    q = Q(**{f"{case_field}__in": visible_cases(user).values("pk")})
    if unit_fields:
        q |= Q(**{f"{case_field}__isnull": True}) & unit_q(user, *unit_fields)
    return qs.filter(q)


def within(user: Any, unit: Unit) -> bool:
    root = root_of(user)
    return root is not None and unit.is_within(root)
