"""Demo 信访超市 for the demo county 清河: a village point (东街社区信访超市, run by the village's own
代办员 and the township's staff) and the township's 便民服务超市, each with the default catalogue and
named providers (a lawyer, a 乡贤 mediator, a counsellor, a volunteer), and needs at every stage —
recorded, assigned, in progress, done in the village, handed up and done in the township, handed up
and waiting, turned into a petition case, withdrawn, and one left open too long and escalated by
the hourly sweep — all through the real workflow, each step at its own time. One need was sent on
the portal (网上提出需求); its query code and phone are printed, to try /portal/needs/track/."""

from __future__ import annotations

import datetime as dt
import random

from xinfang.cases.demo import DEMO_PASSWORD
from xinfang.cases.scenarios import County
from xinfang.core import clock
from xinfang.orgs.models import Role, User
from xinfang.orgs.services import staff_create

from .models import Need, Provider, ProviderKind, ServicePoint
from .services import default_catalogue, need_submit_online
from .states import ConsultAction, NeedAction
from .workflow import need_record, need_transition

A = NeedAction

# providers: (kind, name or None for the township's handler, services)
PROVIDERS = [
    (ProviderKind.STAFF, None, ("民情代办", "信访接待", "评理调解", "法律服务", "心理疏导")),
    (ProviderKind.MEDIATOR, "陈乡贤", ("评理调解",)),
    (ProviderKind.LAWYER, "周律师", ("法律服务",)),
    (ProviderKind.COUNSELLOR, "林老师", ("心理疏导",)),
    (ProviderKind.VOLUNTEER, "代办员小王", ("民情代办",)),
]

DONE = {"outcome": "已按群众需求办理完毕，当场答复，群众表示认可。", "satisfaction": "satisfied"}

# (point, visitor, phone, place, what, days ago,
#  steps: (action, hours later, params; for 分派: (service, provider name or "" for the staff)))
PLAN = [
    ("village", "王桂英", "13800001111", "东街社区第一小组", "帮忙代办高龄津贴申请，本人行动不便。", 30,
     [(A.ASSIGN, 1, ("民情代办", "代办员小王")), (A.START, 2, {}), (A.FINISH, 50, DONE)]),
    ("village", "刘建国", "13800002222", "东街社区第三小组", "邻居加建围墙占用通道，双方多次争吵。", 26,
     [(A.ASSIGN, 2, ("评理调解", "陈乡贤")), (A.START, 24, {}),
      (A.FINISH, 72, {"outcome": "乡贤到场评理，双方同意拆除加建部分，签订和解协议。",
                      "satisfaction": "satisfied"})]),
    ("village", "张秀兰", "13800003333", "东街社区第二小组", "儿子外出务工拖欠工资，想了解如何维权。", 20,
     [(A.ASSIGN, 1, ("法律服务", "周律师")),
      (A.FINISH, 30, {"outcome": "律师讲解劳动仲裁程序，协助写好仲裁申请书。",
                      "satisfaction": "basic"})]),
    ("village", "赵志强", "13800004444", "东街社区第四小组", "宅基地界址与邻村有争议，村里无法确认。", 18,
     [(A.ASSIGN, 1, ("评理调解", "陈乡贤")), (A.REFER, 48, {"reason": "涉及跨村宅基地界址，村里无法确认，上交镇里。"}),
      (A.ASSIGN, 60, ("信访接待", "")), (A.START, 70, {}),
      (A.FINISH, 200, {"outcome": "镇国土所会同两村现场勘界，确认界址并登记。",
                       "satisfaction": "satisfied"})]),
    ("village", "孙丽华", "13800005555", "东街社区第一小组", "征迁补偿款分配家庭内部有矛盾，情绪低落。", 12,
     [(A.ASSIGN, 1, ("心理疏导", "林老师")), (A.START, 3, {})]),
    ("village", "周伟", "13800006666", "东街社区第五小组", "小区路灯损坏两个月无人修。", 9,
     [(A.ASSIGN, 2, ("民情代办", ""))]),
    ("village", "吴芳", "13800007777", "东街社区第二小组", "低保复核结果有疑问，想了解原因。", 1, []),
    ("village", "郑国庆", "13800008888", "东街社区第三小组", "养殖场异味扰民，多次反映未解决。", 15,
     [(A.ASSIGN, 1, ("评理调解", "陈乡贤")), (A.REFER, 40, {"reason": "涉及环保执法，村里无权处理，上交镇里。"}),
      (A.PETITION, 80, {"title": "养殖场异味扰民", "request": "请求有关部门依法查处养殖场污染问题。",
                        "purpose": "request"})]),
    ("village", "冯海", "13800009999", "东街社区第四小组", "想咨询土地流转合同条款。", 6,
     [(A.WITHDRAW, 20, {"reason": "群众已自行向律师事务所咨询，不再需要。"})]),
    ("village", "陈玉梅", "13900001111", "东街社区第五小组", "承包地被邻户占种，协商不成。", 4,
     [(A.ASSIGN, 1, ("评理调解", "陈乡贤")), (A.REFER, 30, {"reason": "双方分歧大，需镇司法所介入。"})]),
    ("township", "褚明", "13900002222", "城关镇南街", "企业拖欠装修款，想申请法律援助。", 10,
     [(A.ASSIGN, 1, ("法律服务", "周律师")), (A.START, 4, {}),
      (A.FINISH, 60, {"outcome": "已协助申请法律援助，援助律师已指派。", "satisfaction": "satisfied"})]),
    ("township", "卫东", "13900003333", "城关镇北街", "物业费纠纷，要求答复。", 3,
     [(A.ASSIGN, 2, ("信访接待", ""))]),
]


