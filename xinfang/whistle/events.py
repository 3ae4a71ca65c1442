"""The whistle event types, by the same registry and rendering as the case timeline
(xinfang.core.events)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from xinfang.core.events import EventType, choice, joined, optional, register

from .states import WhistleAction, WhistleStatus

STEP = {"action": choice(WhistleAction), "old": choice(WhistleStatus), "new": choice(WhistleStatus)}

WHISTLE_TYPES = (
    EventType("whistle.status_changed", gettext_lazy("状态变更"),
              render_fn=joined(gettext_lazy("%(action)s：%(old)s → %(new)s"),
                               optional(gettext_lazy("，吹哨部门：%(units)s"), "units"), fields=STEP),
              sample={"action": "raise", "old": "", "new": "whistled", "units": "某县住房和城乡建设局"},
              doc="A step of the whistle workflow that changes its status (whistle/states.py, practice)"),
    EventType("whistle.department", gettext_lazy("部门报到与处置"),
              render_fn=joined(gettext_lazy("%(unit_name)s：%(action)s"), fields=STEP),
              sample={"action": "report", "unit_name": "某县住房和城乡建设局"},
              doc="A whistled department reported (报到) or recorded what it did (处置)"),
    EventType("whistle.photo_added", gettext_lazy("上传照片"),
              text=gettext_lazy("照片：%(name)s（%(size)s字节，SHA-256 %(sha256)s）"),
              sample={"name": "井盖.jpg", "size": 48213,
                      "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
              doc="A photo kept with the whistle or a department's action (stored without metadata; "
                  "size and SHA-256 of the stored file)"),
    EventType("whistle.escalated", gettext_lazy("逾期督促"),
              text=gettext_lazy("逾期未报到，已提请乡镇领导督促：%(units)s"),
              sample={"units": "某县住房和城乡建设局"},
              doc="The hourly sweep escalated overdue reports to the township's leader"),
)

register(*WHISTLE_TYPES)
