"""Legal conditions checked before an action (named in the workflow table's `guards`).

Each guard takes the locked case, the actor and the validated parameters and raises a DomainError
whose message tells the user which rule stops the action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xinfang.core import clock
from xinfang.core.errors import ConfidentialityViolation, GuardFailed
from xinfang.deadlines.models import RUNNING_STATES
from xinfang.deadlines.rules import DeadlineKind
from xinfang.orgs.models import UnitType

from .models import Case, Channel, Opinion, Rating
from .states import Action, LegalRoute, Status

Guard = Callable[[Case, Any, dict[str, Any], Action], None]
GUARDS: dict[str, Guard] = {}


def guard(fn: Guard) -> Guard:
    GUARDS[fn.__name__] = fn
    return fn


@guard
def target_in_jurisdiction(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """The receiving unit lies within the sender's jurisdiction and is not the sender itself."""
    from .selectors import jurisdiction_root

    unit = params["unit"]
    if unit.pk == case.holding_unit_id:
        raise GuardFailed("不能转送、交办给本单位")
    if not unit.is_within(jurisdiction_root(case.holding_unit)):
        raise GuardFailed(f"“{unit.name}”不在本单位的管辖范围内，无法转送、交办")


@guard
def not_to_accused(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Art. 30: accusation material never goes to the accused unit or a unit below it."""
    unit = params.get("unit")  # a route with guidance only sends nothing
    if unit is not None and case.is_accusation and case.accused_unit_id and unit.is_within(
            case.accused_unit):
        raise ConfidentialityViolation(
            "第30条：不得将检举、揭发材料转给被检举、揭发的单位（或其下属单位）"
        )


# Art. 22 ¶2: who receives what a petition bureau passes on instead of handling it.
RECEIVING_ORGAN = {LegalRoute.LITIGATION: UnitType.POLITICAL_LEGAL,
                   LegalRoute.DISCIPLINE: UnitType.DISCIPLINE}


@guard
def route_receiver(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Art. 22 ¶2: a bureau transfers 涉法涉诉 letters to the 政法 organ, 检举控告 to 纪检监察."""
    route, unit = params["legal_route"], params.get("unit")
    organ = RECEIVING_ORGAN.get(route)
    if unit is None:
        if organ is None or case.holding_unit.unit_type != UnitType.PETITION_BUREAU:
            return  # Art. 23 / 31 (1)-(4): the unit tells the petitioner where to go
        if route == LegalRoute.LITIGATION and case.channel == Channel.VISIT:
            return  # Art. 22 ¶2: a visitor is given the law and guided to the 政法 organ
        raise GuardFailed(
            "第22条第二款：信访部门收到的涉法涉诉信件应当转送同级政法部门，检举控告类事项应当按照管理权限"
            f"转送纪检监察机关，请选择接收的{UnitType(organ).label}"
        )
    if organ is None:
        raise GuardFailed(f"“{LegalRoute(route).label}”导入相应程序，由信访人向有权机关提出，不转送单位；"
                          "请删去接收单位，在“告知信访人去向”中写明程序和机关")
    if unit.unit_type != organ:
        raise GuardFailed(f"“{unit.name}”不是{UnitType(organ).label}：{LegalRoute(route).label}"
                          f"应当转送{UnitType(organ).label}（第22条第二款）")
    target_in_jurisdiction(case, actor, params, action)


@guard
def competent_unit(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Art. 31 (5): the unit with the duty performs it or replies; a petition bureau transfers."""
    if case.holding_unit.unit_type == UnitType.PETITION_BUREAU:
        raise GuardFailed("信访部门不是履行查处、保护职责的机关：请转送有权处理的机关、单位，由其依法履行职责"
                          "或者答复（第22条、第31条第（五）项）")


@guard
def has_earlier_case(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Art. 36 / Art. 19: refusal needs an earlier case that was rechecked or is still in handling."""
    earlier: Case = params["earlier_case"]
    if earlier.pk == case.pk:
        raise GuardFailed("既往信访件不能是本件")
    in_handling = {Status.TRANSFERRED, Status.ASSIGNED, Status.ACCEPTED, Status.REVIEW_REQUESTED,
                   Status.RECHECK_REQUESTED}
    if earlier.status != Status.RECHECKED and earlier.status not in in_handling:
        raise GuardFailed(
            f"既往信访件{earlier.number}的状态为“{earlier.get_status_display()}”：只有已复核终结"
            "（第36条）或已受理、正在办理（第19条）的同一事项才能不再受理"
        )


def _running(case: Case, kind: DeadlineKind):  # noqa: ANN202
    return case.deadlines.filter(kind=kind, state__in=RUNNING_STATES).first()


@guard
def within_objection_period(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Art. 23: an objection comes within 5 working days of receipt."""
    deadline = _running(case, DeadlineKind.OBJECTION)
    if deadline is None or clock.today() > deadline.due_on:
        raise GuardFailed("已超过5个工作日的异议期（第23条），不能再退回")


@guard
def not_yet_extended(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Art. 34: the handling period may be extended once."""
    if case.extended:
        raise GuardFailed("办理期限已延长过一次，不能再次延期（第34条）")


def _current_stage(case: Case) -> str:
    return {
        Status.REVIEWED: Opinion.Stage.REVIEW,
        Status.RECHECKED: Opinion.Stage.RECHECK,
    }.get(case.status, _last_opinion_stage(case))


def _last_opinion_stage(case: Case) -> str:
    last = case.opinions.order_by("-issued_on", "-pk").first()
    return last.stage if last else Opinion.Stage.HANDLING


@guard
def not_yet_rated(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """One rating per written answer."""
    stage = _current_stage(case)
    if Rating.objects.filter(case=case, stage=stage).exists():
        raise GuardFailed("本阶段的答复已有满意度评价")
    params["stage"] = stage


@guard
def request_window_over_or_waived(case: Case, actor: Any, params: dict[str, Any],
                                  action: Action) -> None:
    """Close only when the petitioner's 30-day window is over or the petitioner accepts."""
    kind = DeadlineKind.RECHECK_REQUEST if case.status == Status.REVIEWED else DeadlineKind.REVIEW_REQUEST
    deadline = case.deadlines.filter(kind=kind).order_by("-pk").first()
    if deadline and clock.today() <= deadline.due_on and not params.get("waived"):
        raise GuardFailed(
            f"信访人申请{'复核' if kind == DeadlineKind.RECHECK_REQUEST else '复查'}的期限至"
            f"{deadline.due_on}尚未届满；如信访人表示服从，请勾选确认后办结"
        )


@guard
def within_request_window(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Art. 35/36: a 复查/复核 request comes within 30 days of receiving the written answer."""
    kind = (DeadlineKind.REVIEW_REQUEST if action == Action.REQUEST_REVIEW
            else DeadlineKind.RECHECK_REQUEST)
    name = "复查" if action == Action.REQUEST_REVIEW else "复核"
    if action == Action.REQUEST_REVIEW and case.opinions.filter(
            stage__in=[Opinion.Stage.REVIEW, Opinion.Stage.RECHECK]).exists():
        raise GuardFailed("本件已经复查，不能再次申请复查；对复查意见不服的可申请复核（第36条）")
    deadline = case.deadlines.filter(kind=kind).order_by("-pk").first()
    if deadline is None:
        raise GuardFailed(f"本件尚未出具可申请{name}的书面答复，不能登记{name}申请")
    if params["received_on"] > deadline.due_on:
        raise GuardFailed(
            f"申请{name}的期限已于{deadline.due_on}届满（自收到书面答复之日起30日，"
            f"{'第35条' if name == '复查' else '第36条'}）"
        )


@guard
def higher_unit(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Art. 35/36: the request goes to a unit above the one that answered."""
    answered_by = case.holding_unit
    unit = params["unit"]
    if unit.pk == answered_by.pk or not answered_by.is_within(unit):
        raise GuardFailed(f"应向“{answered_by.name}”的上级单位提出，“{unit.name}”不是其上级")
