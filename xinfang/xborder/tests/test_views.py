"""The fast track on the staff pages: the case page's section, its steps posted (allowed, refused
with a 4xx), the queue's badge, filter and sort."""

from __future__ import annotations

import pytest
from django.urls import reverse

from xinfang.cases.scenarios import register
from xinfang.orgs.models import Role
from xinfang.xborder.models import FastTrack

from .helpers import hk_case

pytestmark = pytest.mark.django_db


def test_the_case_page_shows_the_track_its_targets_and_the_two_mediator_rule(client, county):
    case = hk_case(county)
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    html = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert 'id="case-fast-track"' in html and "快速通道办理" in html
    assert "内部目标日" in html and "法定到期日" in html  # the bureau's 15 days (Art. 22) and its target
    assert "繁體中文" in html  # the petitioner's notice language
    assert "一名内地调解员和一名港澳台或外籍调解员" in html
    assert 'data-action="fast_track.take_off"' in html


def test_staff_put_a_case_on_the_track_from_the_case_page(client, county):
    case = register(county)
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    page = reverse("web:case", args=[case.number])
    assert 'data-action="fast_track.put_on"' in client.get(page).content.decode()
    url = reverse("xborder:new", args=[case.number, "put_on"])
    client.post(url, {"fast_track-new-put_on-reason": ""})  # no reason: refused, nothing written
    assert not FastTrack.objects.filter(case=case).exists()
    r = client.post(url, {"fast_track-new-put_on-reason": "涉外企业员工"})
    assert r.status_code == 302
    assert FastTrack.objects.get(case=case).reason == "涉外企业员工"
    r = client.post(url, {"fast_track-new-put_on-reason": "再次"})  # not offered any more
    assert r.status_code == 422


def test_refused_steps_are_4xx_and_another_county_sees_nothing(client, county, other_county):
    case = hk_case(county)
    track = FastTrack.objects.get(case=case)
    client.force_login(other_county.user(other_county.bureau, Role.REGISTRAR))
    assert client.post(reverse("xborder:act", args=[track.pk, "take_off"]),
                       {f"fast_track-{track.pk}-take_off-reason": "x"}).status_code == 404
    assert client.post(reverse("xborder:new", args=[case.number, "put_on"]),
                       {"fast_track-new-put_on-reason": "x"}).status_code == 404
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    assert client.post(reverse("xborder:act", args=[track.pk, "put_back"]),
                       {f"fast_track-{track.pk}-put_back-reason": "x"}).status_code == 409
    assert client.post(reverse("xborder:new", args=[case.number, "derive"])).status_code in (403,
                                                                                              422)
    assert client.post(reverse("xborder:act", args=[track.pk, "nonsense"])).status_code == 404
    assert FastTrack.objects.get(pk=track.pk).status == "on"


def test_the_queue_badge_filter_and_sort(client, county):
    plain = register(county)  # registered first: the default order lists it first
    fast = hk_case(county)
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    html = client.get(reverse("web:queue")).content.decode()
    assert html.index(plain.number) < html.index(fast.number)
    html = client.get(reverse("web:queue") + "?fast_track=yes").content.decode()
    assert fast.number in html and plain.number not in html and "badge fast-track" in html
    html = client.get(reverse("web:queue") + "?fast_track=no").content.decode()
    assert plain.number in html and fast.number not in html
    html = client.get(reverse("web:queue") + "?sort=fast").content.decode()
    assert html.index(fast.number) < html.index(plain.number)
