"""The REST API: idempotent registration, jurisdiction (404), transitions and their errors."""

import pytest
from rest_framework.test import APIClient

from xinfang.cases.models import Case
from xinfang.cases.scenarios import drive_to, petition_data, petitioner_data, register
from xinfang.cases.states import Status

pytestmark = pytest.mark.django_db


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def body(county, **kw):
    return {**petition_data(county, **kw), "petitioners": [petitioner_data()]}


def test_registration_with_the_same_key_twice_creates_one_case(county):
    client = client_for(county.user(county.bureau, "registrar"))
    first = client.post("/api/v1/cases/", body(county), format="json",
                        HTTP_IDEMPOTENCY_KEY="retry-123")
    second = client.post("/api/v1/cases/", body(county), format="json",
                         HTTP_IDEMPOTENCY_KEY="retry-123")
    assert first.status_code == second.status_code == 201
    assert first.json()["number"] == second.json()["number"]
    assert second["Idempotent-Replayed"] == "true"
    assert Case.objects.count() == 1


def test_key_reused_for_a_different_petition_is_refused(county):
    client = client_for(county.user(county.bureau, "registrar"))
    client.post("/api/v1/cases/", body(county), format="json", HTTP_IDEMPOTENCY_KEY="k1")
    response = client.post("/api/v1/cases/", body(county, title="另一件事"), format="json",
                           HTTP_IDEMPOTENCY_KEY="k1")
    assert response.status_code == 422
    assert Case.objects.count() == 1


def test_without_a_key_each_post_is_a_new_case(county):
    client = client_for(county.user(county.bureau, "registrar"))
    client.post("/api/v1/cases/", body(county), format="json")
    client.post("/api/v1/cases/", body(county), format="json")
    assert Case.objects.count() == 2


def test_failed_validation_is_not_remembered_under_the_key(county):
    client = client_for(county.user(county.bureau, "registrar"))
    bad = client.post("/api/v1/cases/", body(county, request=""), format="json",
                      HTTP_IDEMPOTENCY_KEY="k2")
    assert bad.status_code == 400 and "request" in bad.json()["errors"]
    good = client.post("/api/v1/cases/", body(county), format="json", HTTP_IDEMPOTENCY_KEY="k2")
    assert good.status_code == 201


def test_lists_mask_personal_data(county):
    register(county)
    response = client_for(county.user(county.bureau, "registrar")).get("/api/v1/cases/")
    person = response.json()["results"][0]["petitioners"][0]
    assert (person["id_number"], person["phone"]) == ("1101**********002X", "138****5678")
    assert "11010519491231002X" not in response.content.decode()


def test_another_jurisdiction_gets_404_on_read_and_on_action(county, other_county):
    case = register(county)
    outsider = client_for(other_county.user(other_county.bureau, "registrar"))
    assert outsider.get(f"/api/v1/cases/{case.number}/").status_code == 404
    response = outsider.post(f"/api/v1/cases/{case.number}/transitions/",
                             {"action": "transfer", "params": {"unit": county.housing.pk}},
                             format="json")
    assert response.status_code == 404
    assert outsider.get("/api/v1/cases/").json()["count"] == 0


def test_transition_through_the_api(county):
    case = register(county)
    client = client_for(county.user(county.bureau, "registrar"))
    actions = client.get(f"/api/v1/cases/{case.number}/actions/").json()["actions"]
    assert "transfer" in [a["action"] for a in actions]
    response = client.post(f"/api/v1/cases/{case.number}/transitions/",
                           {"action": "transfer", "params": {"unit": county.housing.pk}},
                           format="json")
    assert response.status_code == 200
    assert response.json()["status"] == Status.TRANSFERRED
    assert [e["kind"] for e in response.json()["timeline"]].count("status_changed") == 1


def test_illegal_transition_is_409_with_a_chinese_message(county):
    case = drive_to(county, Status.CLOSED)
    client = client_for(county.user(county.housing, "handler"))
    response = client.post(f"/api/v1/cases/{case.number}/transitions/",
                           {"action": "accept", "params": {}}, format="json")
    assert response.status_code == 409
    assert "不能执行" in response.json()["detail"]


def test_guard_failure_is_422_and_bad_params_400(county):
    case = drive_to(county, Status.ACCEPTED)
    client = client_for(county.user(county.housing, "approver"))
    bad = client.post(f"/api/v1/cases/{case.number}/transitions/",
                      {"action": "extend", "params": {"days": 45, "reason": "x"}}, format="json")
    assert bad.status_code == 400 and "days" in bad.json()["errors"]
    ok = client.post(f"/api/v1/cases/{case.number}/transitions/",
                     {"action": "extend", "params": {"days": 30, "reason": "需会商"}}, format="json")
    assert ok.status_code == 200
    again = client.post(f"/api/v1/cases/{case.number}/transitions/",
                        {"action": "extend", "params": {"days": 5, "reason": "再延"}}, format="json")
    assert again.status_code == 422


