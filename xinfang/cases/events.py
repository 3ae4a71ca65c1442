"""Writing the case timeline. Every change to a case goes through `record_event`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from xinfang.core import clock

from .chain import event_hash
from .models import Case, CaseEvent, EventKind


def record_event(
    *,
    case: Case,
    kind: EventKind,
    actor: Any = None,
    action: str = "",
    old_value: str = "",
    new_value: str = "",
    note: str = "",
    data: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> CaseEvent:
    """Append one event to the case's timeline, chained to the previous one (Art. 21).

    The case row is locked (usually already by the caller) so that two writers on the same case
    cannot both chain to the same predecessor.
    """
    with transaction.atomic():
        list(Case.objects.select_for_update().filter(pk=case.pk).values_list("pk", flat=True))
        prev_hash = (CaseEvent.objects.filter(case_id=case.pk).order_by("-pk")
                     .values_list("hash", flat=True).first()) or ""
        event = CaseEvent(
            case=case,
            kind=kind,
            action=action,
            actor=actor if getattr(actor, "pk", None) else None,
            unit=getattr(actor, "unit", None),
            at=at or clock.now(),
            old_value=str(old_value)[:200],
            new_value=str(new_value)[:200],
            note=note,
            data=data or {},
            prev_hash=prev_hash,
        )
        event.hash = event_hash(event, prev_hash)
        event.save(force_insert=True)
    return event
