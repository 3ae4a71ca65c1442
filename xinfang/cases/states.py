"""The petition workflow, declared once (DOMAIN.md "route map").

`TRANSITIONS` is the only description of what may happen to a case: from which states an action is
allowed, the state it leads to, who may take it, which legal clocks it starts and stops, and the
legal conditions (guards) checked before it. `xinfang.cases.workflow.case_transition` executes it;
the staff UI and the API list available actions from it; `manage.py draw_workflows` draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from xinfang.core.workflow import PETITIONER_ROLE, RESTORE
from xinfang.core.workflow import Transition as BaseTransition
from xinfang.deadlines.rules import DeadlineKind as K
from xinfang.orgs.models import Role as R


class Status(models.TextChoices):
    REGISTERED = "registered", _("已登记")
    TRANSFERRED = "transferred", _("已转送")
    ASSIGNED = "assigned", _("已交办")
    OBJECTED = "objected", _("已提出异议（待核实）")
    ROUTED = "routed", _("已导入法定程序")
    DUTY = "duty", _("依法履行职责中")
    DUTY_DONE = "duty_done", _("已依法履行或答复")
    ACCEPTED = "accepted", _("已受理（办理中）")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    NOT_REACCEPTED = "not_reaccepted", _("不再受理")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已办结")
    REVIEW_REQUESTED = "review_requested", _("复查中")
    REVIEWED = "reviewed", _("已复查")
    RECHECK_REQUESTED = "recheck_requested", _("复核中")
    RECHECKED = "rechecked", _("已复核（终结）")
    MERGED = "merged", _("已并案")


class Action(models.TextChoices):
    REGISTER = "register", _("登记")
    TRIAGE = "triage", _("甄别分类")
    TRANSFER = "transfer", _("转送")
    ASSIGN = "assign", _("交办")
    ROUTE = "route", _("导入法定程序")
    TAKE_UP = "take_up", _("依法履行职责")
    DISCHARGE = "discharge", _("记录履职情况或答复")
    ACCEPT = "accept", _("受理")
    NOT_ACCEPT = "not_accept", _("不予受理")
    NOT_ACCEPT_REPEAT = "not_accept_repeat", _("不予受理（向上级重复信访）")
    REFUSE_REPEAT = "refuse_repeat", _("不再受理")
    OBJECT = "object", _("提出异议")
    UPHOLD_OBJECTION = "uphold_objection", _("核实同意异议（退回）")
    REJECT_OBJECTION = "reject_objection", _("不同意异议")
    TO_ORDINARY = "to_ordinary", _("转为普通程序")
    LINK = "link", _("关联同一事项信访件")
    SHARE = "share", _("共享给参与办理的单位")
    RATE_BUREAU = "rate_bureau", _("记录对信访部门的评价")
    DELIVER = "deliver", _("登记文书送达")
    PAUSE_CLOCK = "pause_clock", _("期限中止计算")
    RESUME_CLOCK = "resume_clock", _("期限恢复计算")
    EXTEND = "extend", _("延期")
    ANSWER = "answer", _("出具处理意见")
    RATE = "rate", _("记录满意度评价")
    CLOSE = "close", _("办结")
    REQUEST_REVIEW = "request_review", _("登记复查申请")
    ANSWER_REVIEW = "answer_review", _("出具复查意见")
    REQUEST_RECHECK = "request_recheck", _("登记复核申请")
    ANSWER_RECHECK = "answer_recheck", _("出具复核意见")
    # the handling unit's working steps after 受理 (status-preserving, except MERGE)
    RECORD_PROGRESS = "record_progress", _("记录办理过程")
    DRAFT_OPINION = "draft_opinion", _("拟写意见书草稿")
    SUBMIT_DRAFT = "submit_draft", _("提交审签")
    RETURN_DRAFT = "return_draft", _("退回修改")
    REQUEST_EXTENSION = "request_extension", _("申请延期")
    REFUSE_EXTENSION = "refuse_extension", _("不批准延期")
    INSTRUCT = "instruct", _("领导批示")
    ASSIGN_OFFICER = "assign_officer", _("指定承办人")
    MERGE = "merge", _("并案办理")


class Outcome(models.TextChoices):
    """Art. 32: the three possible decisions."""

    SUPPORT = "support", _("予以支持")
    EXPLAIN = "explain", _("作出解释说明")
    REJECT = "reject", _("不予支持")


class LegalRoute(models.TextChoices):
    """Art. 31: items with their own legal procedure (1)-(5), and the petition route (6)."""

    LITIGATION = "litigation", _("（一）诉讼、复议、检察、公安程序")
    ARBITRATION = "arbitration", _("（二）仲裁")
    PARTY_APPEAL = "party_appeal", _("（三）党员申诉、申请复审")
    ADMINISTRATIVE = "administrative", _("（四）行政复议、裁决、确认、许可、处罚")
    RIGHTS_PROTECTION = "rights", _("（五）查处违法行为、保护合法权益")
    PETITION = "petition", _("（六）信访程序办理")
    DISCIPLINE = "discipline", _("检举控告（纪检监察）")


PROCEDURE_ROUTES = frozenset(set(LegalRoute) - {LegalRoute.PETITION})
# Routed away by ROUTE (Art. 22 ¶2, 31 (1)-(4)); route (5) stays with the unit: 依法履行或者答复.
ROUTED_AWAY = frozenset(PROCEDURE_ROUTES - {LegalRoute.RIGHTS_PROTECTION})

# Who acts: "holding" = staff of the unit that holds the case now; "jurisdiction" = staff of any
# unit that can see the case (e.g. the higher unit registering a 复查 request it received);
# "sending" = staff of the unit that transferred or assigned it (deciding an objection, Art. 23).
HOLDING, JURISDICTION, SENDING = "holding", "jurisdiction", "sending"
# "above" = staff of the holding unit or of a unit whose jurisdiction contains it (a leader's 批示).
ABOVE = "above"
# "receiving" = staff with a unit, registering what their unit received (a creating step: no case
# yet); the unit is a parameter, checked by the guard `receiving_unit`.
RECEIVING = "receiving"


INTAKE_STATES = frozenset({Status.REGISTERED, Status.TRANSFERRED, Status.ASSIGNED})
ANSWERED_STATES = frozenset(
    {Status.ANSWERED, Status.REVIEWED, Status.RECHECKED, Status.CLOSED}
)


@dataclass(frozen=True)
class Transition(BaseTransition):
    """A step of the case workflow: the engine's transition plus the legal clocks it moves.

    `target` None: the status stays (the action records something on the case); RESTORE: back to
    the status before the step this one decides on (an objection that is not upheld). `notice`:
    the written notice the step must issue (Art. 23, 32, 34, 35, 36); `internal`: taken by another
    part of the platform (a hearing pauses the 复核 clock...) through this same writer, not offered
    as a button on the case page."""

    starts: tuple[K, ...] = ()  # the 复查/复核 windows start on delivery of the answer (Art. 35, 36)
    stops: tuple[K, ...] = ()  # clocks this action fulfils (met on time or late)
    cancels: tuple[K, ...] = ()  # clocks that no longer apply after this action

    @property
    def targets(self) -> tuple[Status, ...]:
        """Every status the step may lead to (for drawing and reachability)."""
        if self.target is RESTORE:
            return tuple(sorted(RESTORES_TO.get(self.action, ()), key=list(Status).index))
        return (self.target,) if self.target else ()


def _t(action: Action, sources: set[Status], target: Status | None, roles: set[str], doc: str,
       *, starts: tuple[K, ...] = (), stops: tuple[K, ...] = (), cancels: tuple[K, ...] = (),
       guards: tuple[str, ...] = (), scope: str = HOLDING, notice: str = "",
       internal: bool = False) -> Transition:
    return Transition(action=action, sources=frozenset(sources), target=target,
                      roles=frozenset(roles), scope=scope, starts=starts, stops=stops,
                      cancels=cancels, guards=guards, doc=doc, notice=notice, internal=internal)


STAFF = {R.REGISTRAR, R.HANDLER, R.APPROVER}
# The petitioner on their own case, through the portal (core/workflow.PetitionerActor): the rating
# (Art. 21) and the 复查/复核 requests (Art. 35, 36); every other step is the staff's.
PETITIONER = {PETITIONER_ROLE}
#: The stages in which the holding unit writes a written answer (Art. 32, 35, 36): drafts live here.
ANSWERING = frozenset({Status.ACCEPTED, Status.REVIEW_REQUESTED, Status.RECHECK_REQUESTED})
#: Still being worked on by a unit: not ended, not closed, not merged into another case.
OPEN_STATES = frozenset(set(Status) - {Status.ROUTED, Status.NOT_ACCEPTED, Status.NOT_REACCEPTED,
                                       Status.RECHECKED, Status.DUTY_DONE, Status.CLOSED,
                                       Status.MERGED})
#: A case that can be merged into another, and that another can be merged into (并案).
MERGEABLE = frozenset(INTAKE_STATES | {Status.ACCEPTED})
#: Every clock that may run on a mergeable case: merged away, they no longer apply.
MERGE_CANCELS = (K.INTAKE, K.ACCEPTANCE_NOTICE, K.OBJECTION, K.ASSIGNMENT, K.HANDLING)
SIGN_OFF = ("sign_off_required", "opinion_content")  # guards of the three written answers
#: 复查/复核 answers also wait for the lawyer's opinion and the committee asked for (reviewboard)
REVIEWED_BY_BODY = ("review_inputs_in", *SIGN_OFF)
DECIDED = (K.INTAKE, K.ACCEPTANCE_NOTICE)  # the petitioner has been told where the item stands

TRANSITIONS: dict[Action, Transition] = {t.action: t for t in (
    # Creating: a registrar or handler at the unit that received the petition, or the petitioner
    # filing online (portal/services.portal_submit); the clock is the receiving unit's (Art. 22
    # for a petition bureau, Art. 23 for any other unit; none owed without an address, Art. 23 ¶2).
    _t(Action.REGISTER, set(), Status.REGISTERED, {R.REGISTRAR, R.HANDLER} | PETITIONER,
       gettext_noop("登记：信访人采用信息网络、书信、走访等形式提出的信访事项，收到的机关、单位予以登记并录入信访信息系统"
                    "（第17条、第21条）；信访部门15日内分别处理（第22条），其他机关、单位15日内告知信访人（第23条）。"),
       starts=(K.INTAKE, K.ACCEPTANCE_NOTICE), scope=RECEIVING, guards=("receiving_unit",),
       internal=True),
    _t(Action.TRIAGE, {Status.REGISTERED}, None, {R.REGISTRAR, R.HANDLER, R.APPROVER},
       gettext_noop("甄别分类：确定内容分类、信访目的和法定途径（第22条、第31条）；揭发控告须确定被反映人所在单位（第30条）。"),
       guards=("accusation_change_approved", "accused_unit_not_holder", "simplified_allowed")),
    _t(Action.TRANSFER, {Status.REGISTERED}, Status.TRANSFERRED, {R.REGISTRAR, R.HANDLER},
       gettext_noop("转送有权处理的机关、单位，15日内（第22条）；直接收到的单位转送本系统下级单位并告知去向（第23条）；收件单位15日内告知受理情况（第23条）。"),
       starts=(K.ACCEPTANCE_NOTICE, K.OBJECTION), stops=(K.INTAKE, K.ACCEPTANCE_NOTICE),
       guards=("accused_unit_named", "target_in_jurisdiction", "not_to_accused",
               "no_open_jurisdiction_dispute"),
       notice="transfer"),
    _t(Action.ASSIGN, {Status.REGISTERED}, Status.ASSIGNED, {R.REGISTRAR, R.HANDLER, R.APPROVER},
       gettext_noop("交办：指定办理期限并要求提交办结报告（第22条第一款第（三）项）。"),
       starts=(K.ACCEPTANCE_NOTICE, K.OBJECTION, K.ASSIGNMENT),
       stops=(K.INTAKE, K.ACCEPTANCE_NOTICE),
       guards=("accused_unit_named", "target_in_jurisdiction", "not_to_accused", "not_simplified",
               "no_open_jurisdiction_dispute"),
       notice="assignment"),
    _t(Action.ROUTE, INTAKE_STATES, Status.ROUTED, STAFF,
       gettext_noop("诉访分离：涉法涉诉信件转送同级政法部门、检举控告转送纪检监察机关（第22条第二款）；"
                    "第31条第（一）至（四）项事项导入相应程序；均告知信访人去向，并跟踪至办结。"),
       stops=DECIDED, cancels=(K.OBJECTION, K.ASSIGNMENT),
       guards=("route_receiver", "accused_unit_named", "not_to_accused", "no_open_jurisdiction_dispute"),
       notice="route"),
    _t(Action.TAKE_UP, INTAKE_STATES, Status.DUTY, STAFF,
       gettext_noop("申请查处违法行为、保护合法权益的事项，由本单位依法履行职责或者答复，书面告知信访人"
                    "（第31条第（五）项）。"),
       starts=(K.DUTY,), stops=DECIDED, cancels=(K.OBJECTION,),
       guards=("competent_unit", "accused_unit_named", "no_open_jurisdiction_dispute"),
       notice="duty"),
    _t(Action.DISCHARGE, {Status.DUTY}, Status.DUTY_DONE, STAFF,
       gettext_noop("记录依法履行职责的情况或者对信访人的答复（第31条第（五）项）。"),
       stops=(K.DUTY, K.ASSIGNMENT), guards=("joint_parts_adopted",)),
    _t(Action.ACCEPT, INTAKE_STATES, Status.ACCEPTED, STAFF,
       gettext_noop("受理：书面告知信访人，自受理之日起60日内办结（第23条、第34条；简易办理10个工作日）。"),
       starts=(K.HANDLING,), stops=DECIDED, cancels=(K.OBJECTION,),
       guards=("accused_unit_named", "no_open_jurisdiction_dispute"), notice="acceptance"),
    _t(Action.NOT_ACCEPT, INTAKE_STATES, Status.NOT_ACCEPTED, STAFF,
       gettext_noop("不予受理：书面告知信访人并说明理由（第23条）。"), stops=DECIDED,
       cancels=(K.OBJECTION, K.ASSIGNMENT), guards=("no_open_jurisdiction_dispute",), notice="non_acceptance"),
    _t(Action.NOT_ACCEPT_REPEAT, {Status.REGISTERED}, Status.NOT_ACCEPTED, STAFF,
       gettext_noop("不予受理：信访事项已经受理或者正在办理，信访人在规定期限内向受理、办理单位的上级又提出同一事项的，上级不予受理（第19条第三款）。"),
       stops=DECIDED, guards=("earlier_in_handling_below",), notice="repeat_refusal"),
    _t(Action.REFUSE_REPEAT, INTAKE_STATES, Status.NOT_REACCEPTED, STAFF,
       gettext_noop("不再受理：对复核意见不服，仍以同一事实和理由提出投诉请求的，不再受理（第36条第三款）。"),
       stops=DECIDED, cancels=(K.OBJECTION, K.ASSIGNMENT), guards=("earlier_rechecked",),
       notice="no_reacceptance"),
    _t(Action.OBJECT, {Status.TRANSFERRED, Status.ASSIGNED}, Status.OBJECTED,
       {R.HANDLER, R.APPROVER},
       gettext_noop("异议：不属于本单位职权范围的，收到之日起5个工作日内提出并详细说明理由，由转送、交办单位核实（第23条第三款）；告知信访人的期限照常计算。"),
       stops=(K.OBJECTION,), guards=("within_objection_period",)),
    _t(Action.UPHOLD_OBJECTION, {Status.OBJECTED}, Status.REGISTERED, {R.REGISTRAR, R.APPROVER},
       gettext_noop("核实同意异议：交还相关材料，由转送、交办单位重新依法处理，15日内转送或交办（第22条、第23条第三款）。"),
       cancels=(K.ACCEPTANCE_NOTICE, K.ASSIGNMENT), starts=(K.INTAKE,), scope=SENDING),
    _t(Action.REJECT_OBJECTION, {Status.OBJECTED}, RESTORE, {R.REGISTRAR, R.APPROVER},
       gettext_noop("不同意异议：说明理由，信访事项仍由收件单位依法办理（第23条第三款）。"),
       scope=SENDING),
    _t(Action.TO_ORDINARY, {Status.REGISTERED, Status.TRANSFERRED, Status.ACCEPTED}, None, STAFF,
       gettext_noop("简易办理转为普通程序：期限自原起算日按普通程序重新计算（国信办发〔2022〕17号，第34条）。"),
       guards=("is_simplified",)),
    _t(Action.EXTEND, {Status.ACCEPTED}, None, {R.APPROVER},
       gettext_noop("延期：经本单位负责人批准（批准承办人的延期申请，或由负责人直接决定）延长办理期限不超过30日，"
                    "并告知信访人理由；仅一次（第34条）。"),
       guards=("not_yet_extended", "extension_terms"), notice="extension"),
    _t(Action.ANSWER, {Status.ACCEPTED}, Status.ANSWERED, {R.APPROVER},
       gettext_noop("出具信访处理意见书：载明请求、事实和理由、处理意见及其依据（第32条），告知复查途径；"
                    "须审签的单位由负责人签发承办人提交的草稿，出具的即签发的草稿。"),
       starts=(K.REVIEW_REQUEST,), stops=(K.HANDLING, K.ASSIGNMENT),
       guards=("joint_parts_adopted", *SIGN_OFF), notice="opinion"),
    _t(Action.RATE, ANSWERED_STATES, None, STAFF | {R.SUPERVISOR} | PETITIONER,
       gettext_noop("记录信访人对办理情况的评价（第21条）。"), scope=JURISDICTION,
       guards=("not_yet_rated",), internal=True),
    _t(Action.CLOSE, {Status.ANSWERED, Status.REVIEWED}, Status.CLOSED, STAFF,
       gettext_noop("办结：意见书已送达，信访人未在期限内申请复查（复核）或表示服从。"),
       guards=("request_window_over_or_waived",)),
    _t(Action.REQUEST_REVIEW, {Status.ANSWERED, Status.CLOSED}, Status.REVIEW_REQUESTED,
       {R.REGISTRAR, R.HANDLER} | PETITIONER,
       gettext_noop("复查申请：收到书面答复之日起30日内向原办理单位的上一级提出；30日内答复（第35条）。"),
       starts=(K.REVIEW,), cancels=(K.REVIEW_REQUEST,), scope=JURISDICTION,
       guards=("within_request_window", "higher_unit")),
    _t(Action.ANSWER_REVIEW, {Status.REVIEW_REQUESTED}, Status.REVIEWED, {R.APPROVER},
       gettext_noop("出具复查意见书并书面答复（第35条）。"),
       starts=(K.RECHECK_REQUEST,), stops=(K.REVIEW,), guards=REVIEWED_BY_BODY, notice="review_opinion"),
    _t(Action.REQUEST_RECHECK, {Status.REVIEWED, Status.CLOSED}, Status.RECHECK_REQUESTED,
       {R.REGISTRAR, R.HANDLER} | PETITIONER,
       gettext_noop("复核申请：收到复查意见之日起30日内向复查机关的上一级提出；30日内答复，听证时间不计入（第36条）。"),
       starts=(K.RECHECK,), cancels=(K.RECHECK_REQUEST,), scope=JURISDICTION,
       guards=("within_request_window", "higher_unit")),
    _t(Action.ANSWER_RECHECK, {Status.RECHECK_REQUESTED}, Status.RECHECKED, {R.APPROVER},
       gettext_noop("出具复核意见：信访人仍以同一事实和理由提出的，不再受理（第36条）。"),
       stops=(K.RECHECK,), guards=REVIEWED_BY_BODY, notice="recheck_opinion"),
    # The handling unit's working steps (issue 15): recorded, drafted, approved, instructed, merged.
    _t(Action.RECORD_PROGRESS, ANSWERING | {Status.DUTY}, None, {R.HANDLER, R.APPROVER},
       gettext_noop("记录办理过程：电话、走访、约谈、会议、调查核实等及其材料（第28条“查明事实”）；意见书所称"
                    "“听取陈述、调查核实”以此为据（第31条第（六）项）。")),
    _t(Action.DRAFT_OPINION, ANSWERING, None, {R.HANDLER},
       gettext_noop("拟写意见书草稿：承办人起草处理（复查、复核）意见，载明请求、事实和理由、处理意见及依据"
                    "（第32条），报本单位负责人审签（本地审签制度）。"),
       guards=("draft_editable",)),
    _t(Action.SUBMIT_DRAFT, ANSWERING, None, {R.HANDLER},
       gettext_noop("提交审签：草稿提交本单位负责人（审批人）审核，由其签发或退回（本地审签制度）。"),
       guards=("draft_ready",)),
    _t(Action.RETURN_DRAFT, ANSWERING, None, {R.APPROVER},
       gettext_noop("退回修改：审批人写明修改意见，退回承办人修改后重新提交（本地审签制度）。"),
       guards=("draft_submitted",)),
    _t(Action.REQUEST_EXTENSION, {Status.ACCEPTED}, None, {R.HANDLER},
       gettext_noop("申请延期：情况复杂的，承办人说明理由，报本单位负责人批准，延长不超过30日，仅一次（第34条）。"),
       guards=("not_yet_extended", "no_extension_pending", "handling_clock_running")),
    _t(Action.REFUSE_EXTENSION, {Status.ACCEPTED}, None, {R.APPROVER},
       gettext_noop("不批准延期：负责人说明理由，仍须在原期限内办结（第34条）。"),
       guards=("extension_pending",)),
    _t(Action.INSTRUCT, OPEN_STATES, None, {R.LEADER},
       gettext_noop("领导批示：领导干部阅办群众来信和网上信访（第18条第二款），对信访件作出书面批示，置顶显示并"
                    "通知办理单位；不得透露给被检举、揭发的单位（第30条）。"),
       scope=ABOVE),
    _t(Action.ASSIGN_OFFICER, OPEN_STATES, None, {R.APPROVER},
       gettext_noop("指定承办人：单位负责人将信访件交本单位承办人办理或改派；与信访事项或者信访人有直接利害关系的"
                    "应当回避（第28条第三款）。"),
       guards=("officer_of_unit",)),
    _t(Action.MERGE, MERGEABLE, Status.MERGED, {R.REGISTRAR, R.APPROVER},
       gettext_noop("并案办理（本地工作规范，条例无专条；参照第19条第三款、第20条第三款）：同一单位办理的同一事项"
                    "重复信访件并入在办件，期限随主件，一并答复并告知每一位信访人。"),
       cancels=MERGE_CANCELS, guards=("merge_enabled", "same_matter")),
    # Status-preserving steps other apps take on a case: the case's own rows change only here.
    _t(Action.LINK, set(Status), None, STAFF | {R.SUPERVISOR},
       gettext_noop("关联同一事项的信访件：重复信访、群体性事项一并办理（第19条、第20条、第36条）；只能关联本单位管辖范围内可见的信访件（第30条）。"),
       scope=JURISDICTION, guards=("not_already_linked",), internal=True),
    _t(Action.SHARE, set(Status), None, STAFF | {R.SUPERVISOR},
       gettext_noop("共享：让依法参与办理的单位（如受委派的调解组织）查阅本件；不得共享给被检举、揭发的单位（第30条）。"),
       scope=JURISDICTION, internal=True),
    _t(Action.RATE_BUREAU, ANSWERED_STATES | {Status.REVIEW_REQUESTED, Status.RECHECK_REQUESTED},
       None, STAFF | {R.SUPERVISOR},
       gettext_noop("记录信访人对信访部门的评价：谁初次办理、谁负责公开、谁接受评价（第21条）；不满意的由信访部门回访。"),
       scope=JURISDICTION, guards=("bureau_not_yet_rated",), internal=True),
    _t(Action.DELIVER, set(Status), None, STAFF,
       gettext_noop("登记文书送达：书面答复送达之日起算信访人申请复查、复核的30日，更正送达日期的重新起算（第35条、第36条）。"),
       scope=JURISDICTION, internal=True),
    _t(Action.PAUSE_CLOCK, {Status.ACCEPTED, Status.RECHECK_REQUESTED}, None, STAFF,
       gettext_noop("期限中止：复核听证所需时间不计入复核期限（第36条第二款）；调解期间按本地访调对接规定不计入办理期限。"),
       scope=JURISDICTION, internal=True),
    _t(Action.RESUME_CLOCK, {Status.ACCEPTED, Status.RECHECK_REQUESTED}, None, STAFF,
       gettext_noop("期限恢复：听证或调解结束，中止的天数加到到期日上（第36条第二款）。"),
       scope=JURISDICTION, internal=True),
)}

#: The statuses a RESTORE step may return to (the sources of the step it decides on).
RESTORES_TO: dict[Action, frozenset[Status]] = {
    Action.REJECT_OBJECTION: frozenset({Status.TRANSFERRED, Status.ASSIGNED}),
}
#: The step whose source status a RESTORE step returns to.
RESTORE_FROM: dict[Action, Action] = {Action.REJECT_OBJECTION: Action.OBJECT}

TERMINAL = frozenset(
    {Status.ROUTED, Status.NOT_ACCEPTED, Status.NOT_REACCEPTED, Status.RECHECKED, Status.DUTY_DONE,
     Status.MERGED}
)
