"""Demo suggestions for the demo county 清河: a dozen suggestions, some sent on the portal and some
entered by the bureau, on a few shared topics (charging piles, meals for the elderly, buses), at
every stage from submitted to published, all through the real workflow. One proposer's query code
and phone are printed so a visitor can look it up at /portal/suggestions/track/."""

from __future__ import annotations

import datetime as dt
import random
import secrets

from xinfang.cases.demo import person
from xinfang.cases.scenarios import County
from xinfang.core import clock
from xinfang.orgs.models import Role
from xinfang.portal import codes

from .services import suggestion_submit_online
from .states import SuggestionAction
from .workflow import suggestion_create, suggestion_transition

A = SuggestionAction

# (topic, field, text, place, channel, days ago, steps, deciding unit, consent)
PLAN = [
    ("建议在城关镇增设公共充电桩", "urban",
     "城关镇电动汽车越来越多，公共充电桩只有两处，经常排队，建议在镇政府停车场和菜市场增设充电桩。",
     "township", "portal", 50, [A.REFER, A.ANSWER, A.ADOPT, A.PUBLISH], "housing", True),
    ("充电桩数量不足，建议小区配建充电设施", "urban",
     "老旧小区没有充电桩，电动车只能飞线充电，存在安全隐患，建议增加公共充电桩，方便新能源车主。",
     "village", "portal", 21, [A.REFER, A.ANSWER], "housing", True),
    ("关于在菜市场附近增设电动汽车充电桩的建议", "urban",
     "菜市场附近停车多，建议在菜市场停车场增设电动汽车充电桩，并规范停车。",
     "township", "staff", 8, [A.REFER], "housing", False),
    ("建议开设社区老年助餐点", "livelihood",
     "东街社区独居老人多，做饭吃饭不便，建议开设老年助餐点，提供午餐和送餐服务。",
     "village", "staff", 40, [A.REFER, A.ANSWER, A.ADOPT], "township", True),
    ("东街社区老年食堂的建议", "livelihood",
     "希望在东街社区办一个老年食堂助餐点，解决独居老人吃饭难的问题，可以请志愿者帮忙。",
     "village", "portal", 3, [], "", True),
    ("建议延长城关镇至县城公交末班车时间", "livelihood",
     "城关镇到县城的公交末班车下午六点就停了，上班族和学生回家不便，建议末班车延长到晚上九点。",
     "township", "portal", 45, [A.REFER, A.ANSWER, A.DECLINE, A.PUBLISH], "transport", True),
    ("建议清河公园增设健身器材", "urban",
     "清河公园没有健身器材，早晚锻炼的居民很多，建议增设健身器材和儿童游乐设施。",
     "township", "staff", 2, [], "", False),
    ("建议政务服务中心周末延时办理", "government",
     "上班族工作日没时间办事，建议县政务服务中心周六上午开放，常办事项可以预约办理。",
     "township", "portal", 12, [A.REFER], "county", True),
    ("建议在城关中学门口增设交通信号灯", "livelihood",
     "城关中学门口上下学时段车流人流密集，没有信号灯，多次发生险情，建议增设信号灯和减速带。",
     "township", "staff", 30, [A.REFER, A.ANSWER, A.ADOPT], "transport", False),
    ("建议城关镇主街全天免费停车", "urban",
     "城关镇主街停车收费后来买东西的人少了，建议主街全天免费停车，带动商户生意。",
     "township", "portal", 35, [A.REFER, A.ANSWER, A.DECLINE], "housing", False),
]

REPLIES = {
    A.ANSWER: "经研究论证，建议反映的情况属实，具有现实可行性，已纳入下一年度工作计划统筹考虑。",
    A.ADOPT: "采纳。已列入明年民生实事项目，计划于明年6月底前建成投用。",
    A.DECLINE: ("经研究论证，该建议涉及的事项目前在客流、财力或场地方面不具备实施条件，今年暂不采纳；"
                "将在下一年度规划中再行评估。"),
}


def _deciding(county: County, key: str):  # noqa: ANN202
    if key == "transport":
        # the demo county's 交通运输局; a county built without it (the tests'): housing and roads
        return next((d for d in county.departments if d.name.endswith("交通运输局")),
                    county.housing)
    return {"housing": county.housing, "township": county.township, "county": county.county}[key]


def _params(county: County, action: SuggestionAction, deciding) -> dict:  # noqa: ANN001
    if action == A.REFER:
        return {"unit": deciding.pk, "note": "请研究论证并答复建议人。"}
    if action in REPLIES:
        return {"reply" if action == A.ANSWER else "note": REPLIES[action]}
    return {}


def _actor(county: County, action: SuggestionAction, deciding):  # noqa: ANN001, ANN202
    if action in (A.ANSWER,):
        return county.user(deciding, Role.HANDLER)
    if action in (A.ADOPT, A.DECLINE):
        return county.user(deciding, Role.APPROVER)
    return county.user(county.bureau, Role.APPROVER if action == A.PUBLISH else Role.REGISTRAR)


def seed(*, county: County, cases: list, rng: random.Random) -> str:  # noqa: ARG001
    """Send or enter each planned suggestion on its day, then take its steps a few days apart."""
    today = clock.today()
    shown = None
    for topic, field, text, place, channel, ago, steps, key, consent in PLAN:
        who = person(rng, "清河县城关镇")
        params = {"topic": topic, "field": field, "text": text,
                  "concerns_unit": getattr(county, place).pk, "name": who["name"],
                  "phone": who["phone"], "publish_consent": "on" if consent else "",
                  "token": f"demo{rng.getrandbits(128):032x}"}
        day = today - dt.timedelta(days=ago)
        with clock.frozen(dt.datetime.combine(day, dt.time(9, 30))):
            if channel == "portal":
                receipt = suggestion_submit_online(params=params, unit=county.bureau)
                s, code = receipt.suggestion, receipt.code
            else:
                s = suggestion_create(action=A.ENTER, actor=county.user(county.bureau, Role.REGISTRAR),
                                      params={**params, "token": secrets.token_urlsafe(24)})
                code = s.issued_code
        deciding = _deciding(county, key) if key else None
        for i, action in enumerate(steps, start=1):
            moment = dt.datetime.combine(day + dt.timedelta(days=min(3 * i, ago)), dt.time(15))
            with clock.frozen(moment):
                s = suggestion_transition(suggestion_id=s.pk, action=action,
                                          actor=_actor(county, action, deciding),
                                          params=_params(county, action, deciding))
        if steps == [A.REFER, A.ANSWER]:
            shown = (code, who["phone"], s.number)
    code, phone, number = shown
    return (f"人民建议 {len(PLAN)} 件；演示查询码 {codes.grouped(code)}，手机 {phone}"
            f"（{number}，已答复，可在 /portal/suggestions/track/ 查询）")
