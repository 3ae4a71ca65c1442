"""Demo 众人议事厅 for the demo county 清河: the roster of 东街社区 and three topics like Yuhang's, all
through the real workflow, each step at its own time — a heritage-zone move-out topic linked to
petitions, voted (93% in favour), decided and published (the result on each linked petition's
timeline); a lift-cost topic closed and awaiting its decision; a parking-fee topic open, with votes
and comments (one hidden). A roster phone that has not voted yet is printed, to take part on the
portal (the SMS code goes to the server log: the demo's console SMS backend)."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from xinfang.cases.demo import person
from xinfang.cases.scenarios import County, register
from xinfang.cases.selectors import visible_cases
from xinfang.core import clock
from xinfang.core.errors import DomainError
from xinfang.orgs.models import Role

from .services import add_resident, cast_vote, post_comment
from .states import TopicAction
from .workflow import topic_create, topic_transition

A = TopicAction
ROSTER = 30

HERITAGE = {
    "title": "东街社区遗址保护区块农户建房：是否同意逐步外迁方案",
    "facts": ("东街社区古城遗址保护区块内有农户38户，因遗址保护要求长期不能翻建，近年多户反映住房破旧、"
              "建房审批难。镇政府拟在区块外统一规划安置地块，由农户自愿、分批外迁建房，原宅基地纳入遗址保护。"
              "请各户居民发表意见并表决。"),
    "options": "同意逐步外迁方案\n不同意",
}
LIFT = {
    "title": "东街社区3幢加装电梯费用分摊方案",
    "facts": "3幢业主申请加装电梯，总费用约60万元，政府补助20万元，其余由业主分摊。请选择分摊方案。",
    "options": "方案一：按楼层递增分摊\n方案二：二层以上平均分摊\n暂不加装",
}
PARKING = {
    "title": "东街农贸市场周边停车位收费标准调整",
    "facts": "农贸市场周边停车位长期被占用，拟对白天8时至18时实行首小时免费、之后每小时2元的收费，"
             "夜间对本社区居民免费。请居民发表意见。",
    "options": "赞成\n反对",
}
COMMENTS = ["支持，安置地块要先公示，外迁补助标准要说清楚。", "希望老人户可以优先安置。",
            "外迁后原宅基地怎么补偿？请镇里讲清楚。"]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _topic(county: County, plan: dict, opens: dt.datetime, closes: dt.datetime):  # noqa: ANN202
    with clock.frozen(opens - dt.timedelta(hours=2)):
        return topic_create(actor=county.user(county.township, Role.REGISTRAR), params={
            **plan, "unit": county.village.pk, "eligibility": "roster",
            "opens_at": _local(opens), "closes_at": _local(closes)})


def _step(topic, action, actor, moment, **params):  # noqa: ANN001, ANN003, ANN202
    with clock.frozen(moment):
        return topic_transition(topic_id=topic.pk, action=action, actor=actor, params=params)


def _petitions(county: County, today: dt.date) -> list:
    """Two petitions about the heritage zone, registered by the township 50 days ago."""
    registrar = county.user(county.township, Role.REGISTRAR)
    made = []
    with clock.frozen(_at(today - dt.timedelta(days=50), 10)):
        for title, request in (("遗址保护区块内住房破旧多年不能翻建", "请求允许翻建或给出安置办法。"),
                               ("遗址区块建房审批难，要求明确外迁安置政策", "请求明确外迁安置地块和补助标准。")):
            made.append(register(county, registrar=registrar, title=title, request=request,
                                 problem_unit=county.village.pk,
                                 facts_reasons="本人居住在东街社区遗址保护区块，房屋建于上世纪八十年代，"
                                               "多次申请翻建未获批准。"))
    return [c for c in made if visible_cases(registrar).filter(pk=c.pk).exists()]


def seed(*, county: County, cases: list, rng: random.Random) -> str:  # noqa: ARG001
    today = clock.today()
    handler = county.user(county.township, Role.HANDLER)
    approver = county.user(county.township, Role.APPROVER)
    people = []
    with clock.frozen(_at(today - dt.timedelta(days=60), 9)):
        while len(people) < ROSTER:
            who = person(rng, "清河县城关镇东街社区")
            try:
                people.append((add_resident(actor=county.user(county.township, Role.REGISTRAR),
                                            unit=county.village, name=who["name"],
                                            phone=who["phone"], verified=len(people) % 6 == 5,
                                            note="租户，网格员上门核实" if len(people) % 6 == 5 else ""),
                               who["phone"]))
            except DomainError:  # the same phone drawn twice
                continue
    residents = [r for r, _phone in people]

    # 1. heritage zone: 29 of 30 vote, 27 in favour (93.1%), decided and published
    opens, closes = _at(today - dt.timedelta(days=40), 9), _at(today - dt.timedelta(days=26), 18)
    heritage = _topic(county, HERITAGE, opens, closes)
    petitions = _petitions(county, today)
    for case in petitions:
        _step(heritage, A.LINK, handler, opens - dt.timedelta(hours=1), case=case.number)
    _step(heritage, A.OPEN, handler, opens)
    for i, r in enumerate(residents[:29]):
        with clock.frozen(opens + dt.timedelta(hours=3 + 9 * i)):
            cast_vote(topic_id=heritage.pk, resident_id=r.pk, option=0 if i < 27 else 1)
            if i < len(COMMENTS):
                post_comment(topic_id=heritage.pk, resident_id=r.pk, text=COMMENTS[i])
    _step(heritage, A.CLOSE, handler, closes + dt.timedelta(minutes=5))
    _step(heritage, A.DECIDE, approver, closes + dt.timedelta(days=2),
          decision="按多数意见实施逐步外迁方案：明年起分三批外迁，安置地块在区块外统一规划。",
          reasons=("参与表决29户中27户同意（93.1%）；方案符合遗址保护规划，安置地块已纳入镇国土空间规划，"
                   "外迁补助标准经镇党政联席会议研究确定。"))
    _step(heritage, A.PUBLISH, approver, closes + dt.timedelta(days=4))

    # 2. lift costs: closed yesterday, the decision still to take
    opens, closes = _at(today - dt.timedelta(days=15), 9), _at(today - dt.timedelta(days=1), 18)
    lift = _topic(county, LIFT, opens, closes)
    _step(lift, A.OPEN, handler, opens)
    for i, r in enumerate(residents[:18]):
        with clock.frozen(opens + dt.timedelta(hours=5 + 12 * i)):
            cast_vote(topic_id=lift.pk, resident_id=r.pk, option=[0, 0, 1, 0, 2][i % 5])
    _step(lift, A.CLOSE, handler, closes + dt.timedelta(minutes=5))

    # 3. parking fees: open, 11 votes and a few comments, one hidden
    opens, closes = _at(today - dt.timedelta(days=3), 9), _at(today + dt.timedelta(days=7), 18)
    parking = _topic(county, PARKING, opens, closes)
    _step(parking, A.OPEN, handler, opens)
    for i, r in enumerate(residents[:11]):
        with clock.frozen(opens + dt.timedelta(hours=2 + 4 * i)):
            cast_vote(topic_id=parking.pk, resident_id=r.pk, option=0 if i % 3 else 1)
    with clock.frozen(opens + dt.timedelta(hours=30)):
        post_comment(topic_id=parking.pk, resident_id=residents[1].pk,
                     text="白天收费可以，夜间对居民免费很好。")
        bad = post_comment(topic_id=parking.pk, resident_id=residents[2].pk,
                           text="收购二手车，高价回收，电话联系")
    _step(parking, A.HIDE_COMMENT, handler, opens + dt.timedelta(hours=32), comment=bad.pk,
          reason="广告，与议题无关")
    phone = people[20][1]
    return (f"议题 3 个（已公布、已截止待决定、议事中），参与人名册 {ROSTER} 人，关联信访件 "
            f"{len(petitions)} 件；可用名册手机 {phone} 在 /portal/deliberation/{parking.number}/ 参与"
            f"（验证码见服务器日志）")
