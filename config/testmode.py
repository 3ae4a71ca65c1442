"""pytest plugin (``-p config.testmode`` in pyproject.toml): the test suite runs in demo mode.

Loaded before pytest-django imports the settings (``config.settings.test``, demo mode), so
``XINFANG_MODE`` defaults to ``demo`` for the tests and for the processes they start. pytest-django
exports ``DJANGO_SETTINGS_MODULE=config.settings.test``; once the suite's settings are loaded it is
pointed back at ``config.settings``, which follows ``XINFANG_MODE``, so that a process a test starts
loads the settings of its own mode: tests of production mode set ``XINFANG_MODE=production`` in the
environment of a subprocess (xinfang/core/tests/test_security.py) and get config/settings/prod.py.
"""

import os
import tempfile

os.environ.setdefault("XINFANG_MODE", "demo")
# the periodic timeline anchor that tests run writes here, never into the repository's var/
os.environ.setdefault("XINFANG_ANCHOR_FILE",
                      os.path.join(tempfile.mkdtemp(prefix="xinfang-test-"), "timeline-anchors.jsonl"))


def pytest_configure(config) -> None:  # noqa: ANN001
    """After pytest-django has loaded the suite's settings: subprocesses choose by XINFANG_MODE."""
    if os.environ.get("DJANGO_SETTINGS_MODULE") == "config.settings.test":
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
# The suite's answers are about their content, delivery and windows, written directly by the approver;
# the sign-off (拟稿 → 审签, production default "auto") has its own tests, which set "auto" or "always"
# (xinfang/cases/tests/test_handling.py, web/tests/test_handling_pages.py, the demo seed test).
os.environ.setdefault("XINFANG_OPINION_SIGN_OFF", "optional")
