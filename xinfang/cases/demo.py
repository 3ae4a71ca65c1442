"""The demo county 清河县: units, staff of every role, and a few hundred cases in every state.

Every case is carried along its route by `case_transition` under a frozen clock set to the day
each step happened, so timelines, deadlines and overdue marks are what real work would leave.
Texts come from the real public messages in ``XINFANG_SHARED_DATA`` when present (read at run
time, never shipped), otherwise from generated text.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from xinfang.core import clock
from xinfang.core.errors import DomainError
from xinfang.deadlines.models import RUNNING_STATES
from xinfang.deadlines.services import deadline_scan
from xinfang.orgs.models import Role, Unit, UnitType, User
from xinfang.orgs.services import staff_create

from .forms import resident_id_check_digit
from .models import Case, Category, Channel, Purpose
from .scenarios import (
    County,
    actor_for,
    build_county,
    params_for,
    petitioner_data,
    submit_draft_if_signed_off,
)
from .services import case_register, route_followup_record
from .states import Action, LegalRoute, Status
from .taxonomy import default_taxonomy_path, load_taxonomy
from .workflow import case_transition

DEMO_CODE = "QH"
DEMO_NAME = "清河"
DEMO_PASSWORD = "demo12345"

# First-level label of the shared messages → the department that handles it.
DEPARTMENTS = [
    ("人力资源和社会保障局", "RS", UnitType.DEPARTMENT, "劳动和社会保障"),
    ("教育局", "JY", UnitType.DEPARTMENT, "教育文体"),
    ("卫生健康局", "WJ", UnitType.DEPARTMENT, "卫生计生"),
    ("商务局", "SW", UnitType.DEPARTMENT, "商贸旅游"),
    ("交通运输局", "JT", UnitType.DEPARTMENT, "交通运输"),
    ("生态环境分局", "HB", UnitType.DEPARTMENT, "环境保护"),
    ("市场监督管理局", "SJ", UnitType.DEPARTMENT, None),
    ("人民调解委员会", "TJ", UnitType.MEDIATION, None),
]

# How many of each final status, as shares of the total (the rest stay registered).
STATUS_SHARES = [
    (Status.CLOSED, 0.20), (Status.ACCEPTED, 0.20), (Status.ANSWERED, 0.11),
    (Status.TRANSFERRED, 0.07), (Status.ASSIGNED, 0.06), (Status.ROUTED, 0.05),
    (Status.OBJECTED, 0.01),
    (Status.NOT_ACCEPTED, 0.04), (Status.NOT_REACCEPTED, 0.03),
    (Status.REVIEW_REQUESTED, 0.04), (Status.REVIEWED, 0.04),
    (Status.RECHECK_REQUESTED, 0.03), (Status.RECHECKED, 0.03),
    (Status.DUTY, 0.02), (Status.DUTY_DONE, 0.02),
]

# Route, guidance, and what the bureau later learns: 签收 and 办结 (the closed loop). A 涉法涉诉
# letter is transferred to the 政法委 (Art. 22 ¶2); a visitor is guided there instead.
ROUTES = [
    (LegalRoute.LITIGATION, "属民事纠纷，已转县委政法委依法处理。",
     "县委政法委已签收，转清河县人民法院立案庭", "县人民法院已立案受理，经诉前调解达成协议，已结案"),
    (LegalRoute.ARBITRATION, "属劳动争议，已告知信访人向县劳动人事争议仲裁委员会申请仲裁。",
     "县劳动人事争议仲裁委员会已受理仲裁申请", "仲裁委已作出裁决，用人单位已支付拖欠工资"),
    (LegalRoute.ADMINISTRATIVE, "对行政处罚不服，已告知信访人依法申请行政复议。",
     "县人民政府已受理行政复议申请", "复议机关维持原处罚决定，已告知信访人可依法提起行政诉讼"),
]
VISIT_GUIDANCE = ("已释法明理，引导信访人向清河县人民法院提起诉讼。",
                  "信访人已向清河县人民法院递交起诉状，法院已立案", "法院已作出一审判决，双方均未上诉")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀英华平刚桂兰建国志红"
STREETS = ["东街", "西街", "南关路", "北环路", "人民路", "建设路", "滨河路", "文化街"]

GENERATED = {
    "城乡建设": [("小区{n}号楼外墙脱落", "请求住建部门督促开发商维修外墙。",
                 "本人居住的{place}小区{n}号楼外墙瓷砖多次脱落，险些砸伤行人，开发商以过保修期为由拒绝维修。")],
    "劳动和社会保障": [("{place}某建筑工地拖欠工资", "请求督促支付拖欠的{n}个月工资。",
                      "本人在{place}某建筑工地务工，包工头拖欠{n}个月工资，多次讨要无果。")],
    "教育文体": [("{place}小学周边交通安全隐患", "请求在学校门口设置减速带和护学岗。",
                 "{place}小学门口车辆车速快，上下学高峰期学生过马路很危险，已发生{n}起剐蹭。")],
    "卫生计生": [("{place}卫生院收费不透明", "请求核查收费并退还多收费用。",
                 "家人在{place}卫生院住院{n}天，费用清单中有多项未使用的检查。")],
    "商贸旅游": [("{place}商场预付卡无法退款", "请求督促商家退还预付卡余额。",
                 "本人在{place}某健身房办理预付卡，{n}月起健身房停业，无法退款。")],
    "环境保护": [("{place}夜间施工噪音扰民", "请求依法查处夜间施工噪音。",
                 "{place}附近工地连续{n}天夜间施工至凌晨，噪音严重影响居民休息。")],
    "交通运输": [("{place}公交线路停运", "请求恢复公交线路或调整班次。",
                 "{place}通往县城的公交线路自{n}月起停运，老人孩子出行困难。")],
}


@dataclass
class Message:
    label: str
    title: str
    body: str


def _id_number(rng: random.Random, born: dt.date) -> str:
    """A resident ID number with a valid check digit (GB 11643)."""
    body = f"130529{born:%Y%m%d}{rng.randint(0, 999):03d}"
    return body + resident_id_check_digit(body)


def person(rng: random.Random, place: str) -> dict:
    born = dt.date(rng.randint(1945, 2000), rng.randint(1, 12), rng.randint(1, 28))
    return petitioner_data(
        name=rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2))),
        id_number=_id_number(rng, born), phone=f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}",
        address=f"{place}{rng.choice(STREETS)}{rng.randint(1, 200)}号",
    )


def shared_messages() -> list[Message]:
    path = Path(settings.XINFANG_SHARED_DATA) / "teddy2020" / "messages_labelled.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for row in rows:
        body = " ".join((row.get("留言详情") or "").split())
        if len(body) < 20:
            continue
        title = (row.get("留言主题") or "").strip() or body[:28]
        out.append(Message(label=row["一级标签"].strip(), title=title[:200], body=body[:2000]))
    return out


def generated_messages(rng: random.Random, n: int) -> list[Message]:
    out = []
    labels = list(GENERATED)
    for _ in range(n):
        label = rng.choice(labels)
        title, request, facts = rng.choice(GENERATED[label])
        fill = {"place": f"清河县城关镇{rng.choice(STREETS)}", "n": rng.randint(2, 9)}
        out.append(Message(label=label, title=title.format(**fill),
                           body=facts.format(**fill) + request.format(**fill)))
    return out


def _request_of(body: str) -> str:
    """The petitioner's request: the sentence that asks for something, else a plain request."""
    for sentence in body.replace("！", "。").replace("？", "。").split("。"):
        if any(w in sentence for w in ("请求", "希望", "要求", "恳请", "建议")) and len(sentence) > 6:
            return sentence.strip()[:300] + "。"
    return "请求有关部门依法调查处理。"


