"""Jurisdiction, the one home: the units under/above a unit, the county, the bureau, a user's reach."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from xinfang.core.workflow import SYSTEM_ACTOR
from xinfang.orgs import selectors as orgs
from xinfang.orgs.models import Level, Role, Unit, UnitType
from xinfang.orgs.services import staff_create, unit_create

pytestmark = pytest.mark.django_db


def names(qs) -> set[str]:  # noqa: ANN001
    return {u.name for u in qs}


def test_units_under_is_the_subtree(county):
    # given the county government, its departments, a township and a village below it
    # when its subtree is read
    under = set(orgs.units_under(county.county))
    # then every unit below it is in, and nothing above it or beside it
    assert {county.county, county.bureau, county.housing, county.township, county.village} <= under
    assert county.city not in under and county.province not in under


def test_units_under_without_self_and_by_activity(county):
    # given an inactive village
    Unit.objects.filter(pk=county.village.pk).update(active=False)
    # then include_self and active narrow the subtree
    assert county.township not in orgs.units_under(county.township, include_self=False)
    assert set(orgs.units_under(county.township)) == {county.township, county.village}
    assert set(orgs.units_under(county.township, active=True)) == {county.township}
    assert set(orgs.units_under(county.township, active=False)) == {county.village}


def test_units_under_leaves_the_other_county_out(county, other_county):
    assert other_county.county not in orgs.units_under(county.county)
    assert set(orgs.units_under(county.city)) >= {county.county, other_county.county}


@pytest.mark.parametrize("field", ["", "parent"])
def test_under_q_matches_units_under(county, field):
    # given a Q over a unit's own path ("") or over its parent's
    found = set(Unit.objects.filter(orgs.under_q(field, county.township)))
    # then it selects the township's subtree (itself), or the units whose parent lies in it
    expected = ({county.township, county.village} if field == ""
                else {u for u in Unit.objects.exclude(parent=None) if u.parent.is_within(county.township)})
    assert found == expected


def test_at_or_above_q_is_the_chain_to_the_top(county):
    found = set(Unit.objects.filter(orgs.at_or_above_q("", county.village)))
    assert found == {county.village, county.township, county.county, county.city, county.province}


def test_units_above_is_the_ancestors_top_first(county):
    assert list(orgs.units_above(county.village)) == [county.province, county.city, county.county,
                                                       county.township]
    assert list(orgs.units_above(county.province)) == []


def test_higher_unit_is_the_parent_and_none_at_the_top(county):
    assert orgs.higher_unit(county.township) == county.county
    assert orgs.higher_unit(county.bureau) == county.county
    assert orgs.higher_unit(county.province) is None


@pytest.mark.parametrize(("unit", "expected"), [
    ("village", "county"), ("township", "county"), ("county", "county"), ("housing", "housing"),
    ("city", "city"), ("province", "province"),
])
def test_county_of(county, unit, expected):
    # when the county of a unit is asked, by object and by id from the in-memory tree
    u = getattr(county, unit)
    # then a unit at county level or above is its own county; below, the nearest one above it
    assert orgs.county_of(Unit.objects.get(pk=u.pk)) == getattr(county, expected)
    assert orgs.UnitTree().county_of(u.pk) == getattr(county, expected).pk


def test_unit_tree_chain_is_self_first(county):
    assert orgs.UnitTree().chain(county.village.pk) == [
        county.village.pk, county.township.pk, county.county.pk, county.city.pk, county.province.pk]


@pytest.mark.parametrize("unit", ["bureau", "county", "housing", "township", "village"])
def test_bureau_for_is_the_nearest_bureau(county, unit):
    assert orgs.bureau_for(getattr(county, unit)) == county.bureau


def test_bureau_for_is_none_without_one_above(county):
    # the city has no bureau in the scenario, and the bureau is not above it
    assert orgs.bureau_for(county.city) is None


def test_bureau_for_skips_an_inactive_bureau(county):
    Unit.objects.filter(pk=county.bureau.pk).update(active=False)
    assert orgs.bureau_for(county.township) is None


@pytest.mark.parametrize(("unit", "expected"), [
    ("bureau", True), ("county", True), ("township", True), ("housing", False),
    ("political_legal", False), ("discipline", False),
])
def test_supervises(county, unit, expected):
    assert orgs.supervises(getattr(county, unit)) is expected


def test_supervises_none():
    assert orgs.supervises(None) is False


@pytest.mark.parametrize(("unit", "root"), [
    ("bureau", "county"),  # a bureau serves its government's territory (Art. 22)
    ("county", "county"), ("housing", "housing"), ("township", "township"),
])
def test_jurisdiction_root(county, unit, root):
    assert orgs.jurisdiction_root(getattr(county, unit)) == getattr(county, root)


def test_jurisdiction_root_of_a_bureau_at_the_top_is_itself(db):
    top = unit_create(name="顶层信访局", code="TOPXF", level=Level.PROVINCE,
                      unit_type=UnitType.PETITION_BUREAU)
    assert orgs.jurisdiction_root(top) == top


def test_jurisdiction_of_a_user(county):
    registrar = county.user(county.bureau, Role.REGISTRAR)
    assert orgs.jurisdiction_of(registrar) == county.county
    assert orgs.jurisdiction_of(county.user(county.housing, Role.HANDLER)) == county.housing


@pytest.mark.parametrize("who", ["anonymous", "system", "no unit"])
def test_jurisdiction_of_nobody_is_none(db, who):
    user = {"anonymous": AnonymousUser(), "system": SYSTEM_ACTOR,
            "no unit": staff_create(username="nounit", unit=None, roles=[])}[who]
    assert orgs.jurisdiction_of(user) is None
    assert orgs.in_jurisdiction(user, Unit.objects.first() or unit_create(
        name="某单位", code="U1", level=Level.PROVINCE, unit_type=UnitType.PARTY_GOVERNMENT)) is False
    assert not Unit.objects.filter(orgs.jurisdiction_q(user, "parent")).exists()


@pytest.mark.parametrize(("unit", "expected"), [
    ("village", True), ("housing", True), ("county", True), ("city", False),
])
def test_in_jurisdiction(county, unit, expected):
    registrar = county.user(county.bureau, Role.REGISTRAR)
    assert orgs.in_jurisdiction(registrar, getattr(county, unit)) is expected


def test_in_jurisdiction_not_the_other_county(county, other_county):
    assert not orgs.in_jurisdiction(county.user(county.bureau, Role.REGISTRAR), other_county.township)


def test_jurisdiction_q_any_of_the_fields(county, other_county):
    # given a township handler: its reach is the township and the village
    handler = county.user(county.township, Role.HANDLER)
    # when units are filtered by "itself or its parent within reach"
    found = set(Unit.objects.filter(orgs.jurisdiction_q(handler, "", "parent")))
    # then the township and village match (own path), and nothing else
    assert found == {county.township, county.village}


def test_units_in_reach(county, other_county):
    registrar = county.user(county.bureau, Role.REGISTRAR)
    Unit.objects.filter(pk=county.village.pk).update(active=False)
    reach = set(orgs.units_in_reach(registrar))
    assert county.housing in reach and county.township in reach
    assert county.village not in reach  # inactive units are not offered
    assert other_county.county not in reach and county.city not in reach


def test_units_in_reach_superuser_and_no_unit(county, other_county):
    boss = staff_create(username="root", unit=None, roles=[])
    assert set(orgs.units_in_reach(boss)) == set()
    boss.is_superuser = True
    assert set(orgs.units_in_reach(boss)) == set(Unit.objects.filter(active=True))
