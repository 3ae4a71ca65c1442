"""What the browser tests share (Debian's `chromium` driven by Playwright): where Chromium and the
screenshots are, the marks that skip cleanly without them, and ORM work off Playwright's loop."""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: how long a browser test waits for an element or a navigation: on two shared cores with both test
#: suites running, a page took over 10 s (the timeouts were 10-15 s, and timed out); a wait is not
#: a speed check (the benches are), an element that never comes still fails, after this
PAGE_TIMEOUT_MS = 30_000
SHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -r requirements-dev.txt)")
BROWSER_MARKS = [
    pytest.mark.browser,
    # live_server runs in another thread; serialized_rollback reloads the data migrations' rows
    # (roles, document templates) that an earlier transactional test flushed away.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason="Debian's chromium is not installed (apt-get install chromium)"),
]


def launch_chromium(playwright):  # noqa: ANN001, ANN201
    """Debian's Chromium, headless, as every browser test starts it (no sandbox in containers)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                      args=["--no-sandbox", "--disable-dev-shm-usage"])


def log_in(page, url: str, username: str, password: str) -> None:  # noqa: ANN001
    """Log in at `url`'s login page and wait for the work queue, where a staff login lands.

    The fields are filled by their ids, not typed into whatever has the focus: Chromium applies
    `autofocus` in a rendering step that can come after the load event, and on two loaded cores the
    typing once went to the page's body and the form was never sent (CI, 2026-11-28). The keyboard
    test (web/tests/test_browser_keyboard.py) is the one that checks the focus."""
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.press("#id_password", "Enter")
    page.wait_for_url("**/queue/")


def wait_for_focus(page, name: str) -> None:  # noqa: ANN001
    """Wait until the field named `name` has the focus (`autofocus`), or fail after the page timeout.

    Chromium applies `autofocus` in a rendering step that may come after the load event that
    `goto` waits for, so an immediate check (or typing) can run before it on a loaded machine."""
    page.wait_for_function(
        "name => document.activeElement && document.activeElement.name === name", arg=name)


def in_db_thread(fn, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
    """Run ORM work outside Playwright's event loop (which would make Django refuse it, and would
    give it a connection nobody closes), in a thread that closes its connection afterwards."""

    def run():  # noqa: ANN202
        try:
            return fn(*args, **kwargs)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()
