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


@pytest.fixture
def triage_job_only():  # noqa: ANN201
    """A registration writes two outbox jobs (issue 17); tests that follow only its triage job leave
    the other, the acknowledgement SMS, unwritten (it is followed in
    notifications/tests/test_acknowledgement.py)."""
    from xinfang.cases.services import case_registering
    from xinfang.notifications.petitioners import on_case_registering

    case_registering.disconnect(dispatch_uid="notifications.acknowledge")
    yield
    case_registering.connect(on_case_registering, dispatch_uid="notifications.acknowledge")


@pytest.fixture(scope="session", autouse=True)
def _fast_notice_renderer():
    """Notices are filled by xinfang/documents/tests/fastfill.py: every part the same as the real
    renderer's, written ~4x faster (issue 14: a step that issues a notice costs less in tests). The
    documents app's own tests put the real `render.fill` back (documents/tests/conftest.py)."""
    from xinfang.documents import render
    from xinfang.documents.tests import fastfill

    patch = pytest.MonkeyPatch()
    patch.setattr(render, "fill", fastfill.fill)
    yield
    patch.undo()


_MIGRATED_SQLITE: dict[str, object] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):  # noqa: ANN001, ANN201
    """pytest-django's test database, and on SQLite a file copy of it taken right after `migrate`
    (before any test wrote to it), for tests that start the platform on a database file of its own
    (xinfang/api/tests/test_fuzz.py): copying it saves them migrating an empty one."""
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        path = tmp_path_factory.mktemp("migrated") / "db.sqlite3"
        with django_db_blocker.unblock():
            connection.ensure_connection()
            with sqlite3.connect(path) as target:
                connection.connection.backup(target)
            target.close()
        _MIGRATED_SQLITE["path"] = path
    yield


@pytest.fixture(scope="session")
def migrated_sqlite(django_db_setup):  # noqa: ANN001, ANN201, ARG001
    """Path of a freshly migrated SQLite database file (a copy: use it read-only), or None when the
    suite runs on another database."""
    return _MIGRATED_SQLITE.get("path")
