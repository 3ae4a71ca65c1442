"""The warning event types: a warning's own timeline and its note on each evidence case, by the same
registry and rendering as the case timeline (see xinfang.core.events)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from xinfang.cases.models import EventKind
from xinfang.core.events import EventType, choice, joined, optional, register

from .models import WarningKind, WarningLevel
from .states import WarningAction, WarningStatus


def level(value: Any) -> str:
    """A level as configured: 蓝色/黄色/橙色/红色, or 一般/较重/严重/特别严重."""
    from .selectors import level_label

    return level_label(value) if value in WarningLevel.values else choice(WarningLevel)(value)


# a warning computed afterwards for a past day (manage.py compute_warnings --from --to, issue 16)
AS_OF = optional(gettext_lazy("（历史回溯：按%(as_of)s的数据计算）"), "as_of")

STEP = {"action": choice(WarningAction), "old": choice(WarningStatus), "new": choice(WarningStatus)}

WARNING_TYPES = (
    EventType("warning.raised", gettext_lazy("生成预警"),
              render_fn=joined(gettext_lazy("%(warning_kind)s，%(new)s，证据信访件%(cases)s件"),
                               AS_OF, fields={"warning_kind": choice(WarningKind), "new": level}),
              fields={"warning_kind": choice(WarningKind), "new": level},
              sample={"new": "orange", "cases": 6, "warning_kind": "spike"},
              doc="The daily recompute raises a warning (practice: 信访形势分析研判)"),
    EventType("warning.updated", gettext_lazy("信号更新"),
              render_fn=joined(gettext_lazy("等级：%(old)s → %(new)s，新增证据信访件%(new_cases)s件"),
                               AS_OF, fields={"old": level, "new": level}),
              fields={"old": level, "new": level},
              sample={"old": "yellow", "new": "red", "new_cases": 2},
              doc="The signal grew: a higher level or new evidence cases"),
    EventType("warning.status_changed", gettext_lazy("状态变更"),
              render_fn=joined(gettext_lazy("%(action)s：%(old)s → %(new)s"),
                               optional(gettext_lazy("，文号%(letter_number)s，限%(response_days)s日内反馈"),
                                        "letter_number"),
                               optional(gettext_lazy("，%(faded_days)s日内无新的预警信号，系统自动办结（本地做法）"),
                                        "faded_days"), fields=STEP),
              sample={"action": "issue_letter", "old": "open", "new": "letter_issued",
                      "letter_number": "某信预警函〔2026〕1号", "response_days": 10},
              doc="A step of the warning workflow (warning/states.py)"),
    # on the case timeline
    EventType("warning.case_listed", gettext_lazy("列入预警"),
              render_fn=joined(gettext_lazy("列入预警 %(warning)s：%(label)s（%(kind)s，%(level)s）"),
                               AS_OF, fields={"kind": choice(WarningKind), "level": level}),
              fields={"kind": choice(WarningKind), "level": level}, kind=EventKind.NOTE,
              sample={"warning": "YJ2026000001", "label": "阳光小区", "kind": "hot_issue",
                      "level": "yellow"},
              doc="A case became evidence of a warning"),
)

register(*WARNING_TYPES)
