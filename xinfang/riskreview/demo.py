"""Demo major decisions for the demo county 清河: a 司法局 (the legal office), a year of petitions about
the demolition of 东街片区 in 城关镇 (two of them group visits, more in recent months), and decisions at
several stages — the demolition decided with measures and followed up (new petitions after the
decision: a rise), a market relocation assessed and waiting for its legality review, a parking-fee
policy being assessed, a signboard campaign found unlawful and abandoned — all through the real
workflow, each step on its own day."""

from __future__ import annotations

import datetime as dt
import random

from xinfang.cases.demo import DEMO_PASSWORD, person
from xinfang.cases.models import Category, Channel, Purpose
from xinfang.cases.scenarios import County
from xinfang.cases.services import case_register
from xinfang.core import clock
from xinfang.orgs.models import Level, Role, Unit, UnitType, User
from xinfang.orgs.services import staff_create, unit_create

from .models import DecisionCheck
from .states import DecisionAction, DecisionKind
from .tasks import follow_up_due
from .workflow import decision_register, decision_transition

A = DecisionAction

# (days ago, title, request, headcount, collective) — petitions about the demolition of 东街片区
PETITIONS = [
    (340, "东街片区拆迁传闻引发住户担忧", "请求公开东街片区是否列入征收范围。", 1, False),
    (290, "东街老街房屋征收补偿标准过低", "请求参照周边房价提高征收补偿标准。", 1, False),
    (220, "东街片区拆迁评估公司由谁选定", "请求由被征收人协商选定房屋评估机构。", 1, False),
    (150, "东街片区租户拆迁后无安置", "请求对长期租住的困难户给予临时安置。", 1, False),
    (95, "东街片区征收补偿方案征求意见期太短", "请求延长征收补偿方案征求意见期限。", 12, True),
    (70, "东街门面房拆迁停业损失无人补偿", "请求补偿门面房停业停产损失。", 1, False),
    (65, "东街片区回迁房位置和面积不明确", "请求公布回迁安置房的地点、面积和交付时间。", 1, False),
    (62, "东街片区征收补偿标准过低要求重新评估", "请求重新评估房屋价值并提高征收补偿。", 8, True),
    # after the decision (40 days ago): the follow-up finds these
    (25, "东街片区拆迁动员期间断水断电", "请求立即恢复供水供电，停止变相强拆。", 1, False),
    (18, "东街片区拆迁补偿款发放不公平", "请求公开每户征收补偿的计算依据。", 1, False),
    (14, "东街片区老人不愿搬迁要求就近安置", "请求在东街附近安排回迁安置房。", 6, True),
]

# petitions about the market (no category: found by the keyword 农贸市场)
MARKET = [
    (120, "农贸市场搬迁后摊位费可能上涨", "请求公开新市场摊位费标准。", 1, False),
    (50, "农贸市场新址远离居民区买菜不便", "请求保留老市场或开通接驳公交。", 5, True),
]

# (key, title, kind, places: "township"/"village", keywords, stages, days ago registered)
DECISIONS = [
    ("demolition", "东街片区棚户区改造房屋征收", DecisionKind.DEMOLITION, "township", "拆迁、征收",
     "decided", 60),
    ("market", "城关镇农贸市场整体搬迁", DecisionKind.PROJECT, "township", "农贸市场、搬迁",
     "assessed", 20),
    ("parking", "东街社区停车收费标准调整", DecisionKind.POLICY, "village", "停车收费、停车",
     "assessing", 5),
    ("signs", "城关镇沿街商铺统一更换招牌", DecisionKind.POLICY, "township", "招牌、店招",
     "abandoned", 30),
]


def _legal_office(county: County) -> Unit:
    code = county.bureau.code.removesuffix("XF") + "SF"
    office = Unit.objects.filter(code=code).first() or unit_create(
        name=f"{county.county.short_name.removesuffix('县')}县司法局", code=code, level=Level.COUNTY,
        unit_type=UnitType.POLITICAL_LEGAL, parent=county.county, short_name="司法")
    for role in (Role.HANDLER, Role.APPROVER):
        user = (User.objects.filter(unit=office, roles__code=role).first() or staff_create(username=f"{code.lower()}_{role}", unit=office,
                                         roles=[role], display_name=f"司法局{Role(role).label[:3]}",
                                         password=DEMO_PASSWORD))
        county.staff[(office.pk, role)] = user
    return office


