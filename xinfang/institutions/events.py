"""The institutions' event types (xinfang.core.events), rendered in the reader's language: every
step of both Art. 25 workflows is one `urgent.step` entry on the case timeline; a meeting's and a
decision's steps (Art. 13) are `meeting.step` / `meeting.decision` on the meeting's timeline and
`conference.step` on each linked case's; an Art. 24 dispute's steps are `dispute.step` on the case."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xinfang.cases.models import EventKind
from xinfang.core.events import EventType, register

from .states import (
    DecisionAction,
    DecisionStatus,
    DisputeAction,
    DisputeStatus,
    Grade,
    MeetingAction,
    MeetingStatus,
    ReceiptAction,
    ReceiptStatus,
    ReportAction,
    ReportStatus,
)


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



def _step(actions: Any, statuses: Any, data: Mapping[str, Any]) -> str:
    out = _label(actions, data.get("action"))
    old, new = data.get("old"), data.get("new")
    if new and old != new:
        out += (f"：{_label(statuses, old)} → {_label(statuses, new)}" if old
                else f"：{_label(statuses, new)}")
    return out


def _meeting(data: Mapping[str, Any]) -> str:
    out = _step(MeetingAction, MeetingStatus, data)
    if data.get("order"):
        out += _("（议题%(order)s：%(title)s）") % {"order": data["order"],
                                                "title": data.get("item_title", "")}
    return out


def _decision(data: Mapping[str, Any]) -> str:
    out = _step(DecisionAction, DecisionStatus, data)
    if data.get("unit"):
        out += _("（责任单位：%(unit)s）") % {"unit": data["unit"]}
    if data.get("due_on") and data.get("action") == DecisionAction.ASSIGN:
        out += _("，办结时限%(due)s") % {"due": data["due_on"]}
    if data.get("late"):
        out += _("，超过办结时限")
    if data.get("convenors"):
        out += _("，已报告挂点召集人：%(names)s") % {"names": "、".join(data["convenors"])}
    return out


def _conference_case(data: Mapping[str, Any]) -> str:
    """A meeting's or a decision's step as the linked case's timeline shows it."""
    head = _("联席会议“%(title)s”（%(date)s）") % {"title": data.get("title", ""),
                                              "date": data.get("held_on", "")}
    if data.get("flow") == "decision":
        return head + _decision(data)
    return head + _meeting(data)


def _dispute(data: Mapping[str, Any]) -> str:
    out = _step(DisputeAction, DisputeStatus, data)
    if data.get("parties"):
        out += _("（争议单位：%(parties)s；决定机关：%(decider)s）") % {
            "parties": "、".join(data["parties"]), "decider": data.get("decider", "")}
    elif data.get("unit"):
        out += _("（受理单位：%(unit)s）") % {"unit": data["unit"]}
    return out


CONFERENCE_TYPES = (
    EventType("meeting.step", gettext_lazy("联席会议"), render_fn=_meeting, kind=EventKind.NOTE,
              sample={"action": "add_item", "old": "planned", "new": "planned", "order": 1,
                      "item_title": "阳光小区楼道漏水问题"},
              doc="A step of a joint-conference meeting (Art. 13; institutions/conference.py)"),
    EventType("meeting.decision", gettext_lazy("议定事项"), render_fn=_decision,
              kind=EventKind.NOTE,
              sample={"action": "assign", "old": "", "new": "assigned", "unit": "某县住房和城乡建设局",
                      "due_on": "2026-12-31"},
              doc="A step of a meeting's decision: assigned, reported done, verified, returned, "
                  "flagged overdue and escalated (Art. 13)"),
    EventType("conference.step", gettext_lazy("联席会议"), render_fn=_conference_case,
              kind=EventKind.NOTE,
              sample={"flow": "meeting", "action": "add_item", "old": "planned", "new": "planned",
                      "title": "专题会议", "held_on": "2026-12-01", "order": 1,
                      "item_title": "阳光小区楼道漏水问题"},
              doc="On a case an agenda item links: the item, the meeting held, its decisions' steps"),
    EventType("dispute.step", gettext_lazy("受理争议"), render_fn=_dispute, kind=EventKind.NOTE,
              sample={"action": "raise", "old": "", "new": "pending",
                      "parties": ["某县住房和城乡建设局", "某县城关镇"], "decider": "某县委县政府"},
              doc="A step of an Art. 24 jurisdiction dispute on the case (institutions/disputes.py)"),
)

register(*URGENT_TYPES, *CONFERENCE_TYPES)
