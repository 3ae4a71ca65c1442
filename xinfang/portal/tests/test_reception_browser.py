"""The leaders' reception rota and booking in a real headless Chromium (Debian's `chromium`,
Playwright), on a phone-sized screen: find the upcoming sessions of one's area, book a place (the
empty form first: every problem listed; an impatient double click books once), keep the booking
code, look it up (a wrong phone refused), see the bureau's confirmation, cancel; then the rota in
English. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import pytest

from xinfang.cases.scenarios import build_county
from xinfang.core.tests.browser import (
    BROWSER_MARKS,
    PAGE_TIMEOUT_MS,
    SHOTS,
    in_db_thread,
    launch_chromium,
    sync_api,
)
from xinfang.reception.models import Booking
from xinfang.reception.states import BookingStatus
from xinfang.reception.tests.helpers import BA, schedule, step_booking

from .conftest import solve

pytestmark = BROWSER_MARKS


@pytest.fixture
def browser():  # noqa: ANN201
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


def answer_challenge(page) -> None:  # noqa: ANN001
    page.fill("#id_challenge_answer", solve(page.inner_text("label[for=id_challenge_answer]")))


def shot(page, name: str) -> None:  # noqa: ANN001
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, name


def look_up(page, url: str, code: str, phone: str) -> None:  # noqa: ANN001
    page.goto(f"{url}/portal/reception/booking/")
    page.fill("#id_code", code.lower())
    page.fill("#id_phone", phone)
    answer_challenge(page)
    page.click("button:has-text('查询')")


def test_citizen_finds_the_rota_books_looks_up_and_cancels(browser, live_server, settings):
    c = in_db_thread(build_county, "A")
    settings.XINFANG_PORTAL_UNIT = c.bureau.code

    def rota():  # noqa: ANN202
        from xinfang.orgs.models import Level, UnitType
        from xinfang.orgs.services import unit_create

        hexi = unit_create(name="A县河西镇", code="AT2", level=Level.TOWNSHIP,
                           unit_type=UnitType.PARTY_GOVERNMENT, parent=c.county)
        village = schedule(c, kind="visit", area=c.village.pk, place="东街社区党群服务中心",
                           capacity=2)
        other = schedule(c, kind="deputy", leader="", host_name="李淑芬", area=hexi.pk,
                         place="河西镇人大代表联络站")
        return village, other

    village, other = in_db_thread(rota)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.goto(f"{live_server.url}/portal/")
    page.click("a:has-text('预约领导接访')")
    page.wait_for_selector("#rota")
    assert page.is_visible(f"#session-{village.number}") and page.is_visible(f"#session-{other.number}")
    page.select_option("#id_area", label=c.village.name)
    page.click("#area-form button")
    page.wait_for_selector(f"#session-{village.number}")
    assert not page.is_visible(f"#session-{other.number}")  # another township's
    assert page.inner_text(f"#session-{village.number} .left") == "2 / 2"
    shot(page, "reception-1-rota")

    page.click(f"#session-{village.number} a:has-text('预约这一场')")
    page.click("button:has-text('提交预约')")  # empty: every problem listed
    page.wait_for_selector("#problems")
    shot(page, "reception-2-errors")
    page.fill("#id_name", "张三")
    page.fill("#id_phone", "138 1234 5678")
    page.fill("#id_matter", "小区旁工地每晚十点后仍在施工，噪音很大，想当面向领导反映。")
    answer_challenge(page)
    page.wait_for_load_state()  # portal.js, which sends the form once, has run
    page.dblclick("button:has-text('提交预约')")  # a double click books once
    page.wait_for_selector("#booking-code")
    code = page.inner_text("#booking-code")
    assert page.inner_text("#booking-status") == "已预约"
    shot(page, "reception-3-receipt")
    assert in_db_thread(Booking.objects.count) == 1

    look_up(page, live_server.url, code, "13900000000")  # somebody else's phone: refused
    page.wait_for_selector("#problems")
    assert "预约码或手机号码不正确" in page.inner_text("#problems")

    in_db_thread(lambda: step_booking(c, Booking.objects.get(), BA.CONFIRM))
    look_up(page, live_server.url, code, "13812345678")
    page.wait_for_selector("#booking-status")
    assert page.inner_text("#booking-status") == "已确认"
    shot(page, "reception-4-status")
    page.fill("#id_reason", "问题已经解决")
    page.click("#cancel-form button")
    page.wait_for_selector("#booking-message")
    assert page.inner_text("#booking-status") == "已取消"
    assert in_db_thread(lambda: Booking.objects.get().status) == BookingStatus.CANCELLED
    shot(page, "reception-5-cancelled")

    page.goto(f"{live_server.url}/portal/reception/")
    page.click("button:has-text('English')")
    page.wait_for_selector("h1:has-text(\"Leaders' receptions\")")
    assert "2 / 2" in page.inner_text(f"#session-{village.number} .left")  # the place is free again
    assert "Book this one" in page.inner_text(f"#session-{village.number}")
    shot(page, "reception-6-rota-en")
    context.close()
