"""Test set-up shared by every app: fresh clock, isolated media, quick password hashing."""

import pytest


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.HUEY = {**settings.HUEY, "immediate": True}
    # The suite's answers are about their content, delivery and windows, written directly by the
    # approver; the sign-off (拟稿 → 审签, production default "auto") has its own tests, which set
    # "auto" or "always" (xinfang/cases/tests/test_handling.py, the demo seed test).
    settings.XINFANG_OPINION_SIGN_OFF = "optional"
    from django.core.cache import cache
    from django.utils import translation

    try:
        cache.clear()  # the default cache is a database table (shared by worker processes)
    except RuntimeError:  # a test without database access cannot have used it either
        pass
    from xinfang.triage import caseindex

    caseindex.clear()  # per-process duplicate index: a rolled-back test may reuse the same case ids
    translation.activate(settings.LANGUAGE_CODE)  # a request in English must not leak into the next test
    yield
