"""The portal in a real headless Chromium (Debian's `chromium`, driven by Playwright): file a
petition, keep the code, track it, rate it, ask for 复查; once normally and once in large-text
mode. Screenshots go to artifacts/screenshots/ (kept as CI artifacts)."""

from __future__ import annotations

import pytest

from xinfang.cases.models import Case, Rating
from xinfang.cases.scenarios import act, build_county
from xinfang.cases.states import Action, Status
from xinfang.core.tests.browser import (
    BROWSER_MARKS,
    PAGE_TIMEOUT_MS,
    SHOTS,
    in_db_thread,
    launch_chromium,
    sync_api,
)

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
    """Save a screenshot, and check the page fits the phone's width (no sideways scrolling)."""
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, name


def walk_through(browser, live_server, settings, prefix: str, *, large: bool) -> None:  # noqa: ANN001
    c = in_db_thread(build_county, "A")
    settings.XINFANG_PORTAL_UNIT = c.bureau.code
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.goto(f"{live_server.url}/portal/")
    if large:
        page.click("text=大字模式")
        assert "large-text" in page.get_attribute("html", "class")
    shot(page, f"{prefix}-1-home")
    page.click("text=我要反映问题")
    page.wait_for_selector("text=诉访分离")
    shot(page, f"{prefix}-2-guide")
    page.click("text=我的事项不属于以上情形，继续填写")
    page.click("#submit-btn")  # empty form: every problem listed, focus on the summary
    page.wait_for_selector("#problems:focus")
    shot(page, f"{prefix}-3-errors")
    page.fill("#id_name", "张三")
    page.fill("#id_id_number", "11010519491231002X")
    page.fill("#id_phone", "138 1234 5678")
    page.fill("#id_address", "城关镇东街1号")
    page.select_option("#id_problem_unit", label=c.township.name)
    page.fill("#id_title", "小区楼道漏水长期无人维修")
    page.fill("#id_request", "请求督促物业尽快维修楼道漏水。")
    page.fill("#id_facts_reasons", "三号楼楼道自今年三月起漏水，多次向物业反映无果。")
    page.check("#id_guide_confirmed")
    page.check("#id_consent")
    answer_challenge(page)
    shot(page, f"{prefix}-3-form-filled")
    page.wait_for_load_state()  # portal.js, which sends the form once, has run
    page.dblclick("#submit-btn")  # an impatient double click files once
    page.wait_for_selector("#query-code")
    code = page.inner_text("#query-code")
    shot(page, f"{prefix}-4-receipt")
    assert in_db_thread(Case.objects.count) == 1

    page.click("text=去查询进度")
    page.fill("#id_code", code.lower())
    page.fill("#id_phone", "13812345678")
    answer_challenge(page)
    page.click("button:has-text('查询')")
    page.wait_for_selector("#status-text")
    assert "已收到并登记" in page.inner_text("#status-text")

    def answer() -> Case:
        case = Case.objects.get()
        for action in (Action.TRANSFER, Action.ACCEPT, Action.ANSWER):
            case = act(c, case, action)
        return case

    case = in_db_thread(answer)
    page.reload()
    shot(page, f"{prefix}-5-answered")
    page.check("text=不满意")
    page.fill("#id_comment", "维修后仍然漏水")
    page.click("#rate-btn")
    page.wait_for_selector("text=感谢您的评价")
    page.fill("#id_reason", "维修不彻底，楼道仍漏水")
    page.click("#review-btn")
    page.wait_for_selector("text=复查申请已提交")
    shot(page, f"{prefix}-6-review-requested")
    case = in_db_thread(Case.objects.select_related("holding_unit").get, pk=case.pk)
    assert case.status == Status.REVIEW_REQUESTED and case.holding_unit == c.county
    assert in_db_thread(lambda: Rating.objects.get(case=case).satisfaction) == "unsatisfied"
    if large:  # the text really is larger: 24px root instead of 18px
        size = page.evaluate("getComputedStyle(document.documentElement).fontSize")
        assert size == "24px"
    context.close()


def test_petitioner_journey(browser, live_server, settings):
    walk_through(browser, live_server, settings, "portal", large=False)


def test_petitioner_journey_in_large_text_mode(browser, live_server, settings):
    walk_through(browser, live_server, settings, "portal-large", large=True)
