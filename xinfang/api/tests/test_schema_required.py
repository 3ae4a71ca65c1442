"""The OpenAPI schema and the registration agree on which fields are required (issue 16): a field
the schema marks required is refused when left out, with its name; any other field may be left
out. Conditional rules (a named petitioner for 求决/申诉, purpose or source label) are tested
beside."""

from __future__ import annotations

import copy

import pytest
from rest_framework.test import APIClient

from xinfang.cases.models import Case, Purpose
from xinfang.cases.scenarios import petition_data, petitioner_data

pytestmark = pytest.mark.django_db

CASES = "/api/v1/cases/"


@pytest.fixture
def api(county) -> APIClient:  # noqa: ANN001
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(county.user(county.bureau, "registrar"))
    return client


def schema_of(api: APIClient) -> tuple[dict, dict]:
    schema = api.get("/api/schema/?format=json").json()
    components = schema["components"]["schemas"]
    post = schema["paths"][CASES]["post"]
    case_in = components[post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                         .split("/")[-1]]
    person = components[case_in["properties"]["petitioners"]["items"]["$ref"].split("/")[-1]]
    return case_in, person


def full_body(county) -> dict:  # noqa: ANN001
    """Every field of the schema given, for a 意见建议 (which may be anonymous)."""
    return {**petition_data(county, purpose=Purpose.SUGGESTION), "source_label": "建议",
            "received_on": None, "category": None, "is_collective": False, "related_case": "",
            "accused_unit": None, "accused_person": "",
            "petitioners": [petitioner_data(is_representative=False, notice_language="zh-hans")]}


def _post(api: APIClient, body: dict):  # noqa: ANN202
    return api.post(CASES, body, format="json")


def test_the_body_with_every_field_is_accepted(api, county) -> None:  # noqa: ANN001
    # given a body with every field of the schema / when posted / then registered
    response = _post(api, full_body(county))
    assert response.status_code == 201, response.json()


@pytest.mark.parametrize("where", ["case", "petitioner"])
def test_required_in_the_schema_is_exactly_what_registration_refuses(api, county, where) -> None:  # noqa: ANN001
    # given the schema's properties and required list of the case body (or of a petitioner)
    case_in, person = schema_of(api)
    component = case_in if where == "case" else person
    required = set(component.get("required", []))
    refused, accepted = set(), set()
    for name in component["properties"]:
        body = full_body(county)
        # when the body leaves out one field
        if where == "case":
            del body[name]
        else:
            del body["petitioners"][0][name]
        response = _post(api, copy.deepcopy(body))
        # then it is refused with a 400 naming that field, or registered
        if response.status_code == 201:
            accepted.add(name)
        else:
            assert response.status_code == 400, (name, response.status_code, response.json())
            errors = response.json().get("errors", {})
            assert any(name in key for key in errors) or any(
                name in str(v) for v in errors.values()), (name, errors)
            refused.add(name)
    assert refused == required
    assert accepted == set(component["properties"]) - required


@pytest.mark.parametrize(("purpose", "status"), [
    (Purpose.REQUEST, 400), (Purpose.APPEAL, 400),
    (Purpose.SUGGESTION, 201), (Purpose.OTHER, 201),
])
def test_anonymous_only_where_the_regulation_allows(api, county, purpose, status) -> None:  # noqa: ANN001
    # given a petition of `purpose` without any petitioner (an anonymous hotline call)
    body = {**petition_data(county, purpose=purpose), "petitioners": []}
    # when posted
    response = _post(api, body)
    # then a 求决/申诉 is refused citing Art. 17 and 19; the others are registered with no petitioner
    assert response.status_code == status, response.json()
    if status == 400:
        assert "第十九条" in response.json()["errors"]["petitioners"][0]
    else:
        case = Case.objects.get(number=response.json()["number"])
        assert not case.parties.exists() and response.json()["petitioners"] == []


def test_an_anonymous_accusation_still_needs_the_accused(api, county) -> None:  # noqa: ANN001
    # given an anonymous 揭发控告 naming the accused person / when posted / then registered
    body = {**petition_data(county, purpose=Purpose.ACCUSATION, accused_person="某所长"),
            "petitioners": []}
    assert _post(api, body).status_code == 201


@pytest.mark.parametrize(("label", "status", "purpose"), [
    ("举报", 201, Purpose.OTHER), ("投诉", 400, None), ("建议", 201, Purpose.SUGGESTION),
    ("表扬信", 400, None),
])
def test_source_labels_map_to_purposes(api, county, label, status, purpose) -> None:  # noqa: ANN001
    # given an anonymous record of another system, labelled `label`, without a purpose
    body = {**petition_data(county), "source_label": label, "petitioners": []}
    del body["purpose"]
    # when posted
    response = _post(api, body)
    # then 举报 is 其他 (not 揭发控告), 投诉 a 求决 that needs a petitioner, an unmapped label refused
    assert response.status_code == status, response.json()
    if purpose is not None:
        assert Case.objects.get(number=response.json()["number"]).purpose == purpose
    elif label == "表扬信":
        assert "表扬信" in response.json()["errors"]["source_label"][0]


def test_one_content_text_leaves_facts_reasons_empty(api, county) -> None:  # noqa: ANN001
    # given a hotline record with one content text, as the request
    body = {**petition_data(county), "petitioners": [petitioner_data()]}
    del body["facts_reasons"]
    # when posted / then registered with empty facts and reasons
    response = _post(api, body)
    assert response.status_code == 201, response.json()
    assert response.json()["facts_reasons"] == ""
