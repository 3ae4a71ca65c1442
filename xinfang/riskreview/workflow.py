"""`decision_register` and `decision_transition`: the only writers of a major decision's status,
its assessment, review and decision fields and its follow-up checks.

The table (`states.TRANSITIONS`) is the `DECISIONS` workflow on the one engine
(`xinfang.core.workflow`): the record is loaded through the actor's reach (outside it
Decision.DoesNotExist → 404), locked, its status, the actor's role and unit checked, the parameters
validated by the step's form (`forms.py`), the guards, the effect, and the timeline event written.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from xinfang.core import clock, numbering
from xinfang.core import workflow as engine
from xinfang.core.errors import GuardFailed
from xinfang.core.workflow import is_system, state_guard
from xinfang.notifications.services import notify_unit
from xinfang.orgs.models import Role, Unit, UnitType
from xinfang.orgs.selectors import bureau_for, in_jurisdiction
from xinfang.portal import codes

from .forms import ACTION_FORMS
from .models import Decision, DecisionCheck, DecisionEvent
from .selectors import draw, follow_up, legal_office, legal_root, next_check_on, visible_decisions
from .states import (
    BUREAU,
    LEGAL,
    OWNER,
    PROCEEDING,
    TRANSITIONS,
    DecisionAction,
    DecisionStatus,
    LegalOpinion,
    Outcome,
    RiskLevel,
)

SERIAL_KIND = "decision"
A = DecisionAction


def _owner(actor: Any, record: Decision | None, _parent: Any) -> bool:
    """The unit that registered it; a new one: any unit (it registers its own decision)."""
    if record is None:
        return actor.unit_id is not None
    return actor.unit_id is not None and actor.unit_id == record.unit_id


def _bureau(actor: Any, record: Decision | None, _parent: Any) -> bool:
    """A petition bureau whose jurisdiction covers the unit that registered it."""
    unit = getattr(actor, "unit", None)
    return (record is not None and unit is not None
            and unit.unit_type == UnitType.PETITION_BUREAU and in_jurisdiction(actor, record.unit))


def _legal(actor: Any, record: Decision | None, _parent: Any) -> bool:
    """The legal office (a unit of a configured type) of the government the decision falls under."""
    unit = getattr(actor, "unit", None)
    return (record is not None and legal_office(unit)
            and record.unit.is_within(legal_root(unit)))


SCOPES = {OWNER: _owner, BUREAU: _bureau, LEGAL: _legal}


def _reasons_if_differs(record: Decision, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if params.get("risk_level") != record.suggested_level and not params.get("level_reasons", "").strip():
        raise GuardFailed(_("评估等级与数据提示的等级（%(s)s）不同，须说明理由")
                          % {"s": RiskLevel(record.suggested_level).label
                             if record.suggested_level else "—"})


def _measures_if_risky(record: Decision, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if params.get("risk_level") in (RiskLevel.MEDIUM, RiskLevel.HIGH) \
            and not params.get("measures", "").strip():
        raise GuardFailed(_("中风险、高风险须提出风险防范措施和处置预案（《重大行政决策程序暂行条例》第二十三条）"))


@state_guard
def _assessed_and_reviewed(record: Decision, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if not record.risk_level or not record.assessed_at:
        raise GuardFailed(_("尚未完成风险评估，不能作出决策（《重大行政决策程序暂行条例》第二十四条）"))
    if not record.legal_opinion or not record.reviewed_at:
        raise GuardFailed(_("尚未经合法性审查，不能作出决策（《重大行政决策程序暂行条例》第二十八条）"))


def _high_risk_needs_measures(record: Decision, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    outcome = params.get("outcome")
    if record.risk_level == RiskLevel.HIGH and outcome == Outcome.PROCEED:
        raise GuardFailed(_("高风险的决策须采取防范措施确保风险可控后方可实施（《重大行政决策程序暂行条例》第二十四条）"))
    if outcome == Outcome.PROCEED_WITH_MEASURES and not record.measures.strip():
        raise GuardFailed(_("评估未提出防范措施，不能选择“采取防范措施后实施”"))


def _lawful_to_proceed(record: Decision, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if record.legal_opinion == LegalOpinion.UNLAWFUL and params.get("outcome") in PROCEEDING:
        raise GuardFailed(_("经合法性审查不合法的，不得作出实施的决策（《重大行政决策程序暂行条例》第二十八条）"))


@state_guard
def _check_due(record: Decision, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    """The periodic job checks only when due; staff may check at any time."""
    if not is_system(actor):
        return
    due = next_check_on(record)
    if due is None or clock.today() < due:
        raise GuardFailed(_("下次跟踪检查日期为%(d)s") % {"d": due})


@state_guard
def _followed_up_if_proceeding(record: Decision, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if record.outcome in PROCEEDING and not record.checks.exists():
        raise GuardFailed(_("实施的决策须至少经一次跟踪检查后方可结束跟踪"))


GUARDS = {"reasons_if_differs": _reasons_if_differs, "measures_if_risky": _measures_if_risky,
          "assessed_and_reviewed": _assessed_and_reviewed,
          "high_risk_needs_measures": _high_risk_needs_measures,
          "lawful_to_proceed": _lawful_to_proceed, "check_due": _check_due,
          "followed_up_if_proceeding": _followed_up_if_proceeding}


def _register(_parent: Any, actor: Any, params: dict[str, Any]) -> Decision:
    now = clock.now()
    unit = actor.unit
    serial = numbering.next_serial(numbering.unit_scope(unit), SERIAL_KIND, now.year)
    record = Decision(number=f"{unit.code}-JC{now.year}-{serial:04d}", unit=unit,
                      registered_by=actor, title=params["title"].strip(), kind=params["kind"],
                      summary=params["summary"].strip(), keywords=params.get("keywords", ""),
                      planned_on=params["planned_on"], created_at=now, updated_at=now,
                      form_token=codes.token_hash(params["token"]) if params.get("token") else None)
    record.save()
    return record


def _register_rows(record: Decision, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.places.set(params["places"])
    record.categories.set(params.get("categories") or [])
    return {"places": "、".join(u.name for u in sorted(params["places"], key=lambda u: u.path))}


def _draw(record: Decision, actor: Any, days: int) -> dict:
    snap = draw(record, actor, today=clock.today(), days=days)
    record.snapshot, record.snapshot_at = snap, clock.now()
    record.suggested_level = snap["suggested"]
    return {"days": days, "total": snap["total"], "group": snap["group"],
            "warnings": snap["open_warnings"], "suggested": snap["suggested"]}


def _start(record: Decision, actor: Any, params: dict[str, Any]) -> dict:
    return _draw(record, actor, params["days"])


def _recompute(record: Decision, actor: Any, params: dict[str, Any]) -> dict:
    days = params.get("days") or int(record.snapshot.get("window", {}).get("days") or 365)
    return _draw(record, actor, days)


def _assess(record: Decision, actor: Any, params: dict[str, Any]) -> dict:
    record.risk_level = params["risk_level"]
    record.level_reasons = params.get("level_reasons", "").strip()
    record.risk_points = params["risk_points"].strip()
    record.measures = params.get("measures", "").strip()
    record.assessed_by, record.assessed_at = actor, clock.now()
    return {"level": record.risk_level, "suggested": record.suggested_level,
            "note": record.level_reasons}


def _review(record: Decision, actor: Any, params: dict[str, Any]) -> dict:
    record.legal_opinion, record.legal_reasons = params["opinion"], params["reasons"].strip()
    record.reviewed_by, record.reviewed_unit, record.reviewed_at = actor, actor.unit, clock.now()
    return {"opinion": record.legal_opinion, "note": record.legal_reasons}


def _decide(record: Decision, actor: Any, params: dict[str, Any]) -> dict:
    record.outcome, record.outcome_reasons = params["outcome"], params["reasons"].strip()
    record.decided_by, record.decided_at = actor, clock.now()
    return {"outcome": record.outcome, "note": record.outcome_reasons}


def _check(record: Decision, actor: Any, params: dict[str, Any]) -> dict:
    found = follow_up(record, actor, today=clock.today())
    DecisionCheck.objects.create(decision=record, at=clock.now(), by=engine.staff_user(actor),
                                 **found)
    return {"new_cases": found["new_cases"], "expected": found["expected"],
            "new_group": found["new_group"], "new_warnings": found["new_warnings"],
            "rise": found["rise"], "note": params.get("note", "")}


def _close(record: Decision, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.closed_at = clock.now()
    return {"note": params.get("note", "")}


EFFECTS = {A.REGISTER: _register, A.START: _start, A.RECOMPUTE: _recompute, A.ASSESS: _assess,
           A.REVIEW: _review, A.DECIDE: _decide, A.CHECK: _check, A.CLOSE: _close}


def record_decision_event(*, decision: Decision, type: str, actor: Any = None,  # noqa: A002
                          action: str = "", old_value: str = "", new_value: str = "",
                          note: str = "", data: dict | None = None) -> DecisionEvent:
    """One entry on the decision's timeline, of a registered type (xinfang.core.events)."""
    from xinfang.core.events import event_type

    code = event_type(type).code
    return DecisionEvent.objects.create(
        decision=decision, type=code, action=action, actor=engine.staff_user(actor),
        unit=getattr(actor, "unit", None), at=clock.now(), old_value=str(old_value),
        new_value=str(new_value), note=note, data=data or {})


