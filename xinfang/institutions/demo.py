"""Demo urgent reports for the demo county 清河 (Art. 25), all through the real workflow: a petition
bureau at the city and the province above it (with a duty registrar and a leader each, the demo
password), one report signed by every level but the province (flagged overdue by the sweep), and one
just sent. The leader logs in as qhxf_leader (the county bureau) or qhcxf_leader (the city bureau)."""

from __future__ import annotations

import datetime as dt
import random

from xinfang.cases.demo import DEMO_PASSWORD
from xinfang.cases.models import Case, Purpose
from xinfang.cases.scenarios import County
from xinfang.core import clock
from xinfang.orgs.models import Level, Role, Unit, UnitType, User
from xinfang.orgs.services import staff_create, unit_create

from .services import urgent_sweep
from .states import ReceiptAction
from .workflow import receipt_transition, urgent_report

REPORTS = [
    ("major", "约30名业主在县政府门前聚集，反映小区楼道漏水、电梯停运长期未解决，有扩大趋势。",
     "城关镇、住建局负责人已到场接待劝导，承诺三日内答复。"),
    ("urgent", "信访人称若问题本周内得不到解决将到市里集体上访，涉及业主约50户。",
     "信访局已约谈物业公司，城关镇安排专人稳控。"),
]


def _bureau(parent: Unit, level: Level, name: str, short: str) -> Unit:
    unit = Unit.objects.filter(code=f"{parent.code}XF").first() or unit_create(
        name=name, code=f"{parent.code}XF", level=level, unit_type=UnitType.PETITION_BUREAU,
        parent=parent, short_name=short)
    for role, who in ((Role.REGISTRAR, "值班员"), (Role.LEADER, "局长")):
        if not User.objects.filter(unit=unit, roles__code=role).exists():
            staff_create(username=f"{unit.code.lower()}_{role}", unit=unit, roles=[role],
                         display_name=f"{short}{who}", password=DEMO_PASSWORD)
    return unit


def seed(*, county: County, cases: list[Case], rng: random.Random) -> str:  # noqa: ARG001
    city = _bureau(county.city, Level.CITY, "某市信访局", "市信")
    _bureau(county.province, Level.PROVINCE, "某省信访局", "省信")
    registrar = county.user(county.bureau, Role.REGISTRAR)
    held = [c for c in cases if c.purpose != Purpose.ACCUSATION
            and county.bureau.pk in (c.registered_unit_id, c.holding_unit_id)][:len(REPORTS)]
    now = clock.now()
    made = []
    for i, (case, (grade, summary, measures)) in enumerate(zip(held, REPORTS, strict=False)):
        with clock.frozen(now - dt.timedelta(hours=3 if i == 0 else 0)):
            made.append(urgent_report(case_id=case.pk, actor=registrar, params={
                "grade": grade, "summary": summary, "measures": measures}))
    if made:  # the first: signed by the county and the city, the province late
        signers = {county.county.pk: county.leader(), city.pk: User.objects.get(
            unit=city, roles__code=Role.LEADER)}
        with clock.frozen(now - dt.timedelta(hours=2)):
            for receipt in made[0].receipts.filter(unit_id__in=signers):
                receipt_transition(receipt_id=receipt.pk, action=ReceiptAction.ACKNOWLEDGE,
                                   actor=signers[receipt.unit_id],
                                   params={"note": "已阅。请城关镇做好稳控，住建局牵头化解。"})
    swept = urgent_sweep()
    return (f"紧急上报{len(made)}件，接报各级逾期未签收{swept.flagged}个（已再次提醒）；"
            + seed_conference(county=county, cases=cases))


# ---- the joint conference (Art. 13) and Art. 24 disputes -----------------------------------------

MINUTES = ("会议听取了县信访局关于城关片区重复信访事项的情况汇报，住建局、城关镇、县委政法委分别发言。"
           "会议议定：一、住建局牵头督促物业公司完成阳光小区楼道防水维修；二、城关镇做好业主沟通解释；"
           "三、县信访局跟踪督办，按期核验。")
DECISIONS = [  # (text, unit attribute, days after the meeting, steps taken)
    ("住建局牵头，督促物业公司30日内完成阳光小区楼道防水维修", "housing", 30, ("report", "verify")),
    ("城关镇组织业主代表座谈，做好解释和稳控工作", "township", 10, ("report",)),
    ("住建局会同城关镇核查电梯维保资金使用情况并书面报告", "housing", 20, ("report", "return")),
    ("城关镇协调供电部门恢复小区二次供水泵房供电", "township", 5, ()),  # overdue: escalated
    ("县委政法委指导城关镇人民调解委员会开展调解", "political_legal", 60, ()),  # assigned
]