def _petitions(county: County, rng: random.Random, category: Category | None) -> int:
    registrar = county.user(county.bureau, Role.REGISTRAR)
    today = clock.today()
    plan = [(p, category) for p in PETITIONS] + [(p, None) for p in MARKET]
    for (ago, title, request, headcount, collective), cat in plan:
        day = today - dt.timedelta(days=ago)
        with clock.frozen(dt.datetime.combine(day, dt.time(10))):
            people = [person(rng, "城关镇") for _ in range(min(headcount, 3))]
            case_register(actor=registrar, data={
                "channel": Channel.VISIT if collective else rng.choice([Channel.LETTER, Channel.ONLINE]),
                "purpose": Purpose.REQUEST, "problem_unit": county.village.pk,
                "category": cat.pk if cat else None, "title": title, "request": request,
                "facts_reasons": f"{title}。{request}", "headcount": headcount,
                "is_collective": collective, "is_first_time": ago > 200 or not collective,
                "received_on": day.isoformat()}, petitioners=people)
    return len(plan)


def _at(days_ago: int, hour: int = 10):  # noqa: ANN202
    return clock.frozen(dt.datetime.combine(clock.today() - dt.timedelta(days=days_ago),
                                            dt.time(hour)))


def _take(county: County, d, action: A, who, days_ago: int, **params):  # noqa: ANN001, ANN202, ANN003
    with _at(days_ago, 15):
        return decision_transition(decision_id=d.pk, action=action, actor=who, params=params)


def seed(*, county: County, cases: list, rng: random.Random) -> str:  # noqa: ARG001
    """Register each planned decision on its day, then take its steps some days apart."""
    office = _legal_office(county)
    lawyer = county.staff[(office.pk, Role.HANDLER)]
    owner = county.user(county.township, Role.APPROVER)
    handler = county.user(county.bureau, Role.HANDLER)
    head = county.user(county.bureau, Role.APPROVER)
    category = (Category.objects.filter(level=2, name="国有土地上房屋征收与补偿").first()
                or Category.objects.filter(level=1, name="城乡建设").first())
    made = _petitions(county, rng, category)
    stages: dict[str, str] = {}
    for key, title, kind, where, keywords, stage, ago in DECISIONS:
        place = county.township if where == "township" else county.village
        with _at(ago, 9):
            d = decision_register(actor=owner, params={
                "title": title, "kind": kind, "keywords": keywords,
                "summary": f"{title}：涉及{place.name}，拟定实施方案后提请集体讨论决定。",
                "places": [place.pk], "categories": [category.pk] if key == "demolition" and category else [],
                "planned_on": (clock.today() + dt.timedelta(days=10)).isoformat()})
        d = _take(county, d, A.START, handler, ago - 2, days=365)
        if stage == "assessing":
            stages[d.title] = d.get_status_display()
            continue
        level = d.suggested_level
        d = _take(county, d, A.ASSESS, head, ago - 5, risk_level=level,
                  risk_points="补偿标准、安置方式和实施节奏存在分歧，部分住户已多次信访。"
                  if key == "demolition" else "涉及商户经营，个别商户有异议。",
                  measures="" if level == "low" else
                  "逐户走访宣讲政策；设立征收政策咨询点；对困难户先行安置；制定群体性事件处置预案。"
                  if key == "demolition" else "召开商户和居民座谈会；过渡期保留临时便民摊点；开通接驳公交。")
        if stage == "assessed":
            stages[d.title] = d.get_status_display()
            continue
        unlawful = stage == "abandoned"
        d = _take(county, d, A.REVIEW, lawyer, ago - 10,
                  opinion="unlawful" if unlawful else "lawful",
                  reasons="强制统一更换招牌缺乏法律依据，超越乡镇人民政府职权。" if unlawful
                  else "征收决定主体、权限和程序符合《国有土地上房屋征收与补偿条例》。")
        outcome = ("abandon" if unlawful else "with_measures" if level != "low" else "proceed")
        d = _take(county, d, A.DECIDE, owner, ago - 20, outcome=outcome,
                  reasons="经镇党政联席会议集体讨论决定。")
        if unlawful:
            d = _take(county, d, A.CLOSE, owner, ago - 21, note="不予实施，结束。")
        stages[d.title] = d.get_status_display()
    with _at(10, 7):  # the daily job: the demolition's first follow-up check is due
        follow_up_due()
    checks = DecisionCheck.objects.filter(decision__unit=owner.unit).count()
    return (f"重大决策 {len(DECISIONS)} 件（" + "，".join(f"{k}：{v}" for k, v in stages.items())
            + f"），涉及的信访 {made} 件；到期跟踪检查 {checks} 次；合法性审查：{office.name}")
