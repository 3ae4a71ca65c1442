"""Internal targets of the fast track: a shorter date on a statutory clock, never a replacement.

A fast-track case keeps every legal clock (`deadlines.Deadline`: Art. 22's 15 days for the bureau,
Art. 23's acceptance notice, Art. 32/34's 60 days of handling) exactly as the law sets it. Beside
each running clock of those kinds this module computes an internal target (内部目标日): the
clock's start plus the configured days (XINFANG_XBORDER_ACCEPT_DAYS / _ANSWER_DAYS), in the clock's
own day unit, moved by the days the clock was paused, and never later than the statutory due date.
Nothing is written to the clock: the target is read, shown and reminded of, and missing it is not
a breach of the law (the statutory overdue marks stay the clocks' own).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from xinfang.core import clock
from xinfang.core.conf import get
from xinfang.deadlines.calendar import add_period, load_calendar
from xinfang.deadlines.models import RUNNING_STATES, Deadline
from xinfang.deadlines.rules import DayUnit, DeadlineKind

#: statutory clock kind -> the setting of its internal target on the fast track
TARGET_SETTING = {
    DeadlineKind.INTAKE: "XINFANG_XBORDER_ACCEPT_DAYS",  # Art. 22: 15 days
    DeadlineKind.ACCEPTANCE_NOTICE: "XINFANG_XBORDER_ACCEPT_DAYS",  # Art. 23: 15 days
    DeadlineKind.HANDLING: "XINFANG_XBORDER_ANSWER_DAYS",  # Art. 32, 34: 60 days
}


@dataclass(frozen=True)
class Target:
    deadline: Deadline
    days: int  # the internal target's days
    target_on: dt.date  # the internal target date (≤ the statutory due date)

    @property
    def due_on(self) -> dt.date:  # the statutory due date, as the clock has it
        return self.deadline.due_on

    @property
    def missed(self) -> bool:
        return self.target_on < clock.today()

    @property
    def days_left(self) -> int:
        return (self.target_on - clock.today()).days


def target_for(deadline: Deadline) -> Target | None:
    """The internal target of one statutory clock; None for a kind without one."""
    setting = TARGET_SETTING.get(deadline.kind)
    if setting is None:
        return None
    days = int(get(setting))
    if days >= deadline.days:
        return Target(deadline, deadline.days, deadline.due_on)
    shown = add_period(deadline.started_on, days + deadline.paused_days,
                       working=deadline.day_unit == DayUnit.WORKING, rollover=True,
                       calendar=load_calendar()).due_on
    return Target(deadline, days, min(shown, deadline.due_on))


def case_targets(case: Any) -> list[Target]:
    """The internal targets of the case's running clocks (none when it is not on the track)."""
    if not on_track(case):
        return []
    clocks = case.deadlines.filter(state__in=RUNNING_STATES, kind__in=list(TARGET_SETTING))
    return [t for t in (target_for(d) for d in clocks.order_by("due_on", "pk")) if t]


def on_track(case: Any) -> bool:
    from .models import FastTrack

    return FastTrack.objects.filter(case_id=case.pk, status=FastTrack.Status.ON).exists()
