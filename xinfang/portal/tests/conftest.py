"""Portal test helpers: a county whose bureau receives online petitions, and a form filler that
reads the arithmetic challenge from the page the way a person (or a test) would."""

from __future__ import annotations

import re

import pytest

from xinfang.cases.scenarios import petitioner_data


def pytest_configure(config):  # noqa: ANN001
    config.addinivalue_line("markers", "browser: drives a real headless Chromium (Playwright)")


@pytest.fixture
def portal(county, settings):  # noqa: ANN001
    """The demo-like county A, its bureau configured as the portal's receiving unit."""
    settings.XINFANG_PORTAL_UNIT = county.bureau.code
    return county


QUESTION = re.compile(r"(\d+)\s*(加|减|plus|minus)\s*(\d+)")
TOKEN = re.compile(r'name="challenge_token" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="token" value="([^"]+)"')


def solve(text: str) -> str:
    a, op, b = QUESTION.search(text).groups()
    return str(int(a) + int(b) if op in {"加", "plus"} else int(a) - int(b))


def challenge(html: str) -> dict[str, str]:
    return {"challenge_token": TOKEN.search(html).group(1), "challenge_answer": solve(html)}


def petition_form(c, **overrides) -> dict:  # noqa: ANN001
    person = petitioner_data()
    data = {
        "name": person["name"], "id_type": "resident", "id_number": person["id_number"],
        "origin": "mainland", "phone": person["phone"], "address": person["address"],
        "purpose": "request", "problem_unit": c.township.pk,
        "title": "小区楼道漏水长期无人维修", "request": "请求督促物业尽快维修楼道漏水。",
        "facts_reasons": "本人居住的小区三号楼楼道自今年三月起漏水，多次向物业反映无果。",
        "is_first_time": "yes", "guide_confirmed": "on", "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def open_form(client) -> tuple[str, dict]:  # noqa: ANN001
    html = client.get("/portal/submit/").content.decode()
    return html, {"token": FORM_TOKEN.search(html).group(1), **challenge(html)}


def file_petition(client, c, **overrides):  # noqa: ANN001, ANN201
    """GET the form, solve its challenge, POST it; returns the response."""
    _html, hidden = open_form(client)
    return client.post("/portal/submit/", {**hidden, **petition_form(c, **overrides)})


CODE = re.compile(r'id="query-code" data-code="([0-9A-Z\-]+)"')


def receipt_code(response) -> str:  # noqa: ANN001
    return CODE.search(response.content.decode()).group(1)


def track_login(client, code: str, phone: str):  # noqa: ANN001, ANN201
    html = client.get("/portal/track/").content.decode()
    return client.post("/portal/track/", {"code": code, "phone": phone, **challenge(html)})
