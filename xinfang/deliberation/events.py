"""The deliberation event types (the topic's timeline), and the one it writes on each linked case's
timeline when the result is published; same registry and rendering as the case timeline
(xinfang.core.events)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from xinfang.cases.models import EventKind
from xinfang.core.events import EventType, choice, joined, optional, register

from .states import TopicAction, TopicStatus

STEP = {"action": choice(TopicAction), "old": choice(TopicStatus), "new": choice(TopicStatus)}

DELIBERATION_TYPES = (
    EventType("deliberation.status_changed", gettext_lazy("状态变更"),
              render_fn=joined(gettext_lazy("%(action)s：%(old)s → %(new)s"),
                               optional(gettext_lazy("，应参与%(eligible)s人"), "eligible"),
                               optional(gettext_lazy("，投票%(votes)s人"), "votes"), fields=STEP),
              sample={"action": "close", "old": "open", "new": "closed", "votes": 93,
                      "eligible": 100},
              doc="A step of the deliberation workflow (deliberation/states.py)"),
    EventType("deliberation.linked", gettext_lazy("关联信访事项"),
              text=gettext_lazy("关联信访事项：%(case_label)s"),
              sample={"case_label": "QHXF-2026-00012"},
              doc="A petition linked to the topic (an accusation named without its number, Art. 30)"),
    EventType("deliberation.unlinked", gettext_lazy("取消关联"),
              text=gettext_lazy("取消关联信访事项：%(case_label)s"),
              sample={"case_label": "QHXF-2026-00012"},
              doc="A petition unlinked from a draft topic"),
    EventType("deliberation.comment_hidden", gettext_lazy("屏蔽评论"),
              text=gettext_lazy("屏蔽%(author)s的评论"), sample={"author": "张*", "comment": 1},
              doc="Staff hid a resident's comment, with a reason (moderation)"),
    EventType("deliberation.published", gettext_lazy("议事结果公布"),
              text=gettext_lazy("议题“%(title)s”（%(topic)s）结果公布：%(result)s"),
              kind=EventKind.NOTE,
              sample={"topic": "QHV1-YS2026-0001", "title": "遗址区块农户是否逐步外迁",
                      "result": "参与93人/应参与100人；赞成 86票（92.5%），反对 7票（7.5%）"},
              doc="On each linked case: the deliberation's result and decision published (Art. 29)"),
)

register(*DELIBERATION_TYPES)