def build_demo_county() -> County:
    county = build_county(DEMO_CODE, name=DEMO_NAME, password=DEMO_PASSWORD,
                          departments=[(n, s, k) for n, s, k, _ in DEPARTMENTS])
    for unit, role, who in [(county.bureau, Role.SUPERVISOR, "督查员"),
                            (county.bureau, Role.LEADER, "局长"),
                            (county.county, Role.LEADER, "分管副县长"),
                            (county.county, Role.SUPERVISOR, "县委督查室")]:
        county.staff[(unit.pk, role)] = staff_create(
            username=f"{unit.code.lower()}_{role}", unit=unit, roles=[role],
            display_name=f"{unit.short_name}{who}", password=DEMO_PASSWORD)
    admin = staff_create(username="admin", unit=county.bureau, roles=[Role.ADMINISTRATOR],
                         display_name="系统管理员", password=DEMO_PASSWORD,
                         is_staff=True, is_superuser=True)
    county.staff[(county.bureau.pk, Role.ADMINISTRATOR)] = admin
    return county


def _days(rng: random.Random, low: int, high: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(low, high), hours=rng.randint(0, 6))


@dataclass
class Plan:
    status: Status
    message: Message
    received: dt.date
    accusation: bool = False
    extend: bool = False


def plans(rng: random.Random, messages: list[Message], n: int, today: dt.date) -> Iterator[Plan]:
    statuses = [s for s, share in STATUS_SHARES for _ in range(round(share * n))]
    statuses += [Status.REGISTERED] * max(0, n - len(statuses))
    rng.shuffle(statuses)
    for i, status in enumerate(statuses[:n]):
        long_route = status in {Status.REVIEW_REQUESTED, Status.REVIEWED, Status.RECHECK_REQUESTED,
                                Status.RECHECKED, Status.CLOSED}
        age = rng.randint(90, 170) if long_route else rng.randint(0, 120)
        yield Plan(status=status, message=messages[i % len(messages)],
                   received=today - dt.timedelta(days=age),
                   accusation=rng.random() < {Status.TRANSFERRED: 0.1, Status.ACCEPTED: 0.1,
                                               Status.REGISTERED: 0.35}.get(status, 0),
                   extend=status in {Status.ACCEPTED, Status.ANSWERED, Status.CLOSED}
                   and rng.random() < 0.15)