def _points(county: County) -> dict[str, ServicePoint]:
    village, _ = ServicePoint.objects.get_or_create(
        unit=county.village, name="东街社区信访超市",
        defaults={"address": "东街社区党群服务中心一楼", "hours": "工作日8:30-17:30"})
    township, _ = ServicePoint.objects.get_or_create(
        unit=county.township, name="城关镇便民服务超市",
        defaults={"address": "城关镇综治中心", "hours": "工作日8:30-17:30，周六上午"})
    for p in (village, township):
        services = {s.name: s for s in default_catalogue(p)}
        for kind, name, offered in PROVIDERS:
            user = county.user(county.township, Role.HANDLER) if name is None else None
            pr, _ = Provider.objects.get_or_create(point=p, kind=kind, user=user, name=name or "")
            pr.services.set([services[s] for s in offered])
    return {"village": village, "township": township}


def _clerk(county: County) -> User:
    """The village's own 代办员 (a registrar of 东街社区), who records at its point."""
    username = f"{county.village.code.lower()}_{Role.REGISTRAR}"
    return (User.objects.filter(username=username).first()
            or staff_create(username=username, unit=county.village, roles=[Role.REGISTRAR],
                            display_name="东街社区代办员", password=DEMO_PASSWORD))


def seed(*, county: County, cases: list, rng: random.Random) -> str:  # noqa: ARG001
    """Record each planned need on its day, then take its steps some hours apart; then sweep."""
    points = _points(county)
    county.leader(county.township)  # the township's leader, who is told of needs open too long
    clerk, township_staff = _clerk(county), county.user(county.township, Role.REGISTRAR)
    now = clock.now()
    for where, name, phone, place, text, ago, steps in PLAN:
        start = (now - dt.timedelta(days=ago)).replace(hour=9, minute=0, second=0, microsecond=0)
        p = points[where]
        recorder = clerk if where == "village" else township_staff
        with clock.frozen(start):
            n = need_record(actor=recorder, params={"point": p.pk, "visitor_name": name,
                                                    "visitor_phone": phone, "place": place,
                                                    "text": text})
        for action, hours, params in steps:
            with clock.frozen(start + dt.timedelta(hours=hours)):
                n.refresh_from_db()
                if action == A.ASSIGN:
                    service_name, provider_name = params
                    service = n.point.services.get(name=service_name)
                    provider = n.point.providers.get(name=provider_name, services=service)
                    params = {"service": service.pk, "provider": provider.pk}
                # the village's clerk acts at its own point; the township's staff once handed up
                actor = clerk if n.point == points["village"] else township_staff
                need_transition(need_id=n.pk, action=action, actor=actor, params=params)
    online = seed_online(points["village"], clerk, now)
    from .tasks import escalate_overdue

    escalate_overdue()  # the hourly job: needs open past their time limit
    consults = seed_consults(county, clerk)
    sittings = seed_sittings(county, clerk)
    escalated = Need.objects.filter(origin__in=list(points.values()),
                                    escalated_at__isnull=False).count()
    return (f"服务点 {len(points)} 个，群众需求 {len(PLAN) + 1} 件（逾期提醒 {escalated} 件；"
            f"网上提出 1 件，演示查询码 {online.code_grouped}，手机 {ONLINE['phone']}）；"
            f"四诊事项 {consults} 件；坐诊预约 {sittings} 人次")