def _before_save(step: engine.Step) -> None:
    step.record.updated_at = clock.now()


def _write_event(step: engine.Step) -> None:
    """The timeline entry, then who is told (a rise found by a follow-up check)."""
    result = step.post_result if step.transition.creates else step.result
    data = dict(result) if isinstance(result, dict) else {}
    note = data.pop("note", "")
    act = step.transition.action
    kind = {A.START: "riskreview.drawn", A.RECOMPUTE: "riskreview.drawn",
            A.CHECK: "riskreview.checked"}.get(act, "riskreview.status_changed")
    if act == A.START:  # the status change, then what was drawn
        record_decision_event(decision=step.record, type="riskreview.status_changed",
                              actor=step.actor, action=step.action.value, old_value=step.old,
                              new_value=step.new)
    record_decision_event(decision=step.record, type=kind, actor=step.actor,
                          action=step.action.value, old_value=step.old, new_value=step.new,
                          note=note, data=data)
    if act == A.CHECK and data.get("rise"):
        with translation.override(settings.LANGUAGE_CODE):
            _tell_rise(step.record, data)


def _tell_rise(d: Decision, data: dict) -> None:
    """The unit that decided and the petition bureau covering it learn of a rise."""
    subject = _("重大决策信访上升 %(n)s") % {"n": d.number}
    body = (_("%(t)s：决策后新增涉及的信访%(c)s件（按评估时水平预计%(e)s件），群体性%(g)s件，新增预警%(w)s条，请研判。")
            % {"t": d.title, "c": data["new_cases"], "e": data["expected"],
               "g": data["new_group"], "w": data["new_warnings"]})
    units: list[Unit] = [d.unit]
    bureau = bureau_for(d.unit)
    if bureau is not None and bureau != d.unit:
        units.append(bureau)
    for unit in units:
        notify_unit(unit=unit, case=None, roles=(Role.APPROVER, Role.LEADER), subject=subject,
                    body=body)


DECISIONS = engine.Workflow(
    name="decision", label="重大决策", model=Decision, actions=DecisionAction,
    statuses=DecisionStatus, table=TRANSITIONS, forms=ACTION_FORMS, visible=visible_decisions,
    scopes=SCOPES, write_event=_write_event, guards=GUARDS, effects=EFFECTS,
    post={A.REGISTER: _register_rows}, lock_related=("unit",), before_save=_before_save,
)


def decision_register(*, actor: Any, params: dict[str, Any]) -> Decision:
    """登记重大决策: the unit preparing a major decision registers it (Art. 5 (五); 暂行条例 Art. 22)."""
    return engine.create(DECISIONS, action=A.REGISTER, actor=actor, params=params)


def decision_transition(*, decision_id: int, action: str, actor: Any,
                        params: dict[str, Any] | None = None) -> Decision:
    """评估, 审查, 决策, 跟踪, 结束 (the engine checks status, role, scope and guards)."""
    return engine.transition(DECISIONS, record_id=decision_id, action=action, actor=actor,
                             params=params)


def available_actions(user: Any, decision: Decision) -> list[DecisionAction]:
    return [DecisionAction(t.action) for t in DECISIONS.available(user, decision)]
