"""The triage app's event types on the case timeline (see xinfang.core.events)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy

from xinfang.cases.models import EventKind
from xinfang.cases.states import Action
from xinfang.core.events import EventType, choice, optional, register


class RoutingField(models.TextChoices):
    """The values of an adopted proposal that the routing step (交办/转送/导入法定程序) starts from."""

    UNIT = "unit", gettext_lazy("承办单位")
    LEGAL_ROUTE = "legal_route", gettext_lazy("法定途径")


def _fields(value: Any) -> str:
    one = choice(RoutingField)
    return "、".join(one(v) for v in (value or []))


FIELDS = {"action": choice(Action), "adopted": _fields, "changed": _fields}

KEPT = optional(gettext_lazy("沿用采纳的研判建议：%(adopted)s"), "adopted", fields=FIELDS)
CHANGED = optional(gettext_lazy("改动了采纳的研判建议：%(changed)s"), "changed", fields=FIELDS)


def _routing(data: Any) -> str:
    parts = [p for p in (KEPT(data), CHANGED(data)) if p]
    return f"{choice(Action)(data.get('action'))}：" + "；".join(parts)


TRIAGE_TYPES = (
    EventType("triage.routing", gettext_lazy("研判建议的沿用"), render_fn=_routing,
              fields=FIELDS, kind=EventKind.NOTE,
              sample={"action": "assign", "adopted": ["unit"], "changed": ["legal_route"],
                      "correction": 1},
              doc="After a routing step: which values of the adopted triage proposal it kept or "
                  "changed (Art. 22, 31)"),
)

register(*TRIAGE_TYPES)
