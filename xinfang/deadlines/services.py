"""Starting, ending, extending, pausing and scanning legal clocks. Each writes a timeline event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction

from xinfang.cases.events import record_event
from xinfang.cases.models import Case, EventKind
from xinfang.core import clock
from xinfang.core.errors import GuardFailed

from .calendar import add_period, load_calendar
from .models import RUNNING_STATES, Deadline, DeadlineState
from .rules import DayUnit, DeadlineKind, rule_for


def _due(start: dt.date, days: int, unit: str, rollover: bool) -> tuple[dt.date, bool]:
    result = add_period(start, days, working=unit == DayUnit.WORKING, rollover=rollover,
                        calendar=load_calendar())
    return result.due_on, result.provisional


def deadline_start(
    *, case: Case, kind: DeadlineKind, started_on: dt.date | None = None, days: int | None = None,
    actor: Any = None,
) -> Deadline:
    """Start the clock `kind` on `case` by its rule (the start day itself is not counted)."""
    rule = rule_for(kind, simplified=case.simplified)
    started_on = started_on or clock.today()
    days = rule.days if days is None else days
    due_on, provisional = _due(started_on, days, rule.unit, rule.rollover)
    deadline = Deadline.objects.create(
        case=case, kind=kind, unit=case.holding_unit, started_on=started_on, days=days,
        day_unit=rule.unit, due_on=due_on, provisional=provisional, article=rule.article,
        for_petitioner=rule.owner == "petitioner",
    )
    record_event(
        case=case, kind=EventKind.DEADLINE_STARTED, actor=actor, new_value=str(due_on),
        note=f"{kind.label}：{days}{'个工作日' if rule.unit == DayUnit.WORKING else '日'}"
        f"（{rule.article}）" + ("，到期日为暂定（该年放假安排未公布）" if provisional else ""),
        data={"kind": kind.value, "deadline": deadline.pk},
    )
    return deadline


def _note_breach(deadline: Deadline, today: dt.date) -> bool:
    """Art. 45(1): remember the first day a staff clock was past due; nothing later erases it."""
    if deadline.for_petitioner or deadline.breached_on or today <= deadline.due_on:
        return False
    deadline.breached_on = deadline.due_on + dt.timedelta(days=1)
    return True


def running(case: Case, kind: DeadlineKind) -> Deadline | None:
    return case.deadlines.filter(kind=kind, state__in=RUNNING_STATES).first()


def deadline_end(*, case: Case, kind: DeadlineKind, actor: Any = None,
                 cancelled: bool = False) -> Deadline | None:
    """Stop the running clock `kind`: met (on time or late), or cancelled when it no longer applies."""
    deadline = running(case, kind)
    if deadline is None:
        return None
    today = clock.today()
    if deadline.paused_since:
        _resume(deadline, today)
    if cancelled or deadline.for_petitioner:
        deadline.state = DeadlineState.CANCELLED
    else:
        _note_breach(deadline, today)
        # Art. 34, 45(1): a clock once past due ends late, whatever extension came after
        deadline.state = DeadlineState.MET_LATE if deadline.breached_on else DeadlineState.MET
    deadline.ended_on = today
    deadline.save(update_fields=["state", "ended_on", "due_on", "paused_days", "paused_since",
                                 "breached_on"])
    record_event(case=case, kind=EventKind.DEADLINE_ENDED, actor=actor,
                 old_value=str(deadline.due_on), new_value=deadline.get_state_display(),
                 note=DeadlineKind(kind).label, data={"kind": kind, "deadline": deadline.pk})
    return deadline


def deadline_extend(*, case: Case, kind: DeadlineKind, days: int, reason: str,
                    actor: Any = None) -> Deadline:
    """Extend a running clock within its rule's maximum (Art. 34: at most 30 days)."""
    rule = rule_for(kind, simplified=case.simplified)
    deadline = running(case, kind)
    if deadline is None:
        raise GuardFailed(f"没有正在计算的“{DeadlineKind(kind).label}”期限，无法延长")
    if days < 1 or deadline.extended_days + days > rule.max_extension_days:
        raise GuardFailed(
            f"延长期限不得超过{rule.max_extension_days}日（{rule.article}）",
            max_days=rule.max_extension_days,
        )
    today = clock.today()
    old_due = deadline.due_on
    _note_breach(deadline, today)  # approved after the due date: the breach stands (Art. 45(1))
    deadline.extended_days += days
    deadline.due_on, provisional = _due(
        deadline.started_on, deadline.days + deadline.extended_days + deadline.paused_days,
        deadline.day_unit, rule.rollover,
    )
    deadline.provisional |= provisional
    if deadline.state == DeadlineState.OVERDUE and deadline.due_on >= today:
        # runs again towards the new date (reminders, queue order); breached_on keeps the breach
        deadline.state = DeadlineState.OPEN
    deadline.save()
    note, data = reason, {"kind": kind, "days": days}
    if deadline.breached_on:
        note = (f"{reason}（原期限已于{old_due}届满，{deadline.breached_on}起超期；延期不消除超期事实，"
                "仍按超期办结统计（第34条、第45条第（一）项））")
        data["breached_on"] = str(deadline.breached_on)
    record_event(case=case, kind=EventKind.DEADLINE_EXTENDED, actor=actor,
                 old_value=str(old_due), new_value=str(deadline.due_on), note=note, data=data)
    return deadline


