"""A county with a mediation organisation and its roster, supervisors and leaders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from xinfang.cases.models import Origin
from xinfang.cases.scenarios import County, drive_to, petitioner_data
from xinfang.cases.states import Status
from xinfang.core import clock
from xinfang.orgs.models import Level, Role, UnitType, User
from xinfang.orgs.services import staff_create, unit_create
from xinfang.resolution.models import MediationKind, MediationOrganisation, Mediator


@dataclass
class World:
    c: County
    org: MediationOrganisation
    mediator: User  # staff of the mediation organisation
    mainland: Mediator
    outside: Mediator
    supervisor: User  # county bureau
    leader: User  # county government
    city_leader: User

    def handler(self, case):  # noqa: ANN001, ANN201
        return self.c.user(case.holding_unit, Role.HANDLER)

    def approver(self, case):  # noqa: ANN001, ANN201
        return self.c.user(case.holding_unit, Role.APPROVER)


def build_world(c: County) -> World:
    unit = unit_create(name=f"{c.county.name}人民调解委员会", code=f"{c.county.code}TJ",
                       level=Level.COUNTY, unit_type=UnitType.MEDIATION, parent=c.county,
                       short_name="调委")
    org = MediationOrganisation.objects.create(unit=unit, kind=MediationKind.PEOPLES,
                                               court="某县人民法院")
    code = c.county.code.lower()
    return World(
        c=c, org=org,
        mediator=staff_create(username=f"{code}_tj", unit=unit, roles=[Role.HANDLER, Role.APPROVER]),
        mainland=Mediator.objects.create(organisation=org, name="李调解"),
        outside=Mediator.objects.create(organisation=org, name="陈港调", origin=Origin.HONG_KONG),
        supervisor=staff_create(username=f"{code}_dc", unit=c.bureau, roles=[Role.SUPERVISOR]),
        leader=staff_create(username=f"{code}_ld", unit=c.county, roles=[Role.LEADER]),
        city_leader=User.objects.filter(username="city_ld").first() or staff_create(
            username="city_ld", unit=c.city, roles=[Role.LEADER, Role.SUPERVISOR]),
    )


@pytest.fixture
def w(county) -> World:  # noqa: ANN001
    return build_world(county)


@pytest.fixture
def accepted(county):  # noqa: ANN001, ANN201
    return drive_to(county, Status.ACCEPTED)


@pytest.fixture
def hk_case(county):  # noqa: ANN001, ANN201
    """An accepted case whose petitioner is from Hong Kong (a cross-border dispute)."""
    return drive_to(county, Status.ACCEPTED, petitioners=[
        petitioner_data(name="黄港民", id_type="hkmo", id_number="H12345678", origin="hk")])


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def later(days: int):  # noqa: ANN201
    """Freeze the clock `days` after today (context manager)."""
    return clock.frozen(clock.today() + dt.timedelta(days=days))
