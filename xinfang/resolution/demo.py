"""Demo records for the staff interface: every workflow of this app, reached through its services.

The cases used here are carried along the legal route by `drive_to` at past dates (clock.frozen),
so each case's timeline reads in order: registered, accepted, then mediated, heard or supervised.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from xinfang.cases.models import Case, Origin, Satisfaction
from xinfang.cases.scenarios import County, drive_to, petitioner_data
from xinfang.cases.states import Status
from xinfang.core import clock
from xinfang.orgs.models import Level, Role, Unit, UnitType, User
from xinfang.orgs.services import staff_create, unit_create

from . import hearings, mediation, satisfaction, supervision
from .escalation import escalate_overdue
from .models import MediationKind, MediationOrganisation, Mediator

ROSTER = [("李秀兰", Origin.MAINLAND, "物业、邻里纠纷"), ("王建国", Origin.MAINLAND, "劳动争议"),
          ("陈志明", Origin.HONG_KONG, "涉港商事、家事"), ("梁嘉欣", Origin.MACAO, "涉澳民商事"),
          ("林文雄", Origin.TAIWAN, "涉台投资"), ("David Miller", Origin.FOREIGN, "涉外合同")]


def _days_ago(n: int) -> Any:
    return clock.frozen(clock.today() - dt.timedelta(days=n))


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


def seed(*, county: County, cases: list[Case], rng: random.Random) -> str:
    del cases  # this app's workflows need cases at particular dates: it drives its own
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

    def med(m: Any, action: str, **params: Any) -> Any:
        return mediation.mediation_transition(mediation_id=m.pk, action=action, actor=tj,
                                              params=params)

    def refer(case: Case, organisation: MediationOrganisation = org) -> Any:
        return mediation.mediation_refer(
            case_id=case.pk, actor=c.user(case.holding_unit, Role.HANDLER),
            params={"organisation": organisation.pk, "parties": "信访人\n小区物业服务企业",
                    "note": "双方同意先行调解"})

    # 1. Mediation that succeeds and is confirmed by the court.
    with _days_ago(20):
        ok = drive_to(c, Status.ACCEPTED, title="物业公司拒不退还装修押金")
    with _days_ago(12):
        m1 = med(refer(ok), "accept", mediators=[rng.choice(mainland).pk], consent=True)
    with _days_ago(10):
        m1 = med(m1, "session", held_on=clock.today().isoformat(), place="东街社区调解室",
                 summary="双方陈述，物业同意核减押金扣款")
    with _days_ago(9):
        m1 = med(m1, "agree", agreement_text="物业服务企业于十五日内退还装修押金三千元，信访人撤回投诉。")
    with _days_ago(6):
        m1 = med(m1, "request_confirm", joint=True)
    with _days_ago(2):
        med(m1, "confirm", ruling_number=f"（{clock.today().year}）调确字第12号")
    # 2. Mediation that fails and flows back to handling.
    with _days_ago(18):
        bad = drive_to(c, Status.ACCEPTED, title="小区停车位收费标准争议")
    with _days_ago(11):
        m2 = refer(bad)
        m2 = med(m2, "accept", mediators=[mainland[-1].pk], consent=True)
    with _days_ago(7):
        m2 = med(m2, "session", held_on=clock.today().isoformat(), place="住建局会议室",
                 summary="业主与物业对收费依据分歧较大")
        med(m2, "fail", reason="双方对收费标准分歧过大，调解不成")
    # 3. A cross-border case: one mainland and one outside mediator, in progress.
    with _days_ago(6):
        hk = drive_to(c, Status.ACCEPTED, title="港籍业主房屋漏水维修纠纷", petitioners=[
            petitioner_data(name="陈家豪", id_type="hkmo", id_number="H60123456", origin="hk",
                            phone="13900001111")])
    with _days_ago(3):
        med(refer(hk), "accept", mediators=[mainland[0].pk, outside[0].pk], consent=True)
    # 4. A dispute a grid worker found before it became a petition.
    with _days_ago(4):
        grid = mediation.mediation_report(actor=c.user(c.township, Role.REGISTRAR), params={
            "organisation": org.pk, "title": "邻里楼道堆物纠纷", "summary": "网格员巡查发现楼道堆物引发争吵",
            "parties": "刘某\n周某", "cross_border": False})
    with _days_ago(3):
        med(grid, "accept", mediators=[mainland[0].pk], consent=True)

    # 5. A concluded hearing in 复核 (the 复核 clock paused meanwhile) and a scheduled one.
    with _days_ago(16):
        rc = drive_to(c, Status.RECHECK_REQUESTED, title="征收补偿标准复核")
    approver = c.user(rc.holding_unit, Role.APPROVER)

    def hear(h: Any, action: str, **params: Any) -> Any:
        return hearings.hearing_transition(hearing_id=h.pk, action=action, actor=approver,
                                           params=params)

    with _days_ago(12):
        h = hearings.hearing_schedule(case_id=rc.pk, actor=approver, params={
            "reason": "涉及补偿标准适用，事实争议较大", "place": "市信访局听证室",
            "scheduled_for": (clock.now() + dt.timedelta(days=7)).isoformat()})
        for name, kind, by in (("赵人大", "deputy", "unit"), ("钱律师", "lawyer", "joint"),
                               ("孙邻居", "petitioner_side", "petitioner")):
            h = hear(h, "add_officer", name=name, kind=kind, nominated_by=by)
        h = hear(h, "notify")
    with _days_ago(5):
        h = hear(h, "hold", record_text="信访人陈述补偿诉求；征收部门说明评估依据；听证员询问。")
    with _days_ago(4):
        hear(h, "conclude", conclusion="多数听证员认为补偿标准适用正确，建议做好解释说明。", publish=True)
    with _days_ago(2):
        rc2 = drive_to(c, Status.RECHECK_REQUESTED, title="低保资格认定复核")
    hearings.hearing_schedule(case_id=rc2.pk, actor=c.user(rc2.holding_unit, Role.APPROVER),
                              params={"reason": "家庭收入认定存在争议", "place": "县信访局听证室",
                                      "scheduled_for": (clock.now() + dt.timedelta(days=8))
                                      .isoformat()})

    # 6. Supervision: an open 督办, a replied one, an escalated 催办, a leader owning a case.
    open_case = drive_to(c, Status.ACCEPTED, title="农民工工资拖欠")
    supervision.order_issue(case_id=open_case.pk, actor=supervisor, params={
        "kind": "duban", "instructions": "请于15日内落实工资支付并回复"})
    supervision.leader_assign(case_id=open_case.pk, actor=supervisor, params={
        "leader": leader.pk, "plan": "分管领导牵头，人社、住建联合约谈施工企业"})
    o2 = supervision.order_issue(case_id=bad.pk, actor=supervisor, params={
        "kind": "duban", "instructions": "调解不成，请依法出具处理意见"})
    supervision.order_transition(order_id=o2.pk, action="reply",
                                 actor=c.user(bad.holding_unit, Role.HANDLER),
                                 params={"reply_text": "已完成调查，拟于本周出具处理意见书"})
    with _days_ago(16):
        late = drive_to(c, Status.ACCEPTED, title="学校周边占道经营")
    with _days_ago(14):
        supervision.order_issue(case_id=late.pk, actor=supervisor, params={
            "kind": "cuiban", "instructions": "请尽快处理并回复", "days": 2})
    counts = escalate_overdue()

    # 7. 三项建议: one answered, one awaiting its written answer.
    r1 = supervision.recommendation_issue(actor=supervisor, case_id=bad.pk, params={
        "kind": "improve", "target_unit": c.housing.pk,
        "findings": "物业收费类信访事项多次转送后退回，办理拖延",
        "suggestion": "建立物业收费纠纷首问负责和限时办结制度"})
    supervision.recommendation_transition(
        recommendation_id=r1.pk, action="answer", actor=c.user(c.housing, Role.APPROVER),
        params={"adoption": "adopted", "answer_text": "已印发物业收费纠纷办理规程"})
    supervision.recommendation_issue(actor=supervisor, params={
        "kind": "policy", "target_unit": c.county.pk,
        "findings": "老旧小区停车收费缺乏统一标准，引发同类信访", "suggestion": "制定老旧小区停车收费指导价"})

    # 8. Ratings: a 不满意 that opened a 回访, and a satisfied one.
    with _days_ago(8):
        answered = drive_to(c, Status.ANSWERED, title="路灯长期不亮")
        happy = drive_to(c, Status.ANSWERED, title="社区健身器材损坏")
    rater = c.user(c.bureau, Role.REGISTRAR)
    satisfaction.satisfaction_record(case_id=answered.pk, actor=rater, params={
        "handling": Satisfaction.UNSATISFIED, "bureau": Satisfaction.BASICALLY,
        "comment": "答复后仍未修好"})
    satisfaction.satisfaction_record(case_id=happy.pk, actor=rater, params={
        "handling": Satisfaction.SATISFIED, "bureau": Satisfaction.SATISFIED, "comment": "很及时"})
    opened = satisfaction.followups_sweep()
    return (f"调解4件（成功并司法确认、调解不成回流、涉港双调解员、网格诉前调解），听证2件，"
            f"督办3件（自动催办{counts['cuiban']}件、升级{counts['escalated']}次），领导包案1件，"
            f"三项建议2件，回访{opened}件")
