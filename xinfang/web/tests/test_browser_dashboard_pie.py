"""The dashboard's channel pie in a real headless Chromium: every label, the long "12345及其他平台"
too, is drawn inside its chart (issue 15 item 9). Screenshot in artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt

from xinfang.cases.models import Channel
from xinfang.cases.scenarios import build_county, register
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
PASSWORD = "dashboard-pie-123"


def leader_with_cases() -> str:
    c = build_county("D")
    for n, channel in enumerate([Channel.PLATFORM] * 3 + list(Channel.values)):
        register(c, channel=channel, received_on=(dt.date.today() - dt.timedelta(days=n)).isoformat())
    user = c.user(c.bureau, Role.REGISTRAR)  # the dashboard is open to staff; no second factor
    user.set_password(PASSWORD)
    user.save()
    return user.username


def test_pie_labels_stay_inside_the_chart(live_server):  # noqa: ANN001
    username = in_db_thread(leader_with_cases)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = launch_chromium(p)
        # a narrow window: the charts' cards are at their smallest
        page = browser.new_context(viewport={"width": 420, "height": 900},
                                   locale="zh-CN").new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        log_in(page, live_server.url, username, PASSWORD)
        page.goto(f"{live_server.url}/warning/")
        page.wait_for_selector("#c-channels svg text", state="attached")
        # the label is drawn as text (possibly wrapped over several lines): take each piece's box
        boxes = page.evaluate("""() => {
            const chart = document.querySelector('#c-channels').getBoundingClientRect();
            const texts = [...document.querySelectorAll('#c-channels svg text')];
            return {chart: [chart.left, chart.right, chart.top, chart.bottom],
                    pieces: texts.map(t => { const b = t.getBoundingClientRect();
                        return [t.textContent, b.left, b.right, b.top, b.bottom]; })};
        }""")
        page.locator("#c-channels").screenshot(path=str(SHOTS / "dashboard-channel-pie.png"))
        browser.close()
    left, right, top, bottom = boxes["chart"]
    drawn = "".join(piece[0] for piece in boxes["pieces"])
    assert "12345" in drawn and "平台" in drawn, drawn
    outside = [p for p in boxes["pieces"]
               if p[0].strip() and (p[1] < left - 1 or p[2] > right + 1 or p[3] < top - 1
                                    or p[4] > bottom + 1)]
    assert outside == [], outside
