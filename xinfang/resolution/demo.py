"""Demo records for the staff interface: every workflow of this app, reached through its services.

It works on the demo cases it is given (never creating cases): each step happens under a clock
frozen shortly after the case's last event, so every timeline still reads in order. A workflow
whose kind of case is missing from the given list is left out.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from xinfang.cases.models import Case, Origin, Satisfaction
from xinfang.cases.scenarios import County
from xinfang.cases.states import Status
from xinfang.core import clock
from xinfang.deadlines.models import Deadline, DeadlineState
from xinfang.orgs.models import Level, Role, Unit, UnitType, User
from xinfang.orgs.services import staff_create, unit_create

from . import hearings, mediation, satisfaction, supervision
from .escalation import DUTIES, escalate_overdue
from .machine import SYSTEM_ACTOR, start
from .models import (
    FollowUp,
    MediationKind,
    MediationOrganisation,
    Mediator,
    SupervisionOrder,
)

ROSTER = [("李秀兰", Origin.MAINLAND, "物业、邻里纠纷"), ("王建国", Origin.MAINLAND, "劳动争议"),
          ("陈志明", Origin.HONG_KONG, "涉港商事、家事"), ("梁嘉欣", Origin.MACAO, "涉澳民商事"),
          ("林文雄", Origin.TAIWAN, "涉台投资"), ("David Miller", Origin.FOREIGN, "涉外合同")]


def _unit(county: County, name: str, code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    return unit or unit_create(name=name, code=code, level=Level.COUNTY,
                               unit_type=UnitType.MEDIATION, parent=county.county,
                               short_name=name[-5:-3] or "调解")


def _staff(county: County, unit: Unit, role: str, username: str, name: str,
           password_from: User) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = staff_create(username=username, unit=unit, roles=[role], display_name=name)
        user.password = password_from.password  # same demo password as the other accounts
        user.save(update_fields=["password"])
    return user


def _organisations(county: County, template: User) -> list[MediationOrganisation]:
    units = [u for u in county.departments if u.unit_type == UnitType.MEDIATION]
    code = county.county.code
    units = units or [_unit(county, f"{county.county.name[:3]}人民调解委员会", f"{code}RMTJ")]
    extra = [(_unit(county, "物业纠纷行业调解委员会", f"{code}HYTJ"), MediationKind.INDUSTRY),
             (_unit(county, "律师调解工作室", f"{code}LSTJ"), MediationKind.LAWYER)]
    orgs = []
    for unit, kind in [(units[0], MediationKind.PEOPLES), *extra]:
        org, _ = MediationOrganisation.objects.get_or_create(
            unit=unit, defaults={"kind": kind, "court": f"{county.county.name[:3]}人民法院"})
        for role in (Role.HANDLER, Role.APPROVER):
            if not unit.staff.filter(roles__code=role).exists():
                _staff(county, unit, role, f"{unit.code.lower()}_{role}",
                       f"{unit.name[:4]}{Role(role).label[:3]}", template)
        orgs.append(org)
    for name, origin, speciality in ROSTER:
        Mediator.objects.get_or_create(organisation=orgs[0], name=name,
                                       defaults={"origin": origin, "speciality": speciality})
    return orgs


def _after(case: Case, days: float) -> Any:
    """Freeze the clock `days` after the case's last event (never later than now)."""
    last = case.events.order_by("-at", "-pk").first()
    moment = (last.at if last else clock.now()) + dt.timedelta(days=days)
    return clock.frozen(min(moment, clock.now()))


def _idle_days(case: Case) -> float:
    last = case.events.order_by("-at", "-pk").first()
    return (clock.now() - last.at).total_seconds() / 86400 if last else 0.0


class _Pool:
    """The given demo cases, handed out once each by status (oldest activity first)."""

    def __init__(self, cases: list[Case]) -> None:
        self.cases = sorted((c for c in cases if not c.is_accusation),
                            key=lambda c: -_idle_days(c))
        self.used: set[int] = set()

    def take(self, *statuses: str, where: Any = None) -> Case | None:
        for case in self.cases:
            case.refresh_from_db()
            if case.pk not in self.used and case.status in statuses and (
                    where is None or where(case)):
                self.used.add(case.pk)
                return case
        return None


