"""Building major decisions for the tests: the township (城关镇) registers a demolition in its
community (东街社区), touching the category 城乡建设 / 征地拆迁 and the keyword 拆迁; the county bureau
assesses, the county's 政法机关 (the legal-office type by default) reviews, the township decides."""

from __future__ import annotations

import datetime as dt

from xinfang.cases.models import Category, Purpose
from xinfang.cases.scenarios import petitioner_data, register
from xinfang.orgs.models import Role
from xinfang.riskreview.states import DecisionAction, DecisionStatus
from xinfang.riskreview.workflow import decision_register, decision_transition
from xinfang.warning.tests.helpers import resident_id

A = DecisionAction
SEQ = 0  # distinct petitioners
S = DecisionStatus


def categories() -> tuple[Category, Category, Category]:
    """城乡建设 (level 1) with 征地拆迁 below it, and an unrelated 教育文体."""
    top = Category.objects.get_or_create(name="城乡建设", parent=None, level=1)[0]
    demolition = Category.objects.get_or_create(name="征地拆迁", parent=top, level=2)[0]
    other = Category.objects.get_or_create(name="教育文体", parent=None, level=1)[0]
    return top, demolition, other


def owner(county):  # noqa: ANN001, ANN201
    return county.user(county.township, Role.APPROVER)


def assessor(county, role=Role.APPROVER):  # noqa: ANN001, ANN201
    return county.user(county.bureau, role)


def lawyer(county):  # noqa: ANN001, ANN201
    return county.user(county.political_legal, Role.HANDLER)


DECISION = {"title": "东街片区旧城改造房屋征收", "kind": "demolition",
            "summary": "拟对东街片区约120户房屋实施征收，货币补偿与产权调换相结合。",
            "keywords": "拆迁、征收补偿", "planned_on": "2026-12-31"}


def register_decision(county, *, places=None, cats=None, **kw):  # noqa: ANN001, ANN201, ANN003
    _top, demolition, _other = categories()
    params = {**DECISION, "places": [u.pk for u in (places or [county.village])],
              "categories": [c.pk for c in (cats if cats is not None else [demolition])], **kw}
    return decision_register(actor=kw.pop("actor", None) or owner(county), params=params)


def step(d, action, actor, **params):  # noqa: ANN001, ANN201, ANN003
    return decision_transition(decision_id=d.pk, action=action, actor=actor, params=params)


ASSESS = {"risk_level": "high", "level_reasons": "", "risk_points": "补偿标准分歧，部分住户已多次上访。",
          "measures": "逐户走访，设立征收政策咨询点，制定群体性事件处置预案。"}


def bring(county, status, d=None, *, level="high", opinion="lawful",  # noqa: ANN001, ANN201
          outcome="with_measures"):
    """A decision (a new one, or `d` from where it is) taken through the real steps up to `status`."""
    d = d or register_decision(county)
    order = [S.REGISTERED, S.ASSESSING, S.ASSESSED, S.REVIEWED, S.DECIDED, S.FOLLOWED_UP,
             S.CLOSED]
    for target in order[order.index(d.status) + 1:order.index(status) + 1]:
        if target == S.ASSESSING:
            d = step(d, A.START, assessor(county, Role.HANDLER), days=365)
        elif target == S.ASSESSED:
            reasons = "" if level == d.suggested_level else "现场排查发现补偿分歧较大。"
            d = step(d, A.ASSESS, assessor(county), **{**ASSESS, "risk_level": level,
                                                       "level_reasons": reasons})
        elif target == S.REVIEWED:
            d = step(d, A.REVIEW, lawyer(county), opinion=opinion,
                     reasons="征收决定权限、程序符合《国有土地上房屋征收与补偿条例》。")
        elif target == S.DECIDED:
            d = step(d, A.DECIDE, owner(county), outcome=outcome, reasons="经镇党政联席会议集体讨论决定。")
        elif target == S.FOLLOWED_UP:
            d = step(d, A.CHECK, assessor(county, Role.HANDLER))
        elif target == S.CLOSED:
            d = step(d, A.CLOSE, owner(county), note="跟踪期满，形势平稳。")
    return d


def petition(county, *, on: dt.date, unit=None, category=None, title="东街片区拆迁补偿标准过低",  # noqa: ANN001, ANN201, PLR0913
             request="请求提高房屋征收补偿标准。", headcount=1, collective=False, first=True,
             purpose=Purpose.REQUEST, accused_unit=None):
    global SEQ  # noqa: PLW0603
    SEQ += 1
    extra = {"accused_unit": accused_unit.pk} if accused_unit is not None else {}
    people = [petitioner_data(name=f"王{SEQ}", id_number=resident_id(700 + SEQ),
                              phone=f"1370000{SEQ:04d}")]
    return register(county, problem_unit=(unit or county.village).pk,
                    category=category.pk if category else None, title=title, request=request,
                    headcount=headcount, is_collective=collective, is_first_time=first,
                    purpose=purpose, received_on=on.isoformat(), petitioners=people, **extra)
