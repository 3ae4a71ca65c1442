"""A citizen's suggestion in a real headless Chromium (Debian's `chromium`, Playwright): open the
portal, send a suggestion (the empty form first: every problem listed), keep the query code, look
it up, and after the deciding unit has answered and adopted it, see the outcome. Screenshots go to
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
from xinfang.suggestions.models import Suggestion
from xinfang.suggestions.states import SuggestionAction
from xinfang.suggestions.tests.helpers import actor, params_for
from xinfang.suggestions.workflow import suggestion_transition

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


def look_up(page, url: str, code: str) -> str:  # noqa: ANN001
    page.goto(f"{url}/portal/suggestions/track/")
    page.fill("#id_code", code.lower())
    page.fill("#id_phone", "13812345678")
    answer_challenge(page)
    page.click("button:has-text('查询')")
    page.wait_for_selector("#suggestion-status")
    return page.inner_text("#suggestion-status")


def test_citizen_sends_a_suggestion_and_follows_it(browser, live_server, settings):
    c = in_db_thread(build_county, "A")
    settings.XINFANG_PORTAL_UNIT = c.bureau.code
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.goto(f"{live_server.url}/portal/")
    page.click("a:has-text('我要提建议')")
    page.wait_for_selector("text=已公开的建议")
    shot(page, "suggestion-1-home")
    page.click("a.primary:has-text('我要提建议')")
    page.click("button:has-text('提交建议')")  # empty: every problem listed
    page.wait_for_selector("#problems")
    shot(page, "suggestion-2-errors")
    page.fill("#id_topic", "建议延长城关镇公交末班车时间")
    page.select_option("#id_field", label="社会民生")
    page.select_option("#id_concerns_unit", label=c.township.name)
    page.fill("#id_text", "城关镇到县城的公交末班车下午六点就停了，建议延长到晚上九点。")
    page.fill("#id_name", "王五")
    page.fill("#id_phone", "138 1234 5678")
    page.check("#id_publish_consent")
    answer_challenge(page)
    page.wait_for_load_state()  # portal.js, which sends the form once, has run
    page.dblclick("button:has-text('提交建议')")  # a double click sends it once
    page.wait_for_selector("#query-code")
    code = page.inner_text("#query-code")
    shot(page, "suggestion-3-receipt")
    assert in_db_thread(Suggestion.objects.count) == 1

    assert look_up(page, live_server.url, code) == "已提交"
    shot(page, "suggestion-4-status")

    def decide() -> None:
        s = Suggestion.objects.get()
        for a in (SuggestionAction.REFER, SuggestionAction.ANSWER, SuggestionAction.ADOPT):
            suggestion_transition(suggestion_id=s.pk, action=a, actor=actor(c, a),
                                  params=params_for(c, a))

    in_db_thread(decide)
    assert look_up(page, live_server.url, code) == "已采纳"
    assert "采纳" in page.inner_text("#suggestion-outcome")
    shot(page, "suggestion-5-adopted")
    context.close()
