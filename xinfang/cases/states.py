"""The petition workflow, declared once (DOMAIN.md "route map").

`TRANSITIONS` is the only description of what may happen to a case: from which states an action is
allowed, the state it leads to, who may take it, which legal clocks it starts and stops, and the
legal conditions (guards) checked before it. `xinfang.cases.workflow.case_transition` executes it;
the staff UI and the API list available actions from it; `manage.py draw_workflow` draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from xinfang.deadlines.rules import DeadlineKind as K
from xinfang.orgs.models import Role as R


class Status(models.TextChoices):
    REGISTERED = "registered", _("已登记")
    TRANSFERRED = "transferred", _("已转送")
    ASSIGNED = "assigned", _("已交办")
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


class Action(models.TextChoices):
    TRIAGE = "triage", _("甄别分类")
    TRANSFER = "transfer", _("转送")
    ASSIGN = "assign", _("交办")
    ROUTE = "route", _("导入法定程序")
    TAKE_UP = "take_up", _("依法履行职责")
    DISCHARGE = "discharge", _("记录履职情况或答复")
    ACCEPT = "accept", _("受理")
    NOT_ACCEPT = "not_accept", _("不予受理")
    REFUSE_REPEAT = "refuse_repeat", _("不再受理")
    OBJECT = "object", _("提出异议（退回）")
    EXTEND = "extend", _("延期")
    ANSWER = "answer", _("出具处理意见")
    RATE = "rate", _("记录满意度评价")
    CLOSE = "close", _("办结")
    REQUEST_REVIEW = "request_review", _("登记复查申请")
    ANSWER_REVIEW = "answer_review", _("出具复查意见")
    REQUEST_RECHECK = "request_recheck", _("登记复核申请")
    ANSWER_RECHECK = "answer_recheck", _("出具复核意见")


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
# unit that can see the case (e.g. the higher unit registering a 复查 request it received).
HOLDING, JURISDICTION = "holding", "jurisdiction"

INTAKE_STATES = frozenset({Status.REGISTERED, Status.TRANSFERRED, Status.ASSIGNED})
ANSWERED_STATES = frozenset(
    {Status.ANSWERED, Status.REVIEWED, Status.RECHECKED, Status.CLOSED}
)


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[Status]
    target: Status | None  # None: the status stays (the action records something on the case)
    roles: frozenset[str]
    scope: str
    starts: tuple[K, ...]
    stops: tuple[K, ...]  # clocks this action fulfils (met on time or late)
    cancels: tuple[K, ...]  # clocks that no longer apply after this action
    guards: tuple[str, ...]
    doc: str
    # The written notice this action must issue (a xinfang.documents DocumentKind value): the
    # action does not complete without it (Art. 23, 32, 34, 35, 36).
    notice: str = ""

    def target_from(self, status: Status) -> Status:
        return self.target or status


def _t(action: Action, sources: set[Status], target: Status | None, roles: set[str], doc: str,
       *, starts: tuple[K, ...] = (), stops: tuple[K, ...] = (), cancels: tuple[K, ...] = (),
       guards: tuple[str, ...] = (), scope: str = HOLDING, notice: str = "") -> Transition:
    return Transition(action, frozenset(sources), target, frozenset(roles), scope, starts, stops,
                      cancels, guards, doc, notice)


STAFF = {R.REGISTRAR, R.HANDLER, R.APPROVER}
DECIDED = (K.INTAKE, K.ACCEPTANCE_NOTICE)  # the petitioner has been told where the item stands

TRANSITIONS: dict[Action, Transition] = {t.action: t for t in (
    _t(Action.TRIAGE, {Status.REGISTERED}, None, {R.REGISTRAR, R.HANDLER},
       gettext_noop("甄别分类：确定内容分类、信访目的和法定途径（第22条、第31条）。")),
    _t(Action.TRANSFER, {Status.REGISTERED}, Status.TRANSFERRED, {R.REGISTRAR, R.HANDLER},
       gettext_noop("转送有权处理的机关、单位，15日内（第22条）；收件单位15日内告知受理情况（第23条）。"),
       starts=(K.ACCEPTANCE_NOTICE, K.OBJECTION), stops=(K.INTAKE,),
       guards=("target_in_jurisdiction", "not_to_accused"), notice="transfer"),
    _t(Action.ASSIGN, {Status.REGISTERED}, Status.ASSIGNED, {R.REGISTRAR, R.HANDLER, R.APPROVER},
       gettext_noop("交办：指定办理期限并要求提交办结报告（第22条第（三）项）。"),
       starts=(K.ACCEPTANCE_NOTICE, K.OBJECTION, K.ASSIGNMENT), stops=(K.INTAKE,),
       guards=("target_in_jurisdiction", "not_to_accused"), notice="assignment"),
    _t(Action.ROUTE, INTAKE_STATES, Status.ROUTED, STAFF,
       gettext_noop("诉访分离：涉法涉诉信件转送同级政法部门、检举控告转送纪检监察机关（第22条第二款）；"
                    "第31条第（一）至（四）项事项导入相应程序；均告知信访人去向，并跟踪至办结。"),
       stops=DECIDED, cancels=(K.OBJECTION, K.ASSIGNMENT),
       guards=("route_receiver", "not_to_accused"), notice="route"),
    _t(Action.TAKE_UP, INTAKE_STATES, Status.DUTY, STAFF,
       gettext_noop("申请查处违法行为、保护合法权益的事项，由本单位依法履行职责或者答复，书面告知信访人"
                    "（第31条第（五）项）。"),
       starts=(K.DUTY,), stops=DECIDED, cancels=(K.OBJECTION,), guards=("competent_unit",),
       notice="duty"),
    _t(Action.DISCHARGE, {Status.DUTY}, Status.DUTY_DONE, STAFF,
       gettext_noop("记录依法履行职责的情况或者对信访人的答复（第31条第（五）项）。"),
       stops=(K.DUTY, K.ASSIGNMENT)),
    _t(Action.ACCEPT, INTAKE_STATES, Status.ACCEPTED, STAFF,
       gettext_noop("受理：书面告知信访人，自受理之日起60日内办结（第23条、第34条）。"),
       starts=(K.HANDLING,), stops=DECIDED, cancels=(K.OBJECTION,), notice="acceptance"),
    _t(Action.NOT_ACCEPT, INTAKE_STATES, Status.NOT_ACCEPTED, STAFF,
       gettext_noop("不予受理：书面告知信访人并说明理由（第23条）。"), stops=DECIDED,
       cancels=(K.OBJECTION, K.ASSIGNMENT), notice="non_acceptance"),
    _t(Action.REFUSE_REPEAT, {Status.REGISTERED}, Status.NOT_REACCEPTED, STAFF,
       gettext_noop("不再受理：复核后同一事实和理由（第36条）、或已受理办理中的同一事项向上级重复提出（第19条）。"),
       stops=(K.INTAKE,), guards=("has_earlier_case",), notice="no_reacceptance"),
    _t(Action.OBJECT, {Status.TRANSFERRED, Status.ASSIGNED}, Status.REGISTERED,
       {R.HANDLER, R.APPROVER},
       gettext_noop("异议：不属于本单位职权范围的，收到之日起5个工作日内提出并说明理由，退回转送、交办单位（第23条）。"),
       stops=(K.OBJECTION,), cancels=(K.ACCEPTANCE_NOTICE, K.ASSIGNMENT), starts=(K.INTAKE,),
       guards=("within_objection_period",)),
    _t(Action.EXTEND, {Status.ACCEPTED}, None, {R.APPROVER},
       gettext_noop("延期：经负责人批准延长办理期限不超过30日，并告知信访人理由；仅一次（第34条）。"),
       guards=("not_yet_extended",), notice="extension"),
    _t(Action.ANSWER, {Status.ACCEPTED}, Status.ANSWERED, {R.APPROVER},
       gettext_noop("出具信访处理意见书：载明请求、事实和理由、处理意见及其依据（第32条），告知复查途径。"),
       starts=(K.REVIEW_REQUEST,), stops=(K.HANDLING, K.ASSIGNMENT), notice="opinion"),
    _t(Action.RATE, ANSWERED_STATES, None, STAFF | {R.SUPERVISOR},
       gettext_noop("记录信访人对办理情况的评价（第21条）。"), scope=JURISDICTION,
       guards=("not_yet_rated",)),
    _t(Action.CLOSE, {Status.ANSWERED, Status.REVIEWED}, Status.CLOSED, STAFF,
       gettext_noop("办结：意见书已送达，信访人未在期限内申请复查（复核）或表示服从。"),
       guards=("request_window_over_or_waived",)),
    _t(Action.REQUEST_REVIEW, {Status.ANSWERED, Status.CLOSED}, Status.REVIEW_REQUESTED,
       {R.REGISTRAR, R.HANDLER},
       gettext_noop("复查申请：收到书面答复之日起30日内向原办理单位的上一级提出；30日内答复（第35条）。"),
       starts=(K.REVIEW,), cancels=(K.REVIEW_REQUEST,), scope=JURISDICTION,
       guards=("within_request_window", "higher_unit")),
    _t(Action.ANSWER_REVIEW, {Status.REVIEW_REQUESTED}, Status.REVIEWED, {R.APPROVER},
       gettext_noop("出具复查意见书并书面答复（第35条）。"),
       starts=(K.RECHECK_REQUEST,), stops=(K.REVIEW,), notice="review_opinion"),
    _t(Action.REQUEST_RECHECK, {Status.REVIEWED, Status.CLOSED}, Status.RECHECK_REQUESTED,
       {R.REGISTRAR, R.HANDLER},
       gettext_noop("复核申请：收到复查意见之日起30日内向复查机关的上一级提出；30日内答复，听证时间不计入（第36条）。"),
       starts=(K.RECHECK,), cancels=(K.RECHECK_REQUEST,), scope=JURISDICTION,
       guards=("within_request_window", "higher_unit")),
    _t(Action.ANSWER_RECHECK, {Status.RECHECK_REQUESTED}, Status.RECHECKED, {R.APPROVER},
       gettext_noop("出具复核意见：信访人仍以同一事实和理由提出的，不再受理（第36条）。"),
       stops=(K.RECHECK,), notice="recheck_opinion"),
)}

TERMINAL = frozenset(
    {Status.ROUTED, Status.NOT_ACCEPTED, Status.NOT_REACCEPTED, Status.RECHECKED, Status.DUTY_DONE}
)


def actions_from(status: Status | str) -> list[Transition]:
    """Transitions whose sources include `status`, in table order."""
    return [t for t in TRANSITIONS.values() if status in t.sources]
