"""Test set-up shared by every app: fresh clock, isolated media, quick password hashing."""

import pytest


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.HUEY = {**settings.HUEY, "immediate": True}
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
