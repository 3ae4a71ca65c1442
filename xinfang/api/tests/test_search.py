"""Art. 46: the API searches through a POST body; personal data in a query string is a 400."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from xinfang.cases.scenarios import petitioner_data, register
from xinfang.cases.states import Status
from xinfang.orgs.models import Role

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"


@pytest.fixture
def api(county):  # noqa: ANN001
    client = APIClient()
    client.force_authenticate(county.user(county.bureau, Role.REGISTRAR))
    return client


@pytest.mark.parametrize("params", [
    {"q": ID_NUMBER}, {"q": "张三"}, {"q": ""}, {"name": "张三"}, {"id_number": ID_NUMBER},
    {"phone": "13812345678"}, {"address": "城关镇东街1号"}, {"status": "registered", "q": "漏水"},
])
def test_art46_personal_data_in_the_query_string_is_a_400_saying_where_to_go(api, county, params):  # noqa: ANN001
    register(county)
    answer = api.get("/api/v1/cases/", params)
    assert answer.status_code == 400
    body = answer.json()
    assert body["code"] == "personal_data_in_url"
    assert "POST /api/v1/cases/search/" in body["detail"] and "个人信息" in body["detail"]


def test_the_list_without_a_search_still_filters_by_status(api, county):  # noqa: ANN001
    case = register(county)
    listed = api.get("/api/v1/cases/", {"status": Status.REGISTERED})
    assert listed.status_code == 200
    assert [c["number"] for c in listed.json()["results"]] == [case.number]


@pytest.mark.parametrize("query", [ID_NUMBER, "13812345678", "王小明", " 王 小明 ", "漏水"])
def test_art46_post_search_finds_by_id_phone_exact_name_or_words(api, county, query):  # noqa: ANN001
    case = register(county, petitioners=[petitioner_data(name="王小明")])
    register(county, petitioners=[petitioner_data(name="李四", id_number="110105198001011238",
                                                  phone="13900001111")],
             title="路灯不亮", request="请求修复路灯。", facts_reasons="村口路灯坏了三个月。")
    found = api.post("/api/v1/cases/search/", {"q": query}, format="json")
    assert found.status_code == 200
    numbers = [c["number"] for c in found.json()["results"]]
    assert numbers == [case.number]
    assert found.json()["results"][0]["petitioners"][0]["id_number"] != ID_NUMBER  # masked


def test_post_search_pages_by_the_page_parameter(api, county, monkeypatch):  # noqa: ANN001
    from rest_framework.pagination import PageNumberPagination

    monkeypatch.setattr(PageNumberPagination, "page_size", 2)
    for _ in range(3):
        register(county)
    first = api.post("/api/v1/cases/search/", {"q": ID_NUMBER}, format="json").json()
    assert first["count"] == 3 and len(first["results"]) == 2
    assert first["next"].endswith("/api/v1/cases/search/?page=2")
    second = api.post(first["next"], {"q": ID_NUMBER}, format="json").json()
    assert len(second["results"]) == 1


@pytest.mark.parametrize(("body", "field"), [
    ({}, "q"), ({"q": ["张三"]}, "q"), ({"q": "x" * 201}, "q"), ({"q": "张三", "status": "nope"}, "status"),
])
def test_a_malformed_search_is_a_400_naming_the_field(api, body, field):  # noqa: ANN001
    answer = api.post("/api/v1/cases/search/", body, format="json")
    assert answer.status_code == 400
    assert field in answer.json()["errors"]


def test_the_schema_documents_the_search_and_no_personal_query_parameter(api):  # noqa: ANN001
    schema = api.get("/api/schema/", {"format": "json"}).json()
    listing = schema["paths"]["/api/v1/cases/"]["get"]
    assert {p["name"] for p in listing.get("parameters", [])} <= {"page", "status"}
    assert "400" in listing["responses"]
    search = schema["paths"]["/api/v1/cases/search/"]["post"]
    assert search["requestBody"]["required"] is True
    assert "400" in search["responses"] and "429" in search["responses"]