def _route_actions(plan: Plan) -> list[Action]:
    path = {
        Status.REGISTERED: [], Status.TRANSFERRED: [Action.TRANSFER],
        Status.ASSIGNED: [Action.ASSIGN], Status.ROUTED: [Action.ROUTE],
        Status.OBJECTED: [Action.TRANSFER, Action.OBJECT],
        Status.DUTY: [Action.TRANSFER, Action.TAKE_UP],
        Status.DUTY_DONE: [Action.TRANSFER, Action.TAKE_UP, Action.DISCHARGE],
        Status.NOT_ACCEPTED: [Action.TRANSFER, Action.NOT_ACCEPT],
        Status.NOT_REACCEPTED: [Action.REFUSE_REPEAT],
    }.get(plan.status)
    if path is not None:
        return path
    tail = [Action.ANSWER, Action.RATE, Action.CLOSE, Action.REQUEST_REVIEW, Action.ANSWER_REVIEW,
            Action.REQUEST_RECHECK, Action.ANSWER_RECHECK]
    stop = {Status.ACCEPTED: 0, Status.ANSWERED: 1, Status.CLOSED: 3,
            Status.REVIEW_REQUESTED: 4, Status.REVIEWED: 5, Status.RECHECK_REQUESTED: 6,
            Status.RECHECKED: 7}[plan.status]
    head = [Action.TRANSFER, Action.ACCEPT] + ([Action.EXTEND] if plan.extend else [])
    steps = tail[:stop]
    if plan.status != Status.CLOSED:  # the review route skips rating and closing
        steps = [a for a in steps if a not in (Action.RATE, Action.CLOSE)]
    return head + steps


