"""The decision page's monthly trend in a real headless Chromium: one bar per month of the window,
drawn inside its card next to its data table. Screenshot in artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt

from xinfang.cases.scenarios import build_county
from xinfang.core import clock
from xinfang.core.tests.browser import (
    BROWSER_MARKS,
    PAGE_TIMEOUT_MS,
    SHOTS,
    in_db_thread,
    launch_chromium,
    log_in,
    sync_api,
)
from xinfang.orgs.models import Role

pytestmark = BROWSER_MARKS
PASSWORD = "risk-trend-123"


def decision_with_petitions() -> tuple[str, str, list[int]]:
    from .helpers import S, bring, categories, petition

    c = build_county("R")
    _top, demolition, _edu = categories()
    today = clock.today()
    for ago in (5, 40, 41, 100):
        petition(c, on=today - dt.timedelta(days=ago), category=demolition)
    d = bring(c, S.ASSESSING)
    user = c.user(c.bureau, Role.HANDLER)
    user.set_password(PASSWORD)
    user.save()
    return user.username, d.number, [n for _m, n in d.snapshot["monthly"]]


def test_the_trend_has_a_bar_per_month_inside_its_card(live_server):  # noqa: ANN001
    username, number, counts = in_db_thread(decision_with_petitions)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_context(viewport={"width": 1200, "height": 1000},
                                   locale="zh-CN").new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        log_in(page, live_server.url, username, PASSWORD)
        page.goto(f"{live_server.url}/riskreview/d/{number}/")
        page.wait_for_selector("#c-trend svg text", state="attached")
        found = page.evaluate("""() => {
            const card = document.querySelector('#c-trend').getBoundingClientRect();
            const labels = [...document.querySelectorAll('#c-trend svg text')].map(t => t.textContent);
            const rows = [...document.querySelectorAll('#risk-monthly tbody tr')].length;
            return {labels, rows, width: card.width, height: card.height};
        }""")
        page.locator("#c-trend").screenshot(path=str(SHOTS / "riskreview-trend.png"))
        browser.close()
    months = found["labels"]
    assert found["rows"] == len(counts) == 13  # a 365-day window spans 13 calendar months
    assert sum(1 for t in months if len(t) == 7 and t[4] == "-") >= 6  # month labels (some skipped)
    assert found["width"] > 300 and found["height"] > 150
