"""The daily reminder of missed internal targets (practice; the statutory clocks keep their own
due-soon and overdue marks, deadlines/services.deadline_scan)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from xinfang.cases.events import record_event
from xinfang.core import clock
from xinfang.core.jobs import periodic_job
from xinfang.deadlines.models import RUNNING_STATES, Deadline

from .models import FastTrack, TargetReminder
from .targets import TARGET_SETTING, target_for


@periodic_job("xborder.remind_targets", hour=7, minute=45)
def remind_targets() -> str:
    """Each running clock of a fast-track case past its internal target, once: an event on the case
    timeline and an in-app message to the unit responsible for the clock."""
    from xinfang.notifications.services import notify_unit
    from xinfang.orgs.models import Role

    today = clock.today()
    clocks = (Deadline.objects.filter(
        state__in=RUNNING_STATES, kind__in=list(TARGET_SETTING), xborder_reminder__isnull=True,
        case__fast_track__status=FastTrack.Status.ON, due_on__gte=today)
        .select_related("case", "unit"))
    reminded = 0
    for d in clocks:
        target = target_for(d)
        if target is None or target.target_on >= today:
            continue
        try:
            with transaction.atomic():
                TargetReminder.objects.create(deadline=d, case=d.case, target_on=target.target_on,
                                              reminded_at=clock.now())
                record_event(case=d.case, type="xborder.target_missed", actor=None,
                             new_value=target.target_on.isoformat(),
                             data={"kind": d.kind, "target_on": target.target_on.isoformat(),
                                   "due_on": d.due_on.isoformat(), "deadline": d.pk})
                unit = d.unit or d.case.holding_unit
                notify_unit(unit=unit, case=d.case, roles=(Role.HANDLER, Role.APPROVER),
                            subject=_("快速通道信访件%(n)s已过内部目标日") % {"n": d.case.number},
                            body=_("信访件%(n)s（涉港澳台侨、涉外快速通道）已过内部目标日%(t)s，"
                                   "法定到期日为%(d)s，请加快办理。") % {
                                "n": d.case.number, "t": target.target_on, "d": d.due_on})
        except IntegrityError:  # reminded meanwhile by another run
            continue
        reminded += 1
    return f"reminded {reminded}"
