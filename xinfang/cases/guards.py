"""Legal conditions checked before an action (named in the workflow table's `guards`).

Each guard takes the locked case, the actor and the validated parameters and raises a DomainError
whose message tells the user which rule stops the action. A guard that reads only the case is marked
`@state_guard`: the engine's `allowed` runs it before a step is offered, so the page never offers a
step it would refuse (延期 after the one extension).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xinfang.core import clock
from xinfang.core.conf import get
from xinfang.core.errors import ConfidentialityViolation, GuardFailed, PermissionDenied
from xinfang.core.workflow import is_petitioner, state_guard
from xinfang.deadlines import services as deadlines
from xinfang.deadlines.models import RUNNING_STATES
from xinfang.deadlines.rules import DeadlineKind
from xinfang.orgs import selectors as orgs
from xinfang.orgs.models import UnitType

from .models import Case, Channel, Opinion, Rating
from .states import PROCEDURE_ROUTES, Action, LegalRoute, Status

Guard = Callable[[Case, Any, dict[str, Any], Action], None]
GUARDS: dict[str, Guard] = {}


def guard(fn: Guard) -> Guard:
    GUARDS[fn.__name__] = fn
    return fn


@guard
def receiving_unit(case: None, actor: Any, params: dict[str, Any], action: Action) -> None:
    """登记 (Art. 21-23): staff register what their own unit received; the petitioner's online
    filing goes to a petition bureau (the portal picks it by the place, Art. 22) or to the unit
    configured to receive online petitions (``XINFANG_PORTAL_UNIT``)."""
    unit = params["unit"]
    if is_petitioner(actor):
        if unit.unit_type != UnitType.PETITION_BUREAU and unit.code != (
                get("XINFANG_PORTAL_UNIT") or ""):
            raise GuardFailed(f"“{unit.name}”不接收网上信访，请向信访部门提出")
    elif unit.pk != actor.unit_id:
        raise PermissionDenied(f"只能登记本单位收到的信访件，不能登记为“{unit.name}”收到的信访件")


@guard
def target_in_jurisdiction(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """The receiving unit lies within the sender's jurisdiction and is not the sender itself."""
    unit = params["unit"]
    if unit.pk == case.holding_unit_id:
        raise GuardFailed("不能转送、交办给本单位")
    if not unit.is_within(orgs.jurisdiction_root(case.holding_unit)):
        raise GuardFailed(f"“{unit.name}”不在本单位的管辖范围内，无法转送、交办")


