"""The joint-handling event type (xinfang.core.events), rendered in the reader's language: every
step of a part is one `joint.step` entry on the case timeline."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xinfang.cases.models import EventKind
from xinfang.core.events import EventType, register

from .states import PartAction, PartKind, PartStatus


def _label(enum: Any, value: Any) -> str:
    try:
        return str(enum(value).label)
    except ValueError:
        return str(value or "")


def _render(data: Mapping[str, Any]) -> str:
    out = _label(PartAction, data.get("action"))
    old, new = data.get("old"), data.get("new")
    if new and old != new:
        out += (f"：{_label(PartStatus, old)} → {_label(PartStatus, new)}" if old
                else f"：{_label(PartStatus, new)}")
    if data.get("unit"):
        if data.get("kind"):
            out += _("（%(kind)s：%(unit)s，报告时限%(due)s）") % {
                "kind": _label(PartKind, data["kind"]), "unit": data["unit"],
                "due": data.get("due_on", "")}
        else:
            out += _("（承担单位：%(unit)s）") % {"unit": data["unit"]}
    if data.get("late"):
        out += _("，超过报告时限")
    if data.get("to"):
        out += _("，已报告%(unit)s督办") % {"unit": data["to"]}
    return out


JOINT_TYPES = (
    EventType("joint.step", gettext_lazy("联合办理"), render_fn=_render, kind=EventKind.NOTE,
              sample={"action": "assign", "old": "", "new": "assigned", "unit": "某县住房和城乡建设局",
                      "kind": "industry", "due_on": "2026-12-20"},
              doc="A step of a part of a case handled jointly (双交办, lead and co-handling units; "
                  "joint/workflow.py)"),
)

register(*JOINT_TYPES)
