"""A city-wide portal sends each online petition to the bureau of the place of the problem (Art. 22)."""

from __future__ import annotations

import pytest

from xinfang.cases.models import Case
from xinfang.cases.scenarios import build_county
from xinfang.orgs.models import Level, UnitType
from xinfang.orgs.services import unit_create

from .conftest import file_petition

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_portal(county, settings):  # noqa: ANN001, ANN201
    """Counties A and B under one city, whose own petition bureau runs the portal."""
    other = build_county("B", city=county.city)
    bureau = unit_create(name="某市信访局", code="CXF", level=Level.CITY,
                         unit_type=UnitType.PETITION_BUREAU, parent=county.city)
    settings.XINFANG_PORTAL_UNIT = bureau.code
    return county, other, bureau


def test_a_problem_in_a_township_goes_to_that_county_bureau(client, city_portal) -> None:
    a, b, _city = city_portal
    file_petition(client, a, problem_unit=a.township.pk)
    file_petition(client, b, problem_unit=b.township.pk, phone="13900000002")
    got = {c.registered_unit for c in Case.objects.all()}
    assert got == {a.bureau, b.bureau}


def test_a_problem_at_city_level_stays_with_the_portal_bureau(client, city_portal) -> None:
    a, _b, city = city_portal
    response = file_petition(client, a, problem_unit=a.city.pk)
    assert response.status_code == 200
    assert Case.objects.get().registered_unit == city
    assert "某市信访局" in response.content.decode()  # the receipt names who registered it


def test_routing_by_place_can_be_switched_off(client, city_portal, settings) -> None:
    a, _b, city = city_portal
    settings.XINFANG_PORTAL_ROUTE_BY_PLACE = False
    file_petition(client, a, problem_unit=a.township.pk)
    assert Case.objects.get().registered_unit == city


def test_the_form_says_who_will_register_it(client, city_portal, settings) -> None:
    assert "问题发生地的信访部门（某市信访局或其辖区内的信访部门）" in client.get("/portal/submit/").content.decode()
    settings.XINFANG_PORTAL_ROUTE_BY_PLACE = False
    assert "将由某市信访局登记处理" in client.get("/portal/submit/").content.decode()
