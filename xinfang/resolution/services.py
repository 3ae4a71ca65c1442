"""Writes of the resolution app: every entry point the views, the API and the periodic jobs call.

Each workflow keeps its table (`machine.Flow`: actions, roles, guards, effects, the article cited) in
its own module (mediation.py, hearings.py, supervision.py, satisfaction.py); this module is where
callers find the writers, named `<entity>_<verb>` like the other apps' services. Reads are in
selectors.py, forms in forms.py.
"""

from __future__ import annotations

from typing import Any

from . import hearings, mediation, satisfaction, supervision
from .escalation import auto_cuiban, escalate_overdue
from .hearings import hearing_schedule, hearing_transition
from .machine import Flow, run, start
from .mediation import mediation_refer, mediation_report, mediation_transition
from .retrospective import retrospective_draft
from .satisfaction import (
    bureau_rate,
    followup_open,
    followup_transition,
    followups_sweep,
    satisfaction_record,
)
from .supervision import (
    leader_assign,
    leader_transition,
    order_issue,
    order_transition,
    recommendation_issue,
    recommendation_transition,
)

#: every workflow of the app by name, as the staff pages address them (/resolution/<flow>/...)
FLOWS: dict[str, Flow] = {f.name: f for f in (
    mediation.FLOW, hearings.FLOW, supervision.ORDER_FLOW, supervision.LEADER_FLOW,
    supervision.REC_FLOW, satisfaction.FLOW)}


def record_create(flow: Flow, *, action: str, actor: Any, params: dict[str, Any],
                  case_id: int | None = None) -> Any:
    """A new record of `flow` by its creating `action` (on case `case_id`, 404 outside the actor's
    jurisdiction), through the workflow table."""
    return start(flow, action=action, actor=actor, params=params, case_id=case_id)


def record_transition(flow: Flow, *, record_id: int, action: str, actor: Any,
                      params: dict[str, Any] | None = None) -> Any:
    """One step of `flow` on record `record_id` (404 outside the actor's jurisdiction)."""
    return run(flow, record_id=record_id, action=action, actor=actor, params=params)


__all__ = [
    "FLOWS", "auto_cuiban", "bureau_rate", "escalate_overdue", "followup_open", "followup_transition",
    "followups_sweep", "hearing_schedule", "hearing_transition", "leader_assign", "leader_transition",
    "mediation_refer", "mediation_report", "mediation_transition", "order_issue", "order_transition",
    "recommendation_issue", "recommendation_transition", "record_create", "record_transition",
    "retrospective_draft", "satisfaction_record",
]
