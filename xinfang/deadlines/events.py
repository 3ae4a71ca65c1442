"""The legal clocks' event types on the case timeline (see xinfang.core.events)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xinfang.cases.models import EventKind
from xinfang.core.events import EventType, Values, choice, cite, joined, optional, register

from .models import DeadlineState
from .rules import DayUnit, DeadlineKind


def period(days: Any, unit: Any) -> str:
    """A period in the reader's language: 60日 / 60 days, 5个工作日 / 5 working days."""
    if days in (None, ""):
        return ""
    if unit == DayUnit.WORKING:
        return _("%(n)s个工作日") % {"n": days}
    return _("%(n)s日") % {"n": days}


FIELDS = {"kind": choice(DeadlineKind), "article": cite,
          "old_state": choice(DeadlineState), "new_state": choice(DeadlineState)}


def _started(data: Mapping[str, Any]) -> str:
    values = Values(data, FIELDS)
    text = _("%(kind)s：%(period)s（%(article)s），到期日%(new)s") % {
        "kind": values["kind"], "period": period(data.get("days"), data.get("unit")),
        "article": values["article"], "new": values["new"]}
    if data.get("provisional"):
        text += _("，到期日为暂定（该年放假安排未公布）")
    return text


def _rerule(data: Mapping[str, Any]) -> str:
    values = Values(data, FIELDS)
    return _("%(kind)s：%(old_period)s → %(period)s（%(article)s），自%(started_on)s起重新计算，"
             "到期日%(old)s → %(new)s") % {
        "kind": values["kind"], "old_period": period(data.get("old_days"), data.get("old_unit")),
        "period": period(data.get("days"), data.get("unit")), "article": values["article"],
        "started_on": values["started_on"], "old": values["old"], "new": values["new"]}


DEADLINE_TYPES = (
    EventType("deadlines.started", gettext_lazy("期限起算"), render_fn=_started,
              kind=EventKind.DEADLINE_STARTED,
              sample={"kind": "handling", "days": 60, "unit": "calendar", "article": "第34条",
                      "new": "2026-07-01", "provisional": True},
              doc="A legal clock starts (deadlines/rules.py cites each one's article)"),
    EventType("deadlines.ended", gettext_lazy("期限结束"), gettext_lazy("%(kind)s：%(new)s（到期日%(old)s）"),
              fields={**FIELDS, "new": choice(DeadlineState)}, kind=EventKind.DEADLINE_ENDED,
              sample={"kind": "handling", "old": "2026-07-01", "new": "met"},
              doc="A clock met (on time or late) or cancelled by a step"),
    EventType("deadlines.lapsed", gettext_lazy("期间届满"), gettext_lazy("%(kind)s已于%(old)s届满"), fields=FIELDS,
              kind=EventKind.DEADLINE_ENDED,
              sample={"kind": "review_request", "old": "2026-07-01", "new": "cancelled"},
              doc="A petitioner's window or a unit's right ran out (nobody's overdue work)"),
    EventType("deadlines.extended", gettext_lazy("期限延长"),
              render_fn=joined(
                  gettext_lazy("%(kind)s延长%(days)s日：%(old)s → %(new)s"),
                  optional(gettext_lazy("（原期限已于%(old)s届满，%(breached_on)s起超期；延期不消除超期事实，"
                              "仍按超期办结统计（%(breach_article)s））"), "breached_on",
                           fields={"breach_article": lambda v: cite("第34条、第45条第（一）项")}),
                  fields=FIELDS),
              kind=EventKind.DEADLINE_EXTENDED,
              sample={"kind": "handling", "days": 30, "old": "2026-07-01", "new": "2026-07-31",
                      "breached_on": "2026-07-02"},
              doc="Extension approved (Art. 34); a breach before it stays (Art. 45(1))"),
    EventType("deadlines.rerule", gettext_lazy("期限重新计算"), render_fn=_rerule,
              kind=EventKind.DEADLINE_EXTENDED,
              sample={"kind": "handling", "old_days": 10, "old_unit": "working", "days": 60,
                      "unit": "calendar", "article": "第34条", "started_on": "2026-05-01",
                      "old": "2026-05-15", "new": "2026-06-30"},
              doc="A simplified case converted to the ordinary procedure: counted afresh"),
    EventType("deadlines.paused", gettext_lazy("期限中止"), gettext_lazy("%(kind)s中止计算"), fields=FIELDS,
              kind=EventKind.DEADLINE_PAUSED, sample={"kind": "recheck"},
              doc="Time not counted (hearing in 复核, Art. 36 ¶2; mediation by local rule)"),
    EventType("deadlines.resumed", gettext_lazy("期限恢复"), gettext_lazy("%(kind)s恢复计算，到期日%(old)s → %(new)s"),
              fields=FIELDS, kind=EventKind.DEADLINE_RESUMED,
              sample={"kind": "recheck", "old": "2026-07-01", "new": "2026-07-09"},
              doc="A paused clock runs again; the paused days are added"),
    EventType("deadlines.due_soon", gettext_lazy("即将到期提醒"),
              gettext_lazy("%(kind)s将于%(due_on)s到期，剩余%(days)s日"), fields=FIELDS,
              kind=EventKind.DEADLINE_DUE_SOON,
              sample={"kind": "handling", "due_on": "2026-07-01", "days": 3},
              doc="The daily scan: a staff clock is due within the reminder window"),
    EventType("deadlines.overdue", gettext_lazy("超期"),
              gettext_lazy("%(kind)s已超期%(days)s日（到期日%(due_on)s，%(article)s）"), fields=FIELDS,
              kind=EventKind.DEADLINE_OVERDUE,
              sample={"kind": "handling", "due_on": "2026-07-01", "days": 2, "article": "第34条"},
              doc="The daily scan: a staff clock is past due (Art. 45(1))"),
    EventType("deadlines.recomputed", gettext_lazy("期限重算"),
              render_fn=joined(gettext_lazy("%(kind)s到期日由%(old)s改为%(new)s"),
                     optional(gettext_lazy("（仍为暂定）"), "provisional"), fields=FIELDS),
              kind=EventKind.DEADLINE_RECOMPUTED,
              sample={"kind": "handling", "old": "2027-02-09", "new": "2027-02-15",
                      "provisional": False},
              doc="The holiday table changed: due date counted again (民法典 Art. 201, 203)"),
)

register(*DEADLINE_TYPES)