def deadline_pause(*, case: Case, kind: DeadlineKind, reason: str, actor: Any = None) -> Deadline:
    """Stop the clock while time is not counted (Art. 36: hearing time is excluded)."""
    deadline = running(case, kind)
    if deadline is None or deadline.paused_since:
        raise GuardFailed("期限未在计算或已中止")
    deadline.paused_since = clock.today()
    _note_breach(deadline, deadline.paused_since)  # a pause does not undo an earlier breach
    deadline.save(update_fields=["paused_since", "breached_on"])
    record_event(case=case, kind=EventKind.DEADLINE_PAUSED, actor=actor, note=reason,
                 data={"kind": kind})
    return deadline


def _resume(deadline: Deadline, today: dt.date) -> None:
    assert deadline.paused_since is not None
    deadline.paused_days += (today - deadline.paused_since).days
    deadline.paused_since = None
    rule = rule_for(deadline.kind, simplified=deadline.case.simplified)
    deadline.due_on, provisional = _due(
        deadline.started_on, deadline.days + deadline.extended_days + deadline.paused_days,
        deadline.day_unit, rule.rollover,
    )
    deadline.provisional |= provisional


def deadline_resume(*, case: Case, kind: DeadlineKind, actor: Any = None) -> Deadline:
    """Restart a paused clock; the paused days are added to its due date."""
    deadline = running(case, kind)
    if deadline is None or not deadline.paused_since:
        raise GuardFailed("期限未中止，无需恢复")
    old_due = deadline.due_on
    _resume(deadline, clock.today())
    if deadline.state == DeadlineState.OVERDUE and deadline.due_on >= clock.today():
        deadline.state = DeadlineState.OPEN
    deadline.save()
    record_event(case=case, kind=EventKind.DEADLINE_RESUMED, actor=actor,
                 old_value=str(old_due), new_value=str(deadline.due_on), data={"kind": kind})
    return deadline


def deadline_scan(*, today: dt.date | None = None) -> dict[str, int]:
    """Mark running staff clocks due soon or overdue, once each, with a timeline event."""
    today = today or clock.today()
    soon = today + dt.timedelta(days=settings.XINFANG_DUE_SOON_DAYS)
    counts = {"due_soon": 0, "overdue": 0, "lapsed": 0}
    base = Deadline.objects.filter(for_petitioner=False, paused_since__isnull=True)
    for deadline in base.filter(state__in=[DeadlineState.OPEN, DeadlineState.DUE_SOON],
                                due_on__lt=today).select_related("case").iterator():
        with transaction.atomic():
            _mark(deadline, DeadlineState.OVERDUE, EventKind.DEADLINE_OVERDUE, today)
        counts["overdue"] += 1
    for deadline in base.filter(state=DeadlineState.OPEN, due_on__gte=today,
                                due_on__lte=soon).select_related("case").iterator():
        with transaction.atomic():
            _mark(deadline, DeadlineState.DUE_SOON, EventKind.DEADLINE_DUE_SOON, today)
        counts["due_soon"] += 1
    # A petitioner's window (复查/复核 request) simply lapses; it is nobody's overdue work.
    for deadline in Deadline.objects.filter(for_petitioner=True, state__in=RUNNING_STATES,
                                            due_on__lt=today).select_related("case").iterator():
        with transaction.atomic():
            if Deadline.objects.filter(pk=deadline.pk, state=deadline.state).update(
                state=DeadlineState.CANCELLED, ended_on=today
            ):
                record_event(case=deadline.case, kind=EventKind.DEADLINE_ENDED,
                             old_value=str(deadline.due_on), new_value="期间届满",
                             note=f"{deadline.get_kind_display()}已于{deadline.due_on}届满",
                             data={"kind": deadline.kind, "deadline": deadline.pk})
        counts["lapsed"] += 1
    return counts


def _mark(deadline: Deadline, state: DeadlineState, kind: EventKind, today: dt.date) -> None:
    changes: dict = {"state": state}
    if state == DeadlineState.OVERDUE and _note_breach(deadline, today):
        changes["breached_on"] = deadline.breached_on  # Art. 45(1): kept through any extension
    updated = Deadline.objects.filter(pk=deadline.pk, state=deadline.state).update(**changes)
    if not updated:  # changed meanwhile by a transition; nothing to report
        return
    days = (deadline.due_on - today).days
    note = (f"{deadline.get_kind_display()}已超期{-days}日（到期日{deadline.due_on}，{deadline.article}）"
            if state == DeadlineState.OVERDUE
            else f"{deadline.get_kind_display()}将于{deadline.due_on}到期，剩余{days}日")
    record_event(case=deadline.case, kind=kind, old_value=deadline.state, new_value=state,
                 note=note, data={"kind": deadline.kind, "deadline": deadline.pk})
