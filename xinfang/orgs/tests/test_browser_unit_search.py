"""A unit picker that lists only the upper levels (a province's 3,547 units, issue 17) in a real
headless Chromium: the search box finds a township the picker does not list, adds it labelled with
the units above it, and the queue filters by it. Screenshot in artifacts/screenshots/."""

from __future__ import annotations

from django.test import override_settings

from xinfang.cases.scenarios import build_county
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
PASSWORD = "unit-search-123"


def a_county() -> tuple[str, int, str, int]:
    """A county bureau's registrar; their township; how many units of the county's level they reach."""
    from xinfang.orgs.unittree import routable_units

    c = build_county("U")
    user = c.user(c.bureau, Role.REGISTRAR)
    user.set_password(PASSWORD)
    user.save()
    upper = routable_units(user).filter(level__lte=c.county.level).count()
    return user.username, c.township.pk, c.township.name, upper


def test_the_search_adds_a_unit_the_short_picker_does_not_list(live_server):  # noqa: ANN001
    username, township, township_name, listed = in_db_thread(a_county)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with override_settings(XINFANG_UNIT_PICKER_MAX=listed), sync_api.sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        log_in(page, live_server.url, username, PASSWORD)
        picker = page.locator("select[name=unit][data-unit-more]").first  # the filter's (the bulk form has one)
        picker.wait_for(state="attached")
        assert picker.locator(f"option[value='{township}']").count() == 0
        # when the registrar types the township's name into the picker's search box
        page.locator("input.unit-search").first.fill(township_name[-3:])
        option = picker.locator(f"optgroup[data-found] option[value='{township}']")
        option.wait_for(state="attached")
        # then it is added, labelled with the units above it, and can be chosen to filter the queue
        assert option.inner_text().endswith(township_name) and " › " in option.inner_text()
        picker.select_option(str(township))
        page.screenshot(path=str(SHOTS / "unit-search-added.png"), full_page=False)
        picker.evaluate("s => s.form.requestSubmit()")
        page.wait_for_url(f"**unit={township}**")
        chosen = page.locator("select[name=unit]").first.locator(f"option[value='{township}']")
        assert chosen.get_attribute("selected") is not None
        browser.close()
