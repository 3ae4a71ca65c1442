"""The county of the case tests with a petition bureau at the city and at the province above it,
and a staff member of each role the Art. 25 steps name there."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from xinfang.cases.scenarios import County, drive_to
from xinfang.cases.states import Status
from xinfang.orgs.models import Level, Role, Unit, UnitType, User
from xinfang.orgs.services import staff_create, unit_create


@dataclass
class Chain:
    county: County
    city_bureau: Unit
    province_bureau: Unit

    def staff(self, unit: Unit, role: str) -> User:
        return (User.objects.filter(unit=unit, roles__code=role).first()
                or staff_create(username=f"{unit.code.lower()}_{role}", unit=unit, roles=[role],
                                display_name=f"{unit.name}{role}"))

    def case(self):  # noqa: ANN201
        """A case registered by the county bureau (its registering and holding unit)."""
        return drive_to(self.county, Status.REGISTERED)


def add_bureaus(county: County) -> Chain:
    city_bureau = unit_create(name="某市信访局", code=f"{county.city.code}XF", level=Level.CITY,
                              unit_type=UnitType.PETITION_BUREAU, parent=county.city,
                              short_name="市信")
    province_bureau = unit_create(name="某省信访局", code=f"{county.province.code}XF",
                                  level=Level.PROVINCE, unit_type=UnitType.PETITION_BUREAU,
                                  parent=county.province, short_name="省信")
    chain = Chain(county, city_bureau, province_bureau)
    for unit in (city_bureau, province_bureau):
        chain.staff(unit, Role.REGISTRAR)  # the duty registrar told of each report
    return chain


@pytest.fixture
def chain(county) -> Chain:  # noqa: ANN001
    return add_bureaus(county)


REPORT = {"grade": "urgent", "summary": "约40名业主聚集在县政府门前，要求解决小区楼道漏水问题，情绪激动。",
          "measures": "已通知城关镇、住建局到场劝导。"}
ROLE = Role


# ---- the joint conference (Art. 13) and Art. 24 disputes -----------------------------------------

MEETING = {"kind": "topic", "title": "城关片区疑难信访事项专题会议", "held_on": "2026-03-10",
           "place": "县委3楼会议室"}
ITEM = {"title": "阳光小区楼道漏水、电梯停运问题", "note": "涉及住建局、城关镇，多次重复信访"}
MINUTES = "会议听取了信访局的情况汇报，住建局、城关镇分别发言。会议议定：住建局牵头督促维修。"
DISPUTE = {"reason": "住建局认为属城关镇物业管理职责，城关镇认为属住建局维修资金监管职责，协商未果。"}


def conference_of(county: County):  # noqa: ANN201
    """The county's joint conference: the government's, its office in the bureau, the
    departments and the township as members, the county leader convening the township and
    housing (分片挂点)."""
    from xinfang.institutions.models import Conference, Convenor

    conference = Conference.objects.filter(unit=county.county).first()
    if conference is not None:
        return conference
    conference = Conference.objects.create(unit=county.county, office=county.bureau,
                                           name=f"{county.county.short_name}信访工作联席会议")
    conference.members.set([county.bureau, county.housing, county.township, county.political_legal])
    convenor = Convenor.objects.create(conference=conference, title="副县长", leader=county.leader(),
                                       unit=county.county, lead=True)
    convenor.covers.set([county.township, county.housing])
    return conference


def office_staff(county: County, role: str = Role.REGISTRAR) -> User:
    return county.user(county.bureau, role)


def plan_meeting(county: County, **changes):  # noqa: ANN003, ANN201
    from xinfang.institutions.conference import meeting_schedule

    conference = conference_of(county)
    return meeting_schedule(actor=office_staff(county),
                            params={**MEETING, "conference": conference.pk, **changes})


def held_meeting(county: County, cases=()):  # noqa: ANN001, ANN201
    from xinfang.institutions.conference import meeting_transition

    meeting = plan_meeting(county)
    meeting_transition(meeting_id=meeting.pk, action="add_item", actor=office_staff(county),
                       params={**ITEM, "cases": " ".join(c.number for c in cases)})
    return meeting_transition(meeting_id=meeting.pk, action="hold", actor=office_staff(county),
                              params={"minutes": MINUTES})


def assign_decision(county: County, *, unit: Unit | None = None, due_on: str | None = None,
                    cases=()):  # noqa: ANN001, ANN201
    import datetime as dt

    from xinfang.core import clock
    from xinfang.institutions.conference import decision_assign

    due_on = due_on or (clock.today() + dt.timedelta(days=30)).isoformat()
    meeting = held_meeting(county, cases)
    return decision_assign(meeting_id=meeting.pk, actor=office_staff(county), params={
        "text": "住建局牵头，督促物业公司30日内完成楼道防水维修", "unit": (unit or county.housing).pk,
        "due_on": due_on, "item": meeting.items.first().pk})


def raise_dispute(county: County, *, parties=None, case=None):  # noqa: ANN001, ANN201
    from xinfang.institutions.disputes import dispute_raise

    case = case or drive_to(county, Status.REGISTERED)
    parties = parties or [county.housing, county.township]
    return dispute_raise(case_id=case.pk, actor=county.user(county.bureau, Role.REGISTRAR),
                         params={**DISPUTE, "parties": [u.pk for u in parties]})
