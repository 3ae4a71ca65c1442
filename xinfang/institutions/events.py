"""The urgent-report event type (xinfang.core.events): every step of both Art. 25 workflows is one
`urgent.step` entry on the case timeline, rendered in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xinfang.cases.models import EventKind
from xinfang.core.events import EventType, register

from .states import Grade, ReceiptAction, ReceiptStatus, ReportAction, ReportStatus


def _label(enum: Any, value: Any) -> str:
    try:
        return str(enum(value).label)
    except ValueError:
        return str(value or "")


def _render(data: Mapping[str, Any]) -> str:
    report = data.get("flow") == "urgent_report"
    action = _label(ReportAction if report else ReceiptAction, data.get("action"))
    statuses = ReportStatus if report else ReceiptStatus
    old, new = data.get("old"), data.get("new")
    out = action
    if new and old != new:
        out += (f"：{_label(statuses, old)} → {_label(statuses, new)}" if old
                else f"：{_label(statuses, new)}")
    if data.get("units"):
        out += _("（%(grade)s；报送：%(units)s）") % {
            "grade": _label(Grade, data.get("grade")), "units": "、".join(data["units"])}
    elif data.get("unit"):
        out += _("（接报单位：%(unit)s）") % {"unit": data["unit"]}
    if data.get("late"):
        out += _("，超过签收时限")
    if data.get("notices") and data.get("action") == ReceiptAction.RENOTIFY:
        out += _("，第%(n)s次提醒") % {"n": data["notices"]}
    return out


URGENT_TYPES = (
    EventType("urgent.step", gettext_lazy("紧急上报"), render_fn=_render, kind=EventKind.NOTE,
              sample={"flow": "urgent_report", "action": "report", "old": "", "new": "reported",
                      "grade": "urgent", "units": ["某县委县政府", "某市信访局"]},
              doc="A step of the Art. 25 urgent report or of a level's receipt (institutions/)"),
)

register(*URGENT_TYPES)
