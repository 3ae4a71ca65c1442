"""The fast track's event types (xinfang.core.events): its steps and the target reminders, on the
case timeline."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xinfang.cases.models import EventKind
from xinfang.core.events import EventType, choice, register
from xinfang.deadlines.rules import DeadlineKind

from .models import FastTrack
from .states import TrackAction


def _step(data: Mapping[str, Any]) -> str:
    action = choice(TrackAction)(data.get("action", ""))
    old, new = data.get("old") or "", data.get("new") or ""
    text = _("快速通道·%(action)s") % {"action": action}
    if new and old != new:
        text += _("：%(old)s → %(new)s") % {
            "old": choice(FastTrack.Status)(old) if old else "—",
            "new": choice(FastTrack.Status)(new)}
    origins = (data.get("params") or {}).get("origins") or []
    if origins:
        from xinfang.cases.models import Origin

        text += _("（%(details)s）") % {"details": _("、").join(str(choice(Origin)(o))
                                                             for o in origins)}
    return text


XBORDER_TYPES = (
    EventType("fast_track.step", gettext_lazy("快速通道"), render_fn=_step, kind=EventKind.NOTE,
              sample={"action": "derive", "old": "", "new": "on", "params": {"origins": ["hk"]}},
              doc="A step of the fast-track workflow (xborder/states.py; Art. 48, practice)"),
    EventType("xborder.target_missed", gettext_lazy("快速通道内部目标提醒"),
              text=gettext_lazy("已过快速通道内部目标日%(target_on)s（%(kind)s；法定到期日%(due_on)s不变）"),
              fields={"kind": choice(DeadlineKind)}, kind=EventKind.NOTE,
              sample={"kind": "handling", "target_on": "2026-12-01", "due_on": "2026-12-31"},
              doc="The daily job: a fast-track case passed an internal target (practice; the "
                  "statutory clock is unchanged, Art. 22, 32)"),
)

register(*XBORDER_TYPES)