ONLINE = {"name": "钱多多", "phone": "13800009999", "place": "东街社区第六小组",
          "text": "想咨询父亲去世后房屋继承过户需要哪些材料，白天上班没空去服务点。"}


def seed_online(village_point: ServicePoint, clerk: User, now: dt.datetime):  # noqa: ANN201
    """A need sent on the portal two days ago (the visitor chose 法律服务), assigned the next
    morning to the point's lawyer."""
    start = (now - dt.timedelta(days=2)).replace(hour=20, minute=30, second=0, microsecond=0)
    service = village_point.services.get(name="法律服务")
    with clock.frozen(start):
        receipt = need_submit_online(params={**ONLINE, "point": village_point.pk,
                                             "service": service.pk,
                                             "token": "demo-online-need-" + "0" * 8})
    with clock.frozen(start + dt.timedelta(hours=13)):
        need_transition(need_id=receipt.need.pk, action=A.ASSIGN, actor=clerk, params={
            "service": service.pk,
            "provider": village_point.providers.get(name="周律师").pk})
    return receipt


# ---- 四诊合一接访 -------------------------------------------------------------------------------------

C = ConsultAction
# (kind, weeks ago (on that week's Tuesday) or days ahead for a planned visit, what, steps)
CONSULTS = [
    (C.RECEIVE, 3, {"visitor_name": "何大伟", "visitor_phone": "13600001111", "place": "东街社区第一小组",
                    "text": "楼上住户装修漏水，协商不成。"},
     [(C.RESOLVE, 4, {"outcome": "书记当场约双方协商，楼上住户同意维修并赔偿。"})]),
    (C.RECEIVE, 2, {"visitor_name": "许红", "visitor_phone": "13600002222", "place": "东街社区第三小组",
                    "text": "宅基地翻建审批迟迟没有结果。"},
     [(C.ROUTE, 2, {"units": "township", "days": 15})]),
    (C.RECEIVE, 0, {"visitor_name": "严冬", "visitor_phone": "13600004444", "place": "东街社区第四小组",
                    "text": "承包地灌溉水渠被堵，影响春耕。"}, []),
    (C.PLAN, -2, {"place": "东街社区12号孙家", "topic": "征迁补偿"}, []),
    (C.PLAN, 1, {"place": "东街社区20号吕家", "topic": "宅基地纠纷"},
     [(C.VISIT, 3, {"text": "吕家与邻户宅基地界址争议多年，双方情绪激烈。", "visitor_name": "吕强"}),
      (C.CONVENE, 30, {"units": "township,housing", "meeting_on": 5, "note": "专班会商界址"})]),
    (C.PLAN, 2, {"place": "东街社区7号施家", "topic": "征迁补偿"},
     [(C.CANCEL, 2, {"reason": "农户外出务工，改期再访。"})]),
    (C.RECEIVE, 1, {"visitor_name": "张丽", "visitor_phone": "13600003333", "place": "东街社区第二小组",
                    "text": "对村集体土地征收补偿标准有异议，要求复核。"},
     [(C.PETITION, 3, {"title": "对土地征收补偿标准有异议", "request": "请求依法复核补偿标准。",
                       "purpose": "request"})]),
]


