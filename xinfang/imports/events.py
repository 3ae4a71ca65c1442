"""The timeline entries of an imported case (records of the past, written by cases/history.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from xinfang.cases.models import Channel, EventKind
from xinfang.cases.states import Outcome, Status
from xinfang.core.events import EventType, choice, joined, optional, register

IMPORT_TYPES = (
    EventType(
        "imports.received", gettext_lazy("导入的历史信访件"),
        render_fn=joined(
            gettext_lazy("从“%(source)s”导入，原编号%(external_id)s（%(channel)s）"),
            optional(gettext_lazy("，原系统标签：%(label)s"), "label"),
            optional(gettext_lazy("，问题属地未注明，暂按导入单位辖区"), "place_assumed"),
            optional(gettext_lazy("，问题属地“%(place_given)s”未在单位树中，暂按导入单位辖区"),
                     "place_given"),
            optional(gettext_lazy("，问题属地为导入时推定（依据：%(place_derived)s）"), "place_derived"),
            optional(gettext_lazy("，问题属地待导入后批量推定"), "place_pending"),
            optional(gettext_lazy("，导入时截断了过长的文字"), "truncated"),
            fields={"channel": choice(Channel)}),
        kind=EventKind.REGISTERED,
        sample={"source": "12345热线", "external_id": "GD2021000123", "channel": "platform",
                "label": "举报", "place_assumed": True, "batch": 1, "row": 2},
        doc="A case brought in from another system's export, at its real date (issue 16)"),
    EventType(
        "imports.replied", gettext_lazy("原系统答复"),
        render_fn=joined(
            gettext_lazy("原系统答复"),
            optional(gettext_lazy("（%(unit)s）"), "unit"),
            optional(gettext_lazy("：%(outcome)s"), "outcome", fields={"outcome": choice(Outcome)})),
        kind=EventKind.NOTE, sample={"unit": "某区住建局", "outcome": "explain"},
        doc="The reply recorded in the old system (its text is the note), at its real date"),
    EventType(
        "imports.closed", gettext_lazy("原系统办结"),
        render_fn=joined(
            gettext_lazy("原系统办结：%(old)s → %(new)s"),
            optional(gettext_lazy("（办结日期不详，按信访日期记录）"), "date_unknown"),
            fields={"old": choice(Status), "new": choice(Status)}),
        kind=EventKind.STATUS_CHANGED, sample={"old": "registered", "new": "closed"},
        doc="The matter was closed in the old system (its real closing date)"),
    EventType(
        "imports.placed", gettext_lazy("推定问题属地"),
        render_fn=joined(
            optional(gettext_lazy("导入后批量推定问题属地：%(unit)s（依据：%(place_derived)s）"),
                     "unit", "place_derived"),
            optional(gettext_lazy("导入后批量推定问题属地：%(reason)s，暂按导入单位辖区"), "reason")),
        kind=EventKind.FIELD_CHANGED, sample={"batch": 1, "unit": "A1区人民政府", "place_derived": "东街社区"},
        doc="The district of an imported matter derived after the import, in batch (import --defer; "
            "old/new value: the unit ids), with its evidence, or why none was found"),
)

register(*IMPORT_TYPES)
