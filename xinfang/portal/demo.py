"""Demo data: a few petitions filed through the portal, one of them answered so that a visitor
can type its query code and phone number into /portal/track/ and rate it or ask for 复查."""

from __future__ import annotations

import datetime as dt
import random

from xinfang.cases.forms import resident_id_check_digit
from xinfang.cases.scenarios import County, act, actor_for, submit_draft_if_signed_off
from xinfang.cases.states import Action, Outcome
from xinfang.cases.workflow import case_transition
from xinfang.core import clock

from . import codes
from .services import portal_submit

PETITIONS = [
    ("王秀兰", "小区电梯停运两个月无人维修", "请求督促物业尽快修复电梯。",
     "本人住城关镇东街小区7号楼，年过七旬，电梯自两个月前停运，多次找物业无果，上下楼十分困难。"),
    ("刘建国", "村道路灯损坏夜间出行不便", "请求修复村道路灯。",
     "东街社区通往镇上的道路有十余盏路灯损坏半年，夜间行人多次摔倒。"),
    ("陈美华", "建议在社区增设老年助餐点", "建议社区增设老年助餐点。",
     "社区独居老人较多，做饭不便，希望参照邻近社区开办助餐点。"),
]


ANSWER = {
    "outcome": Outcome.SUPPORT,
    "text": "经查，该小区电梯因主板故障停运，物业服务企业未及时维修。已责成物业服务企业于十五日内修复并"
            "恢复运行，维修期间安排人员为行动不便的老人提供帮助。",
    "legal_basis": "《特种设备安全法》第三十九条、《物业管理条例》第三十五条",
}


def _resident_id(rng: random.Random) -> str:
    """A syntactically valid 18-digit resident ID (GB 11643 check digit) for a made-up person."""
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 30))
    body = f"110105{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + resident_id_check_digit(body)


def seed(*, county: County, cases: list, rng: random.Random) -> str:  # noqa: ARG001
    """File the demo petitions online through the real portal service; answer the first one."""
    today = clock.today()
    shown = None
    for i, (name, title, request, facts) in enumerate(PETITIONS):
        phone = f"139{rng.randrange(10**8):08d}"
        token = f"demo{rng.getrandbits(128):032x}"
        person = {"name": name, "id_type": "resident", "id_number": _resident_id(rng),
                  "phone": phone, "address": "清河县城关镇东街", "origin": "mainland"}
        data = {"purpose": "suggestion" if i == 2 else "request",
                "problem_unit": county.village.pk if i else county.township.pk, "title": title,
                "request": request, "facts_reasons": facts, "headcount": 1, "is_first_time": True}
        filed_on = today - dt.timedelta(days=(20, 6, 1)[i])
        with clock.frozen(dt.datetime.combine(filed_on, dt.time(10, 30))):
            receipt = portal_submit(token=token, petitioner=person, case_data=data,
                                    unit=county.bureau)
        case = receipt.case
        steps = {0: [(Action.TRANSFER, 2), (Action.ACCEPT, 4), (Action.ANSWER, 15)],
                 1: [(Action.TRANSFER, 2)]}.get(i, [])
        for action, after in steps:
            moment = dt.datetime.combine(filed_on + dt.timedelta(days=after), dt.time(15, 0))
            with clock.frozen(moment):
                if action == Action.ANSWER:
                    case = submit_draft_if_signed_off(county, case, action, ANSWER)
                    case = case_transition(case_id=case.pk, action=action,
                                           actor=actor_for(county, case, action),
                                           params={**ANSWER, "delivery_method": "direct",
                                                   "delivered_on": moment.date()})
                else:
                    case = act(county, case, action)
        if i == 0:
            shown = (receipt.code, phone, case.number)
    code, phone, number = shown
    return (f"网上信访 {len(PETITIONS)} 件；演示查询码 {codes.grouped(code)}，手机 {phone}"
            f"（{number}，已答复，可在 /portal/track/ 评价或申请复查）")