def seed_consults(county: County, clerk: User) -> int:
    """The village's Tuesday reception day, and matters heard on it or on home visits, each at its
    own time through the workflow."""
    from .consults import consult_create, consult_transition
    from .models import ReceptionDay, Weekday

    ReceptionDay.objects.get_or_create(unit=county.village, weekday=Weekday.TUESDAY, defaults={
        "host": "东街社区党委书记", "place": "东街社区党群服务中心二楼"})
    leader = county.leader(county.township)
    today = clock.today()
    tuesday = today - dt.timedelta(days=(today.weekday() - Weekday.TUESDAY) % 7)
    units = {"township": county.township, "housing": county.housing}
    for action, when, params, steps in CONSULTS:
        day = (tuesday - dt.timedelta(weeks=when) if action == C.RECEIVE
               else today - dt.timedelta(days=max(when, 0) + 7))
        start = dt.datetime.combine(day, dt.time(9), tzinfo=clock.now().tzinfo)
        if action == C.PLAN:
            params = {**params, "planned_on": (today + dt.timedelta(days=-when)
                                               if when < 0 else day + dt.timedelta(days=when))}
        with clock.frozen(start):
            c = consult_create(action=action, actor=clerk, params={"unit": county.village.pk,
                                                                    **params})
        for step, hours, p in steps:
            p = dict(p)
            if "units" in p:
                p["units"] = [units[k].pk for k in p["units"].split(",")]
            if "meeting_on" in p:
                p["meeting_on"] = day + dt.timedelta(days=p["meeting_on"])
            with clock.frozen(start + dt.timedelta(hours=hours)):
                consult_transition(consult_id=c.pk, action=step,
                                   actor=leader if step == C.CONVENE else clerk, params=p)
    return len(CONSULTS)


# ---- 坐诊预约 (the portal's booking of the Tuesday reception day) ----------------------------------------

# (name, phone, what, weeks from this Tuesday (-1: last week's), step on the day)
SITTINGS = [
    ("周建国", "13500001111", "村口垃圾清运点离住户太近，夏天气味很大。", -1, "receive"),
    ("吴芳", "13500002222", "低保申请递交两个月没有回音，想问问进度。", -1, "no_show"),
    ("郑涛", "13500003333", "邻居在公共通道堆放杂物，影响出行。", -1, "cancel"),
    ("冯敏", "13500004444", "小区电梯年久失修，老人上下楼不便。", 1, ""),
    ("陈亮", "13500005555", "村道两侧路灯不亮已有半年。", 1, ""),
]


def seed_sittings(county: County, clerk: User) -> int:
    """Citizens book the Tuesday reception day on the portal: last week's three (received into a
    consult and resolved, absent, cancelled by the citizen), next week's two still booked."""
    import secrets

    from .consults import consult_transition
    from .models import ReceptionDay, Weekday
    from .sittings import cancel_ticket, sitting_book_online, sitting_cancel_online
    from .sittings import sitting_transition as step

    day = ReceptionDay.objects.get(unit=county.village, weekday=Weekday.TUESDAY)
    today = clock.today()
    tuesday = today - dt.timedelta(days=(today.weekday() - Weekday.TUESDAY) % 7)
    tz = clock.now().tzinfo
    for name, phone, matter, weeks, then in SITTINGS:
        date = tuesday + dt.timedelta(weeks=weeks)
        with clock.frozen(dt.datetime.combine(date - dt.timedelta(days=2), dt.time(20), tzinfo=tz)):
            b = sitting_book_online(params={
                "reception": day.pk, "date": date.isoformat(), "name": name, "phone": phone,
                "matter": matter, "token": secrets.token_urlsafe(24)}).booking
            if then == "cancel":
                sitting_cancel_online(ticket=cancel_ticket(b), reason="问题已自行解决")
        if then in ("receive", "no_show"):
            with clock.frozen(dt.datetime.combine(date, dt.time(9, 30), tzinfo=tz)):
                b = step(booking_id=b.pk, action=then, actor=clerk)
        if then == "receive":
            with clock.frozen(dt.datetime.combine(date, dt.time(11), tzinfo=tz)):
                consult_transition(consult_id=b.consult_id, action=C.RESOLVE, actor=clerk, params={
                    "outcome": "书记当场联系环卫所，垃圾清运点下周迁至村东空地。"})
    return len(SITTINGS)
