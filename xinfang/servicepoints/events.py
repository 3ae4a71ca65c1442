"""The need event types, by the same registry and rendering as the case timeline
(xinfang.core.events); and the entry a case gets when a need became it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from xinfang.core.events import EventType, choice, joined, optional, register

from .models import ConsultKind, Satisfaction
from .states import (
    ConsultAction,
    ConsultStatus,
    NeedAction,
    NeedStatus,
    SittingAction,
    SittingStatus,
)

STEP = {"action": choice(NeedAction), "old": choice(NeedStatus), "new": choice(NeedStatus),
        "satisfaction": choice(Satisfaction)}

SERVICEPOINT_TYPES = (
    EventType("servicepoint.status_changed", gettext_lazy("状态变更"),
              render_fn=joined(gettext_lazy("%(action)s：%(old)s → %(new)s"),
                               optional(gettext_lazy("，服务点：%(point)s"), "point"),
                               optional(gettext_lazy("（由%(from_point)s上交）"), "from_point"),
                               optional(gettext_lazy("，服务项目：%(service)s"), "service"),
                               optional(gettext_lazy("，服务人员：%(provider)s"), "provider"),
                               optional(gettext_lazy("，群众评价：%(satisfaction)s"), "satisfaction",
                                        fields=STEP),
                               optional(gettext_lazy("，信访件%(case_number)s"), "case_number"),
                               fields=STEP),
              sample={"action": "assign", "old": "recorded", "new": "assigned",
                      "point": "东街社区信访超市", "service": "评理调解", "provider": "王调解员"},
              doc="A step of the need workflow (servicepoints/states.py, practice of Haikou)"),
    EventType("servicepoint.escalated", gettext_lazy("逾期督促"),
              text=gettext_lazy("超过%(days)s日未办结，已提请乡镇领导督促"),
              sample={"days": 7, "point": "东街社区信访超市"},
              doc="The hourly sweep told the township's leader of a need open too long (practice)"),
    EventType("servicepoint.case_from_need", gettext_lazy("由群众需求转来"),
              text=gettext_lazy("由%(point)s的群众需求%(need)s转为信访件"), kind="note",
              sample={"need": "QHV1-XQ2026-00001", "point": "东街社区信访超市"},
              doc="A need of a service point's 群众需求清单 was registered as this case (Art. 17, 21)"),
)

register(*SERVICEPOINT_TYPES)

CONSULT_STEP = {"action": choice(ConsultAction), "old": choice(ConsultStatus),
                "new": choice(ConsultStatus), "kind": choice(ConsultKind)}

CONSULT_TYPES = (
    EventType("servicepoint.consult_step", gettext_lazy("四诊"),
              render_fn=joined(gettext_lazy("%(action)s：%(old)s → %(new)s"),
                               optional(gettext_lazy("（%(kind)s）"), "kind", fields=CONSULT_STEP),
                               optional(gettext_lazy("，计划%(planned_on)s"), "planned_on"),
                               optional(gettext_lazy("，单位：%(units)s"), "units"),
                               optional(gettext_lazy("，限%(due)s前化解"), "due"),
                               optional(gettext_lazy("，会诊日期%(meeting_on)s"), "meeting_on"),
                               optional(gettext_lazy("，信访件%(case_number)s"), "case_number"),
                               fields=CONSULT_STEP),
              sample={"action": "route", "old": "heard", "new": "routed",
                      "units": "某街道司法所", "due": "2026-12-01"},
              doc="A step of the 四诊合一 workflow (servicepoints/states.py, practice of Xiaoshan)"),
    EventType("servicepoint.case_from_consult", gettext_lazy("由四诊事项转来"),
              text=gettext_lazy("由%(kind)s事项%(consult)s转为信访件"), kind="note",
              fields={"kind": choice(ConsultKind)},
              sample={"consult": "QHV1-SZ2026-00001", "kind": "sitting"},
              doc="A matter heard by a village secretary (四诊合一) was registered as this case (Art. 17, 21)"),
)

register(*CONSULT_TYPES)

SITTING_STEP = {"action": choice(SittingAction), "old": choice(SittingStatus),
                "new": choice(SittingStatus)}

SITTING_TYPES = (
    EventType("servicepoint.sitting_step", gettext_lazy("坐诊预约"),
              render_fn=joined(gettext_lazy("%(action)s：%(old)s → %(new)s"),
                               optional(gettext_lazy("，坐诊日期%(date)s"), "date"),
                               optional(gettext_lazy("，预约人%(who)s"), "who"),
                               optional(gettext_lazy("，四诊事项%(consult)s"), "consult"),
                               fields=SITTING_STEP),
              sample={"action": "receive", "old": "booked", "new": "kept", "date": "2026-12-01",
                      "who": "张*", "consult": "QHV1-SZ2026-00001"},
              doc="A step of a 坐诊预约 (servicepoints/states.py, practice of Xiaoshan)"),
)

register(*SITTING_TYPES)
