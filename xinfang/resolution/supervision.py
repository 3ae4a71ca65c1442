"""Supervision (Art. 38-40): 督办/催办 orders, 领导包案, 三项建议 letters.

Orders and letters carry their own due dates (`Escalating.due_on`); an overdue one climbs the unit
tree one level per step (see `escalation.py`). Art. 40: the bureau supervises (督办) units that handle
items in breach of the rules and proposes 改进工作; reports policy problems to its own party committee
and government with a 完善政策 proposal; proposes 追究责任 to the unit with management authority; the
receiver "应当书面反馈采纳情况".
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from xinfang.cases.models import Case
from xinfang.cases.states import INTAKE_STATES
from xinfang.cases.states import Status as CaseStatus
from xinfang.core import clock, numbering
from xinfang.core.errors import GuardFailed
from xinfang.core.workflow import state_guard
from xinfang.documents import papers
from xinfang.orgs.models import Role as R
from xinfang.orgs.models import Unit, UnitType
from xinfang.orgs.selectors import (
    bureau_for,
    higher_unit,
    in_jurisdiction,
    supervises,
)

from .common import due_after, practice
from .events import detail
from .forms import (
    AnswerForm,
    AssignLeaderForm,
    AutoIssueForm,
    EmptyForm,
    IssueForm,
    NoteForm,
    RecommendationForm,
    ReleaseForm,
    ReplyForm,
    ReturnForm,
)
from .machine import SYSTEM, Flow, T, is_system, run, start
from .models import LeaderAssignment, Recommendation, SupervisionOrder
from .selectors import visible_assignments, visible_orders, visible_recommendations

SUPERVISING = {R.SUPERVISOR, R.LEADER}
TARGET_STAFF = {R.HANDLER, R.APPROVER}
IN_HANDLING = INTAKE_STATES | {CaseStatus.ACCEPTED, CaseStatus.REVIEW_REQUESTED,
                               CaseStatus.RECHECK_REQUESTED}


def _escalate_effect(item: Any, actor: Any, p: dict[str, Any]) -> dict:
    """One level up the unit tree from where the item is watched now."""
    base = item.watch_unit or getattr(item, "issuing_unit", None) or item.unit
    above = higher_unit(base)
    if above is None:
        raise GuardFailed("已升级至最高层级")
    item.watch_unit = above
    item.escalation_level += 1
    item.escalated_on = clock.today()
    note = (f"超期{(clock.today() - item.due_on).days}日，第{item.escalation_level}级升级，"
            f"报{item.watch_unit.name}督查员、领导关注")
    _tell_watchers(item, note)  # the message to people, in Chinese; the record keeps the data
    return detail("escalated", days=(clock.today() - item.due_on).days,
                  level=item.escalation_level, unit=item.watch_unit.name)


def _tell_watchers(item: Any, note: str) -> None:
    """Art. 43: the unit an overdue item climbs to is told, in-app (and by e-mail where set), at its
    supervisors and leaders. Art. 30 holds by the tree: the item climbs from a unit that may see the
    case, so every unit above it is outside the accused unit too (else that unit would be inside)."""
    from xinfang.notifications.services import notify_unit

    case = getattr(item, "case", None)
    kind = item._meta.verbose_name
    about = f"（信访件{case.number}）" if case is not None else ""
    notify_unit(unit=item.watch_unit, case=case, roles=SUPERVISING,
                subject=f"超期升级：{kind}{about}", body=f"{kind}{about}{note}。请督促办理（第43条）。")


# ---- 督办/催办 ----------------------------------------------------------------------------------

OS = SupervisionOrder.Status


class OrderAction(models.TextChoices):
    ISSUE = "issue", _("下达督办/催办")
    AUTO_ISSUE = "auto_issue", _("超期自动催办")
    REPLY = "reply", _("回复督办")
    ACCEPT = "accept", _("认可回复、办结")
    RETURN = "return", _("退回重办")
    ESCALATE = "escalate", _("超期升级")


ORDER_TABLE = {t.action: t for t in (
    T(OrderAction.ISSUE, set(), OS.OPEN, SUPERVISING, "above",
      gettext_noop("信访部门对推诿、敷衍、拖延等情形及时督办（第40条），疑难复杂问题列入督查（第38条）。")),
    T(OrderAction.AUTO_ISSUE, set(), OS.OPEN, {SYSTEM}, "system",
      gettext_noop("法定期限超期，系统自动向责任单位催办（第40条、第44条）。")),
    T(OrderAction.REPLY, {OS.OPEN}, OS.REPLIED, TARGET_STAFF, "target",
      gettext_noop("被督办单位在督办期限内书面回复办理情况（第40条）。")),
    T(OrderAction.ACCEPT, {OS.REPLIED}, OS.CLOSED, SUPERVISING, "issuer",
      gettext_noop("督办单位认可回复，督办事项办结（第40条）。")),
    T(OrderAction.RETURN, {OS.REPLIED}, OS.OPEN, SUPERVISING, "issuer",
      gettext_noop("回复不符合要求的，退回重办并重新确定回复期限（第40条）。")),
    T(OrderAction.ESCALATE, {OS.OPEN}, None, {SYSTEM}, "system",
      gettext_noop("督办超期未回复，逐级上报上一级单位督查员和领导（第43条：应当履行督办职责）。")),
)}


def _issue(actor: Any, p: dict[str, Any], case: Case) -> SupervisionOrder:
    days = p.get("days") or practice("SUPERVISION_DAYS")[p["kind"]]
    today = clock.today()
    return SupervisionOrder(case=case, kind=p["kind"], issuing_unit=actor.unit, issued_by=actor,
                            target_unit=case.holding_unit, issued_on=today, instructions=p[
                                "instructions"], due_on=due_after(today, days))


def _issued_by_hand(o: SupervisionOrder, actor: Any, p: dict[str, Any]) -> dict | None:
    """Art. 40: the supervised unit (the one holding the case) is told at once, in-app (and by
    e-mail where set), at its handlers and approvers; a 督办 comes with its numbered 督办函 on the
    case, issued by the supervising unit. Never the accused unit: it does not hold the case (Art. 30)."""
    from xinfang.documents.kinds import DocumentKind
    from xinfang.documents.services import document_issue
    from xinfang.notifications.services import notify_unit

    case, kind = o.case, o.get_kind_display()
    notify_unit(unit=o.target_unit, case=case, roles=TARGET_STAFF,
                subject=f"{o.issuing_unit.name}{kind}：信访件{case.number}",
                body=f"{o.issuing_unit.name}对信访件{case.number}（{case.title}）下达{kind}："
                     f"{o.instructions}。请于{o.due_on:%Y年%m月%d日}前书面回复办理情况（第40条）。")
    if o.kind != SupervisionOrder.Kind.DUBAN:
        return None
    letter = document_issue(case=case, kind=DocumentKind.SUPERVISION, actor=actor,
                            unit=o.issuing_unit, fields={
                                "to_unit": o.target_unit.name, "problem": o.instructions,
                                "due_on": o.due_on})
    return detail("letter", number=letter.number, unit=o.target_unit.name)


def _auto_issue(actor: Any, p: dict[str, Any], case: Case) -> SupervisionOrder:
    from xinfang.deadlines.models import Deadline

    d = Deadline.objects.select_related("unit").get(pk=p["deadline"])
    target = d.unit or case.holding_unit
    # A bureau late on its own clock is pressed by its own party committee and government
    # (Art. 43: 由其上级机关责令改正); any other unit by the bureau that serves it.
    issuer = (higher_unit(target) if target.unit_type == UnitType.PETITION_BUREAU else
              bureau_for(target)) or target
    today = clock.today()
    return SupervisionOrder(
        case=case, kind=SupervisionOrder.Kind.CUIBAN, issuing_unit=issuer,
        target_unit=target, issued_on=today, deadline=d,
        instructions=f"{d.get_kind_display()}已于{d.due_on}到期（{d.article}），请立即办理并回复。",
        due_on=due_after(today, practice("SUPERVISION_DAYS")["cuiban"]))


@state_guard
def _not_self(case: Case | None, actor: Any, p: dict[str, Any],
              action: Any) -> None:
    assert case is not None
    if case.status not in IN_HANDLING:
        raise GuardFailed(f"信访件当前状态为“{case.get_status_display()}”，不在办理中，无需督办")
    if case.holding_unit_id == actor.unit_id:
        raise GuardFailed("不能督办本单位")


def _reply(o: SupervisionOrder, actor: Any, p: dict[str, Any]) -> None:
    o.reply_text = p["reply_text"]
    o.replied_on = clock.today()


def _return(o: SupervisionOrder, actor: Any, p: dict[str, Any]) -> dict:
    o.rounds += 1
    o.due_on = due_after(clock.today(), p["days"])
    return detail("reply_due", due_on=str(o.due_on))


def _above(actor: Any, o: Any, case: Case | None) -> bool:
    return case is not None and supervises(actor.unit)


def _issuer(actor: Any, item: Any, case: Case | None) -> bool:
    """The issuing unit, or a unit the overdue item was escalated to."""
    return item is not None and actor.unit_id in (item.issuing_unit_id, item.watch_unit_id)


ORDER_FLOW = Flow(
    name="order", label="督办", model=SupervisionOrder, actions=OrderAction, table=ORDER_TABLE,
    forms={OrderAction.ISSUE: IssueForm, OrderAction.AUTO_ISSUE: AutoIssueForm,
           OrderAction.REPLY: ReplyForm, OrderAction.ACCEPT: NoteForm,
           OrderAction.RETURN: ReturnForm, OrderAction.ESCALATE: EmptyForm},
    effects={OrderAction.ISSUE: _issue, OrderAction.AUTO_ISSUE: _auto_issue,
             OrderAction.REPLY: _reply, OrderAction.RETURN: _return,
             OrderAction.ESCALATE: _escalate_effect},
    post={OrderAction.ISSUE: _issued_by_hand},
    guards={OrderAction.ISSUE: (_not_self,)},
    scopes={"above": _above, "system": lambda a, o, c: is_system(a),
            "target": lambda a, o, c: o is not None and a.unit_id == o.target_unit_id,
            "issuer": _issuer},
    visible=visible_orders,
)


def order_issue(*, case_id: int, actor: Any, params: dict[str, Any]) -> SupervisionOrder:
    """A supervisor orders the unit holding the case to act and reply by a date (Art. 40)."""
    return start(ORDER_FLOW, action=OrderAction.ISSUE, actor=actor, params=params,
                 case_id=case_id)


def order_transition(*, order_id: int, action: OrderAction | str, actor: Any,
                     params: dict[str, Any] | None = None) -> SupervisionOrder:
    """The only writer of `SupervisionOrder.status` after issue."""
    return run(ORDER_FLOW, record_id=order_id, action=action, actor=actor, params=params)


# ---- 领导包案 -------------------------------------------------------------------------------------

LS = LeaderAssignment.Status


class LeaderAction(models.TextChoices):
    ASSIGN = "assign", _("确定包案领导")
    RELEASE = "release", _("包案销号")


LEADER_TABLE = {t.action: t for t in (
    T(LeaderAction.ASSIGN, set(), LS.ACTIVE, SUPERVISING | {R.APPROVER}, "above",
      gettext_noop("疑难复杂信访问题由领导包案，一名领导对一件信访事项负总责（第10条、第38条）。")),
    T(LeaderAction.RELEASE, {LS.ACTIVE}, LS.RELEASED, SUPERVISING | {R.APPROVER}, "leader",
      gettext_noop("事项化解或依法终结后包案销号（第37条第三款：终结后仍应做好化解帮扶）。")),
)}


def _leader_fits(case: Case | None, actor: Any, p: dict[str, Any],
                 action: Any) -> None:
    assert case is not None
    leader = p["leader"]
    if not in_jurisdiction(leader, case.holding_unit):
        raise GuardFailed(f"{leader}所在单位不能管辖本件，应由本级或上级领导包案")


@state_guard
def _no_leader_yet(case: Case | None, actor: Any, p: dict[str, Any], action: Any) -> None:
    """One leader answers for one matter (第10条、第38条); only while the case is in handling."""
    assert case is not None
    if case.status not in IN_HANDLING:
        raise GuardFailed(f"信访件当前状态为“{case.get_status_display()}”，不在办理中，无需包案")
    if case.leader_assignments.filter(status=LS.ACTIVE).exists():
        raise GuardFailed("本件已有包案领导")


@state_guard
def _resolved(a: LeaderAssignment, actor: Any, p: dict[str, Any],
              action: Any) -> None:
    if a.case.status in IN_HANDLING:
        raise GuardFailed("信访件仍在办理中，化解或依法终结后方可销号")


def _assign_leader(actor: Any, p: dict[str, Any], case: Case) -> LeaderAssignment:
    return LeaderAssignment(case=case, leader=p["leader"], assigned_by=actor,
                            assigned_on=clock.today(), plan=p["plan"])


def _release(a: LeaderAssignment, actor: Any, p: dict[str, Any]) -> dict:
    a.released_on = clock.today()
    a.result = p["result"]
    return detail("leader", leader=str(a.leader))


LEADER_FLOW = Flow(
    name="leader", label="领导包案", model=LeaderAssignment, actions=LeaderAction,
    table=LEADER_TABLE, forms={LeaderAction.ASSIGN: AssignLeaderForm,
                               LeaderAction.RELEASE: ReleaseForm},
    effects={LeaderAction.ASSIGN: _assign_leader, LeaderAction.RELEASE: _release},
    guards={LeaderAction.ASSIGN: (_no_leader_yet, _leader_fits), LeaderAction.RELEASE: (_resolved,)},
    scopes={"above": _above,
            "leader": lambda a, x, c: x is not None and (a.pk == x.leader_id
                                                         or a.unit_id == x.assigned_by.unit_id)},
    visible=visible_assignments,
)


def leader_assign(*, case_id: int, actor: Any, params: dict[str, Any]) -> LeaderAssignment:
    """领导包案: name the leader who owns a hard case."""
    return start(LEADER_FLOW, action=LeaderAction.ASSIGN, actor=actor, params=params,
                 case_id=case_id)


def leader_transition(*, assignment_id: int, action: LeaderAction | str, actor: Any,
                      params: dict[str, Any] | None = None) -> LeaderAssignment:
    """The only writer of `LeaderAssignment.status` after assignment."""
    return run(LEADER_FLOW, record_id=assignment_id, action=action, actor=actor, params=params)


# ---- 三项建议 -------------------------------------------------------------------------------------

RS = Recommendation.Status


class RecAction(models.TextChoices):
    ISSUE = "issue", _("发出建议书")
    ANSWER = "answer", _("书面反馈采纳情况")
    CLOSE = "close", _("归档")
    ESCALATE = "escalate", _("超期升级")


REC_TABLE = {t.action: t for t in (
    T(RecAction.ISSUE, set(), RS.ISSUED, {R.SUPERVISOR, R.APPROVER}, "bureau",
      gettext_noop("信访部门提出改进工作、完善政策、追究责任的建议（第40条第一至三款）。")),
    T(RecAction.ANSWER, {RS.ISSUED}, RS.ANSWERED, TARGET_STAFF, "target",
      gettext_noop("有关机关、单位应当书面反馈采纳情况（第40条第四款）。")),
    T(RecAction.CLOSE, {RS.ANSWERED}, RS.CLOSED, {R.SUPERVISOR, R.APPROVER}, "issuer",
      gettext_noop("信访部门核实反馈后归档，纳入年度报告（第41条第（三）项）。")),
    T(RecAction.ESCALATE, {RS.ISSUED}, None, {SYSTEM}, "system",
      gettext_noop("逾期未书面反馈的，逐级上报上一级单位（第40条第四款）。")),
)}


def _rec_target_ok(case: Case | None, actor: Any, p: dict[str, Any],
                   action: Any) -> None:
    target: Unit = p["target_unit"]
    if not in_jurisdiction(actor, target):
        raise GuardFailed(f"“{target.name}”不在本信访部门的工作范围内")
    if p["kind"] == Recommendation.Kind.POLICY and target.pk != actor.unit.parent_id:
        raise GuardFailed("完善政策的建议应向本级党委和政府提出（第40条第二款）")
    if target.pk == actor.unit_id:
        raise GuardFailed("不能向本单位提出建议")


def letter_sections(r: Recommendation) -> list[papers.Section]:
    basis = {Recommendation.Kind.IMPROVE: "第四十条第一款", Recommendation.Kind.POLICY:
             "第四十条第二款", Recommendation.Kind.ACCOUNTABILITY: "第四十条第三款"}[r.kind]
    return [
        ("", f"{r.target_unit.name}："),
        ("", f"根据《信访工作条例》{basis}，现提出{r.get_kind_display()}如下。"),
        ("一、发现的问题", r.findings),
        ("二、建议", r.suggestion),
        ("", f"请于{r.due_on:%Y年%m月%d日}前书面反馈采纳情况（《信访工作条例》第四十条第四款）。"),
    ] + ([("所涉信访件", f"{r.case.number} {r.case.title}")] if r.case else [])


def _issue_rec(actor: Any, p: dict[str, Any], case: Case | None) -> Recommendation:
    today = clock.today()
    unit = actor.unit
    n = numbering.next_serial(numbering.unit_scope(unit), numbering.RECOMMENDATION, today.year)
    return Recommendation(
        number=f"{unit.short_name or unit.name[:2]}建〔{today.year}〕{n}号", kind=p["kind"],
        case=case, issuing_unit=unit, issued_by=actor, target_unit=p["target_unit"],
        issued_on=today, findings=p["findings"], suggestion=p["suggestion"],
        due_on=due_after(today, practice("RECOMMENDATION_ANSWER_DAYS")))


def _letter(r: Recommendation, actor: Any, p: dict[str, Any]) -> dict:
    data = papers.build_docx(title=r.get_kind_display() + "书", number=r.number,
                             sections=letter_sections(r),
                             signature=[r.issuing_unit.name, f"{r.issued_on:%Y年%m月%d日}"])
    r.letter_file.save(f"recommendation-{r.pk}.docx", papers.as_file(data, "letter.docx"),
                       save=False)
    Recommendation.objects.filter(pk=r.pk).update(letter_file=r.letter_file.name)
    return detail("letter", number=r.number, unit=r.target_unit.name)


def _answer(r: Recommendation, actor: Any, p: dict[str, Any]) -> dict:
    r.adoption = p["adoption"]
    r.answer_text = p["answer_text"]
    r.answered_on = clock.today()
    return detail("adoption", adoption=p["adoption"])


REC_FLOW = Flow(
    name="recommendation", label="三项建议", model=Recommendation, actions=RecAction,
    table=REC_TABLE,
    forms={RecAction.ISSUE: RecommendationForm, RecAction.ANSWER: AnswerForm,
           RecAction.CLOSE: NoteForm, RecAction.ESCALATE: EmptyForm},
    effects={RecAction.ISSUE: _issue_rec, RecAction.ANSWER: _answer,
             RecAction.ESCALATE: _escalate_effect},
    post={RecAction.ISSUE: _letter},
    guards={RecAction.ISSUE: (_rec_target_ok,)},
    scopes={"bureau": lambda a, r, c: a.unit is not None
            and a.unit.unit_type == UnitType.PETITION_BUREAU,
            "target": lambda a, r, c: r is not None and a.unit_id == r.target_unit_id,
            "issuer": _issuer, "system": lambda a, r, c: is_system(a)},
    visible=visible_recommendations,
)


def recommendation_issue(*, actor: Any, params: dict[str, Any],
                         case_id: int | None = None) -> Recommendation:
    """Issue a 三项建议 letter (Art. 40), optionally about one case."""
    return start(REC_FLOW, action=RecAction.ISSUE, actor=actor, params=params, case_id=case_id)


def recommendation_transition(*, recommendation_id: int, action: RecAction | str, actor: Any,
                              params: dict[str, Any] | None = None) -> Recommendation:
    """The only writer of `Recommendation.status` after issue."""
    return run(REC_FLOW, record_id=recommendation_id, action=action, actor=actor, params=params)


