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


@pytest.fixture
def jobs_at_once(monkeypatch):  # noqa: ANN001, ANN201
    """Run each outbox job (core/jobs.py) as soon as it is written, as if its transaction had
    committed at once: in a test the outer transaction never commits, so a registration's jobs
    (the triage proposal, the acknowledgement SMS) would otherwise stay pending."""
    from types import SimpleNamespace

    from xinfang.core import jobs

    monkeypatch.setattr(jobs, "transaction", SimpleNamespace(on_commit=lambda fn, *a, **kw: fn()))