def seed_cases(county: County, *, n: int, rng: random.Random,
               progress: Callable[[int], None] = lambda _: None) -> list[Case]:
    """Register `n` cases and carry each to its planned status on the days it would happen."""
    messages = shared_messages() or generated_messages(rng, n)
    rng.shuffle(messages)
    label_unit = {label: u for u, (_, _, _, label) in zip(county.departments, DEPARTMENTS,
                                                          strict=True) if label}
    label_unit["城乡建设"] = county.housing
    categories = {c.name: c for c in Category.objects.filter(level=1)}
    today = clock.today()
    registrar = county.user(county.bureau, Role.REGISTRAR)
    cases: list[Case] = []
    earlier_by_label: dict[str, Case] = {}
    rechecked: dict[str, Case] = {}  # Art. 36 ¶3: only a rechecked matter is not accepted again
    for plan in plans(rng, messages, n, today):
        moment = dt.datetime.combine(plan.received, dt.time(9, rng.randint(0, 59)))
        place = rng.choice([county.township, county.village])
        target = label_unit.get(plan.message.label, county.housing)
        data = {
            "title": plan.message.title, "request": _request_of(plan.message.body),
            "facts_reasons": plan.message.body, "received_on": plan.received.isoformat(),
            "channel": rng.choice(list(Channel.values)), "problem_unit": place.pk,
            "category": getattr(categories.get(plan.message.label), "pk", None),
            "purpose": Purpose.ACCUSATION if plan.accusation else rng.choice(
                [Purpose.REQUEST] * 6 + [Purpose.SUGGESTION, Purpose.APPEAL]),
        }
        if plan.accusation and plan.status == Status.REGISTERED:
            # as the portal records it: a person, no unit yet; triage must name the unit (Art. 30)
            data.update(accused_person="城关镇干部某某")
        elif plan.accusation:
            data.update(accused_unit=county.township.pk, accused_person="城关镇某干部")
            target = county.discipline
        people = [person(rng, "清河县城关镇") for _ in range(rng.choice([1] * 9 + [3]))]
        if len(people) > 1:
            data.update(headcount=len(people), is_collective=True)
        # one transaction per case: what listens to registrations (the triage assistant) sees the
        # case once it has been carried to its planned status, and skips those already triaged
        with transaction.atomic():
            with clock.frozen(moment):
                case = case_register(actor=registrar, data={**_base(county), **data},
                                     petitioners=people)
            actions = _route_actions(plan)
            earlier = earlier_by_label.get(plan.message.label)
            if Action.REFUSE_REPEAT in actions:
                earlier = rechecked.get(plan.message.label) or next(iter(rechecked.values()), None)
                if earlier is None:
                    actions = []
            if plan.status == Status.NOT_ACCEPTED and earlier is not None and rng.random() < 0.5:
                actions = [Action.NOT_ACCEPT_REPEAT]  # the same matter is in handling (Art. 19)
            for action in actions:
                moment += _days(rng, 1, {Action.ANSWER: 40, Action.OBJECT: 3}.get(action, 12))
                if moment.date() > today:
                    break
                with clock.frozen(moment):
                    try:
                        case = _act(county, case, action, rng, target=target, earlier=earlier)
                    except DomainError:  # e.g. the earlier matter's period ran out (Art. 19)
                        if action != Action.NOT_ACCEPT_REPEAT:
                            raise
                        for step in (Action.TRANSFER, Action.NOT_ACCEPT):
                            case = _act(county, case, step, rng, target=target, earlier=None)
                if action == Action.ROUTE:
                    _follow_up(county, case, moment, rng, today)
        if case.status == Status.ACCEPTED and not plan.accusation:
            earlier_by_label.setdefault(plan.message.label, case)
        if case.status == Status.RECHECKED and not plan.accusation:
            rechecked.setdefault(plan.message.label, case)
        cases.append(case)
        progress(1)
    deadline_scan(today=today)
    return cases


def _base(county: County) -> dict:
    return {"headcount": 1, "is_first_time": True, "problem_unit": county.township.pk}


def _act(county: County, case: Case, action: Action, rng: random.Random, *, target: Unit,
         earlier: Case | None) -> Case:
    params = params_for(county, case, action, earlier=earlier, target=target)
    if action == Action.ROUTE:
        route, guidance, *_ = rng.choice(ROUTES)
        params = {"legal_route": route, "guidance": guidance}
        if route == LegalRoute.LITIGATION and case.channel == Channel.VISIT:
            params["guidance"] = VISIT_GUIDANCE[0]
        elif route == LegalRoute.LITIGATION:
            params["unit"] = county.political_legal.pk
    case = submit_draft_if_signed_off(county, case, action)
    return case_transition(case_id=case.pk, action=action, actor=actor_for(county, case, action),
                           params=params)


