"""Staff pages and portal pages of the leaders' reception: the rota scoped to the jurisdiction,
publishing, the session page offering the engine's steps, a refused step as a 4xx with its reason;
the public rota by area, booking with the challenge, look-up and cancel by code + phone (a wrong
phone refused, then locked out), all in both languages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings as django_settings

from xinfang.core import clock
from xinfang.orgs.models import Role
from xinfang.portal.tests.conftest import challenge
from xinfang.reception.models import Booking, ReceptionSession
from xinfang.reception.states import BookingStatus, SessionStatus

from .helpers import book, held_session, schedule, session_params

CODE = re.compile(r'data-code="([0-9A-Z\-]+)"')
TICKET = re.compile(r'name="ticket" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="token" value="([^"]+)"')


@pytest.fixture
def bureau(client, county):  # noqa: ANN001, ANN201
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    return client


# ---- staff ----------------------------------------------------------------------------------------

def test_the_rota_lists_the_jurisdictions_sessions(bureau, county, other_county):
    mine, theirs = schedule(county), schedule(other_county)
    html = bureau.get("/reception/").content.decode()
    assert mine.number in html and theirs.number not in html
    assert bureau.get(f"/reception/s/{theirs.number}/").status_code == 404


def test_publishing_a_session_from_the_page(bureau, county):
    p = session_params(county, joint_units=[county.housing.pk], kind="joint")
    assert 'data-action="reception_session.schedule"' in bureau.get("/reception/new/").content.decode()
    r = bureau.post("/reception/new/", p)
    s = ReceptionSession.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"/reception/s/{s.number}/")
    assert list(s.joint_units.all()) == [county.housing]
    r = bureau.post("/reception/new/", {**p, "place": ""})
    assert r.status_code == 400 and "接访地点" in r.content.decode()


def test_a_department_may_not_publish(client, county):
    client.force_login(county.user(county.housing, Role.APPROVER))
    assert client.get("/reception/new/").status_code == 403


def test_the_session_page_offers_the_engines_steps_and_masks_the_petitioner(bureau, county):
    s = schedule(county)
    b = book(s).booking
    html = bureau.get(f"/reception/s/{s.number}/").content.decode()
    assert 'data-action="reception_session.cancel"' in html
    assert 'data-action="reception_session.record"' not in html  # not before it is held
    assert 'data-action="reception_booking.confirm"' in html
    assert "张*" in html and "张三" not in html and "13812345678" not in html
    r = bureau.post(f"/reception/b/{b.pk}/act/confirm/", {f"confirm-{b.pk}-note": "已电话核实"})
    assert r.status_code == 302
    assert Booking.objects.get(pk=b.pk).status == BookingStatus.CONFIRMED
    r = bureau.post(f"/reception/s/{s.number}/act/hold/")  # a week early: refused, with why
    assert r.status_code == 422 and "当天才能开始接访" in r.content.decode()
    assert bureau.post(f"/reception/s/{s.number}/act/nonsense/").status_code == 404


def test_the_record_form_and_a_case_from_the_reception(bureau, client, county):
    s = held_session(county)
    b = s.bookings.get()
    html = bureau.get(f"/reception/s/{s.number}/").content.decode()
    assert 'data-action="reception_session.open_case"' in html
    assert 'data-action="reception_booking.walk_in"' in html
    r = bureau.post(f"/reception/s/{s.number}/act/open_case/", {
        "open_case-booking": b.pk, "open_case-purpose": "request",
        "open_case-title": "工地夜间施工噪音扰民", "open_case-request": "请求制止夜间施工",
        "open_case-facts_reasons": "每晚十点后仍施工。", "open_case-problem_unit": county.township.pk})
    assert r.status_code == 302
    case = s.cases.get().case
    assert case.number in bureau.get(f"/reception/s/{s.number}/").content.decode()
    r = bureau.post(f"/reception/s/{s.number}/walk-in/", {
        "walk_in-name": "李四", "walk_in-matter": "村道路灯坏了半年没有人修。"})
    assert r.status_code == 302 and s.bookings.filter(channel="walk_in").count() == 1
    client.force_login(county.leader())
    r = client.post(f"/reception/s/{s.number}/act/record/", {
        "record-instructions": "请住建局三日内核查", "record-summary": "接待2人"})
    assert r.status_code == 302
    assert ReceptionSession.objects.get(pk=s.pk).status == SessionStatus.RECORDED
    html = client.get(f"/reception/s/{s.number}/").content.decode()
    assert 'id="session-instructions"' in html and "请住建局三日内核查" in html


# ---- portal ---------------------------------------------------------------------------------------

def test_the_public_rota_by_area(client, county):
    county_wide = schedule(county)
    township = schedule(county, kind="visit", area=county.township.pk, place="城关镇政府")
    village = schedule(county, kind="visit", area=county.village.pk, place="东街社区")
    cancelled = schedule(county)
    from xinfang.reception.workflow import session_transition

    from .helpers import SA, organiser
    session_transition(session_id=cancelled.pk, action=SA.CANCEL, actor=organiser(county),
                       params={"reason": "领导外出开会"})
    html = client.get("/portal/reception/").content.decode()
    assert all(s.number in html for s in (county_wide, township, village))
    assert cancelled.number not in html
    html = client.get(f"/portal/reception/?area={county.village.pk}").content.decode()
    # the village's own, and the wider areas containing it; not a sibling
    assert all(s.number in html for s in (county_wide, township, village))
    html = client.get(f"/portal/reception/?area={county.housing.pk}").content.decode()
    assert township.number not in html and village.number not in html
    assert client.get("/portal/reception/?area=x").status_code == 400


def _book_on_page(client, s, phone="13812345678") -> str:  # noqa: ANN001
    page = client.get(f"/portal/reception/{s.number}/book/").content.decode()
    r = client.post(f"/portal/reception/{s.number}/book/", {
        "name": "张三", "phone": phone, "matter": "工地夜间施工噪音扰民，想当面反映。",
        "token": FORM_TOKEN.search(page).group(1), **challenge(page)})
    assert r.status_code == 200, r.content.decode()[:500]
    return CODE.search(r.content.decode()).group(1)


def test_booking_on_the_portal_then_lookup_and_cancel(client, county):
    s = schedule(county)
    code = _book_on_page(client, s)
    b = Booking.objects.get()
    assert (b.status, b.session) == (BookingStatus.BOOKED, s)
    page = client.get("/portal/reception/booking/").content.decode()
    r = client.post("/portal/reception/booking/", {"code": code, "phone": "13812345678",
                                                    **challenge(page)})
    assert r.status_code == 200 and "已预约" in r.content.decode()
    ticket = TICKET.search(r.content.decode()).group(1)
    r = client.post("/portal/reception/booking/cancel/", {"ticket": ticket, "reason": "已解决"})
    assert r.status_code == 200 and 'id="booking-message"' in r.content.decode()
    assert Booking.objects.get().status == BookingStatus.CANCELLED
    assert client.post("/portal/reception/booking/cancel/", {"ticket": ticket}).status_code == 409


def test_a_wrong_phone_is_refused_then_locked_out(client, county, settings):
    settings.XINFANG_PORTAL_LIMITS = {"failures": [3, 1800]}
    s = schedule(county)
    code = _book_on_page(client, s)
    for _ in range(3):
        page = client.get("/portal/reception/booking/").content.decode()
        r = client.post("/portal/reception/booking/", {"code": code, "phone": "13900000000",
                                                        **challenge(page)})
        assert r.status_code == 400 and "预约码或手机号码不正确" in r.content.decode()
        assert 'name="ticket"' not in r.content.decode()
    page = client.get("/portal/reception/booking/").content.decode()
    r = client.post("/portal/reception/booking/", {"code": code, "phone": "13812345678",
                                                    **challenge(page)})
    assert r.status_code == 429  # even the right phone, until the lockout ends


def test_a_full_session_and_a_second_booking_are_4xx_with_the_reason(client, county):
    s = schedule(county, capacity=1)
    _book_on_page(client, s)
    page = client.get(f"/portal/reception/{s.number}/book/").content.decode()
    r = client.post(f"/portal/reception/{s.number}/book/", {
        "name": "王五", "phone": "13900001111", "matter": "工地夜间施工噪音扰民，想当面反映。",
        "token": FORM_TOKEN.search(page).group(1), **challenge(page)})
    assert r.status_code == 409 and "名额已满" in r.content.decode()
    assert client.get("/portal/reception/NOPE/book/").status_code == 404


def test_the_booking_form_refuses_bad_input_and_a_wrong_sum(client, county):
    s = schedule(county)
    page = client.get(f"/portal/reception/{s.number}/book/").content.decode()
    r = client.post(f"/portal/reception/{s.number}/book/", {
        "name": "", "phone": "123", "matter": "短", "token": FORM_TOKEN.search(page).group(1),
        "challenge_token": challenge(page)["challenge_token"], "challenge_answer": "99"})
    html = r.content.decode()
    assert r.status_code == 400 and "请填写11位手机号码" in html and "计算结果不对" in html
    assert not Booking.objects.exists()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_portal_and_staff_pages_in_both_languages(client, county, lang):
    from xinfang.web.tests.test_languages import chinese_ui, raw_codes, visible_text

    s = held_session(county)
    upcoming = schedule(county, date=(clock.today() + dt.timedelta(days=3)).isoformat())
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = lang
    data = ["中文", "张*", s.place, s.topics, s.number, upcoming.number, str(county.leader()), "副县长",
            county.county.name, county.bureau.name, county.township.name, county.village.name,
            s.bookings.get().matter, "城乡建设、征地拆迁", "县信访局接待大厅"]
    pages = ["/portal/reception/", f"/portal/reception/{upcoming.number}/book/",
             "/portal/reception/booking/"]
    for url in pages:
        r = client.get(url)
        assert r.status_code == 200, url
        text = visible_text(r.content.decode())
        assert not raw_codes(text), (url, raw_codes(text))
        if lang == "en":
            assert not chinese_ui(text, data), (url, chinese_ui(text, data))
        else:
            assert "预约" in text
