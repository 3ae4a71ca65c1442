"""Demo leaders' reception for the demo county 清河 (Art. 18), all through the real workflows, each
step at its own time: a reception held two weeks ago by the county's deputy head (分管副县长) with
booked and walk-in petitioners, the leader's instructions, one case registered from it and one
taken over as 包案; a cancelled one; and upcoming sessions on the portal's rota (a 下访 in a
community, a 人民代表接访日, a 联合接访) with bookings in every state. Log in as qhxf_registrar
(the bureau organises) or qhx_leader (the leader receiving); the public rota is /portal/reception/."""

from __future__ import annotations

import datetime as dt
import random
import secrets

from xinfang.cases.models import Case
from xinfang.cases.scenarios import County
from xinfang.core import clock
from xinfang.orgs.models import Role
from xinfang.orgs.selectors import in_jurisdiction
from xinfang.resolution.supervision import IN_HANDLING

from .services import booking_book_online
from .states import BookingAction, SessionAction
from .workflow import booking_create, booking_transition, session_create, session_transition

SA, BA = SessionAction, BookingAction

PEOPLE = [
    ("陈建国", "13700001001", "小区旁的建筑工地每晚十点后仍在施工，噪音扰民，多次向住建局反映未解决。"),
    ("刘秀英", "13700001002", "老旧小区改造后雨水管堵塞，一楼住户家中进水，希望尽快维修。"),
    ("赵德明", "13700001003", "征地补偿款发放标准不清楚，村里没有公示，想当面问清楚。"),
    ("孙丽华", "13700001004", "孩子上学划片问题，新小区没有划入附近学校，接送困难。"),
    ("周志强", "13700001005", "农民工工资被拖欠三个月，老板联系不上，请求帮助追讨。"),
    ("吴桂兰", "13700001006", "村道路灯损坏半年无人修，晚上出行不安全。"),
]


def _book(session, i: int) -> object:  # noqa: ANN001
    name, phone, matter = PEOPLE[i]
    return booking_book_online(params={"session": session.pk, "name": name, "phone": phone,
                                       "matter": matter, "token": secrets.token_urlsafe(24)}).booking


def _session(county: County, actor, **p) -> object:  # noqa: ANN001, ANN003
    base = {"kind": "leader", "leader": county.leader().pk, "host_name": "王建华",
            "host_title": "分管副县长",
            "area": county.county.pk, "start_time": "09:00", "end_time": "11:30",
            "place": "县信访局接待大厅（城关镇人民路8号）", "topics": "城乡建设、征地拆迁、劳动保障",
            "capacity": 6}
    return session_create(actor=actor, params={**base, **p})


def seed(*, county: County, cases: list[Case], rng: random.Random) -> str:  # noqa: ARG001
    registrar = county.user(county.bureau, Role.REGISTRAR)
    leader = county.leader()
    today = clock.today()

    # 1. Held two weeks ago, recorded: booked and walk-in petitioners, one case made, one taken over.
    day = today - dt.timedelta(days=14)
    with clock.frozen(day - dt.timedelta(days=6)):
        held = _session(county, registrar, date=day.isoformat())
        came = [_book(held, i) for i in range(3)]
        for b in came:
            booking_transition(booking_id=b.pk, action=BA.CONFIRM, actor=registrar)
    with clock.frozen(dt.datetime.combine(day, dt.time(9, 5))):
        session_transition(session_id=held.pk, action=SA.HOLD, actor=registrar)
        booking_transition(booking_id=came[0].pk, action=BA.ATTEND, actor=registrar)
        booking_transition(booking_id=came[1].pk, action=BA.ATTEND, actor=registrar)
        booking_transition(booking_id=came[2].pk, action=BA.NO_SHOW, actor=registrar,
                           params={"note": "电话联系未接通"})
        booking_create(action=BA.WALK_IN, actor=registrar, params={
            "session": held.pk, "name": PEOPLE[4][0], "phone": PEOPLE[4][1],
            "matter": PEOPLE[4][2]})
        session_transition(session_id=held.pk, action=SA.OPEN_CASE, actor=registrar, params={
            "booking": came[0].pk, "purpose": "request", "title": "建筑工地夜间施工噪音扰民",
            "request": "请求依法制止夜间违规施工。", "facts_reasons": PEOPLE[0][2],
            "problem_unit": county.township.pk, "address": "城关镇人民路锦绣花园"})
        # read afresh: the other apps' demos (a dispute's transfer, say) may have moved the cases
        fresh = Case.objects.filter(pk__in=[c.pk for c in cases], status__in=IN_HANDLING,
                                    leader_assignments__isnull=True).select_related(
            "holding_unit").order_by("pk")
        open_ = next((c for c in fresh if in_jurisdiction(leader, c.holding_unit)), None)
        took = 0
        if open_ is not None:
            session_transition(session_id=held.pk, action=SA.TAKE_OVER, actor=leader, params={
                "case_number": open_.number, "lead": "on",
                "plan": "由分管副县长包案，住建局、城关镇联合核查，两周内书面答复。"})
            took = 1
        session_transition(session_id=held.pk, action=SA.RECORD, actor=leader, params={
            "instructions": "一、夜间施工问题请住建局三日内现场核查，依法处理并答复信访人；"
                            "二、欠薪问题请人社局牵头，一周内拿出处理意见。",
            "summary": "接待群众3人（预约2人、现场来访1人），预约未到场1人；当场登记信访件1件，"
                       "领导包案1件。"})

    # 2. Cancelled last week, its bookers told by SMS.
    with clock.frozen(today - dt.timedelta(days=10)):
        off = _session(county, registrar, date=(today - dt.timedelta(days=5)).isoformat(),
                       kind="visit", area=county.township.pk, place="城关镇人民政府二楼会议室")
        _book(off, 5)
        session_transition(session_id=off.pk, action=SA.CANCEL, actor=registrar,
                           params={"reason": "接访领导临时参加全市防汛工作会议，改期另行公布"})

    # 3. Upcoming, on the portal's rota.
    visit = _session(county, registrar, kind="visit", area=county.village.pk,
                     date=(today + dt.timedelta(days=5)).isoformat(), start_time="14:30",
                     end_time="17:00", place="城关镇东街社区党群服务中心",
                     topics="老旧小区改造、物业管理", capacity=8)
    a, b, c = (_book(visit, i) for i in (1, 3, 5))
    booking_transition(booking_id=a.pk, action=BA.CONFIRM, actor=registrar)
    booking_transition(booking_id=c.pk, action=BA.DECLINE, actor=registrar, params={
        "reason": "所反映的路灯维修已转城关镇办理，请留意城关镇的答复"})
    deputy = _session(county, registrar, kind="deputy", leader="", host_name="李淑芬",
                      host_title="县人大代表", area=county.township.pk,
                      date=(today + dt.timedelta(days=10)).isoformat(),
                      place="城关镇人大代表联络站", topics="教育、医疗、社会保障", capacity=5)
    _book(deputy, 2)
    _session(county, registrar, kind="joint", date=(today + dt.timedelta(days=3)).isoformat(),
             joint_units=[county.housing.pk, county.political_legal.pk],
             topics="住房、物业、治安", capacity=6)
    from .models import Booking

    came = Booking.objects.filter(session__unit=county.bureau)
    return (f"接访场次5场（已记录1场、已取消1场、待接访3场），网上预约{came.filter(channel='portal').count()}"
            f"人次、现场来访{came.filter(channel='walk_in').count()}人次，"
            f"接访登记信访件1件，领导接手并包案{took}件")