def seed_conference(*, county: County, cases: list[Case]) -> str:
    """The county's joint conference (members, convenors 分片挂点), a meeting held 40 days ago
    with an agenda of demo cases and five decisions at every stage (verified, reported, returned,
    overdue and escalated by the sweep, assigned), a meeting planned; two Art. 24 disputes: one
    decided and carried out by the case's transfer, one awaiting the county government."""
    from xinfang.cases.states import Status

    from .conference import decision_assign, decision_sweep, decision_transition, meeting_schedule
    from .conference import meeting_transition as meeting_step
    from .disputes import dispute_raise, dispute_transition
    from .models import Conference, Convenor

    office = county.user(county.bureau, Role.REGISTRAR)
    head = county.user(county.bureau, Role.APPROVER)
    conference = Conference.objects.create(unit=county.county, office=county.bureau,
                                           name=f"{county.county.short_name}信访工作联席会议")
    conference.members.set([county.bureau, county.housing, county.township,
                            county.political_legal, *county.departments])
    lead = Convenor.objects.create(conference=conference, title="县委副书记", lead=True,
                                   leader=county.leader(), unit=county.county)
    lead.covers.set([county.housing, *county.departments])
    area = Convenor.objects.create(conference=conference, title="副县长（分管城关片区）",
                                   leader=county.user(county.county, Role.APPROVER),
                                   unit=county.county)
    area.covers.set([county.township, county.political_legal])
    ids = [c.pk for c in cases]
    open_cases = list(Case.objects.filter(pk__in=ids, status=Status.ACCEPTED)
                      .exclude(purpose=Purpose.ACCUSATION).order_by("pk")[:3])
    today = clock.today()
    held_on = today - dt.timedelta(days=40)
    with clock.frozen(clock.now() - dt.timedelta(days=42)):
        meeting = meeting_schedule(actor=office, params={
            "conference": conference.pk, "kind": "topic", "held_on": held_on.isoformat(),
            "title": "城关片区疑难信访事项专题会议", "place": "县委3楼第一会议室",
            "convenor": area.pk})
        meeting_step(meeting_id=meeting.pk, action="add_item", actor=office, params={
            "title": "阳光小区楼道漏水、电梯停运问题（住建、城关镇跨部门）",
            "note": "业主多次重复信访，涉及维修资金和物业管理两个部门。",
            "cases": " ".join(c.number for c in open_cases)})
        meeting_step(meeting_id=meeting.pk, action="add_item", actor=office, params={
            "title": "城关片区信访形势分析研判", "note": ""})
    with clock.frozen(clock.now() - dt.timedelta(days=40)):
        meeting_step(meeting_id=meeting.pk, action="hold", actor=office,
                     params={"minutes": MINUTES})
        item = meeting.items.order_by("order").first()
        made = []
        for text, unit, days, steps in DECISIONS:
            made.append((decision_assign(meeting_id=meeting.pk, actor=office, params={
                "text": text, "unit": getattr(county, unit).pk, "item": item.pk,
                "due_on": (held_on + dt.timedelta(days=days)).isoformat()}), unit, steps))
    for decision, unit, steps in made:
        doer = county.user(getattr(county, unit), Role.HANDLER)
        with clock.frozen(clock.now() - dt.timedelta(days=12)):
            for step in steps:
                if step == "report":
                    decision_transition(decision_id=decision.pk, action="report_done",
                                        actor=doer, params={"report": "已按会议要求落实，详见附件报告。"})
                elif step == "verify":
                    decision_transition(decision_id=decision.pk, action="verify", actor=head,
                                        params={"note": "经实地核查，维修已完成，业主签字确认。"})
                else:
                    decision_transition(decision_id=decision.pk, action="return", actor=head,
                                        params={"reason": "报告未附资金使用明细，请补充后重新报告。"})
    swept = decision_sweep()
    meeting_schedule(actor=office, params={
        "conference": conference.pk, "kind": "plenary", "held_on": (today + dt.timedelta(days=7)).isoformat(),
        "title": "第四季度信访工作联席会议全体会议", "place": "县委常委会议室", "convenor": lead.pk})
    # Art. 24: two registered cases of the county bureau that housing and the township dispute
    waiting = list(Case.objects.filter(pk__in=ids, status=Status.REGISTERED,
                                       holding_unit=county.bureau)
                   .exclude(purpose=Purpose.ACCUSATION).order_by("-pk")[:2])
    disputes = []
    for case in waiting:
        disputes.append(dispute_raise(case_id=case.pk, actor=office, params={
            "parties": [county.housing.pk, county.township.pk],
            "reason": "住建局认为属城关镇物业管理职责，城关镇认为属住建局维修资金监管职责，协商未果。"}))
    if disputes:
        dispute_transition(dispute_id=disputes[0].pk, action="decide",
                           actor=county.user(county.county, Role.APPROVER),
                           params={"unit": county.housing.pk,
                                   "reason": "维修资金监管属住建局法定职责，由住建局受理，城关镇配合。"})
        dispute_transition(dispute_id=disputes[0].pk, action="carry_out", actor=office)
    return (f"联席会议：会议2次（已召开1次），议定事项{len(made)}项（逾期上报{swept.escalated}项）；"
            f"受理争议{len(disputes)}件（已决定并转送{min(len(disputes), 1)}件）")
