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
