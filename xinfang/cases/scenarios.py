"""Carry a case along the legal route to any status, as real staff would.

Used by the demo data command and by the tests: every case reached this way went through
`case_transition`, so its events and clocks are real.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from xinfang.core import clock
from xinfang.orgs.models import Level, Role, Unit, UnitType, User
from xinfang.orgs.services import staff_create, unit_create

from .models import Case, Channel, Purpose, Satisfaction
from .services import case_register
from .states import Action, LegalRoute, Outcome, Status
from .workflow import case_transition

ALL_ROLES = [Role.REGISTRAR, Role.HANDLER, Role.APPROVER]


@dataclass
class County:
    """A county with its government, bureau, departments and a township, and staff in each."""

    province: Unit
    city: Unit
    county: Unit
    bureau: Unit
    housing: Unit
    political_legal: Unit
    discipline: Unit
    township: Unit
    village: Unit
    departments: list[Unit] = field(default_factory=list)
    staff: dict[tuple[int, str], User] = field(default_factory=dict)

    def user(self, unit: Unit, role: str) -> User:
        if (unit.pk, role) not in self.staff:  # e.g. the shared city of a second county
            return User.objects.get(unit=unit, roles__code=role, is_active=True)
        return self.staff[(unit.pk, role)]

    def leader(self, unit: Unit | None = None) -> User:
        """A leader (领导) of `unit` (default: the county government), made on first use."""
        unit = unit or self.county
        if (unit.pk, Role.LEADER) not in self.staff:
            self.staff[(unit.pk, Role.LEADER)] = (
                User.objects.filter(unit=unit, roles__code=Role.LEADER, is_active=True).first()
                or staff_create(username=f"{unit.code.lower()}_{Role.LEADER}", unit=unit,
                                roles=[Role.LEADER], display_name=f"{unit.short_name or unit.name}领导"))
        return self.staff[(unit.pk, Role.LEADER)]


def build_county(code: str = "A", *, name: str | None = None, province: Unit | None = None,
                 city: Unit | None = None, departments: list[tuple[str, str, UnitType]] = (),
                 password: str | None = None) -> County:
    """A realistic slice of the unit tree, with a registrar, handler and approver in every unit.

    `code` prefixes unit codes (and so case numbers); `name` prefixes unit names.
    """
    prefix = name or code
    shared_city = city is not None
    province = province or unit_create(name="某省", code=f"{code}P", level=Level.PROVINCE,
                                       unit_type=UnitType.PARTY_GOVERNMENT, short_name="省")
    city = city or unit_create(name="某市", code=f"{code}C", level=Level.CITY, parent=province,
                               unit_type=UnitType.PARTY_GOVERNMENT, short_name="市")
    county = unit_create(name=f"{prefix}县委县政府", code=f"{code}X", level=Level.COUNTY,
                         unit_type=UnitType.PARTY_GOVERNMENT, parent=city, short_name=f"{prefix}县")

    def dept(name: str, code: str, kind: UnitType, short: str) -> Unit:
        return unit_create(name=name, code=code, level=Level.COUNTY, unit_type=kind, parent=county,
                           short_name=short)

    c = County(
        province=province, city=city, county=county,
        bureau=dept(f"{prefix}县信访局", f"{code}XF", UnitType.PETITION_BUREAU, f"{prefix}信"),
        housing=dept(f"{prefix}县住房和城乡建设局", f"{code}ZJ", UnitType.DEPARTMENT, f"{prefix}住建"),
        political_legal=dept(f"{prefix}县委政法委", f"{code}ZF", UnitType.POLITICAL_LEGAL,
                             f"{prefix}政法"),
        discipline=dept(f"{prefix}县纪委监委", f"{code}JW", UnitType.DISCIPLINE, f"{prefix}纪"),
        township=unit_create(name=f"{prefix}县城关镇", code=f"{code}T1", level=Level.TOWNSHIP,
                             unit_type=UnitType.PARTY_GOVERNMENT, parent=county,
                             short_name=f"{prefix}城关"),
        village=None,  # type: ignore[arg-type]
    )
    c.village = unit_create(name=f"{prefix}县城关镇东街社区", code=f"{code}V1", level=Level.VILLAGE,
                            unit_type=UnitType.PARTY_GOVERNMENT, parent=c.township)
    c.departments = [dept(f"{prefix}县{n}", f"{code}{suffix}", kind, n[:2])
                     for n, suffix, kind in departments]
    own_units = [c.county, c.bureau, c.housing, c.political_legal, c.discipline, c.township,
                 *c.departments]
    for unit in own_units if shared_city else [c.city, *own_units]:
        for role in ALL_ROLES:
            c.staff[(unit.pk, role)] = staff_create(
                username=f"{unit.code.lower()}_{role}", unit=unit, roles=[role],
                display_name=f"{unit.short_name or unit.name}{Role(role).label[:3]}",
                password=password,
            )
    return c


def petition_data(c: County, **overrides: Any) -> dict[str, Any]:
    data = {
        "channel": Channel.LETTER, "purpose": Purpose.REQUEST, "problem_unit": c.township.pk,
        "title": "小区楼道漏水长期无人维修", "request": "请求督促物业尽快维修楼道漏水。",
        "facts_reasons": "本人居住的小区三号楼楼道自今年三月起漏水，多次向物业反映无果。",
        "headcount": 1, "is_first_time": True,
    }
    data.update(overrides)
    return data


def petitioner_data(**overrides: Any) -> dict[str, Any]:
    data = {"name": "张三", "id_type": "resident", "id_number": "11010519491231002X",
            "phone": "13812345678", "address": "城关镇东街1号", "origin": "mainland"}
    data.update(overrides)
    return data


def register(c: County, *, registrar: User | None = None, petitioners: list[dict] | None = None,
             **data: Any) -> Case:
    return case_register(actor=registrar or c.user(c.bureau, Role.REGISTRAR),
                         data=petition_data(c, **data),
                         petitioners=petitioners or [petitioner_data()])


ANSWER = {"outcome": Outcome.SUPPORT, "text": "经调查，反映的楼道漏水属实，已责成物业于十日内维修。",
          "legal_basis": "《物业管理条例》第三十五条"}

# How to reach each status from REGISTERED: the actions in order.
PATHS: dict[Status, list[Action]] = {
    Status.REGISTERED: [],
    Status.TRANSFERRED: [Action.TRANSFER],
    Status.ASSIGNED: [Action.ASSIGN],
    Status.OBJECTED: [Action.TRANSFER, Action.OBJECT],
    Status.ROUTED: [Action.ROUTE],
    Status.DUTY: [Action.TRANSFER, Action.TAKE_UP],
    Status.DUTY_DONE: [Action.TRANSFER, Action.TAKE_UP, Action.DISCHARGE],
    Status.NOT_ACCEPTED: [Action.NOT_ACCEPT],
    Status.NOT_REACCEPTED: [Action.REFUSE_REPEAT],
    Status.ACCEPTED: [Action.TRANSFER, Action.ACCEPT],
    Status.ANSWERED: [Action.TRANSFER, Action.ACCEPT, Action.ANSWER],
    Status.CLOSED: [Action.TRANSFER, Action.ACCEPT, Action.ANSWER, Action.CLOSE],
    Status.REVIEW_REQUESTED: [Action.TRANSFER, Action.ACCEPT, Action.ANSWER, Action.REQUEST_REVIEW],
    Status.REVIEWED: [Action.TRANSFER, Action.ACCEPT, Action.ANSWER, Action.REQUEST_REVIEW,
                      Action.ANSWER_REVIEW],
    Status.RECHECK_REQUESTED: [Action.TRANSFER, Action.ACCEPT, Action.ANSWER,
                               Action.REQUEST_REVIEW, Action.ANSWER_REVIEW,
                               Action.REQUEST_RECHECK],
    Status.RECHECKED: [Action.TRANSFER, Action.ACCEPT, Action.ANSWER, Action.REQUEST_REVIEW,
                       Action.ANSWER_REVIEW, Action.REQUEST_RECHECK, Action.ANSWER_RECHECK],
    Status.MERGED: [Action.MERGE],
}

ACTOR_ROLE = {
    Action.TRIAGE: Role.REGISTRAR, Action.TRANSFER: Role.REGISTRAR, Action.ASSIGN: Role.REGISTRAR,
    Action.ROUTE: Role.HANDLER, Action.TAKE_UP: Role.HANDLER, Action.DISCHARGE: Role.HANDLER,
    Action.ACCEPT: Role.HANDLER, Action.NOT_ACCEPT: Role.HANDLER,
    Action.REFUSE_REPEAT: Role.REGISTRAR, Action.OBJECT: Role.HANDLER,
    Action.NOT_ACCEPT_REPEAT: Role.REGISTRAR, Action.UPHOLD_OBJECTION: Role.REGISTRAR,
    Action.REJECT_OBJECTION: Role.APPROVER, Action.TO_ORDINARY: Role.HANDLER,
    Action.RATE_BUREAU: Role.REGISTRAR, Action.DELIVER: Role.HANDLER, Action.LINK: Role.REGISTRAR, Action.SHARE: Role.HANDLER, Action.PAUSE_CLOCK: Role.APPROVER,
    Action.RESUME_CLOCK: Role.APPROVER,
    Action.EXTEND: Role.APPROVER, Action.ANSWER: Role.APPROVER, Action.RATE: Role.REGISTRAR,
    Action.CLOSE: Role.HANDLER, Action.REQUEST_REVIEW: Role.REGISTRAR,
    Action.ANSWER_REVIEW: Role.APPROVER, Action.REQUEST_RECHECK: Role.REGISTRAR,
    Action.ANSWER_RECHECK: Role.APPROVER,
    Action.RECORD_PROGRESS: Role.HANDLER, Action.DRAFT_OPINION: Role.HANDLER,
    Action.SUBMIT_DRAFT: Role.HANDLER, Action.RETURN_DRAFT: Role.APPROVER,
    Action.REQUEST_EXTENSION: Role.HANDLER, Action.REFUSE_EXTENSION: Role.APPROVER,
    Action.INSTRUCT: Role.LEADER, Action.ASSIGN_OFFICER: Role.APPROVER, Action.MERGE: Role.REGISTRAR,
}


def actor_for(c: County, case: Case, action: Action) -> User:
    """A staff member entitled to take `action` on `case` now."""
    role = ACTOR_ROLE[action]
    if action == Action.INSTRUCT:  # the county's leader, or the higher unit's that holds it now
        holder = case.holding_unit
        return c.leader(c.county if holder.is_within(c.county) else holder)
    if action == Action.REQUEST_REVIEW:
        return c.user(c.county, role)
    if action == Action.REQUEST_RECHECK:
        return c.user(c.city, role)
    if action in (Action.RATE, Action.RATE_BUREAU, Action.LINK):
        return c.user(c.bureau, role)
    if action in (Action.UPHOLD_OBJECTION, Action.REJECT_OBJECTION):
        return c.user(case.sending_unit or case.registered_unit, role)
    return c.user(case.holding_unit, role)


def params_for(c: County, case: Case, action: Action, *, earlier: Case | None = None,
               target: Unit | None = None) -> dict:
    """Valid parameters for `action` on `case` (`target`: the unit to transfer or assign to)."""
    today = clock.today().isoformat()
    match action:
        case Action.TRIAGE:
            return {"purpose": Purpose.REQUEST, "legal_route": LegalRoute.PETITION}
        case Action.TRANSFER:
            return {"unit": (target or c.housing).pk, "note": "属该单位职责范围，请依法办理"}
        case Action.ASSIGN:
            return {"unit": (target or c.housing).pk, "due_days": 30, "note": "请于30日内报送办结报告"}
        case Action.ROUTE:  # a 涉法涉诉 letter: the bureau transfers it to the 政法 organ (Art. 22)
            if case.holding_unit.unit_type != UnitType.PETITION_BUREAU:  # Art. 23: guided
                return {"legal_route": LegalRoute.LITIGATION,
                        "guidance": "属民事纠纷，请向县人民法院提起诉讼。"}
            return {"legal_route": LegalRoute.LITIGATION, "unit": c.political_legal.pk,
                    "guidance": "属民事纠纷，已转县委政法委依法处理，可向县人民法院提起诉讼。"}
        case Action.TAKE_UP:
            return {"note": "依法对所反映的违法建设进行调查处理"}
        case Action.DISCHARGE:
            return {"result": "已立案调查，责令当事人限期拆除违法建设，并电话答复信访人。"}
        case Action.ACCEPT:
            return {"note": "属本单位职责，予以受理"}
        case Action.NOT_ACCEPT | Action.OBJECT:
            return {"reason": "所反映事项不属于信访事项受理范围"}
        case Action.REFUSE_REPEAT:
            assert earlier is not None, "refuse_repeat needs an earlier case"
            return {"earlier_case": earlier.number, "same_facts": True,
                    "reason": "信访人对复核意见不服，仍以同一事实和理由提出（第36条）"}
        case Action.NOT_ACCEPT_REPEAT:
            assert earlier is not None, "not_accept_repeat needs an earlier case"
            return {"earlier_case": earlier.number, "reason": "同一事项正在办理中（第19条）"}
        case Action.DELIVER:
            document = case.documents.order_by("pk").first()
            assert document is not None, "deliver needs a document of the case"
            return {"document": document.pk, "method": "mail", "delivered_on": today,
                    "receipt": "EMS1234567890"}
        case Action.LINK:
            assert earlier is not None, "link needs another case"
            return {"earlier_case": earlier.number, "note": "同一事项"}
        case Action.SHARE:
            return {"unit": (target or c.political_legal).pk, "reason": "委派调解，须查阅案情"}
        case Action.PAUSE_CLOCK:
            return {"kind": _pausable(case), "reason": "举行听证，听证时间不计入期限"}
        case Action.RESUME_CLOCK:
            return {"kind": _pausable(case), "note": "听证结束"}
        case Action.UPHOLD_OBJECTION | Action.REJECT_OBJECTION | Action.TO_ORDINARY:
            return {"reason": "经核实，说明理由如下：职责分工以“三定”方案为准"}
        case Action.EXTEND:
            return {"days": 30, "reason": "涉及多个部门，需要会商"}
        case Action.ANSWER | Action.ANSWER_REVIEW | Action.ANSWER_RECHECK:
            # delivered on the spot: the petitioner's 复查/复核 window starts today (Art. 35, 36)
            return {**ANSWER, "delivery_method": "direct", "delivered_on": today,
                    "receipt": "信访人当场签收"}
        case Action.RATE | Action.RATE_BUREAU:
            return {"satisfaction": Satisfaction.SATISFIED, "comment": "处理及时"}
        case Action.CLOSE:
            return {"waived": True, "note": "信访人表示服从处理意见"}
        case Action.REQUEST_REVIEW:
            return {"unit": c.county.pk, "received_on": today}
        case Action.REQUEST_RECHECK:
            return {"unit": c.city.pk, "received_on": today}
        case Action.RECORD_PROGRESS:
            return {"kind": "interview", "participants": "承办人、信访人张三",
                    "text": "约谈信访人，听取其陈述的事实和理由，并查看了现场照片。"}
        case Action.DRAFT_OPINION:
            return dict(ANSWER)
        case Action.SUBMIT_DRAFT:
            return {"note": "请审签"}
        case Action.RETURN_DRAFT:
            return {"comments": "请补充维修责任主体的法律依据"}
        case Action.REQUEST_EXTENSION:
            return {"days": 30, "reason": "涉及多个部门，需要会商"}
        case Action.REFUSE_EXTENSION:
            return {"reason": "事实清楚，应在原期限内办结"}
        case Action.INSTRUCT:
            return {"text": "请依法妥善处理，及时答复信访人。"}
        case Action.ASSIGN_OFFICER:
            return {"officer": c.user(case.holding_unit, Role.HANDLER).pk, "note": "请抓紧办理"}
        case Action.MERGE:
            assert earlier is not None, "merge needs the case to merge into"
            return {"into": earlier.number, "reason": "同一信访人就同一事项重复信访，并案办理"}
    raise AssertionError(f"no parameters for {action}")


def _pausable(case: Case) -> str:
    return "recheck" if case.status == Status.RECHECK_REQUESTED else "handling"


def submit_draft_if_signed_off(c: County, case: Case, action: Action,
                               content: dict[str, Any] | None = None) -> Case:
    """Before an answer in a unit that signs drafts off (XINFANG_OPINION_SIGN_OFF), its handler
    drafts `content` (default: ANSWER) and submits it, as the unit's staff would."""
    from .handling import ANSWER_ACTIONS, current_draft, unit_signs_off

    if action not in ANSWER_ACTIONS or not unit_signs_off(case.holding_unit):
        return case
    draft = current_draft(case)
    if draft is not None and draft.state == draft.State.SUBMITTED:
        return case
    handler = actor_for(c, case, Action.DRAFT_OPINION)
    fields = {k: v for k, v in (content or ANSWER).items() if k in ("outcome", "text", "legal_basis")}
    case = case_transition(case_id=case.pk, action=Action.DRAFT_OPINION, actor=handler,
                           params=fields)
    return case_transition(case_id=case.pk, action=Action.SUBMIT_DRAFT, actor=handler,
                           params=params_for(c, case, Action.SUBMIT_DRAFT))


def act(c: County, case: Case, action: Action, **kw: Any) -> Case:
    """Take `action` as the staff entitled to it would; an answer in a unit that signs drafts off
    (XINFANG_OPINION_SIGN_OFF) is drafted and submitted by its handler first, then signed."""
    case = submit_draft_if_signed_off(c, case, action)
    return case_transition(case_id=case.pk, action=action, actor=actor_for(c, case, action),
                           params=params_for(c, case, action, **kw))


def drive_to(c: County, status: Status, **register_kw: Any) -> Case:
    """A new case carried along the legal route to `status`."""
    case = register(c, **register_kw)
    earlier = None
    if Action.REFUSE_REPEAT in PATHS[status]:
        earlier = drive_to(c, Status.RECHECKED, **register_kw)
    if Action.MERGE in PATHS[status]:  # the same petitioner's matter, in handling at the same unit
        earlier = drive_to(c, Status.REGISTERED, **register_kw)
    for action in PATHS[status]:
        case = act(c, case, action, earlier=earlier)
    assert case.status == status
    return case
