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
