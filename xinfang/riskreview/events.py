"""The decision-review event types, by the same registry and rendering as the case timeline
(xinfang.core.events)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from xinfang.core.events import EventType, choice, joined, optional, register

from .states import DecisionAction, DecisionStatus, LegalOpinion, Outcome, RiskLevel

STEP = {"action": choice(DecisionAction), "old": choice(DecisionStatus),
        "new": choice(DecisionStatus), "suggested": choice(RiskLevel), "level": choice(RiskLevel),
        "opinion": choice(LegalOpinion), "outcome": choice(Outcome)}

RISK_TYPES = (
    EventType("riskreview.status_changed", gettext_lazy("状态变更"),
              render_fn=joined(gettext_lazy("%(action)s：%(old)s → %(new)s"),
                               optional(gettext_lazy("，评估为%(level)s（数据提示%(suggested)s）"),
                                        "level", fields=STEP),
                               optional(gettext_lazy("，审查意见：%(opinion)s"), "opinion",
                                        fields=STEP),
                               optional(gettext_lazy("，决策：%(outcome)s"), "outcome", fields=STEP),
                               fields=STEP),
              sample={"action": "assess", "old": "assessing", "new": "assessed", "level": "high",
                      "suggested": "medium"},
              doc="A step of the major-decision review that changes its status (riskreview/states.py)"),
    EventType("riskreview.drawn", gettext_lazy("汇总评估数据"),
              text=gettext_lazy("汇总近%(days)s日涉及的信访%(total)s件（群体性%(group)s件），"
                                "未办结预警%(warnings)s条，数据提示%(suggested)s"),
              fields={"suggested": choice(RiskLevel)},
              sample={"days": 365, "total": 12, "group": 2, "warnings": 1, "suggested": "high"},
              doc="The assessment's data drawn from the petitions and warnings (start, recompute)"),
    EventType("riskreview.checked", gettext_lazy("跟踪检查"),
              render_fn=joined(gettext_lazy("决策后新增涉及的信访%(new_cases)s件（按评估时水平预计%(expected)s件），"
                                            "群体性%(new_group)s件，新增预警%(new_warnings)s条"),
                               optional(gettext_lazy("；信访上升，已提示"), "rise")),
              sample={"new_cases": 6, "expected": 1.5, "new_group": 1, "new_warnings": 0,
                      "rise": True},
              doc="A follow-up check after the decision against the snapshot (a rise flagged)"),
)

register(*RISK_TYPES)
