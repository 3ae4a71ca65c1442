"""Art. 46: what staff search for — a name, an ID or a phone number — stays out of URLs and logs,
and names, encrypted at rest, are still found by exact search through their blind index."""

from __future__ import annotations

import logging
import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from xinfang.cases.scenarios import petitioner_data, register
from xinfang.core import logs
from xinfang.orgs.models import Role

pytestmark = pytest.mark.django_db

SEARCH = "/search/"
ID_NUMBER = "11010519491231002X"  # petitioner_data()'s
PHONE = "13812345678"
NAME = "王小明"


def _search(client, query: str):  # noqa: ANN001, ANN202
    """Submit the search form; returns the redirect (not followed)."""
    return client.post(SEARCH, {"q": query})


@pytest.mark.parametrize(("stored", "typed"), [
    ("王小明", "王小明"),
    ("王小明", " 王 小明 "),                 # spaces typed around and inside
    ("Li Ming", "LI MING"),                   # Latin names: case does not matter
    ("Li Ming", "Ｌｉ　Ｍｉｎｇ"),            # full-width letters and space of a Chinese input method
    ("阿卜杜·热合曼", "阿卜杜热合曼"),        # the separator dot of a transcribed name, left out
    ("阿卜杜·热合曼", "阿卜杜•热合曼"),       # or typed as another dot
])
def test_art46_search_by_exact_name_finds_the_case(web, county, stored, typed):  # noqa: ANN001
    # given a case whose petitioner's name is encrypted at rest
    case = register(county, petitioners=[petitioner_data(name=stored)])
    # when staff search for the name as they type it
    page = web.post(SEARCH, {"q": typed}, follow=True)
    # then the case is found
    assert page.status_code == 200
    assert case.number in page.content.decode()


def test_art46_part_of_a_name_finds_nothing(web, county):  # noqa: ANN001
    """Names are encrypted: only the whole name is searchable (docs/security.md)."""
    register(county, petitioners=[petitioner_data(name=NAME)], title="供暖不达标")
    page = web.post(SEARCH, {"q": "王小"}, follow=True).content.decode()
    assert "找到 0 件" in page


def test_art46_the_search_url_carries_a_token_never_the_query(web, county):  # noqa: ANN001
    # given more cases than one page holds, all of one petitioner
    for i in range(31):
        register(county, petitioners=[petitioner_data(name=NAME)], title=f"楼道漏水（{i}）")
    # when staff search by ID number
    sent = _search(web, ID_NUMBER)
    # then the browser is sent to a URL with an opaque token, and neither it nor the pages name the query
    assert sent.status_code == 303
    location = sent["Location"]
    assert re.fullmatch(r"/search/\?t=[\w-]{16}", location), location
    first = web.get(location)
    body = first.content.decode()
    assert first.status_code == 200 and "找到 31 件" in body
    next_page = re.search(r'href="(\?t=[\w-]+&(?:amp;)?page=2)"', body)
    assert next_page, "the pager links to page 2 by the token"
    second = web.get(SEARCH + next_page.group(1).replace("&amp;", "&"))
    assert second.status_code == 200 and "第 2 / 2 页" in second.content.decode()
    for url in (location, next_page.group(1)):
        assert ID_NUMBER not in url and "q=" not in url
    # and going back to the first page (the browser's back button) shows the same results again
    assert "找到 31 件" in web.get(location).content.decode()
    # and the session row in the database keeps the query only encrypted
    from django.contrib.sessions.models import Session

    assert ID_NUMBER not in str([s.get_decoded() for s in Session.objects.all()])


@pytest.mark.parametrize("params", [{"q": ID_NUMBER}, {"q": NAME}, {"phone": PHONE},
                                    {"name": NAME}, {"id_number": ID_NUMBER}])
def test_art46_a_query_in_the_url_is_refused_with_where_to_go(web, county, params):  # noqa: ANN001
    register(county)
    page = web.get(SEARCH, params)
    assert page.status_code == 400
    body = page.content.decode()
    assert "查询内容不能放在网址中" in body
    assert not any(v in body for v in params.values())  # not echoed back either


def test_art46_a_token_works_only_in_the_session_that_made_it(web, client, county):  # noqa: ANN001
    register(county)
    location = _search(web, ID_NUMBER)["Location"]
    other = type(client)()
    other.force_login(county.user(county.bureau, Role.HANDLER))
    refused = other.get(location)
    assert refused.status_code == 404 and "该查询已失效" in refused.content.decode()


def test_art46_an_empty_search_goes_back_to_the_form(web):  # noqa: ANN001
    assert web.post(SEARCH, {"q": "   "})["Location"] == reverse("web:search")


@pytest.mark.parametrize("query", ["张\x00三", "楼" * 201])
def test_a_search_the_database_cannot_take_is_a_400_with_a_message(web, query):  # noqa: ANN001
    page = web.post(SEARCH, {"q": query})
    assert page.status_code == 400
    assert '<p class="error" role="alert">' in page.content.decode()


def test_art46_no_log_line_holds_a_searched_id_phone_or_name(web, county, caplog):  # noqa: ANN001
    # given a case of a named petitioner
    case = register(county, petitioners=[petitioner_data(name=NAME)])
    api = APIClient()
    api.force_authenticate(county.user(county.bureau, Role.REGISTRAR))
    # when staff search by each, on the web and through the API, and also try the old ways
    with caplog.at_level(logging.DEBUG):
        for query in (ID_NUMBER, PHONE, NAME):
            found = web.post(SEARCH, {"q": query}, follow=True)
            assert case.number in found.content.decode()
            assert web.get(SEARCH, {"q": query}).status_code == 400
            answer = api.post("/api/v1/cases/search/", {"q": query}, format="json")
            assert [c["number"] for c in answer.json()["results"]] == [case.number]
            assert api.get("/api/v1/cases/", {"q": query}).status_code == 400
    # then no log line, as the production (JSON) and demo (text) formatters write it, holds any of them
    assert any(r.name == "xinfang.request" for r in caplog.records)
    written = "\n".join(f"{logs.JSONFormatter().format(r)} {logs.TextFormatter().format(r)}"
                        for r in caplog.records)
    for secret in (ID_NUMBER, PHONE, NAME):
        assert secret not in written, secret
