"""坐诊预约 in a real headless Chromium (Debian's `chromium`, Playwright) on a phone-sized screen: pick
the township and village, see the next dates of its fixed reception day, book (the empty form
first: every problem listed; an impatient double click books once), keep the code, look it up (a
wrong phone refused), cancel; then the same pages in English. Screenshots go to
artifacts/screenshots/."""

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
from xinfang.servicepoints.models import SittingBooking
from xinfang.servicepoints.states import SittingStatus

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
    page.goto(f"{url}/portal/sitting/booking/")
    page.fill("#id_code", code.lower())
    page.fill("#id_phone", phone)
    answer_challenge(page)
    page.click("form.card button[type=submit]")


def test_citizen_books_a_villages_reception_day_looks_up_and_cancels(browser, live_server, settings):
    c = in_db_thread(build_county, "A")
    settings.XINFANG_PORTAL_UNIT = c.bureau.code

    def days():  # noqa: ANN202
        from xinfang.core import clock
        from xinfang.orgs.models import Level, UnitType
        from xinfang.orgs.services import unit_create
        from xinfang.servicepoints.models import ReceptionDay

        other = unit_create(name="A县城关镇西街村", code="AV2", level=Level.VILLAGE,
                            unit_type=UnitType.PARTY_GOVERNMENT, parent=c.township)
        mine = ReceptionDay.objects.create(unit=c.village, weekday=(clock.today().weekday() + 1) % 7,
                                           host="村党组织书记王某", place="东街社区党群服务中心",
                                           capacity=3)
        theirs = ReceptionDay.objects.create(unit=other, weekday=2, host="村党组织书记李某")
        return mine, theirs, mine.next_dates(clock.today(), 4)

    mine, theirs, dates = in_db_thread(days)
    first = dates[0].isoformat()
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.goto(f"{live_server.url}/portal/")
    page.click("a:has-text('预约村（社区）书记坐诊')")
    page.wait_for_selector("#days")
    assert page.is_visible(f"#day-{mine.pk}") and page.is_visible(f"#day-{theirs.pk}")
    page.select_option("#id_village", label=c.village.name)
    page.click("#village-form button")
    page.wait_for_selector(f"#day-{mine.pk}")
    assert not page.is_visible(f"#day-{theirs.pk}")  # another village's
    assert page.inner_text(f"#slot-{mine.pk}-{first} .left") == "3 / 3"
    shot(page, "sitting-1-days")

    page.click(f"#slot-{mine.pk}-{first} a:has-text('预约这一天')")
    page.click("button:has-text('提交预约')")  # empty: every problem listed
    page.wait_for_selector("#problems")
    shot(page, "sitting-2-errors")
    page.fill("#id_name", "张三")
    page.fill("#id_phone", "138 1234 5678")
    page.fill("#id_matter", "村道路灯坏了半年，晚上出行不便，想当面向书记反映。")
    answer_challenge(page)
    page.wait_for_load_state()  # portal.js, which sends the form once, has run
    page.dblclick("button:has-text('提交预约')")  # a double click books once
    page.wait_for_selector("#booking-code")
    code = page.inner_text("#booking-code")
    assert page.inner_text("#booking-status") == "已预约"
    shot(page, "sitting-3-receipt")
    assert in_db_thread(SittingBooking.objects.count) == 1

    look_up(page, live_server.url, code, "13900000000")  # somebody else's phone: refused
    page.wait_for_selector("#problems")
    assert "预约码或手机号码不正确" in page.inner_text("#problems")

    look_up(page, live_server.url, code, "13812345678")
    page.wait_for_selector("#booking-status")
    assert page.inner_text("#booking-status") == "已预约"
    shot(page, "sitting-4-status")
    page.fill("#id_reason", "问题已经解决")
    page.click("#cancel-form button")
    page.wait_for_selector("#booking-message")
    assert page.inner_text("#booking-status") == "已取消"
    assert in_db_thread(lambda: SittingBooking.objects.get().status) == SittingStatus.CANCELLED
    shot(page, "sitting-5-cancelled")

    # in English: the place is free again; a second booking, looked up and cancelled
    page.goto(f"{live_server.url}/portal/sitting/?village={c.village.pk}")
    page.click("button:has-text('English')")
    page.wait_for_selector("h1:has-text(\"Villages' fixed reception days\")")
    assert page.inner_text(f"#slot-{mine.pk}-{first} .left") == "3 / 3"
    shot(page, "sitting-6-days-en")
    page.click(f"#slot-{mine.pk}-{first} a:has-text('Book this day')")
    page.fill("#id_name", "Li Si")
    page.fill("#id_phone", "13912345678")
    page.fill("#id_matter", "The village road has flooded every rain since spring.")
    answer_challenge(page)
    page.wait_for_load_state()  # portal.js, which sends the form once, has run
    page.dblclick("button:has-text('Book')")
    page.wait_for_selector("#booking-code")
    code = page.inner_text("#booking-code")
    assert page.inner_text("#booking-status") == "Booked"
    shot(page, "sitting-7-receipt-en")
    assert in_db_thread(SittingBooking.objects.count) == 2
    look_up(page, live_server.url, code, "13812345678")  # the other phone
    page.wait_for_selector("#problems")
    assert "Wrong booking code or phone number" in page.inner_text("#problems")
    look_up(page, live_server.url, code, "13912345678")
    page.wait_for_selector("#cancel-form")
    page.click("#cancel-form button")
    page.wait_for_selector("#booking-message")
    assert page.inner_text("#booking-status") == "Cancelled"
    shot(page, "sitting-8-cancelled-en")
    context.close()
