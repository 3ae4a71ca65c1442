"""Demo cross-border cases for the demo county: a Hong Kong resident's petition (notices in 繁體中文),
accepted and handled on the fast track, its internal target already passed and reminded; a Taiwan
resident's (notices in English), just registered; and a mainland case of an overseas Chinese put on
the track by staff with a reason. All through the real workflow, each step on its own day."""

from __future__ import annotations

import datetime as dt
import random

from xinfang.cases.models import Channel
from xinfang.cases.scenarios import County, act, petitioner_data, register
from xinfang.cases.states import Action
from xinfang.core import clock
from xinfang.orgs.models import Role

from .models import TargetReminder
from .tasks import remind_targets
from .workflow import track_put_on


def seed(*, county: County, cases: list, rng: random.Random) -> str:  # noqa: ARG001
    now = clock.now().replace(hour=9, minute=30, second=0, microsecond=0)

    def at(days_ago: int) -> dt.datetime:
        return now - dt.timedelta(days=days_ago)

    with clock.frozen(at(40)):
        hk = register(county, channel=Channel.VISIT, title="港资企业拖欠装修工程款",
                      request="请求督促项目业主支付拖欠的装修工程款。",
                      facts_reasons="本人为香港居民，承接某商场装修工程，完工验收后尾款至今未付。",
                      petitioners=[petitioner_data(
                          name="黄志明", id_type="hkmo", id_number="H60123457", origin="hk",
                          phone="85261234567", address="香港九龙旺角弥敦道600号",
                          notice_language="zh-hant")])
        hk = act(county, hk, Action.TRANSFER)
    with clock.frozen(at(37)):
        hk = act(county, hk, Action.ACCEPT)
    with clock.frozen(at(2)):
        tw = register(county, channel=Channel.ONLINE, title="台胞投资项目用地手续办理缓慢",
                      request="请求协调加快项目用地审批手续。",
                      facts_reasons="本人为台湾居民，在本县投资农业观光项目，用地手续已报送半年未有答复。",
                      petitioners=[petitioner_data(
                          name="林建宏", id_type="tw", id_number="T02345678", origin="tw",
                          phone="886912345678", address="台湾台北市信义区松仁路100号",
                          notice_language="en")])
    with clock.frozen(at(1)):
        overseas = register(county, title="华侨祖屋修缮审批", request="请求办理祖屋修缮审批。",
                            facts_reasons="本人旅居新加坡，回乡修缮祖屋，审批材料不知如何提交。")
        track_put_on(case_id=overseas.pk, actor=county.user(county.bureau, Role.REGISTRAR),
                     params={"reason": "信访人为旅居新加坡的华侨，按涉侨事项快速办理"})
    remind_targets()  # the daily job: the Hong Kong case's 30-day target has passed
    reminded = TargetReminder.objects.filter(case__in=[hk, tw, overseas]).count()
    return (f"快速通道 3 件（香港 {hk.number}·繁體告知，台湾 {tw.number}·英文告知，"
            f"华侨 {overseas.number}·人工列入）；内部时限提醒 {reminded} 件")