def seed(*, county: County, cases: list[Case], rng: random.Random) -> str:
    c = county
    template = c.user(c.bureau, Role.REGISTRAR)
    orgs = _organisations(c, template)
    org = orgs[0]
    tj = User.objects.filter(unit=org.unit, roles__code=Role.APPROVER).first()
    supervisor = _staff(c, c.bureau, Role.SUPERVISOR, f"{c.bureau.code.lower()}_supervisor",
                        f"{c.bureau.short_name}督查员", template)
    leader = _staff(c, c.county, Role.LEADER, f"{c.county.code.lower()}_leader",
                    f"{c.county.short_name}分管领导", template)
    mainland = list(org.mediators.filter(origin=Origin.MAINLAND))
    outside = list(org.mediators.filter(origin=Origin.HONG_KONG)) + list(
        org.mediators.exclude(origin__in=[Origin.MAINLAND, Origin.HONG_KONG]))
    pool = _Pool(cases)
    done: list[str] = []

    def med(m: Any, action: str, **params: Any) -> Any:
        return mediation.mediation_transition(mediation_id=m.pk, action=action, actor=tj,
                                              params=params)

    def refer(case: Case) -> Any:
        return mediation.mediation_refer(
            case_id=case.pk, actor=c.user(case.holding_unit, Role.HANDLER),
            params={"organisation": org.pk, "parties": "信访人\n被反映的企业或单位",
                    "note": "双方同意先行调解"})

    # 1. Mediation that succeeds and is confirmed by the court.
    if ok := pool.take(Status.ACCEPTED):
        with _after(ok, 1):
            m1 = med(refer(ok), "accept", mediators=[rng.choice(mainland).pk], consent=True)
        with _after(ok, 1):
            m1 = med(m1, "session", held_on=clock.today().isoformat(), place="社区调解室",
                     summary="双方陈述，就赔偿金额达成初步意向")
        with _after(ok, 1):
            m1 = med(m1, "agree", agreement_text="被申请方于十五日内支付款项三千元，信访人撤回投诉。")
        with _after(ok, 1):
            m1 = med(m1, "request_confirm", joint=True)
        with _after(ok, 1):
            med(m1, "confirm", ruling_number=f"（{clock.today().year}）调确字第12号")
        done.append("调解成功并司法确认1件")
    # 2. Mediation that fails and flows back to handling (the handling clock ran on, Art. 34).
    if bad := pool.take(Status.ACCEPTED):
        with _after(bad, 1):
            m2 = med(refer(bad), "accept", mediators=[mainland[-1].pk], consent=True)
        with _after(bad, 1):
            m2 = med(m2, "session", held_on=clock.today().isoformat(), place="部门会议室",
                     summary="双方对诉求依据分歧较大")
        with _after(bad, 1):
            med(m2, "fail", reason="双方分歧过大，调解不成")
        done.append("调解不成回流1件")
    # 3. Disputes found by grid workers before petition; one cross-border with two mediators.
    grid = mediation.mediation_report(actor=c.user(c.township, Role.REGISTRAR), params={
        "organisation": org.pk, "title": "邻里楼道堆物纠纷", "summary": "网格员巡查发现楼道堆物引发争吵",
        "parties": "刘某\n周某", "cross_border": False})
    med(grid, "accept", mediators=[mainland[0].pk], consent=True)
    hk = mediation.mediation_report(actor=c.user(c.township, Role.REGISTRAR), params={
        "organisation": org.pk, "title": "港籍业主与装修公司工程款纠纷",
        "summary": "香港居民陈某与本地装修公司就工程质量和尾款发生争议", "parties": "陈某（香港）\n某装修公司",
        "cross_border": True})
    med(hk, "accept", mediators=[mainland[0].pk, outside[0].pk], consent=True)
    done.append("网格诉前调解2件（含涉港双调解员）")

    # 4. Hearings: in 复核 (the clock pauses, Art. 36), concluded when there was time for it.
    def hear(h: Any, actor: User, action: str, **params: Any) -> Any:
        return hearings.hearing_transition(hearing_id=h.pk, action=action, actor=actor,
                                           params=params)

    for case in filter(None, [pool.take(Status.RECHECK_REQUESTED),
                              pool.take(Status.ACCEPTED)]):
        approver = c.user(case.holding_unit, Role.APPROVER)
        full = _idle_days(case) > 7
        with _after(case, 1) if full else clock.frozen(clock.now()):
            h = hearings.hearing_schedule(case_id=case.pk, actor=approver, params={
                "reason": "事实争议较大，属重大、复杂、疑难事项", "place": "信访听证室",
                "scheduled_for": (clock.now() + dt.timedelta(days=4)).isoformat()})
            for name, kind, by in (("赵人大", "deputy", "unit"), ("钱律师", "lawyer", "joint"),
                                   ("孙邻居", "petitioner_side", "petitioner")):
                h = hear(h, approver, "add_officer", name=name, kind=kind, nominated_by=by)
            h = hear(h, approver, "notify")
        if full:
            with _after(case, 4):  # on the hearing day, four days after the notice
                h = hear(h, approver, "hold", record_text="信访人陈述诉求；有关单位说明依据；听证员询问。")
                hear(h, approver, "conclude", conclusion="多数听证员认为原处理意见适用依据正确，建议加强解释说明。",
                     publish=True)
        done.append(f"听证1件（{h.get_stage_display()}）")

    # 5. Supervision: an open 督办 with a leader owning the case, a replied one, an overdue 催办.
    if case := pool.take(Status.ACCEPTED, Status.TRANSFERRED, Status.ASSIGNED):
        supervision.order_issue(case_id=case.pk, actor=supervisor, params={
            "kind": "duban", "instructions": "请于15日内办结并书面回复"})
        supervision.leader_assign(case_id=case.pk, actor=supervisor, params={
            "leader": leader.pk, "plan": "分管领导牵头，相关部门联合化解"})
        done.append("督办并领导包案1件")
    if bad:
        o2 = supervision.order_issue(case_id=bad.pk, actor=supervisor, params={
            "kind": "duban", "instructions": "调解不成，请依法出具处理意见"})
        supervision.order_transition(order_id=o2.pk, action="reply",
                                     actor=c.user(bad.holding_unit, Role.HANDLER),
                                     params={"reply_text": "已完成调查，拟于本周出具处理意见书"})
    if late := pool.take(Status.ACCEPTED, where=lambda x: _idle_days(x) > 10):
        with _after(late, 1):
            supervision.order_issue(case_id=late.pk, actor=supervisor, params={
                "kind": "cuiban", "instructions": "请尽快处理并回复", "days": 2})
    # The hourly job would have sent each overdue clock its 催办 the day after it fell due.
    covered = SupervisionOrder.objects.filter(deadline__isnull=False).values("deadline")
    for d in Deadline.objects.filter(state=DeadlineState.OVERDUE, for_petitioner=False,
                                     paused_since__isnull=True, kind__in=DUTIES
                                     ).exclude(pk__in=covered):
        with clock.frozen(min(clock.now(), timezone.make_aware(
                dt.datetime.combine(d.due_on + dt.timedelta(days=1), dt.time(9))))):
            start(supervision.ORDER_FLOW, action=supervision.OrderAction.AUTO_ISSUE, actor=SYSTEM_ACTOR,
                  params={"deadline": d.pk}, case_id=d.case_id)
    counts = escalate_overdue()
    auto = SupervisionOrder.objects.filter(issued_by__isnull=True).count()
    done.append(f"超期自动催办{auto}件、升级{counts['escalated']}次")

    # 6. 三项建议: one answered, one awaiting its written answer.
    r1 = supervision.recommendation_issue(actor=supervisor, case_id=bad.pk if bad else None, params={
        "kind": "improve", "target_unit": c.housing.pk,
        "findings": "同类信访事项多次转送后退回，办理拖延",
        "suggestion": "建立首问负责和限时办结制度"})
    supervision.recommendation_transition(
        recommendation_id=r1.pk, action="answer", actor=c.user(c.housing, Role.APPROVER),
        params={"adoption": "adopted", "answer_text": "已印发办理规程，明确首问责任"})
    supervision.recommendation_issue(actor=supervisor, params={
        "kind": "policy", "target_unit": c.county.pk,
        "findings": "老旧小区停车收费缺乏统一标准，引发同类信访", "suggestion": "制定老旧小区停车收费指导价"})
    done.append("三项建议2件")

    # 7. Ratings: a 不满意 that opens a 回访 for the bureau, and a satisfied one.
    rater = c.user(c.bureau, Role.REGISTRAR)
    answered = (Status.ANSWERED, Status.CLOSED, Status.REVIEWED)
    for case, rating, comment in (
            (pool.take(*answered, where=lambda x: not x.bureau_ratings.exists()),
             Satisfaction.UNSATISFIED, "答复后问题仍未解决"),
            (pool.take(*answered, where=lambda x: not x.bureau_ratings.exists()),
             Satisfaction.SATISFIED, "办理及时")):
        if case is not None:
            satisfaction.satisfaction_record(case_id=case.pk, actor=rater, params={
                "handling": "" if case.ratings.exists() else rating, "bureau": rating,
                "comment": comment})
    satisfaction.followups_sweep()
    done.append(f"回访{FollowUp.objects.count()}件")
    return "；".join(done)
