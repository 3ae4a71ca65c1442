"""Helpers shared by the workflows: practice settings, due dates (reads live in selectors.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from xinfang.core.conf import get
from xinfang.deadlines.calendar import add_period, load_calendar

from .conf import PRACTICE_DEFAULTS  # local practice, declared once (XINFANG_RESOLUTION)


def practice(name: str) -> Any:
    """A practice setting: settings.XINFANG_RESOLUTION[name] or the default above."""
    return get("XINFANG_RESOLUTION").get(name, PRACTICE_DEFAULTS[name])


def due_after(start: dt.date, days: int) -> dt.date:
    """`days` calendar days after `start`, rolled past rest days (民法典 Art. 201, 203)."""
    return add_period(start, days, working=False, rollover=True, calendar=load_calendar()).due_on


