"""Demo records of the triage assistant, made through the real services (called by seed_demo)."""

from __future__ import annotations

import random

from xinfang.cases.forms import resident_id_check_digit
from xinfang.cases.models import Case, Purpose
from xinfang.cases.scenarios import County, petitioner_data, register
from xinfang.cases.states import LegalRoute, Status
from xinfang.core.errors import DomainError
from xinfang.orgs.models import Role

from .models import RepeatKind
from .services import triage_accept, triage_propose

# (title, request, facts): real-sounding petitions of the kinds a county bureau receives
PETITIONS = [
    ("某建筑公司拖欠农民工工资", "请求督促尽快执行法院判决，支付拖欠的工资。",
     "我们在城关镇某工地务工，公司拖欠工资8万元。已向县人民法院起诉，法院已判决公司支付，但公司至今未履行。"),
    ("电子厂违法解除劳动合同", "请求帮助追讨工资和经济补偿。",
     "我在某电子厂工作三年，厂里无故辞退我并拖欠两个月工资，我想申请劳动仲裁。"),
    ("举报社区干部优亲厚友", "请求纪委查处社区干部违规办理低保的问题。",
     "东街社区干部把低保名额给了自己亲戚，真正困难的家庭却办不下来，涉嫌优亲厚友、以权谋私。"),
    ("咨询城乡居民医保缴费时间", "请问今年城乡居民医疗保险什么时候开始缴费？",
     "请问在哪里办理缴费，需要带什么材料？"),
    ("对交警罚款决定不服", "请求撤销对我的罚款处罚。",
     "交警大队对我作出行政处罚决定，罚款2000元，我认为处罚不当，想申请行政复议。"),
    ("城关中学周边夜市噪音扰民", "请求整治学校周边夜市噪音和油烟。",
     "城关中学北门外夜市烧烤摊每天营业到凌晨两点，油烟直排、噪音很大，附近居民和学生无法休息。"),
    ("有事反映", "有个事情想反映一下，麻烦处理。", "具体情况见面再谈，请尽快联系我。"),
]
GYM = ("阳光健身俱乐部老板跑路", "请求退还会员卡预付费用。",
       "我在阳光健身俱乐部办了会员卡，现在俱乐部突然关门，老板失联，卡里余额无法退费。")
SURNAMES = "王李张刘陈杨赵黄周吴"


def _person(rng: random.Random, serial: int) -> dict:
    body = f"4401011985{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{serial % 1000:03d}"
    return petitioner_data(name=f"{rng.choice(SURNAMES)}某{serial}",
                           id_number=body + resident_id_check_digit(body),
                           phone=f"137{rng.randint(0, 99999999):08d}")


def seed(*, county: County, cases: list[Case], rng: random.Random) -> str:
    registrar = county.user(county.bureau, Role.REGISTRAR)
    new: list[Case] = []
    for i, (title, request, facts) in enumerate(PETITIONS):
        new.append(register(county, registrar=registrar, title=title, request=request,
                            facts_reasons=facts, petitioners=[_person(rng, 900 + i)]))
    repeat_person = _person(rng, 950)
    first = register(county, registrar=registrar, title="幸福家园小区楼道漏水无人维修",
                     request="请求督促物业尽快维修楼道漏水。",
                     facts_reasons="幸福家园小区三号楼楼道自三月起漏水，多次向物业反映无果。",
                     petitioners=[repeat_person])
    again = register(county, registrar=registrar, title="幸福家园楼道漏水还是没人修",
                     request="再次请求督促物业维修楼道漏水。",
                     facts_reasons="幸福家园小区三号楼楼道从三月起漏水，之前反映过，物业一直没有维修。",
                     petitioners=[repeat_person])
    gym = [register(county, registrar=registrar, title=GYM[0], request=GYM[1],
                    facts_reasons=GYM[2], petitioners=[_person(rng, 960 + n)])
           for n in range(6)]
    # every case still waiting for triage, and some older ones so the history shows proposals too
    older = [c for c in cases if c.status != Status.REGISTERED]
    sample = [c for c in cases if c.status == Status.REGISTERED] + rng.sample(older, min(40, len(older)))
    proposals = [triage_propose(case=c) for c in [*sample, first, *new, again, *gym]]

    accepted = corrected = 0
    open_ = [p for p in proposals
             if p.case.status == Status.REGISTERED and p.case.holding_unit_id == county.bureau.pk]
    for n, p in enumerate(open_):
        try:
            if p.ask_human:
                if n % 2:
                    continue  # left for a registrar: shows under 待人工研判
                triage_accept(case=p.case, actor=registrar, corrections={
                    "legal_route": LegalRoute.PETITION, "purpose": Purpose.OTHER})
                corrected += 1
            elif n % 3 == 2:
                triage_accept(case=p.case, actor=registrar, corrections={
                    "unit": county.township, "legal_route": p.legal_route or LegalRoute.PETITION})
                corrected += 1
            elif n % 3 == 0:
                triage_accept(case=p.case, actor=registrar)
                accepted += 1
        except DomainError:
            continue  # e.g. a demo case moved on meanwhile: nothing to triage
    repeats = sum(1 for p in proposals if p.repeat_kind == RepeatKind.REPEAT)
    groups = len({p.entity for p in proposals if p.group_petitioners})
    asks = sum(1 for p in proposals if p.ask_human)
    return (f"研判{len(proposals)}件（需人工{asks}件、重复访{repeats}件、群体性事项{groups}起），"
            f"照单采纳{accepted}件、修改后采纳{corrected}件")
