"""Demo urgent reports for the demo county 清河 (Art. 25), all through the real workflow: a petition
bureau at the city and the province above it (with a duty registrar and a leader each, the demo
password), one report signed by every level but the province (flagged overdue by the sweep), and one
just sent. The leader logs in as qhxf_leader (the county bureau) or qhcxf_leader (the city bureau)."""

from __future__ import annotations

import datetime as dt
import random

from xinfang.cases.demo import DEMO_PASSWORD
from xinfang.cases.models import Case, Purpose
from xinfang.cases.scenarios import County
from xinfang.core import clock
from xinfang.orgs.models import Level, Role, Unit, UnitType, User
from xinfang.orgs.services import staff_create, unit_create

from .services import urgent_sweep
from .states import ReceiptAction
from .workflow import receipt_transition, urgent_report

REPORTS = [
    ("major", "约30名业主在县政府门前聚集，反映小区楼道漏水、电梯停运长期未解决，有扩大趋势。",
     "城关镇、住建局负责人已到场接待劝导，承诺三日内答复。"),
    ("urgent", "信访人称若问题本周内得不到解决将到市里集体上访，涉及业主约50户。",
     "信访局已约谈物业公司，城关镇安排专人稳控。"),
]


def _bureau(parent: Unit, level: Level, name: str, short: str) -> Unit:
    unit = Unit.objects.filter(code=f"{parent.code}XF").first() or unit_create(
        name=name, code=f"{parent.code}XF", level=level, unit_type=UnitType.PETITION_BUREAU,
        parent=parent, short_name=short)
    for role, who in ((Role.REGISTRAR, "值班员"), (Role.LEADER, "局长")):
        if not User.objects.filter(unit=unit, roles__code=role).exists():
            staff_create(username=f"{unit.code.lower()}_{role}", unit=unit, roles=[role],
                         display_name=f"{short}{who}", password=DEMO_PASSWORD)
    return unit


def seed(*, county: County, cases: list[Case], rng: random.Random) -> str:  # noqa: ARG001
    city = _bureau(county.city, Level.CITY, "某市信访局", "市信")
    _bureau(county.province, Level.PROVINCE, "某省信访局", "省信")
    registrar = county.user(county.bureau, Role.REGISTRAR)
    held = [c for c in cases if c.purpose != Purpose.ACCUSATION
            and county.bureau.pk in (c.registered_unit_id, c.holding_unit_id)][:len(REPORTS)]
    now = clock.now()
    made = []
    for i, (case, (grade, summary, measures)) in enumerate(zip(held, REPORTS, strict=False)):
        with clock.frozen(now - dt.timedelta(hours=3 if i == 0 else 0)):
            made.append(urgent_report(case_id=case.pk, actor=registrar, params={
                "grade": grade, "summary": summary, "measures": measures}))
    if made:  # the first: signed by the county and the city, the province late
        signers = {county.county.pk: county.leader(), city.pk: User.objects.get(
            unit=city, roles__code=Role.LEADER)}
        with clock.frozen(now - dt.timedelta(hours=2)):
            for receipt in made[0].receipts.filter(unit_id__in=signers):
                receipt_transition(receipt_id=receipt.pk, action=ReceiptAction.ACKNOWLEDGE,
                                   actor=signers[receipt.unit_id],
                                   params={"note": "已阅。请城关镇做好稳控，住建局牵头化解。"})
    swept = urgent_sweep()
    return f"紧急上报{len(made)}件，接报各级逾期未签收{swept.flagged}个（已再次提醒）"