@guard
def not_to_accused(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Art. 30: accusation material never goes to the accused unit or a unit below it."""
    unit = params.get("unit")  # a route with guidance only sends nothing
    if unit is not None and case.closed_to(unit):
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


IN_HANDLING = frozenset({Status.TRANSFERRED, Status.ASSIGNED, Status.OBJECTED, Status.ACCEPTED,
                         Status.REVIEW_REQUESTED, Status.RECHECK_REQUESTED})


def _not_this_case(case: Case, earlier: Case) -> None:
    if earlier.pk == case.pk:
        raise GuardFailed("既往信访件不能是本件")


@guard
def earlier_in_handling_below(case: Case, actor: Any, params: dict[str, Any],
                              action: Action) -> None:
    """Art. 19 ¶3: only a higher unit refuses, and only while the earlier matter is in handling."""
    earlier: Case = params["earlier_case"]
    _not_this_case(case, earlier)
    if earlier.status not in IN_HANDLING:
        raise GuardFailed(
            f"既往信访件{earlier.number}的状态为“{earlier.get_status_display()}”：第19条只适用于"
            "已经受理或者正在办理的同一事项；已复核终结的同一事实和理由适用“不再受理”（第36条）"
        )
    handler = earlier.handling_unit or earlier.holding_unit
    own = case.holding_unit
    if handler.pk == own.pk or not handler.is_within(orgs.jurisdiction_root(own)):
        raise GuardFailed(
            f"第19条：只有受理、办理单位（{handler.name}）的上级机关、单位对同一事项不予受理；"
            f"“{own.name}”不是其上级。同一单位重复收到的，应与既往信访件合并办理"
        )
    overdue = earlier.deadlines.filter(
        kind__in=[DeadlineKind.HANDLING, DeadlineKind.ACCEPTANCE_NOTICE, DeadlineKind.REVIEW,
                  DeadlineKind.RECHECK],
        state__in=RUNNING_STATES, due_on__lt=clock.today()).first()
    if overdue is not None:
        raise GuardFailed(
            f"第19条：既往信访件{earlier.number}的{overdue.get_kind_display()}期限已于"
            f"{overdue.due_on}届满，信访人不是在规定期限内重复提出，上级应当受理并督办"
        )


@guard
def earlier_rechecked(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Art. 36 ¶3: not accepted again only after 复核, on the same facts and reasons."""
    earlier: Case = params["earlier_case"]
    _not_this_case(case, earlier)
    if earlier.status != Status.RECHECKED:
        raise GuardFailed(
            f"既往信访件{earlier.number}的状态为“{earlier.get_status_display()}”：只有已复核终结的"
            "同一事项，信访人仍以同一事实和理由提出的，才不再受理（第36条第三款）"
            + ("；正在办理中的同一事项向上级提出的，适用第19条“不予受理”"
               if earlier.status in IN_HANDLING else "")
        )
    if not params.get("same_facts"):
        raise GuardFailed("请核实并确认信访人是以同一事实和理由再次提出（第36条第三款）")


@guard
@state_guard
def within_objection_period(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Art. 23: an objection comes within 5 working days of receipt."""
    deadline = deadlines.running(case, DeadlineKind.OBJECTION)
    if deadline is None or clock.today() > deadline.due_on:
        raise GuardFailed("已超过5个工作日的异议期（第23条），不能再退回")


@guard
@state_guard
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
@state_guard
def not_yet_rated(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """One rating per written answer."""
    stage = _current_stage(case)
    if Rating.objects.filter(case=case, stage=stage).exists():
        raise GuardFailed("本阶段的答复已有满意度评价")
    params["stage"] = stage


#: The written answer whose receipt opens each window (Art. 35: 信访处理意见书, Art. 36: 复查意见).
WINDOW_OPINION = {DeadlineKind.REVIEW_REQUEST: Opinion.Stage.HANDLING,
                  DeadlineKind.RECHECK_REQUEST: Opinion.Stage.REVIEW}


def _window(case: Case, kind: DeadlineKind):  # noqa: ANN202
    """The latest window of `kind`; None while its answer has not been delivered (or not issued)."""
    return case.deadlines.filter(kind=kind).order_by("-pk").first()


@guard
def request_window_over_or_waived(case: Case, actor: Any, params: dict[str, Any],
                                  action: Action) -> None:
    """Art. 35/36: close only when the petitioner's 30 days from delivery are over, or on waiver."""
    kind = DeadlineKind.RECHECK_REQUEST if case.status == Status.REVIEWED else DeadlineKind.REVIEW_REQUEST
    name = "复核" if kind == DeadlineKind.RECHECK_REQUEST else "复查"
    if params.get("waived"):
        return
    unserved = unserved_merged_petitioners(case, kind)
    if unserved:
        names = "、".join(p.name for p in unserved)
        answer = "复查意见书" if kind == DeadlineKind.RECHECK_REQUEST else "信访处理意见书"
        raise GuardFailed(
            f"并案信访人{names}的{answer}尚未登记送达，其申请{name}的30日期间尚未起算，不能办结；"
            f"请在文书栏选择送达对象登记送达，或在信访人均表示服从时勾选确认后办结"
            f"（第{35 if name == '复查' else 36}条）")
    deadline = _window(case, kind)
    if deadline is None:  # not delivered: the period has not started, so it is not over
        answer = "复查意见书" if kind == DeadlineKind.RECHECK_REQUEST else "信访处理意见书"
        raise GuardFailed(
            f"{answer}尚未送达（未登记送达），信访人申请{name}的30日期间尚未起算，不能办结；"
            f"请先在文书栏登记送达，或在信访人表示服从时勾选确认后办结（第{35 if name == '复查' else 36}条）"
        )
    if clock.today() <= deadline.due_on:
        raise GuardFailed(
            f"信访人申请{name}的期限至{deadline.due_on}尚未届满；如信访人表示服从，请勾选确认后办结"
        )


def postmark_counts() -> bool:
    """Whether a request by post is timely by its postmark (settings.XINFANG_REQUEST_POSTMARK_COUNTS)."""
    return bool(get("XINFANG_REQUEST_POSTMARK_COUNTS"))


@guard
def within_request_window(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Art. 35/36: a 复查/复核 request comes within 30 days of receiving the written answer.

    Before the answer's delivery is recorded the period has not started, so a request is never late;
    a request by post counts from its postmark when XINFANG_REQUEST_POSTMARK_COUNTS is on.
    """
    kind = (DeadlineKind.REVIEW_REQUEST if action == Action.REQUEST_REVIEW
            else DeadlineKind.RECHECK_REQUEST)
    name = "复查" if action == Action.REQUEST_REVIEW else "复核"
    if action == Action.REQUEST_REVIEW and case.opinions.filter(
            stage__in=[Opinion.Stage.REVIEW, Opinion.Stage.RECHECK]).exists():
        raise GuardFailed("本件已经复查，不能再次申请复查；对复查意见不服的可申请复核（第36条）")
    if not case.opinions.filter(stage=WINDOW_OPINION[kind]).exists():
        raise GuardFailed(f"本件尚未出具可申请{name}的书面答复，不能登记{name}申请")
    if params.get("applicant") is not None:
        due_on = _applicants_last_day(case, kind, params["applicant"])
    else:
        deadline = _window(case, kind)
        due_on = deadline.due_on if deadline is not None else None
    if due_on is None:
        return  # the answer is not delivered (to this applicant) yet: the 30 days have not started
    article = "第35条" if name == "复查" else "第36条"
    posted = params.get("postmarked_on")
    if posted is not None and postmark_counts():
        if posted > due_on:
            raise GuardFailed(
                f"申请{name}的期限已于{due_on}届满：邮戳日期{posted}已超过期限"
                f"（自收到书面答复之日起30日，{article}）"
            )
        return  # posted in time: the days in the post are not counted
    if params["received_on"] > due_on:
        raise GuardFailed(
            f"申请{name}的期限已于{due_on}届满（自收到书面答复之日起30日，{article}）"
        )


def _window_document(case: Case, kind: DeadlineKind):  # noqa: ANN202
    """The latest written answer whose receipt opens the window `kind`."""
    from xinfang.documents.kinds import DocumentKind

    document_kind = (DocumentKind.OPINION if kind == DeadlineKind.REVIEW_REQUEST
                     else DocumentKind.REVIEW_OPINION)
    return case.documents.filter(kind=document_kind).order_by("-issued_at", "-pk").first()


def _applicants_last_day(case: Case, kind: DeadlineKind, applicant: int):  # noqa: ANN202
    """Art. 35/36 under 并案: the applicant's own 30 days, from their own receipt of the answer;
    None while it has not been served on them."""
    from xinfang.documents.services import delivered_to

    from .handling import merged_petitioners

    petitioner = next((p for p in merged_petitioners(case) if p.pk == applicant), None)
    if petitioner is None:
        raise GuardFailed("申请人不是本件（含并入本件的信访件）的信访人", field="applicant")
    document = _window_document(case, kind)
    received = delivered_to(document, petitioner) if document is not None else None
    if received is None:
        return None
    return deadlines.due_from(case=case, kind=kind, started_on=received)


def unserved_merged_petitioners(case: Case, kind: DeadlineKind) -> list:
    """并案: the merged cases' petitioners on whom the answer opening `kind` has not been served."""
    from xinfang.documents.services import separate_recipients

    others = separate_recipients(case)
    if not others:
        return []
    document = _window_document(case, kind)
    served = (set(document.deliveries.exclude(recipient=None).values_list("recipient", flat=True))
              if document is not None else set())
    return [p for p in others if p.pk not in served]


def answering_unit(case: Case, action: Action):  # noqa: ANN201
    """The unit whose written answer a 复查 (复核) request challenges: the issuer of the 处理意见
    (the 复查意见); the holder when none is recorded."""
    stage = Opinion.Stage.HANDLING if action == Action.REQUEST_REVIEW else Opinion.Stage.REVIEW
    opinion = case.opinions.filter(stage=stage).select_related("unit__parent").first()
    return opinion.unit if opinion else case.holding_unit


def review_unit(case: Case, action: Action):  # noqa: ANN201
    """Art. 35/36: the 上一级 of the answering unit, or None at the top of the tree."""
    return orgs.higher_unit(answering_unit(case, action))


@guard
def higher_unit(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Art. 35/36: 复查 goes to the next-higher unit of the one that answered; 复核 one above that."""
    answered_by = answering_unit(case, action)
    unit = params["unit"]
    right = orgs.higher_unit(answered_by)
    name = "复查" if action == Action.REQUEST_REVIEW else "复核"
    article = "第35条" if action == Action.REQUEST_REVIEW else "第36条"
    if right is None:
        raise GuardFailed(f"“{answered_by.name}”没有上一级机关、单位，无法登记{name}申请（{article}）")
    if unit.pk != right.pk:
        raise GuardFailed(
            f"{name}申请应向“{right.name}”（{'原办理' if name == '复查' else '复查'}单位"
            f"“{answered_by.name}”的上一级机关、单位）提出，“{unit.name}”不是（{article}）"
        )


# --- Art. 30: accusations ----------------------------------------------------------------------

@guard
def accused_unit_named(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Art. 30: an accusation is routed or handled only once the accused's unit is known."""
    if action == Action.ROUTE and params.get("unit") is None:
        return  # guidance only: the material goes nowhere
    if case.is_accusation and not case.accused_unit_id:
        raise GuardFailed(
            "第30条：揭发控告类事项须先在“甄别分类”中确定被反映人所在单位"
            f"{'（被反映人：' + case.accused_person + '）' if case.accused_person else ''}，"
            "才能转送、交办或受理，以免材料转给被检举、揭发的人员或单位"
        )


@guard
def accusation_change_approved(case: Case, actor: Any, params: dict[str, Any],
                               action: Action) -> None:
    """Art. 30: lifting or moving an accusation's protection needs an approver and a reason."""
    from xinfang.orgs.models import Role

    if not case.is_accusation:
        return
    new_purpose = params.get("purpose") or case.purpose
    new_unit = params.get("accused_unit")
    lifts = new_purpose != case.purpose
    moves = (case.accused_unit_id is not None and new_unit is not None
             and new_unit.pk != case.accused_unit_id)
    if not (lifts or moves):
        return
    what = "将信访目的由“揭发控告”改为其他" if lifts else "更改被反映单位"
    if not actor.has_role(Role.APPROVER):
        raise PermissionDenied(f"第30条：{what}会解除或改变对检举人的保护，须由审批人办理")
    if not (params.get("reason") or "").strip():
        raise GuardFailed(f"第30条：{what}须说明理由（记入办理记录）")


@guard
def accused_unit_not_holder(case: Case, actor: Any, params: dict[str, Any],
                            action: Action) -> None:
    """Art. 30: the unit holding an accusation cannot be (or be under) the accused unit."""
    from .models import Purpose

    unit = params.get("accused_unit")
    purpose = params.get("purpose") or case.purpose
    if purpose == Purpose.ACCUSATION and unit is not None and case.holding_unit.is_within(unit):
        raise ConfidentialityViolation(
            f"第30条：本单位（{case.holding_unit.name}）是被反映单位或其下属单位，不得办理对其的检举、"
            "揭发；请将材料报送上级信访部门或纪检监察机关"
        )


# --- 简易办理 ------------------------------------------------------------------------------------

def simplified_blockers(case: Case, *, legal_route: str = "", purpose: str = "") -> list[str]:
    """Why a case may not be handled by the simplified procedure (国信办发〔2022〕17号), as configured."""
    from .models import Purpose

    excluded = set(get("XINFANG_SIMPLIFIED_EXCLUDE"))
    route = legal_route or case.legal_route
    checks = {
        "procedure_route": (route in PROCEDURE_ROUTES, "属依法导入法定程序的事项"),
        "repeat": (not case.is_first_time, "非初次信访"),
        "collective": (case.is_collective or case.headcount >= 5, "集体或多人事项"),
        "assigned": (bool(case.sending_unit_id) or case.status == Status.ASSIGNED, "上级交办事项"),
        "accusation": ((purpose or case.purpose) == Purpose.ACCUSATION, "揭发控告事项"),
    }
    return [label for key, (hit, label) in checks.items() if key in excluded and hit]


@guard
def simplified_allowed(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """国信办发〔2022〕17号: the simplified procedure's exclusions hold at manual triage too."""
    if not params.get("simplified"):
        return
    blockers = simplified_blockers(case, legal_route=params.get("legal_route") or "",
                                   purpose=params.get("purpose") or "")
    if blockers:
        raise GuardFailed("不适用简易办理：" + "、".join(blockers) + "（国信办发〔2022〕17号）")


@guard
@state_guard
def not_simplified(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Items assigned by a higher unit are excluded from the simplified procedure."""
    if case.simplified:
        raise GuardFailed("简易办理事项不交办；确需交办的，请先“转为普通程序”（国信办发〔2022〕17号）")


@guard
@state_guard
def is_simplified(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Only a case under the simplified procedure can be converted back to the ordinary one."""
    if not case.simplified:
        raise GuardFailed("本件不是简易办理事项，无需转为普通程序")


@guard
def not_already_linked(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """A link is made once; a case is not its own earlier case."""
    other: Case = params["earlier_case"]
    _not_this_case(case, other)
    if case.related_cases.filter(pk=other.pk).exists():
        raise GuardFailed(f"已与信访件{other.number}关联")


# --- the handling unit's working steps (issue 15) ---------------------------------------------------

def _draft(case: Case):  # noqa: ANN202
    from .handling import current_draft

    return current_draft(case)


@guard
@state_guard
def draft_editable(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """A draft awaiting the approver is not changed under them: they sign it or return it."""
    from .models import OpinionDraft

    draft = _draft(case)
    if draft is not None and draft.state == OpinionDraft.State.SUBMITTED:
        raise GuardFailed("草稿已提交审签，须待审批人签发或退回后才能修改")


@guard
@state_guard
def draft_ready(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Only a draft being written (or returned for changes) is submitted."""
    from .models import OpinionDraft

    draft = _draft(case)
    if draft is None:
        raise GuardFailed("尚无意见书草稿，请先拟写草稿")
    if draft.state not in (OpinionDraft.State.DRAFT, OpinionDraft.State.RETURNED):
        raise GuardFailed(f"草稿当前为“{draft.get_state_display()}”，不能提交审签")


@guard
@state_guard
def draft_submitted(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """The approver returns only a draft submitted to them."""
    from .models import OpinionDraft

    draft = _draft(case)
    if draft is None or draft.state != OpinionDraft.State.SUBMITTED:
        raise GuardFailed("没有待审签的意见书草稿")


@guard
@state_guard
def sign_off_required(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Where the unit signs drafts off (XINFANG_OPINION_SIGN_OFF), no answer without a submitted draft."""
    from .handling import unit_signs_off
    from .models import OpinionDraft

    draft = _draft(case)
    if draft is not None and draft.state == OpinionDraft.State.SUBMITTED:
        return
    if unit_signs_off(case.holding_unit):
        raise GuardFailed("本单位实行审签：意见书须由承办人拟稿并提交审签，由负责人签发；"
                          "目前没有待审签的草稿")


@guard
def opinion_content(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """The opinion issued is exactly the signed draft; a direct answer states all of Art. 32's parts."""
    from xinfang.core import workflow as engine

    from .forms import DRAFT_FIELDS, AnswerForm
    from .models import OpinionDraft

    draft = _draft(case)
    if draft is not None and draft.state == OpinionDraft.State.SUBMITTED:
        changed = [f for f in DRAFT_FIELDS
                   if params.get(f) and str(params[f]).strip() != str(getattr(draft, f)).strip()]
        if changed:
            raise GuardFailed("签发即按提交的草稿出具意见，不能在签发时改动内容；需要修改的，请退回承办人",
                              fields=changed)
        params.update({f: getattr(draft, f) for f in DRAFT_FIELDS}, draft=draft.pk)
        return
    content = engine.clean(AnswerForm, {f: params.get(f) or "" for f in DRAFT_FIELDS})
    params.update({f: content[f] for f in DRAFT_FIELDS})  # the delivery fields stay as given
    if draft is not None and draft.state != OpinionDraft.State.SIGNED:
        params["superseded_draft"] = draft.pk


def _pending(case: Case):  # noqa: ANN202
    from .handling import pending_extension

    return pending_extension(case)


@guard
@state_guard
def no_extension_pending(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """One request at a time: the head decides it before another is made."""
    if _pending(case) is not None:
        raise GuardFailed("已有待批准的延期申请")


@guard
@state_guard
def extension_pending(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Only a pending request is refused."""
    if _pending(case) is None:
        raise GuardFailed("没有待批准的延期申请")


@guard
@state_guard
def handling_clock_running(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Art. 34: an extension lengthens the running 60-day handling period."""
    if deadlines.running(case, DeadlineKind.HANDLING) is None:
        raise GuardFailed("本件没有正在计算的办理期限，无需申请延期")


@guard
def extension_terms(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Art. 34: the head approves the pending request (at most the days asked) or decides directly,
    and the petitioner is told the reason either way."""
    request = _pending(case)
    if request is not None:
        days = params.get("days") or request.days
        if days > request.days:
            raise GuardFailed(f"批准的延长天数不能超过申请的{request.days}日", field="days")
        params.update(days=days, reason=(params.get("reason") or "").strip() or request.reason,
                      request=request.pk)
        return
    from django import forms

    from xinfang.core.errors import InvalidParams

    required = str(forms.Field.default_error_messages["required"])
    errors = {f: [required] for f in ("days", "reason") if not params.get(f)}
    if errors:
        raise InvalidParams("填写有误：没有待批准的延期申请，直接决定延期须填写延长天数和理由（第34条）",
                            errors=errors)


@guard
def officer_of_unit(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """The officer is a handler (承办人) of the holding unit, and someone else than the current one."""
    from xinfang.orgs.models import Role

    officer = params["officer"]
    if officer.unit_id != case.holding_unit_id or not officer.has_role(Role.HANDLER):
        raise GuardFailed(f"“{officer}”不是{case.holding_unit.name}的承办人", field="officer")
    if officer.pk == case.assigned_officer_id:
        raise GuardFailed(f"“{officer}”已是本件承办人", field="officer")


@guard
@state_guard
def merge_enabled(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """并案办理 is local practice (XINFANG_CASE_MERGE)."""
    from .handling import merge_enabled as enabled

    if not enabled():
        raise GuardFailed("本地未启用并案办理（XINFANG_CASE_MERGE）")


@guard
def same_matter(case: Case, actor: Any, params: dict[str, Any], action: Action) -> None:
    """Merge only the same matter, both open with the same unit, never across Art. 30's wall."""
    from .states import MERGEABLE

    into: Case = params["into"]
    if into.pk == case.pk:
        raise GuardFailed("不能并入本件", field="into")
    if into.status not in MERGEABLE:
        raise GuardFailed(f"信访件{into.number}的状态为“{into.get_status_display()}”，只能并入尚未答复的在办件",
                          field="into")
    if into.holding_unit_id != case.holding_unit_id:
        raise GuardFailed(f"信访件{into.number}不由本单位办理：并案须同一办理单位；请先依法转送、交办",
                          field="into")
    if case.merged_cases.exists():
        raise GuardFailed("已有信访件并入本件，请将其他件并入本件，而不是将本件并出")
    shared = case.parties.filter(petitioner__parties__case=into).exists()
    linked = (case.related_cases.filter(pk=into.pk).exists()
              or into.related_cases.filter(pk=case.pk).exists())
    if not (shared or linked):
        raise GuardFailed(f"本件与{into.number}既无相同信访人，也未关联为同一事项，不能并案；"
                          "属同一事项的请先关联", field="into")
    if case.is_accusation or into.is_accusation:
        if not (case.is_accusation and into.is_accusation
                and case.accused_unit_id == into.accused_unit_id):
            raise ConfidentialityViolation("第30条：揭发控告事项只能与针对同一被反映单位的揭发控告事项并案，"
                                           "以免检举人的情况为其他单位知悉")
    for one, other in ((case, into), (into, case)):
        for access in other.access.select_related("unit"):
            if one.closed_to(access.unit):
                raise ConfidentialityViolation("第30条：另一件可由被检举、揭发的单位查阅，不能并案")
