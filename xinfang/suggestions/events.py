"""The suggestion event types, by the same registry and rendering as the case timeline
(xinfang.core.events)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from xinfang.core.events import EventType, choice, joined, optional, register

from .models import Outcome
from .states import SuggestionAction, SuggestionStatus

STEP = {"action": choice(SuggestionAction), "old": choice(SuggestionStatus),
        "new": choice(SuggestionStatus), "outcome": choice(Outcome)}

SUGGESTION_TYPES = (
    EventType("suggestion.status_changed", gettext_lazy("状态变更"),
              render_fn=joined(gettext_lazy("%(action)s：%(old)s → %(new)s"),
                               optional(gettext_lazy("，转交%(unit_name)s"), "unit_name"),
                               optional(gettext_lazy("，%(outcome)s"), "outcome"), fields=STEP),
              sample={"action": "refer", "old": "submitted", "new": "referred",
                      "unit_name": "某县住房和城乡建设局"},
              doc="A step of the suggestion workflow (suggestions/states.py, Art. 29)"),
    EventType("suggestion.reward", gettext_lazy("记录奖励"),
              text=gettext_lazy("奖励：%(reward)s"), sample={"reward": "荣誉证书"},
              doc="A reward recorded on an adopted suggestion (Art. 29 para. 2, where configured)"),
)

register(*SUGGESTION_TYPES)
