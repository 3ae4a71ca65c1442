"""The portal's event types on the case timeline (see xinfang.core.events)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from xinfang.cases.events import STEP_FIELDS
from xinfang.cases.models import EventKind
from xinfang.core.events import EventType, register

PORTAL_TYPES = (
    EventType("portal.rated", gettext_lazy("网上评价"), gettext_lazy("信访人通过网上信访平台提交满意度评价"),
              kind=EventKind.NOTE, sample={"portal": True, "action": "rate"},
              doc="The petitioner rated the answer online (Art. 21: 查询、评价)"),
    EventType("portal.requested", gettext_lazy("网上申请"),
              gettext_lazy("信访人通过网上信访平台提出“%(action)s”，提交至%(unit_name)s"), fields=STEP_FIELDS,
              kind=EventKind.NOTE,
              sample={"portal": True, "action": "request_review", "unit": 1, "unit_name": "市信访局"},
              doc="A 复查/复核 request made online (Art. 35, 36); the reason is the step's note"),
)

register(*PORTAL_TYPES)
