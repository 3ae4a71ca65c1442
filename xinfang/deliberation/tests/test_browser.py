"""A resident takes part in 众人议事厅 in a real headless Chromium (Debian's `chromium`, Playwright):
from the portal's home to the topic, verifies with the phone on the roster (the arithmetic
challenge, then the SMS code, read here from the outbox as the phone would receive it), votes once
(a second vote is refused), comments; after the period the village closes, decides and publishes,
and the resident sees the result (66.7% 赞成) and the decision, in Chinese and in English.
Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from xinfang.cases.scenarios import build_county
from xinfang.core import clock
from xinfang.core.tests.browser import (
    BROWSER_MARKS,
    PAGE_TIMEOUT_MS,
    SHOTS,
    in_db_thread,
    launch_chromium,
    sync_api,
)
from xinfang.deliberation.models import Topic, Vote
from xinfang.notifications.models import Notification
from xinfang.orgs.models import Role
from xinfang.portal.tests.conftest import solve

from .helpers import A, decide, new_topic, residents, staff, step, vote_all

pytestmark = BROWSER_MARKS


@pytest.fixture
def browser():  # noqa: ANN201
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


def shot(page, name: str) -> None:  # noqa: ANN001
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, name


def _world():  # noqa: ANN202
    c = build_county("A")
    people = residents(c, 3)
    t = step(new_topic(c), A.OPEN, staff(c))
    vote_all(t, people[1:], [0, 1])  # two neighbours voted already: 赞成, 反对
    return c, t


def _code() -> str:
    sms = Notification.objects.filter(channel="sms").order_by("-pk").first()
    return re.search(r"验证码为(\d{6})", sms.body).group(1)


def _end_and_publish(c, t):  # noqa: ANN001, ANN202
    """The period ends (test set-up: the closing time moved to the past), then the village closes,
    decides and publishes through the workflow."""
    Topic.objects.filter(pk=t.pk).update(closes_at=clock.now() - dt.timedelta(seconds=1))
    t = step(Topic.objects.get(pk=t.pk), A.CLOSE, staff(c))
    t = decide(c, t)
    return step(t, A.PUBLISH, staff(c, Role.APPROVER))


def test_a_resident_verifies_votes_and_sees_the_result(browser, live_server):
    c, t = in_db_thread(_world)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.goto(f"{live_server.url}/portal/")
    page.click("a:has-text('众人议事厅')")
    page.wait_for_selector("text=正在议事")
    shot(page, "deliberation-1-hall")
    page.click(f"a:has-text('{t.title}')")
    page.wait_for_selector("#take-part")
    page.click("button:has-text('获取验证码')")  # empty: the problems listed, nothing sent
    page.wait_for_selector("#problems")
    assert in_db_thread(Notification.objects.filter(channel="sms").count) == 0
    page.fill("#id_phone", "139 0000 0000")
    page.fill("#id_challenge_answer", solve(page.inner_text("label[for=id_challenge_answer]")))
    page.click("button:has-text('获取验证码')")
    page.wait_for_selector("#code-sent")
    shot(page, "deliberation-2-code")
    page.fill("#id_code", in_db_thread(_code))
    page.click("button:has-text('验证')")
    page.wait_for_selector("#verified")
    page.check("label:has-text('赞成') input[type=radio]")
    shot(page, "deliberation-3-vote")
    page.wait_for_load_state()  # portal.js, which sends the form once, has run
    page.dblclick("button:has-text('投票')")  # a double click casts one vote
    page.wait_for_selector("#voted")
    assert in_db_thread(lambda: Vote.objects.filter(topic=t).count()) == 3
    page.fill("#id_text", "赞成逐步外迁，安置地块请先公示。")
    page.click("button:has-text('发表评论')")
    page.wait_for_selector("text=安置地块请先公示")
    assert "张*" in page.inner_text("#main")
    shot(page, "deliberation-4-voted")

    in_db_thread(_end_and_publish, c, t)
    page.reload()
    page.wait_for_selector("#result")
    result = page.inner_text("#result")
    assert "参与表决 3 人，应参与 3 人" in result and "66.7%" in result and "多数意见：赞成" in result
    assert "按多数意见实施逐步外迁方案" in page.inner_text("#decision")
    assert not page.query_selector("#take-part")  # no more voting
    shot(page, "deliberation-5-result")
    page.click("button:has-text('English')")
    page.wait_for_selector("text=Majority: 赞成")
    assert "3 voted of 3 eligible, turnout 100.0%" in page.inner_text("#result")
    shot(page, "deliberation-6-result-en")
