"""Odd input on every deliberation page is a 4xx with a message, never a 500."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from xinfang.orgs.models import Role

from .helpers import new_topic, open_topic, staff

pytestmark = pytest.mark.django_db

ODD = ["", " ", "x" * 5000, "１３９０００００００００", "13900000000\x00", "<script>", "-1", "9" * 40]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("value", ODD)
def test_the_portal_forms_never_crash(client, county, value):
    t, _people = open_topic(county, 1)
    for name, data in (("verify", {"stage": "phone", "phone": value, "challenge_token": value,
                                   "challenge_answer": value}),
                       ("verify", {"stage": "code", "phone": value, "code": value}),
                       ("vote", {"option": value}), ("comment", {"text": value})):
        r = client.post(reverse(f"portal:deliberation-{name}", args=[t.number]), data)
        assert 400 <= r.status_code < 500, (name, value, r.status_code)


def test_unknown_topics_get_and_wrong_methods(client, county):
    t = new_topic(county)  # a draft: not public
    assert client.get(reverse("portal:deliberation-topic", args=["NO-SUCH"])).status_code == 404
    assert client.post(reverse("portal:deliberation-vote", args=[t.number]),
                       {"option": "0"}).status_code == 404
    assert client.get(reverse("portal:deliberation-vote", args=[t.number])).status_code == 405


@pytest.mark.parametrize("value", ODD)
def test_the_staff_forms_never_crash(client, county, value):
    t = new_topic(county)
    client.force_login(staff(county, Role.APPROVER))
    for action, data in (("link", {"link-case": value}), ("unlink", {"unlink-case": value}),
                         ("cancel", {"cancel-reason": value if value.strip() else ""})):
        r = client.post(reverse("deliberation:act", args=[t.number, action]), data)
        assert r.status_code < 500, (action, value)
    assert client.post(reverse("deliberation:act", args=[t.number, "nonsense"])).status_code == 404
    r = client.post(reverse("deliberation:new"), {"title": value, "options": value,
                                                  "opens_at": value, "closes_at": value,
                                                  "unit": value})
    assert r.status_code == 400
    r = client.post(reverse("deliberation:roster"), {"unit": value, "name": value, "phone": value})
    assert 400 <= r.status_code < 500
    assert client.get(reverse("deliberation:roster"), {"unit": value}).status_code == 200
    r = client.post(reverse("deliberation:act", args=[t.number, "hide_comment"]),
                    {"hide_comment-comment": value, "hide_comment-reason": "广告"})
    assert r.status_code < 500
