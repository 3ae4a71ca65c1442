"""Adopted values carry into the next form (issue 15 item 5): the routing step after triage.

Adopting a proposal stores a `TriageCorrection` (what was adopted). The case page's routing forms
(交办, 转送, 导入法定程序) start from it — the clerk may still change every value — and after the step
the timeline says which adopted values were kept and which changed (`triage.routing`).
"""

from __future__ import annotations

from typing import Any

from xinfang.cases.models import Case
from xinfang.cases.states import ROUTED_AWAY, Action

from .events import RoutingField
from .models import TriageCorrection

#: The steps that follow triage and the adopted values their forms take.
ROUTING_FIELDS: dict[Action, tuple[RoutingField, ...]] = {
    Action.ASSIGN: (RoutingField.UNIT,),
    Action.TRANSFER: (RoutingField.UNIT,),
    Action.ROUTE: (RoutingField.LEGAL_ROUTE, RoutingField.UNIT),
}


def adoption(case: Case) -> TriageCorrection | None:
    """The registrar's latest adoption of the case's proposal, if any."""
    return TriageCorrection.objects.filter(case=case).order_by("-at", "-pk").first()


def adopted_values(correction: TriageCorrection, action: Action) -> dict[str, Any]:
    """Art. 22, 31: the values the routing form of `action` starts from (unit pk, route code)."""
    values: dict[str, Any] = {}
    for name in ROUTING_FIELDS.get(action, ()):
        if name == RoutingField.UNIT and correction.unit_id is not None:
            values[name.value] = correction.unit_id
        elif name == RoutingField.LEGAL_ROUTE:
            route = (correction.final or {}).get("legal_route")
            if route in ROUTED_AWAY:  # the form offers only the routes taken away (Art. 31 (1)-(4))
                values[name.value] = route
    return values


def routing_initial(request: Any, case: Case, action: Action) -> dict[str, Any]:
    """Initial values of a routing form on the case page, from the adopted proposal."""
    if action not in ROUTING_FIELDS:
        return {}
    correction = adoption(case)
    return adopted_values(correction, action) if correction is not None else {}


def _key(value: Any) -> Any:
    return str(getattr(value, "pk", value) or "")


def on_routed(sender: Any, case: Case, action: Any, actor: Any, params: dict[str, Any],
              **kw: Any) -> None:
    """After commit: record which adopted values the routing step kept and which it changed."""
    from xinfang.cases.events import record_event

    if action not in ROUTING_FIELDS:
        return
    correction = adoption(case)
    if correction is None:
        return
    adopted = adopted_values(correction, action)
    if not adopted:
        return
    kept = [name for name, value in adopted.items() if _key(params.get(name)) == _key(value)]
    changed = [name for name in adopted if name not in kept]
    record_event(case=case, type="triage.routing", actor=actor, action=str(action),
                 data={"action": str(action), "adopted": kept, "changed": changed,
                       "correction": correction.pk})
