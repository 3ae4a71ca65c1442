"""The review event types, on the case timeline: `review.lawyer` (a lawyer's opinion requested,
entered or withdrawn) and `review.committee` (a case referred to the 复查复核委员会, a member's vote,
the conclusion, a withdrawal)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xinfang.cases.models import EventKind
from xinfang.core.events import EventType, register

from .states import (
    LawyerConclusion,
    OpinionAction,
    OpinionStatus,
    ReferralAction,
    ReferralStatus,
    Stage,
    Vote,
)


def _label(enum: Any, value: Any) -> str:
    try:
        return str(enum(value).label)
    except ValueError:
        return str(value or "")


def _step(actions: Any, statuses: Any, data: Mapping[str, Any]) -> str:
    out = f"{_label(Stage, data.get('stage'))}·{_label(actions, data.get('action'))}"
    old, new = data.get("old"), data.get("new")
    if new and old != new:
        out += (f"：{_label(statuses, old)} → {_label(statuses, new)}" if old
                else f"：{_label(statuses, new)}")
    return out


def _lawyer(data: Mapping[str, Any]) -> str:
    out = _step(OpinionAction, OpinionStatus, data)
    if data.get("lawyer"):
        out += _("（律师：%(lawyer)s，%(firm)s）") % {"lawyer": data["lawyer"],
                                                "firm": data.get("firm", "")}
    if data.get("conclusion"):
        out += _("，律师结论：%(c)s") % {"c": _label(LawyerConclusion, data["conclusion"])}
    return out


def _committee(data: Mapping[str, Any]) -> str:
    out = _step(ReferralAction, ReferralStatus, data)
    if data.get("committee"):
        out += _("（%(committee)s，会议日期%(day)s）") % {"committee": data["committee"],
                                                   "day": data.get("meeting_on", "")}
    if data.get("member"):
        out += _("：%(member)s %(vote)s") % {"member": data["member"],
                                            "vote": _label(Vote, data.get("vote"))}
    if data.get("conclusion"):
        counts = data.get("counts") or {}
        out += _("，结论：%(c)s（维持%(u)s、撤销%(r)s、变更%(ch)s、弃权%(a)s；到会%(p)s/委员%(m)s）") % {
            "c": _label(Vote, data["conclusion"]), "u": counts.get("uphold", 0),
            "r": counts.get("revoke", 0), "ch": counts.get("change", 0),
            "a": counts.get("abstain", 0), "p": data.get("present", ""),
            "m": data.get("members", "")}
    return out


REVIEW_TYPES = (
    EventType("review.lawyer", gettext_lazy("律师意见"), render_fn=_lawyer, kind=EventKind.NOTE,
              sample={"stage": "review", "action": "submit", "old": "requested", "new": "submitted",
                      "lawyer": "李明", "firm": "某律师事务所", "conclusion": "uphold"},
              doc="A lawyer's written opinion on a 复查/复核 case requested, entered or withdrawn "
                  "(Art. 35, 36; reviewboard/workflow.py)"),
    EventType("review.committee", gettext_lazy("复查复核委员会"), render_fn=_committee,
              kind=EventKind.NOTE,
              sample={"stage": "review", "action": "conclude", "old": "referred",
                      "new": "concluded", "conclusion": "uphold",
                      "counts": {"uphold": 4, "revoke": 1, "change": 0, "abstain": 0},
                      "present": 5, "members": 7},
              doc="A case referred to the 复查复核委员会, a member's vote, the frozen conclusion, a "
                  "withdrawal (Art. 35, 36; reviewboard/workflow.py)"),
)

register(*REVIEW_TYPES)
