"""The reception event types, by the same registry and rendering as the case timeline
(xinfang.core.events): a session's steps and its bookings' steps on the session's timeline, and
`reception.case` on both the session's and the case's timeline."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext_lazy

from xinfang.cases.models import EventKind
from xinfang.core.events import EventType, Values, choice, joined, listed, optional, register

from .models import ReceptionCase
from .states import BookingAction, BookingStatus, SessionAction, SessionKind, SessionStatus

SESSION = {"action": choice(SessionAction), "old": choice(SessionStatus),
           "new": choice(SessionStatus), "units": listed}
BOOKING = {"action": choice(BookingAction), "old": choice(BookingStatus),
           "new": choice(BookingStatus)}
CASE = {"kind": choice(SessionKind), "how": choice(ReceptionCase.How)}

def _step(fields: dict) -> Callable[[Mapping[str, Any]], str]:
    """"：old → new", or "：new" for a creating step (no old status)."""
    def piece(data: Mapping[str, Any]) -> str:
        if not data.get("old"):
            return str(gettext_lazy("：%(new)s")) % Values(data, fields)
        return str(gettext_lazy("：%(old)s → %(new)s")) % Values(data, fields)
    return piece


RECEPTION_TYPES = (
    EventType("reception.session", gettext_lazy("接访安排"),
              render_fn=joined("%(action)s", _step(SESSION),
                               optional(gettext_lazy("，联合接访单位：%(units)s"), "units"),
                               optional(gettext_lazy("，已短信告知%(told)s位预约群众"), "told"),
                               fields=SESSION),
              sample={"action": "cancel", "old": "scheduled", "new": "cancelled", "told": 3},
              doc="A step of the reception session workflow (reception/states.py, Art. 18)"),
    EventType("reception.booking", gettext_lazy("接访预约"),
              render_fn=joined(gettext_lazy("%(action)s（%(who)s）"), _step(BOOKING),
                               optional(gettext_lazy("，因接访取消"), "by_session"),
                               fields=BOOKING),
              sample={"action": "confirm", "old": "booked", "new": "confirmed", "who": "张*"},
              doc="A step of a booking of a reception session (reception/states.py, practice)"),
    EventType("reception.case", gettext_lazy("领导接访"), kind=EventKind.NOTE,
              render_fn=joined(gettext_lazy("%(how)s：%(kind)s %(session)s（%(date)s，接访人%(host)s）"),
                               optional(gettext_lazy("，信访件%(case)s"), "case"),
                               optional(gettext_lazy("，由接访领导包案"), "lead"), fields=CASE),
              sample={"how": "created", "kind": "leader", "session": "QHXF-JF2026-0001",
                      "date": "2026-12-01", "host": "王副县长"},
              doc="A case registered at a leader's reception or taken over by it (Art. 18 para. 2)"),
)

register(*RECEPTION_TYPES)
