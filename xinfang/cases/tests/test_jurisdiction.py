"""A unit sees the cases routed to it and to the units below it, nothing else."""

import pytest

from xinfang.cases.models import Case
from xinfang.cases.scenarios import act, drive_to, register
from xinfang.cases.selectors import case_get, visible_cases
from xinfang.cases.states import Action, Status
from xinfang.cases.workflow import case_transition
from xinfang.core.errors import GuardFailed

pytestmark = pytest.mark.django_db


def test_bureau_sees_the_whole_county_but_not_the_next_county(county, other_county):
    mine = register(county)
    theirs = register(other_county)
    bureau = county.user(county.bureau, "handler")
    assert set(visible_cases(bureau)) == {mine}
    with pytest.raises(Case.DoesNotExist):
        case_get(bureau, pk=theirs.pk)


def test_department_sees_only_what_was_routed_to_it(county):
    routed = act(county, register(county), Action.TRANSFER)
    kept = register(county)
    housing = county.user(county.housing, "handler")
    assert set(visible_cases(housing)) == {routed}
    assert kept not in visible_cases(housing)


def test_higher_units_see_cases_below(county):
    case = register(county)
    assert case_get(county.user(county.city, "approver"), pk=case.pk) == case
    assert case_get(county.user(county.county, "approver"), pk=case.pk) == case


def test_township_does_not_see_a_county_case_not_routed_to_it(county):
    case = register(county)
    with pytest.raises(Case.DoesNotExist):
        case_get(county.user(county.township, "handler"), pk=case.pk)


def test_acting_on_an_invisible_case_is_not_found(county, other_county):
    case = register(other_county)
    with pytest.raises(Case.DoesNotExist):
        case_transition(case_id=case.pk, action=Action.TRANSFER,
                        actor=county.user(county.bureau, "registrar"),
                        params={"unit": county.housing.pk})


def test_cannot_transfer_outside_the_jurisdiction(county, other_county):
    case = register(county)
    with pytest.raises(GuardFailed, match="管辖范围"):
        case_transition(case_id=case.pk, action=Action.TRANSFER,
                        actor=county.user(county.bureau, "registrar"),
                        params={"unit": other_county.housing.pk})


def test_review_goes_to_a_higher_unit_which_then_sees_it(county):
    case = drive_to(county, Status.ANSWERED)
    with pytest.raises(GuardFailed, match="上一级"):
        case_transition(case_id=case.pk, action=Action.REQUEST_REVIEW,
                        actor=county.user(county.county, "registrar"),
                        params={"unit": county.township.pk})
    case = act(county, case, Action.REQUEST_REVIEW)
    assert case.holding_unit == county.county


def _province_staff(county):  # noqa: ANN001, ANN202
    from xinfang.orgs.services import staff_create

    return staff_create(username=f"{county.province.code.lower()}_handler", unit=county.province,
                        roles=["handler"], display_name="省级承办人")


def test_the_top_of_the_only_tree_sees_every_case_without_the_access_check(county, other_county):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xinfang.cases.models import Purpose

    # given the province over two counties, and an accusation against the province itself (Art. 30)
    cases = {register(county), register(other_county), act(county, register(county), Action.TRANSFER)}
    against_it = register(county, purpose=Purpose.ACCUSATION, accused_unit=county.province.pk,
                          accused_person="某省干部王某", title="反映省里干部问题")
    province = _province_staff(county)
    # then it sees every case of its tree, as the access check would give, but not the accusation
    with CaptureQueriesContext(connection) as seen:
        visible = set(visible_cases(province))
    assert visible == cases and against_it not in visible
    assert not [q for q in seen.captured_queries if "cases_caseaccess" in q["sql"]]
    assert all(case_get(province, pk=c.pk) == c for c in cases)
    with pytest.raises(Case.DoesNotExist):
        case_get(province, pk=against_it.pk)


def test_with_a_second_tree_the_top_of_one_still_sees_only_its_own(county):
    from xinfang.cases.scenarios import build_county

    mine = register(county)
    elsewhere = build_county("Z")  # another province in the same database
    theirs = register(elsewhere)
    province = _province_staff(county)
    assert set(visible_cases(province)) == {mine}
    with pytest.raises(Case.DoesNotExist):
        case_get(province, pk=theirs.pk)
