"""Demo warnings for the demo county 清河: a burst about one estate, the recompute, one warning
letter issued and another answered by the responsible unit, all through the real services."""

from __future__ import annotations

import datetime as dt
import random

from xinfang.cases.demo import person
from xinfang.cases.models import Case, Category
from xinfang.cases.scenarios import County
from xinfang.cases.services import case_register
from xinfang.core import clock
from xinfang.orgs.models import Role, User
from xinfang.orgs.selectors import under_q

from .models import Warning
from .services import warnings_recompute
from .states import WarningAction, WarningStatus
from .workflow import warning_transition

BURST = [
    ("翠湖花园电梯停运一个月无人维修", "翠湖花园小区3栋电梯自上月起停运，物业公司推诿不修，老人上下楼困难。"),
    ("翠湖花园物业擅自提高物业费", "翠湖花园物业公司未经业主大会同意将物业费由每平方1.2元提高到1.8元。"),
    ("翠湖花园地下车库长期积水", "翠湖花园地下车库雨后积水半米，物业不抽水不维修，车辆受损。"),
    ("翠湖花园物业不公开维修资金账目", "翠湖花园业主多次要求物业公开专项维修资金使用情况，物业拒绝。"),
    ("翠湖花园小区门禁损坏外来人员随意进出", "翠湖花园门禁系统损坏两个月，物业一直未修，小区多次失窃。"),
    ("翠湖花园物业公司服务差要求更换", "翠湖花园物业服务质量差，业主要求成立业主委员会更换物业公司。"),
    ("翠湖花园垃圾清运不及时", "翠湖花园小区垃圾堆积多日无人清运，气味难闻，物业不作为。"),
    ("翠湖花园消防通道被占用", "翠湖花园消防通道长期被车辆占用，物业不管理，存在安全隐患。"),
]


def _burst(county: County, rng: random.Random, day: dt.date) -> list[Case]:
    registrar = county.user(county.bureau, Role.REGISTRAR)
    category = (Category.objects.filter(level=3, name__contains="物业").first()
                or Category.objects.filter(level=1, name="城乡建设").first())
    out = []
    with clock.frozen(dt.datetime.combine(day, dt.time(10))):
        for title, facts in BURST:
            out.append(case_register(actor=registrar, data={
                "channel": rng.choice(["online", "letter", "visit", "phone"]),
                "purpose": "request", "problem_unit": county.township.pk,
                "category": getattr(category, "pk", None), "title": title,
                "request": "请求督促翠湖花园物业公司依法履行职责、整改到位。", "facts_reasons": facts,
                "headcount": 1, "is_first_time": True, "received_on": day.isoformat(),
            }, petitioners=[person(rng, "清河县城关镇")]))
    return out


def seed(*, county: County, cases: list[Case], rng: random.Random) -> str:  # noqa: ARG001
    today = clock.today()
    _burst(county, rng, today)
    result = warnings_recompute(today=today)
    approver = county.user(county.bureau, Role.APPROVER)
    mine = list(Warning.objects.filter(under_q("scope_unit", county.county),
                                       status=WarningStatus.OPEN)
                .select_related("responsible_unit").order_by("-statistic", "pk"))
    lettered = answered = 0
    for w in mine:
        handler = (User.objects.filter(unit=w.responsible_unit, roles__code=Role.HANDLER,
                                       is_active=True).order_by("pk").first())
        if lettered == 0 or (answered == 0 and handler is not None):
            warning_transition(warning_id=w.pk, action=WarningAction.ISSUE_LETTER,
                               actor=approver, params={"response_days": 7})
            lettered += 1
            if lettered > 1 and handler is not None:
                warning_transition(
                    warning_id=w.pk, action=WarningAction.RESPOND, actor=handler,
                    params={"response": "已约谈物业公司，限期维修电梯、公开维修资金账目；"
                                        "社区牵头筹备业主委员会，每周向信访局报告进展。"})
                answered += 1
        if lettered >= 2 and answered:
            break
    return (f"预警：重算生成{result.created}条（{result.line()}），发出预警提示函{lettered}份，"
            f"单位反馈{answered}份")