def seed_handling(county: County, cases: list[Case], rng: random.Random) -> str:  # noqa: ARG001
    """The handling unit's working steps on a few demo cases (issue 15), to click through after
    `make run`: an officer named and 办理记录 with a 批示 on top, a draft returned with comments, a
    pending extension request, and a repeat petition merged into the matter in handling."""
    accepted = [c for c in cases if c.status == Status.ACCEPTED and not c.extended
                and not c.is_accusation and c.deadlines.filter(kind="handling",
                                                               state__in=RUNNING_STATES).exists()]
    if len(accepted) < 3:
        return "办理过程示例：在办件不足，未生成"
    first, second, third = accepted[:3]
    for case in (first, second, third):
        _take(county, case, Action.ASSIGN_OFFICER)
    _take(county, first, Action.RECORD_PROGRESS, kind="phone", participants="承办人、信访人",
          text="电话联系信访人，听取其陈述的事实和理由，约定次日到现场查看。")
    _take(county, first, Action.RECORD_PROGRESS, kind="visit", participants="承办人、社区网格员",
          text="到现场查看，所反映情况基本属实，已拍照留存。")
    _take(county, first, Action.INSTRUCT, text="请承办单位抓紧调查核实，依法依规妥善处理，按期答复信访人。")
    _take(county, second, Action.RECORD_PROGRESS, kind="investigation", participants="承办人",
          text="调阅相关档案材料，向有关单位核实情况。")
    _take(county, second, Action.DRAFT_OPINION)
    _take(county, second, Action.SUBMIT_DRAFT)
    _take(county, second, Action.RETURN_DRAFT, comments="请补充调查核实的具体情况，写明处理依据的条款。")
    _take(county, third, Action.REQUEST_EXTENSION, days=20, reason="涉及多个部门职责，需要召开协调会会商")
    registrar = county.user(county.bureau, Role.REGISTRAR)
    party = first.parties.select_related("petitioner").first().petitioner
    repeat = case_register(actor=registrar, data={
        **_base(county), "channel": Channel.PHONE, "purpose": Purpose.REQUEST, "title": first.title,
        "request": first.request, "facts_reasons": first.facts_reasons, "is_first_time": False,
        "related_case": first.number,
    }, petitioners=[{"name": party.name, "id_type": party.id_type, "id_number": party.id_number,
                     "phone": party.phone, "address": party.address, "origin": party.origin}])
    repeat = _take(county, repeat, Action.TRANSFER, unit=first.holding_unit.pk)
    _take(county, repeat, Action.MERGE, into=first.number, reason="同一信访人就同一事项再次来电，并案办理")
    cases.append(repeat)
    return (f"办理过程示例：{first.number}（指定承办人、办理记录、领导批示，并入{repeat.number}），"
            f"{second.number}（草稿退回修改），{third.number}（延期待批准）")


def _take(county: County, case: Case, action: Action, **params) -> Case:  # noqa: ANN003
    base = params_for(county, case, action) if action not in (Action.MERGE,) else {}
    return case_transition(case_id=case.pk, action=action, actor=actor_for(county, case, action),
                           params={**base, **params})


def _follow_up(county: County, case: Case, moment: dt.datetime, rng: random.Random,
               today: dt.date) -> None:
    """The bureau learns, days later, that the organ received the item and, often, concluded it;
    some stay without news, so the 导入程序事项跟踪 list and its reminder have something to show."""
    followup = case.route_followups.get()
    steps = VISIT_GUIDANCE if case.channel == Channel.VISIT and not followup.receiver_id else next(
        r[1:] for r in ROUTES if r[0] == followup.legal_route)
    chance = rng.random()
    if chance < 0.25:
        return
    actor = county.user(followup.unit, Role.HANDLER)
    for step, note, days in (("received", steps[1], (2, 8)), ("concluded", steps[2], (20, 70))):
        moment += _days(rng, *days)
        if moment.date() > today or (step == "concluded" and chance < 0.55):
            return
        with clock.frozen(moment):
            route_followup_record(followup_id=followup.pk, actor=actor,
                                  params={"step": step, "on": moment.date().isoformat(),
                                          "note": note})


def load_default_taxonomy() -> int | None:
    """The shipped tree, if the categories were emptied (migration 0008 loads it on a fresh install)."""
    if Category.objects.exists():
        return None
    return load_taxonomy(default_taxonomy_path())


def demo_exists() -> bool:
    return Unit.objects.filter(code=f"{DEMO_CODE}XF").exists()


def demo_logins() -> list[tuple[str, str]]:
    return [(u.username, f"{u.unit} · {u.display_name}")
            for u in User.objects.filter(unit__code__startswith=DEMO_CODE, is_active=True)
            .select_related("unit").order_by("unit__path", "username")]

