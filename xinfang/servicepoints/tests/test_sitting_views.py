"""坐诊预约 pages: the portal's choice of village with the next dates and places left, booking with
the challenge (bad input and a full date 4xx with the reason), look-up and cancel by code + phone
(a wrong phone refused); the staff's page of a date (names masked outside the village, one click
into a 坐诊接访 matter, a refused step 4xx, another county 404); both languages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings as django_settings

from xinfang.core import clock
from xinfang.orgs.models import Role
from xinfang.portal.tests.conftest import challenge
from xinfang.servicepoints.models import SittingBooking
from xinfang.servicepoints.states import SittingStatus

from .helpers import book_sitting, reception_day, worker

pytestmark = pytest.mark.django_db
CODE = re.compile(r'data-code="([0-9A-Z\-]+)"')
TICKET = re.compile(r'name="ticket" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="token" value="([^"]+)"')
TUESDAY = dt.datetime(2026, 11, 3, 9, 0)
NEXT = "2026-11-10"


@pytest.fixture
def day(county):  # noqa: ANN001, ANN201
    with clock.frozen(TUESDAY):
        yield reception_day(county, capacity=1)


def _book(client, day, date=NEXT, phone="13812345678", status=200):  # noqa: ANN001, ANN202
    url = f"/portal/sitting/{day.pk}/{date}/book/"
    page = client.get(url).content.decode()
    r = client.post(url, {"name": "张三", "phone": phone, "matter": "村道路灯坏了半年，晚上出行不便。",
                          "token": FORM_TOKEN.search(page).group(1), **challenge(page)})
    assert r.status_code == status, r.content.decode()[:800]
    return r.content.decode()


def test_the_portal_lists_the_villages_days_with_places_left(client, county, other_county, day):
    other = reception_day(other_county)
    html = client.get("/portal/sitting/").content.decode()
    assert f'id="day-{day.pk}"' in html and f'id="day-{other.pk}"' in html
    assert f'id="slot-{day.pk}-{NEXT}"' in html and county.township.name in html
    html = client.get(f"/portal/sitting/?village={county.village.pk}").content.decode()
    assert f'id="day-{other.pk}"' not in html
    assert client.get("/portal/sitting/?village=x").status_code == 400
    assert client.get(f"/portal/sitting/?village={county.township.pk}").status_code == 400
    _book(client, day)
    html = client.get(f"/portal/sitting/?village={county.village.pk}").content.decode()
    assert "0 / 1" in html and "预约名额已满" in html


def test_booking_then_lookup_and_cancel(client, county, day):
    code = CODE.search(_book(client, day)).group(1)
    b = SittingBooking.objects.get()
    assert (b.status, b.date.isoformat()) == (SittingStatus.BOOKED, NEXT)
    page = client.get("/portal/sitting/booking/").content.decode()
    r = client.post("/portal/sitting/booking/", {"code": code, "phone": "13900000000",
                                                 **challenge(page)})
    assert r.status_code == 400 and "预约码或手机号码不正确" in r.content.decode()
    assert 'name="ticket"' not in r.content.decode()
    page = client.get("/portal/sitting/booking/").content.decode()
    r = client.post("/portal/sitting/booking/", {"code": code.lower(), "phone": "13812345678",
                                                 **challenge(page)})
    html = r.content.decode()
    assert r.status_code == 200 and "已预约" in html and "张*" in html and "13812345678" not in html
    ticket = TICKET.search(html).group(1)
    r = client.post("/portal/sitting/booking/cancel/", {"ticket": ticket, "reason": "已解决"})
    assert r.status_code == 200 and 'id="booking-message"' in r.content.decode()
    assert SittingBooking.objects.get().status == SittingStatus.CANCELLED
    assert client.post("/portal/sitting/booking/cancel/", {"ticket": ticket}).status_code == 409
    assert client.get("/portal/sitting/booking/cancel/").status_code == 405


def test_bad_input_a_full_date_and_bad_addresses_are_4xx(client, county, day):
    url = f"/portal/sitting/{day.pk}/{NEXT}/book/"
    page = client.get(url).content.decode()
    r = client.post(url, {"name": "", "phone": "123", "matter": "短",
                          "token": FORM_TOKEN.search(page).group(1),
                          "challenge_token": challenge(page)["challenge_token"],
                          "challenge_answer": "99"})
    html = r.content.decode()
    assert r.status_code == 400 and "请填写11位手机号码" in html and "计算结果不对" in html
    _book(client, day)
    html = _book(client, day, phone="13900001111", status=409)
    assert "名额已满" in html
    assert SittingBooking.objects.count() == 1
    for bad in (f"{day.pk}/2026-11-11", f"{day.pk}/2026-12-08", f"{day.pk}/nope", f"999/{NEXT}"):
        assert client.get(f"/portal/sitting/{bad}/book/").status_code == 404, bad


def test_the_staff_page_of_a_date_receives_in_one_click(client, county, other_county, day):
    b = book_sitting(county, day, dt.date(2026, 11, 10)).booking
    url = f"/servicepoints/consults/day/{day.pk}/{NEXT}/"
    client.force_login(county.user(county.bureau, Role.APPROVER))  # sees it, masked, no step
    html = client.get(url).content.decode()
    assert "张*" in html and "13812345678" not in html and "data-action" not in html
    client.force_login(worker(county))
    html = client.get("/servicepoints/consults/").content.decode()
    assert f"{url}" in html and "2026-11-10（1/1）" in html
    html = client.get(url).content.decode()
    assert "张三" in html and "13812345678" in html and 'data-action="sitting_booking.cancel"' in html
    assert 'data-action="sitting_booking.receive"' not in html  # not the day yet
    r = client.post(f"/servicepoints/sittings/{b.pk}/act/receive/")
    assert r.status_code == 422 and "当天才能" in r.content.decode()
    with clock.frozen(dt.datetime(2026, 11, 10, 9, 30)):
        html = client.get(url).content.decode()
        assert 'data-action="sitting_booking.receive"' in html
        r = client.post(f"/servicepoints/sittings/{b.pk}/act/receive/")
        assert r.status_code == 302 and r["Location"] == url
    b.refresh_from_db()
    assert b.status == SittingStatus.KEPT and b.consult is not None
    assert b.consult.number in client.get(url).content.decode()
    html = client.get(f"/servicepoints/consults/c/{b.consult.number}/").content.decode()
    assert 'id="consult-booking"' in html and url in html  # the matter links back to its booking
    assert client.post(f"/servicepoints/sittings/{b.pk}/act/nope/").status_code == 404
    assert client.get(f"/servicepoints/consults/day/{day.pk}/2026-11-11/").status_code == 404
    client.force_login(worker(other_county))
    assert client.get(url).status_code == 404
    assert client.post(f"/servicepoints/sittings/{b.pk}/act/no_show/").status_code == 404


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_portal_and_staff_pages_in_both_languages(client, county, day, lang):
    from xinfang.web.tests.test_languages import chinese_ui, raw_codes, visible_text

    receipt = book_sitting(county, day, dt.date(2026, 11, 10))
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = lang
    data = ["中文", "张*", "张三", "13812345678", day.host, day.place, county.village.name,
            county.township.name, receipt.booking.matter, "村党组织书记王某", str(worker(county))]
    client.force_login(worker(county))
    pages = ["/portal/sitting/", f"/portal/sitting/{day.pk}/{NEXT}/book/", "/portal/sitting/booking/",
             f"/servicepoints/consults/day/{day.pk}/{NEXT}/"]
    for url in pages:
        r = client.get(url)
        assert r.status_code == 200, url
        text = visible_text(r.content.decode())
        assert not raw_codes(text), (url, raw_codes(text))
        if lang == "en":
            assert not chinese_ui(text, data), (url, chinese_ui(text, data))
