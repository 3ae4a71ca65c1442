"""A fresh, migrated database for a benchmark run (shared by the bench scripts).

`fresh_database("sqlite")` uses a temporary SQLite file; `fresh_database("postgres")` drops and
re-creates the PostgreSQL database `xinfang_bench` (or `name`; server from BENCH_PG, default
postgres://root@127.0.0.1:5432). Django is set up, with quick password hashing and the test
client's host allowed, and the database migrated (not timed).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def fresh_database(db: str, name: str | None = None) -> None:
    if db == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    else:
        import psycopg

        base = os.environ.get("BENCH_PG", "postgres://root@127.0.0.1:5432")
        # two benches at once: two names (the caller's, else BENCH_PG_DB)
        name = name or os.environ.get("BENCH_PG_DB", "xinfang_bench")
        if not name.isidentifier():
            raise SystemExit(f"the bench database must be a plain name, not {name!r}")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = f"{base}/{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["XINFANG_VAR_DIR"] = tempfile.mkdtemp()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
