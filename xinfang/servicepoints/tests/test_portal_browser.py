"""A need sent online in a real headless Chromium (Debian's `chromium`, Playwright), on a phone-sized
screen: from the portal's home to the service points, choose a point, send the empty form first
(every problem listed), then the need (a double click sends it once), keep the query code, look it
up; the point's staff finish it and the visitor sees the outcome; then the same in English.
Screenshots go to artifacts/screenshots/."""

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
from xinfang.portal.tests.conftest import solve
from xinfang.servicepoints.models import Need, NeedChannel

from .helpers import finish, point

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


def look_up(page, url: str, code: str) -> str:  # noqa: ANN001
    page.goto(f"{url}/portal/needs/track/")
    page.fill("#id_code", code.lower())
    page.fill("#id_phone", "13812345678")
    answer_challenge(page)
    page.click("form.card button[type=submit]")
    page.wait_for_selector("#need-status")
    return page.inner_text("#need-status")


def send_need(page, url: str, p, *, service: str, submit: str) -> str:  # noqa: ANN001
    """From the service points page: the point's form, filled and sent; returns the query code."""
    page.goto(f"{url}/portal/needs/")
    page.click(f"#point-{p.pk} a.primary")
    page.wait_for_selector("#need-form")
    page.wait_for_load_state()  # portal.js, which sends the form once, has run
    page.select_option("#id_service", label=service)
    page.fill("#id_place", "东街社区第三小组")
    page.fill("#id_text", "家里老人行动不便，想请人代办医保报销手续。")
    page.fill("#id_name", "王小二")
    page.fill("#id_phone", "138 1234 5678")
    answer_challenge(page)
    page.dblclick(f"button:has-text('{submit}')")  # a double click sends it once
    try:
        page.wait_for_selector("#query-code")
    except sync_api.TimeoutError:  # kept for reading: it failed only inside the full suite, under load
        (SHOTS / "need-send-failed.html").write_text(page.content(), encoding="utf-8")
        raise
    return page.inner_text("#query-code")


def test_a_visitor_sends_a_need_online_and_follows_it(browser, live_server):  # noqa: ANN001
    c = in_db_thread(build_county, "A")
    p = in_db_thread(point, c)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.goto(f"{live_server.url}/portal/")
    page.click("a:has-text('信访超市')")
    page.wait_for_selector(f"#point-{p.pk}")
    assert "民情代办" in page.inner_text(f"#point-{p.pk}")
    shot(page, "needs-1-points")
    page.click(f"#point-{p.pk} a.primary")
    page.click("button:has-text('提交需求')")  # empty: every problem listed
    page.wait_for_selector("#problems")
    problems = page.inner_text("#problems")
    assert "服务项目" in problems and "手机号码" in problems and "人机验证" in problems
    shot(page, "needs-2-errors")

    code = send_need(page, live_server.url, p, service="民情代办", submit="提交需求")
    shot(page, "needs-3-receipt")
    need = in_db_thread(lambda: Need.objects.select_related("service").get())
    assert (need.channel, need.visitor_name, need.service.name) == (
        NeedChannel.ONLINE, "王小二", "民情代办")

    assert look_up(page, live_server.url, code) == "已登记"
    shot(page, "needs-4-status")
    in_db_thread(finish, c, need)
    assert look_up(page, live_server.url, code) == "已办结"
    assert "经调解" in page.inner_text("#need-outcome")
    shot(page, "needs-5-done")

    page.goto(f"{live_server.url}/portal/needs/")
    page.click("button:has-text('English')")
    page.wait_for_selector("text=Service points and their catalogues")
    code_en = send_need(page, live_server.url, p, service="民情代办", submit="Send the need")
    assert "Need sent" in page.inner_text("h1")
    shot(page, "needs-6-receipt-en")
    assert code_en != code and in_db_thread(Need.objects.count) == 2
    assert look_up(page, live_server.url, code_en) == "Registered"
    assert "Progress of the need" in page.inner_text("h1")
    shot(page, "needs-7-status-en")
    context.close()
