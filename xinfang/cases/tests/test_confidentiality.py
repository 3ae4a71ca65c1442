"""Art. 30 and protected personal data: proven at the data layer, not only in the UI."""

import pytest
from django.db import connection

from xinfang.cases.models import Petitioner, Purpose
from xinfang.cases.scenarios import act, register
from xinfang.cases.selectors import case_get, case_search, visible_cases
from xinfang.cases.states import Action
from xinfang.cases.workflow import case_transition
from xinfang.core.crypto import mask_id_number, mask_phone
from xinfang.core.errors import ConfidentialityViolation

pytestmark = pytest.mark.django_db


def accusation(county):
    return register(county, purpose=Purpose.ACCUSATION, accused_unit=county.township.pk,
                    accused_person="某镇干部李某", title="反映城关镇干部收受好处费",
                    facts_reasons="城关镇某干部在低保审批中收受好处费。")


def test_accusation_cannot_be_transferred_to_the_accused_unit(county):
    case = accusation(county)
    with pytest.raises(ConfidentialityViolation, match="第30条"):
        case_transition(case_id=case.pk, action=Action.TRANSFER,
                        actor=county.user(county.bureau, "registrar"),
                        params={"unit": county.township.pk})


def test_accusation_cannot_go_below_the_accused_unit_either(county):
    from xinfang.orgs.models import Level, UnitType
    from xinfang.orgs.services import unit_create

    office = unit_create(name="城关镇信访办", code="AT1XF", level=Level.TOWNSHIP,
                         unit_type=UnitType.PETITION_BUREAU, parent=county.township)
    case = accusation(county)
    with pytest.raises(ConfidentialityViolation):
        case_transition(case_id=case.pk, action=Action.ASSIGN,
                        actor=county.user(county.bureau, "registrar"),
                        params={"unit": office.pk, "due_days": 30})


def test_accused_unit_never_sees_the_accusation_even_if_routed_before(county):
    case = accusation(county)
    case = case_transition(case_id=case.pk, action=Action.TRANSFER,
                           actor=county.user(county.bureau, "registrar"),
                           params={"unit": county.discipline.pk})
    accused_staff = county.user(county.township, "approver")
    assert not visible_cases(accused_staff).filter(pk=case.pk).exists()
    with pytest.raises(type(case).DoesNotExist):
        case_get(accused_staff, pk=case.pk)
    assert case_search(accused_staff, "好处费").count() == 0
    # The discipline commission it was sent to does see it.
    assert case_get(county.user(county.discipline, "handler"), pk=case.pk) == case


def test_a_non_accusation_case_about_the_same_unit_stays_visible_to_it(county):
    case = act(county, register(county), Action.TRANSFER)  # to housing
    housing = county.user(county.housing, "handler")
    assert case_get(housing, pk=case.pk) == case


def test_id_and_phone_numbers_are_encrypted_at_rest():
    person = Petitioner.objects.create(name="王五", id_number="11010519491231002X",
                                       phone="13912345678")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM cases_petitioner WHERE id = %s", [person.pk])
        raw_id, raw_phone = cursor.fetchone()
    assert "11010519491231002X" not in raw_id and "1391234" not in raw_phone
    assert raw_id.startswith("gAAAA")  # a Fernet token
    person.refresh_from_db()
    assert (person.id_number, person.phone) == ("11010519491231002X", "13912345678")


def test_search_by_full_id_or_phone_uses_the_blind_index(county):
    case = register(county)
    user = county.user(county.bureau, "registrar")
    assert list(case_search(user, "11010519491231002x")) == [case]
    assert list(case_search(user, "138 1234 5678")) == [case]
    assert list(case_search(user, "1234")) == []  # partial numbers never match encrypted data


def test_masking():
    assert mask_id_number("11010519491231002X") == "1101**********002X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("") == ""
