"""Writing the case timeline. Every change to a case goes through `record_event`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from xinfang.core import clock

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
    return CaseEvent.objects.create(
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
    )