def test_unauthenticated_requests_are_refused(county):
    assert APIClient().get("/api/v1/cases/").status_code in {401, 403}


def test_openapi_schema_lists_the_endpoints(county):
    response = client_for(county.user(county.bureau, "registrar")).get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/cases/", "/api/v1/cases/{number}/transitions/"} <= set(paths)


def test_case_detail_query_count_does_not_grow_with_the_timeline(county, django_assert_max_num_queries):
    user = county.user(county.bureau, "registrar")
    client = client_for(user)
    case = register(county)
    with django_assert_max_num_queries(30) as first:
        assert client.get(f"/api/v1/cases/{case.number}/").status_code == 200
    case = drive_to(county, Status.CLOSED)  # a long timeline with many events and clocks
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(f"/api/v1/cases/{case.number}/").status_code == 200


def test_a_registration_answers_with_the_case_address(county):
    client = client_for(county.user(county.bureau, "registrar"))
    response = client.post("/api/v1/cases/", body(county), format="json", HTTP_IDEMPOTENCY_KEY="loc-1")
    assert response.status_code == 201 and "timeline" in response.json()
    number = response.json()["number"]
    assert response["Location"] == f"/api/v1/cases/{number}/"
    assert "Preference-Applied" not in response
    assert client.get(response["Location"]).json()["number"] == number


def test_prefer_return_minimal_registers_the_same_case_and_answers_with_less(county):
    from django.db import connection

    def statements(post):  # noqa: ANN001, ANN202
        seen = []
        with connection.execute_wrapper(lambda execute, sql, *a: seen.append(sql) or execute(sql, *a)):
            return post(), len(seen)

    client = client_for(county.user(county.bureau, "registrar"))
    client.post("/api/v1/cases/", body(county, title="预热"), format="json")  # the counter exists
    _, full = statements(lambda: client.post("/api/v1/cases/", body(county, title="整件详情"), format="json"))
    response, short = statements(lambda: client.post(
        "/api/v1/cases/", body(county, title="只要编号"), format="json",
        HTTP_PREFER="respond-async, return=minimal", HTTP_IDEMPOTENCY_KEY="min-1"))
    assert response.status_code == 201
    data = response.json()
    assert set(data) == {"id", "number", "status", "status_label", "received_on", "registered_at", "url"}
    assert response["Location"] == data["url"] == f"/api/v1/cases/{data['number']}/"
    assert response["Preference-Applied"] == "return=minimal"
    # the same registration: the case, its timeline and its first clock exist as with the full answer
    case = Case.objects.get(number=data["number"])
    assert case.status == data["status"] == Status.REGISTERED and case.title == "只要编号"
    detail = client.get(data["url"]).json()
    assert detail["timeline"] and detail["deadlines"]
    # and the detail's reads are not made
    assert 0 < short < full
    # a retry gets the first answer as it was, minimal, with its address; nothing new is registered
    again = client.post("/api/v1/cases/", body(county, title="只要编号"), format="json",
                        HTTP_IDEMPOTENCY_KEY="min-1")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == data and again["Location"] == data["url"]
    assert Case.objects.filter(title="只要编号").count() == 1


def test_prefer_return_representation_or_nonsense_gives_the_whole_case(county):
    client = client_for(county.user(county.bureau, "registrar"))
    for prefer in ("return=representation", "return=everything", "wait=5", ""):
        response = client.post("/api/v1/cases/", body(county), format="json", HTTP_PREFER=prefer)
        assert response.status_code == 201 and "timeline" in response.json(), prefer
        assert "Preference-Applied" not in response


def test_the_schema_describes_both_answers_to_a_registration(county):
    schema = client_for(county.user(county.bureau, "registrar")).get("/api/schema/?format=json").json()
    post = schema["paths"]["/api/v1/cases/"]["post"]
    assert any(p["name"] == "Prefer" and p["in"] == "header" for p in post["parameters"])
    created = post["responses"]["201"]["content"]["application/json"]["schema"]
    one_of = schema["components"]["schemas"][created["$ref"].rsplit("/", 1)[-1]]["oneOf"]
    names = {ref["$ref"].rsplit("/", 1)[-1] for ref in one_of}
    assert names == {"CaseDetailOut", "CaseRegisteredOut"}
    # each answer has a required field the other lacks, so a body matches exactly one of them
    required = {n: set(schema["components"]["schemas"][n]["required"]) for n in names}
    assert "url" in required["CaseRegisteredOut"] - required["CaseDetailOut"]
    assert "timeline" in required["CaseDetailOut"] - required["CaseRegisteredOut"]
