"""The resolution workflows' event types (see xinfang.core.events).

A step of a resolution workflow on a record that belongs to a case is written once, straight onto
the case timeline (`<flow>.step`); only a record without a case (a dispute reported by the grid
before it is a petition) keeps its log in `ResolutionEvent`, with the same type and data. What an
effect adds to the entry (the clock it paused, the mediators it set, the letter number) is a list
of `details`, each a code of `DETAILS` with its values, rendered in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xinfang.cases.models import EventKind, Satisfaction
from xinfang.core.events import EventType, Values, choice, cite, listed, register

from .models import FollowUp, HearingOfficer, Recommendation

#: what a resolution workflow is called on the timeline (Workflow.label, marked for translation)
FLOW_LABELS = {
    "mediation": gettext_lazy("调解"), "hearing": gettext_lazy("听证"), "order": gettext_lazy("督办"),
    "leader": gettext_lazy("领导包案"), "recommendation": gettext_lazy("三项建议"),
    "followup": gettext_lazy("回访"),
}

#: what an effect may add to its step's entry: code -> (template, formatters)
DETAILS: dict[str, tuple[Any, dict[str, Any]]] = {
    "delegated": (gettext_lazy("委派%(organisation)s"), {}),
    "handling_paused": (gettext_lazy("办理期限中止计算"), {}),
    "handling_resumed": (gettext_lazy("办理期限恢复计算，到期日%(due_on)s"), {}),
    "handling_runs": (gettext_lazy("办理期限照常计算（%(article)s），到期日%(due_on)s，剩余%(days)s日；"
                         "情况复杂的可经负责人批准延长不超过30日"),
                      {"article": lambda v: cite("第34条")}),
    "hearing_in_handling": (gettext_lazy("办理期间举行听证，办理期限照常计算（%(article)s）"),
                            {"article": lambda v: cite("第34条")}),
    "recheck_paused": (gettext_lazy("复核期限中止计算（%(article)s）"), {"article": lambda v: cite("第36条")}),
    "recheck_resumed": (gettext_lazy("复核期限恢复计算，到期日%(due_on)s（%(article)s）"),
                        {"article": lambda v: cite("第36条")}),
    "mediators": (gettext_lazy("调解员：%(mediators)s"), {"mediators": listed}),
    "session": (gettext_lazy("%(held_on)s 于%(place)s"), {}),
    "returned": (gettext_lazy("回流原办理单位依法办理"), {}),
    "agreement": (gettext_lazy("调解协议书%(number)s"), {}),
    "confirmation": (gettext_lazy("向%(court)s申请司法确认"), {}),
    "ruling": (gettext_lazy("裁定书%(number)s"), {}),
    "officer": (gettext_lazy("听证员%(name)s（%(officer_kind)s，%(nominated_by)s）"),
                {"officer_kind": choice(HearingOfficer.Kind),
                 "nominated_by": choice(HearingOfficer.Nominator)}),
    "hearing_notified": (gettext_lazy("已发出听证通知（%(scheduled_for)s，%(place)s）"), {}),
    "transcript": (gettext_lazy("已制作听证笔录"), {}),
    "reply_due": (gettext_lazy("重新回复期限至%(due_on)s"), {}),
    "escalated": (gettext_lazy("超期%(days)s日，第%(level)s级升级，报%(unit)s督查员、领导关注"), {}),
    "leader": (gettext_lazy("包案领导：%(leader)s"), {}),
    "letter": (gettext_lazy("%(number)s，送%(unit)s"), {}),
    "adoption": (gettext_lazy("%(adoption)s"), {"adoption": choice(Recommendation.Adoption)}),
    "visit": (gettext_lazy("%(method)s回访：%(result)s"), {"result": choice(FollowUp.Result)}),
}


def detail(code: str, **values: Any) -> dict[str, Any]:
    """One detail of a step's entry; an unknown code is a programming error."""
    if code not in DETAILS:
        raise KeyError(f"unknown resolution detail {code!r}; declare it in resolution/events.py")
    return {"detail": code, **values}


def details_of(*results: Any) -> list[dict[str, Any]]:
    """The details effects returned (None, one detail or a list of them), in order."""
    out: list[dict[str, Any]] = []
    for result in results:
        if isinstance(result, dict) and "detail" in result:
            out.append(result)
        elif isinstance(result, list | tuple):
            out.extend(details_of(*result))
    return out


def render_detail(item: Mapping[str, Any]) -> str:
    code = item.get("detail", "")
    if code not in DETAILS:
        return str(code)
    template, fields = DETAILS[code]
    return str(template) % Values(item, fields)


def _step(flow_name: str) -> Any:
    def render(data: Mapping[str, Any]) -> str:
        from xinfang.core.workflow import WORKFLOWS

        flow = WORKFLOWS.get(flow_name)
        label = str(FLOW_LABELS.get(flow_name, flow_name))
        action = data.get("action", "")
        if flow is not None:
            action = choice(flow.actions)(action)
            old, new = choice(flow.statuses)(data.get("old")), choice(flow.statuses)(data.get("new"))
        else:
            old, new = data.get("old", ""), data.get("new", "")
        text = f"{label}·{action}"
        if new and old != new:
            text += _("：%(old)s → %(new)s") % {"old": old or "—", "new": new}
        parts = [render_detail(d) for d in data.get("details") or []]
        if parts:
            text += _("（%(details)s）") % {"details": _("；").join(p for p in parts if p)}
        return text
    return render


STEP_SAMPLES = {
    "mediation": {"action": "accept", "old": "referred", "new": "accepted",
                  "details": [detail("handling_paused")]},
    "hearing": {"action": "hold", "old": "notified", "new": "held",
                "details": [detail("transcript")]},
    "order": {"action": "escalate", "old": "open", "new": "open",
              "details": [detail("escalated", days=5, level=1, unit="市信访局")]},
    "leader": {"action": "release", "old": "active", "new": "released",
               "details": [detail("leader", leader="王副县长")]},
    "recommendation": {"action": "answer", "old": "issued", "new": "answered",
                       "details": [detail("adoption", adoption="adopted")]},
    "followup": {"action": "visit", "old": "open", "new": "done",
                 "details": [detail("visit", method="电话", result="resolved")]},
}

RESOLUTION_TYPES = (
    *(EventType(f"{name}.step", FLOW_LABELS[name], render_fn=_step(name), kind=EventKind.NOTE,
                sample=STEP_SAMPLES[name],
                doc=f"A step of the {name} workflow (resolution/; each row cites its article)")
      for name in FLOW_LABELS),
    EventType("resolution.bureau_rated", gettext_lazy("对信访部门的评价"), gettext_lazy("对信访部门的评价：%(new)s"),
              fields={"new": choice(Satisfaction)}, kind=EventKind.RATED,
              sample={"new": "unsatisfied", "bureau": 1},
              doc="The petitioner's rating of the petition bureau (Art. 21)"),
    EventType("resolution.retrospective", gettext_lazy("复盘溯源"), gettext_lazy("生成复盘溯源报告初稿"),
              kind=EventKind.NOTE, doc="A 复盘溯源 report drafted (practice)"),
)

register(*RESOLUTION_TYPES)
