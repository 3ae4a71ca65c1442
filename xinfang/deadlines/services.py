"""Starting, ending, extending, pausing and scanning legal clocks. Each writes a timeline event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Min, OuterRef, Q, Subquery

from xinfang.cases import reach
from xinfang.cases.events import record_event
from xinfang.cases.models import Case
from xinfang.core import clock
from xinfang.core.errors import GuardFailed
from xinfang.core.workflow import note_written

from .calendar import WorkCalendar, add_period, invalidate, load_calendar
from .models import RUNNING_STATES, Deadline, DeadlineState
from .rules import NOT_DUTIES, DayUnit, DeadlineKind, rule_for


def _due(start: dt.date, days: int, unit: str, rollover: bool,
         calendar: WorkCalendar | None = None) -> tuple[dt.date, bool]:
    result = add_period(start, days, working=unit == DayUnit.WORKING, rollover=rollover,
                        calendar=calendar or load_calendar())
    return result.due_on, result.provisional


def due_from(*, case: Case, kind: DeadlineKind, started_on: dt.date) -> dt.date:
    """The last day of `kind` started on `started_on`, by its rule (the start day not counted)."""
    rule = rule_for(kind, simplified=case.simplified)
    return _due(started_on, rule.days, rule.unit, rule.rollover)[0]


def due_and_provisional(*, case: Case, kind: DeadlineKind, started_on: dt.date,
                        calendar: WorkCalendar | None = None) -> tuple[dt.date, bool]:
    """`due_from` and whether that date is provisional (a year whose holidays are not published).
    `calendar`: one `load_calendar()` for many clocks (a bulk import), else read per call."""
    rule = rule_for(kind, simplified=case.simplified)
    return _due(started_on, rule.days, rule.unit, rule.rollover, calendar)


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
    sync_next_due(case)
    record_event(
        case=case, type="deadlines.started", actor=actor, new_value=str(due_on),
        data={"kind": kind.value, "deadline": deadline.pk, "days": days, "unit": rule.unit,
              "article": rule.article, "provisional": provisional},
    )
    return deadline


def sync_next_due(case: Case | int) -> None:
    """Store on the case the earliest due date of its running staff clocks (Art. 33, 34), or none.

    Called by every service below that starts, ends or moves a clock, in its transaction; the
    queue sorts and filters by `Case.next_due`. `manage.py check_next_due` finds any drift."""
    case_id = case.pk if isinstance(case, Case) else case
    nearest = (Deadline.objects.filter(case_id=case_id, state__in=RUNNING_STATES, for_petitioner=False)
               .order_by().values("case_id").annotate(m=Min("due_on")).values("m"))
    sub_sql, sub_params = nearest.query.sql_with_params()
    qn, field = connection.ops.quote_name, Case._meta.get_field("next_due")
    with connection.cursor() as cursor:  # one statement: UPDATE … SET next_due = (SELECT MIN …) RETURNING
        cursor.execute(
            f"UPDATE {qn(Case._meta.db_table)} SET {qn(field.column)} = ({sub_sql}) "  # noqa: S608
            f"WHERE {qn(Case._meta.pk.column)} = %s RETURNING {qn(field.column)}",
            [*sub_params, case_id])
        row = cursor.fetchone()
    if row is None:
        return
    due = field.to_python(row[0])
    reach.sync_due(case_id, due)  # the jurisdiction index's copy (cases/reach.py), same transaction
    if isinstance(case, Case):
        case.next_due = due  # the caller's copy reads the same as the row
        note_written(case, "next_due")


def next_due_drift() -> list[tuple[int, dt.date | None, dt.date | None]]:
    """(case id, stored, computed) for every case whose `next_due` is not its earliest running staff
    clock (Art. 33, 34): none, unless something wrote a clock without these services."""
    nearest = (Deadline.objects.filter(case=OuterRef("pk"), state__in=RUNNING_STATES,
                                       for_petitioner=False).order_by("due_on").values("due_on")[:1])
    computed = Case.objects.annotate(computed=Subquery(nearest))
    drift = computed.exclude(next_due=F("computed")).exclude(next_due__isnull=True,
                                                            computed__isnull=True)
    return list(drift.order_by("pk").values_list("pk", "next_due", "computed"))


def _recount(deadline: Deadline, rollover: bool) -> tuple[dt.date, bool]:
    """The clock's due date (and whether it is provisional) counted afresh from its start over its
    days, extension and paused days: every change of a running clock goes through this."""
    return _due(deadline.started_on,
                deadline.days + deadline.extended_days + deadline.paused_days,
                deadline.day_unit, rollover)


def _reopen_if_due_again(deadline: Deadline, today: dt.date) -> None:
    """An overdue clock whose new due date is today or later runs again (its breach stays)."""
    if deadline.state == DeadlineState.OVERDUE and deadline.due_on >= today:
        deadline.state = DeadlineState.OPEN


def _note_breach(deadline: Deadline, today: dt.date) -> bool:
    """Art. 45(1): remember the first day a staff clock was past due; nothing later erases it."""
    if (deadline.for_petitioner or deadline.kind in NOT_DUTIES or deadline.breached_on
            or today <= deadline.due_on):
        return False
    deadline.breached_on = deadline.due_on + dt.timedelta(days=1)
    return True


def running(case: Case, kind: DeadlineKind) -> Deadline | None:
    return case.deadlines.filter(kind=kind, state__in=RUNNING_STATES).first()


def deadline_end(*, case: Case, kind: DeadlineKind, actor: Any = None,
                 cancelled: bool = False, reason: str = "") -> Deadline | None:
    """Stop the running clock `kind`: met (on time or late), or cancelled when it no longer applies
    (`reason`, if given, is kept in the event's data: e.g. why a case was merged into another)."""
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
    sync_next_due(case)
    record_event(case=case, type="deadlines.ended", actor=actor,
                 old_value=str(deadline.due_on), new_value=deadline.state,
                 data={"kind": kind, "deadline": deadline.pk, **({"reason": reason} if reason else {})})
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
    # counted afresh over the whole period; runs again towards the new date (reminders, queue
    # order) while breached_on keeps the breach
    deadline.due_on, deadline.provisional = _recount(deadline, rule.rollover)
    _reopen_if_due_again(deadline, today)
    deadline.save()
    sync_next_due(case)
    data = {"kind": kind, "days": days, "deadline": deadline.pk}
    if deadline.breached_on:  # Art. 34, 45(1): the extension does not erase the breach
        data["breached_on"] = str(deadline.breached_on)
    record_event(case=case, type="deadlines.extended", actor=actor,
                 old_value=str(old_due), new_value=str(deadline.due_on), note=reason, data=data)
    return deadline


def deadline_pause(*, case: Case, kind: DeadlineKind, reason: str, actor: Any = None) -> Deadline:
    """Stop the clock while time is not counted (Art. 36: hearing time is excluded)."""
    deadline = running(case, kind)
    if deadline is None or deadline.paused_since:
        raise GuardFailed("期限未在计算或已中止")
    deadline.paused_since = clock.today()
    _note_breach(deadline, deadline.paused_since)  # a pause does not undo an earlier breach
    deadline.save(update_fields=["paused_since", "breached_on"])
    record_event(case=case, type="deadlines.paused", actor=actor, note=reason,
                 data={"kind": kind, "deadline": deadline.pk})
    return deadline


def _resume(deadline: Deadline, today: dt.date) -> None:
    assert deadline.paused_since is not None
    deadline.paused_days += (today - deadline.paused_since).days
    deadline.paused_since = None
    rule = rule_for(deadline.kind, simplified=deadline.case.simplified)
    deadline.due_on, deadline.provisional = _recount(deadline, rule.rollover)


def deadline_resume(*, case: Case, kind: DeadlineKind, actor: Any = None) -> Deadline:
    """Restart a paused clock; the paused days are added to its due date."""
    deadline = running(case, kind)
    if deadline is None or not deadline.paused_since:
        raise GuardFailed("期限未中止，无需恢复")
    old_due, today = deadline.due_on, clock.today()
    _resume(deadline, today)
    _reopen_if_due_again(deadline, today)
    deadline.save()
    sync_next_due(case)
    record_event(case=case, type="deadlines.resumed", actor=actor,
                 old_value=str(old_due), new_value=str(deadline.due_on),
                 data={"kind": kind, "deadline": deadline.pk})
    return deadline


def deadline_scan(*, today: dt.date | None = None) -> dict[str, int]:
    """Mark running staff clocks due soon or overdue, once each, with a timeline event."""
    today = today or clock.today()
    soon = today + dt.timedelta(days=settings.XINFANG_DUE_SOON_DAYS)
    counts = {"due_soon": 0, "overdue": 0, "lapsed": 0}
    base = Deadline.objects.filter(for_petitioner=False, paused_since__isnull=True).exclude(
        kind__in=NOT_DUTIES)
    for deadline in base.filter(state__in=[DeadlineState.OPEN, DeadlineState.DUE_SOON],
                                due_on__lt=today).select_related("case").iterator():
        with transaction.atomic():
            _mark(deadline, DeadlineState.OVERDUE, "deadlines.overdue", today)
        counts["overdue"] += 1
    for deadline in base.filter(state=DeadlineState.OPEN, due_on__gte=today,
                                due_on__lte=soon).select_related("case").iterator():
        with transaction.atomic():
            _mark(deadline, DeadlineState.DUE_SOON, "deadlines.due_soon", today)
        counts["due_soon"] += 1
    # A petitioner's window (复查/复核 request) or a unit's right (Art. 23 objection) simply
    # lapses; it is nobody's overdue work.
    not_duty = Q(for_petitioner=True) | Q(kind__in=NOT_DUTIES)
    for deadline in Deadline.objects.filter(not_duty, state__in=RUNNING_STATES,
                                            due_on__lt=today).select_related("case").iterator():
        with transaction.atomic():
            if Deadline.objects.filter(pk=deadline.pk, state=deadline.state).update(
                state=DeadlineState.CANCELLED, ended_on=today
            ):
                sync_next_due(deadline.case)
                record_event(case=deadline.case, type="deadlines.lapsed",
                             old_value=str(deadline.due_on), new_value=DeadlineState.CANCELLED,
                             data={"kind": deadline.kind, "deadline": deadline.pk})
        counts["lapsed"] += 1
    return counts


def _mark(deadline: Deadline, state: DeadlineState, event: str, today: dt.date) -> None:
    changes: dict = {"state": state}
    if state == DeadlineState.OVERDUE and _note_breach(deadline, today):
        changes["breached_on"] = deadline.breached_on  # Art. 45(1): kept through any extension
    updated = Deadline.objects.filter(pk=deadline.pk, state=deadline.state).update(**changes)
    if not updated:  # changed meanwhile by a transition; nothing to report
        return
    days = abs((deadline.due_on - today).days)  # overdue by / left
    record_event(case=deadline.case, type=event, old_value=deadline.state, new_value=state,
                 data={"kind": deadline.kind, "deadline": deadline.pk, "days": days,
                       "due_on": str(deadline.due_on), "article": deadline.article})


def deadline_rerule(*, case: Case, kind: DeadlineKind, reason: str,
                    actor: Any = None) -> Deadline | None:
    """Recompute a running clock from its start by the rule now in force for the case (e.g. a
    simplified case converted to the ordinary procedure); an event records old and new date."""
    deadline = running(case, kind)
    if deadline is None:
        return None
    rule, today = rule_for(kind, simplified=case.simplified), clock.today()
    _note_breach(deadline, today)  # a breach of the shorter period stays (Art. 45(1))
    old_due, old_days, old_unit = deadline.due_on, deadline.days, deadline.day_unit
    deadline.days, deadline.day_unit, deadline.article = rule.days, rule.unit, rule.article
    deadline.due_on, deadline.provisional = _recount(deadline, rule.rollover)
    _reopen_if_due_again(deadline, today)
    deadline.save()
    sync_next_due(case)
    record_event(case=case, type="deadlines.rerule", actor=actor,
                 old_value=str(old_due), new_value=str(deadline.due_on), note=reason,
                 data={"kind": kind, "deadline": deadline.pk, "old_days": old_days,
                       "old_unit": old_unit, "days": rule.days, "unit": rule.unit,
                       "article": rule.article, "started_on": str(deadline.started_on)})
    return deadline


def deadlines_recompute(
    *, years: Iterable[int] | None = None, reason: str, progress: bool = False,
) -> dict[str, int]:
    """Recompute running clocks over `years` after their holiday table changed (民法典 Art. 201, 203).

    Every running clock (open, due soon or overdue, paused or not, staff's and the petitioner's) whose
    period touches one of `years` (all running clocks when `years` is None) is counted again from its
    start, days, extension and paused days with its rule's rollover. A changed due date is written with
    a DEADLINE_RECOMPUTED event (old and new date, `reason`); an overdue clock now due today or later
    is open again, a due-soon one now beyond the reminder window is open again; one that became past
    due is left for `deadline_scan`. Idempotent: a second run changes nothing.
    """
    invalidate()  # read the table as committed (a worker's cached calendar may predate the change)
    years = sorted(set(years)) if years is not None else None
    qs = Deadline.objects.filter(state__in=RUNNING_STATES)
    if years:
        # The period is (started_on, due_on]; a paused clock's period reaches past its due date.
        qs = qs.filter(started_on__lte=dt.date(years[-1], 12, 31)).filter(
            Q(due_on__gte=dt.date(years[0], 1, 1)) | Q(paused_since__isnull=False))
    elif years is not None:  # an empty list: nothing changed
        qs = qs.none()
    ids = list(qs.order_by("pk").values_list("pk", flat=True))
    counts = {"checked": len(ids), "changed": 0, "reopened": 0}
    today = clock.today()
    soon = today + dt.timedelta(days=settings.XINFANG_DUE_SOON_DAYS)
    if progress:
        from tqdm import tqdm

        ids = tqdm(ids, desc="重算期限", unit="项")
    for pk in ids:
        with transaction.atomic():
            deadline = (Deadline.objects.select_for_update().select_related("case")
                        .filter(pk=pk, state__in=RUNNING_STATES).first())
            if deadline is None:  # ended meanwhile
                continue
            rule = rule_for(deadline.kind, simplified=deadline.case.simplified)
            due_on, provisional = _recount(deadline, rule.rollover)
            if (due_on, provisional) == (deadline.due_on, deadline.provisional):
                continue
            old_due, old_state = deadline.due_on, deadline.state
            deadline.due_on, deadline.provisional = due_on, provisional
            _reopen_if_due_again(deadline, today)
            if old_state == DeadlineState.DUE_SOON and due_on > soon:
                deadline.state = DeadlineState.OPEN
            deadline.save(update_fields=["due_on", "provisional", "state"])
            sync_next_due(deadline.case)
            counts["reopened"] += deadline.state != old_state
            if due_on == old_due:  # only `provisional` changed: nothing to tell the case
                continue
            counts["changed"] += 1
            record_event(
                case=deadline.case, type="deadlines.recomputed",
                old_value=str(old_due), new_value=str(due_on), note=reason,
                data={"kind": deadline.kind, "deadline": deadline.pk, "provisional": provisional},
            )
    return counts
