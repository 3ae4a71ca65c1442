"""Helpers shared by the workflows: jurisdiction of records, practice settings, due dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from xinfang.cases.selectors import visible_cases
from xinfang.core.conf import get
from xinfang.deadlines.calendar import add_period, load_calendar
from xinfang.orgs.selectors import jurisdiction_q

from .conf import PRACTICE_DEFAULTS  # local practice, declared once (XINFANG_RESOLUTION)


def practice(name: str) -> Any:
    """A practice setting: settings.XINFANG_RESOLUTION[name] or the default above."""
    return get("XINFANG_RESOLUTION").get(name, PRACTICE_DEFAULTS[name])


def due_after(start: dt.date, days: int) -> dt.date:
    """`days` calendar days after `start`, rolled past rest days (民法典 Art. 201, 203)."""
    return add_period(start, days, working=False, rollover=True, calendar=load_calendar()).due_on


def scoped(user: Any, qs: QuerySet, *unit_fields: str, case_field: str = "case") -> QuerySet:
    """Records on a case the user may see, or (no case) with a unit in the user's jurisdiction."""
    if getattr(user, "is_superuser", False):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    q = Q(**{f"{case_field}__in": visible_cases(user).values("pk")})
    if unit_fields:
        q |= Q(**{f"{case_field}__isnull": True}) & jurisdiction_q(user, *unit_fields)
    return qs.filter(q)
