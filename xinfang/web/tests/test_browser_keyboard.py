"""The intake desk with the keyboard only, in a real headless Chromium (Debian's `chromium`, driven
by Playwright, as the portal's browser test): log in, Alt+N, Tab through the form, Alt+P for a
second petitioner, Alt+S to register. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

from xinfang.cases.models import Case
from xinfang.cases.scenarios import build_county
from xinfang.core.tests.browser import (
    BROWSER_MARKS,
    PAGE_TIMEOUT_MS,
    SHOTS,
    in_db_thread,
    launch_chromium,
    sync_api,
    wait_for_focus,
)
from xinfang.orgs.models import Role

pytestmark = BROWSER_MARKS


def registrar_with_password() -> tuple[str, int]:
    c = build_county("K")
    user = c.user(c.bureau, Role.REGISTRAR)
    user.set_password("keyboard-only-123")
    user.save()
    return user.username, c.township.pk


def tab_to(page, name: str) -> None:  # noqa: ANN001
    """Press Tab (only Tab) until the field named `name` has the focus."""
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == name:
            return
    raise AssertionError(f"Tab never reached {name}")


def test_registrar_intake_with_the_keyboard_only(live_server):  # noqa: ANN001
    username, _township = in_db_thread(registrar_with_password)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_context(viewport={"width": 1280, "height": 900},
                                   locale="zh-CN").new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        page.goto(f"{live_server.url}/accounts/login/")
        wait_for_focus(page, "username")
        page.keyboard.type(username)
        page.keyboard.press("Tab")
        page.keyboard.type("keyboard-only-123")
        page.keyboard.press("Enter")
        page.wait_for_url("**/queue/")

        page.keyboard.press("Alt+N")  # 新登记
        page.wait_for_url("**/cases/new/")
        wait_for_focus(page, "channel")  # autofocus
        page.keyboard.press("ArrowDown")  # 来访
        tab_to(page, "problem_unit")
        page.keyboard.press("ArrowDown")
        tab_to(page, "title")
        page.keyboard.type("征地补偿款未发放")
        tab_to(page, "request")
        page.keyboard.type("请求发放征地补偿款。")
        tab_to(page, "facts_reasons")
        page.keyboard.type("2025年村里征地，至今补偿款未到位。")
        tab_to(page, "p-0-name")
        page.keyboard.type("赵六")
        tab_to(page, "p-0-id_number")
        page.keyboard.type("11010519491231002X")
        tab_to(page, "p-0-phone")
        page.keyboard.type("13812345678")
        page.keyboard.press("Alt+P")  # 增加信访人: the cursor moves into the new row
        assert page.evaluate("document.activeElement.name") == "p-1-name"
        page.keyboard.type("钱七")
        page.screenshot(path=str(SHOTS / "workbench-1-intake-keyboard.png"), full_page=True)
        page.keyboard.press("Alt+S")  # 登记
        page.wait_for_url("**/cases/KXF-*/")
        page.screenshot(path=str(SHOTS / "workbench-2-registered.png"), full_page=True)
        number = page.url.rstrip("/").rsplit("/", 1)[-1]
        page.goto(page.url + "print/")
        assert page.locator(".reg-form").count() == 1 and "11010519491231002X" not in page.content()
        page.screenshot(path=str(SHOTS / "workbench-3-registration-form.png"), full_page=True)
        page.keyboard.press("Alt+Q")  # 工作台
        page.wait_for_url("**/queue/")
        page.keyboard.press("Tab")
        assert number in page.content()
        page.screenshot(path=str(SHOTS / "workbench-4-queue.png"), full_page=True)
        browser.close()

    case = in_db_thread(lambda: Case.objects.prefetch_related("parties__petitioner").get())
    assert (case.title, case.channel) == ("征地补偿款未发放", "visit")
    assert in_db_thread(lambda: sorted(p.petitioner.name for p in case.parties.all())) == [
        "赵六", "钱七"]
