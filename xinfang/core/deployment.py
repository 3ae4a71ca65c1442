"""The platform's own settings: mode, keys, database, hosts, sessions, HTTPS, login, cache, queue, jobs,
logs, the server and the container (declared once; xinfang/core/conf.py says how they are read).

Most are environment variables that config/settings/ turns into Django's own settings (``setting=False``:
read there, by config/gunicorn.conf.py or by a command, never as ``settings.<name>``).
"""

from __future__ import annotations

from pathlib import Path

from .conf import REPO, Group, Setting

SECURITY = "[security.md](security.md)"

MODE = Group("core", "Mode and keys", (
    Setting("XINFANG_MODE", str, "production", setting=False,
            choices=("production", "demo", "dev", "development"),
            doc="`production` (also when unset) or `demo` (alias `dev`; set by `make run`, `make test` "
                "and the test suite).",
            more="It chooses the settings module (`config.settings.prod` or `config.settings.dev`; the "
                 "test suite uses `config.settings.test`). Production mode refuses to start on missing or "
                 "public development keys and turns on HTTPS-only cookies, HSTS and login for the API "
                 f"docs; demo mode uses the public development keys and allows the demo data. See {SECURITY}."),
    Setting("XINFANG_SECRET_KEY", str, "", setting=False, shown="demo mode: a public development key",
            doc="Django `SECRET_KEY`: **signatures only** (sessions, CSRF, password-reset links, the "
                "portal's challenge).",
            more="Required in production (≥ 50 characters)."),
    Setting("XINFANG_SECRET_KEY_FALLBACKS", list, [], setting=False, shown="—",
            doc="Comma-separated old signing keys still accepted (Django `SECRET_KEY_FALLBACKS`) while "
                "rotating the secret key."),
    Setting("XINFANG_FIELD_KEYS", list, [], setting=False, shown="demo mode: a public development key",
            doc="Comma-separated Fernet keys for personal data at rest (ID and phone numbers, notification "
                "addresses); the first encrypts, all decrypt (Django setting `FIELD_ENCRYPTION_KEYS`).",
            more="Rotation: prepend a new key, `manage.py rotate_keys`, remove the old key "
                 f"({SECURITY}). Generate one with `python -c \"from cryptography.fernet import Fernet; "
                 "print(Fernet.generate_key().decode())\"`. Losing the key loses the data: keep it in "
                 "the bureau's key store. Required in production."),
    Setting("XINFANG_INDEX_KEY", str, "", shown="demo mode: a public development key",
            doc="HMAC key of the blind indexes (search by ID/phone number) and of the portal's query-code, "
                "form-token and phone hashes.",
            more="Required in production (≥ 32 characters, different from the other keys)."),
    Setting("XINFANG_INDEX_KEYS_OLD", list, [], shown="—",
            doc="Comma-separated old index keys still accepted during a rotation (search, query codes).",
            more=f"See {SECURITY} for when to drop them."),
    Setting("XINFANG_ADMIN_USERNAME", str, "", setting=False, shown="—",
            doc="Read once by `manage.py bootstrap_admin` (`make setup-prod`) to create the first "
                "administrator."),
    Setting("XINFANG_ADMIN_PASSWORD", str, "", setting=False, shown="—",
            doc="The first administrator's password, read once by `manage.py bootstrap_admin`; remove "
                "it afterwards."),
    Setting("XINFANG_ADMIN_EMAIL", str, "", setting=False, shown="—",
            doc="The first administrator's e-mail address (optional), read by `manage.py bootstrap_admin`."),
    Setting("XINFANG_DEBUG", bool, False, setting=False, shown="off",
            doc="Django debug pages (`DEBUG`). Refused in production mode."),
))

SITE = Group("core", "Database, hosts and files", (
    Setting("DATABASE_URL", str, "", setting=False, shown="`sqlite:///var/xinfang.sqlite3`",
            doc="Database. `postgres://user@host:5432/xinfang` in production (parsed by dj-database-url).",
            more="SQLite runs with `transaction_mode=IMMEDIATE` and a 20 s busy timeout so concurrent "
                 "writers queue instead of failing."),
    Setting("XINFANG_DB_CONNECT_TIMEOUT", int, 5, setting=False, min=1,
            doc="Seconds to wait for a PostgreSQL connection (an unreachable database gives a quick 503 "
                "on `/healthz`)."),
    Setting("XINFANG_ALLOWED_HOSTS", list, ["localhost", "127.0.0.1"], setting=False,
            doc="Host names served (comma-separated; Django `ALLOWED_HOSTS`)."),
    Setting("XINFANG_VAR_DIR", Path, REPO / "var", setting=False, shown="`var/`",
            doc="SQLite file and other local state (`MEDIA_ROOT` is its `media/`)."),
    Setting("XINFANG_STATIC_ROOT", Path, None, setting=False, shown="`var/static`",
            doc="Where `collectstatic` writes and WhiteNoise serves static files (`/app/static` in the "
                "container)."),
    Setting("XINFANG_STATIC_STORAGE", str, None, setting=False, choices=("manifest", "plain"),
            shown="`manifest` in production, `plain` in demo mode",
            doc="`manifest`: `collectstatic` writes content-hashed, gzipped copies and a manifest, served "
                "with a one-year cache; `plain`: names as they are.",
            more="The container's build sets `manifest` (it collects in demo mode)."),
    Setting("XINFANG_SHARED_DATA", Path, REPO.parent / "shared" / "data", shown="`../shared/data`",
            doc="Public data used by the demo command, training and benchmarks (never shipped in the "
                "package)."),
))

WEB_SECURITY = Group("core", "Sessions, HTTPS and login", (
    Setting("XINFANG_SESSION_IDLE_MINUTES", int, 30, setting=False, min=1,
            doc="A session ends after this many minutes without use (and when the browser closes).",
            more="Django `SESSION_COOKIE_AGE`."),
    Setting("XINFANG_SESSION_MAX_HOURS", float, 12, setting=False, min=0.1,
            doc="A staff login ends after this many hours however active (`XINFANG_SESSION_MAX_SECONDS`)."),
    Setting("XINFANG_SSL_REDIRECT", bool, True, setting=False, shown="on (production)",
            doc="Redirect http to https. Off only when the reverse proxy already does it."),
    Setting("XINFANG_HSTS_SECONDS", int, 365 * 24 * 3600, setting=False, min=0,
            shown="one year (production)", doc="Strict-Transport-Security: max-age."),
    Setting("XINFANG_HSTS_INCLUDE_SUBDOMAINS", bool, True, setting=False, shown="on (production)",
            doc="Strict-Transport-Security: includeSubDomains."),
    Setting("XINFANG_HSTS_PRELOAD", bool, True, setting=False, shown="on (production)",
            doc="Strict-Transport-Security: preload."),
    Setting("XINFANG_PROXY_SSL_HEADER", bool, False, setting=False, shown="off",
            doc="Trust `X-Forwarded-Proto: https` from a TLS-terminating reverse proxy (which must strip "
                "it from clients)."),
    Setting("XINFANG_LOGIN_FAILURE_LIMIT", int, 5, setting=False, min=1,
            doc="Failed logins (staff and admin) for one account, or from one address, before logins "
                "are refused (django-axes, counted in the database)."),
    Setting("XINFANG_LOGIN_COOLOFF_MINUTES", int, 15, setting=False, min=1,
            doc="How long such a lockout lasts.",
            more="`manage.py axes_reset_username NAME` lifts it earlier."),
    Setting("XINFANG_OTP_ISSUER", str, "智慧信访平台", setting=False,
            doc="The name under which authenticator apps list the platform's second-factor codes."),
    Setting("XINFANG_PASSWORD_MIN_LENGTH", int, 12, min=8,
            doc="Minimum length of a staff password chosen on the password change page or in the admin "
                "(also: not like the username, not common, not all digits)."),
))

QUEUE = Group("core", "Cache, task queue and background jobs", (
    Setting("XINFANG_CACHE", str, "db", choices=("db", "redis", "file", "locmem"),
            doc="The shared cache (the portal's rate limits and failure counters live there, so it must "
                "be shared by all worker processes).",
            more="`db` a database table `xinfang_cache` (created by `migrate`), `redis` Redis at "
                 "`REDIS_URL` (production), `file` a directory `VAR_DIR/cache` (one machine), `locmem` "
                 f"per process (a single-process demo only). See {SECURITY}."),
    Setting("XINFANG_HUEY", str, "immediate", setting=False, choices=("immediate", "redis"),
            doc="Task queue: `immediate` runs jobs in-process (laptop, tests); `redis` uses Redis-backed "
                "Huey with a consumer (`manage.py run_huey`).",
            more="The consumer also runs the minute tick (job relay, hourly/daily jobs that catch up "
                 "after downtime). Without a consumer, `manage.py run_jobs [--loop 60]` runs the tick "
                 "(`make run` starts it beside the server)."),
    Setting("XINFANG_HUEY_NAME", str, "xinfang", setting=False,
            doc="The queue's name in Redis (two deployments, or a test, sharing one Redis keep apart).",
            more="The production path is tested: `xinfang/triage/tests/test_redis_queue.py` starts "
                 "`manage.py run_huey` on Redis against the PostgreSQL test database and checks that it "
                 "makes a triage proposal enqueued by another process (CI's PostgreSQL pass; skipped on "
                 "SQLite, whose test database is in memory)."),
    Setting("REDIS_URL", str, "redis://127.0.0.1:6379/0", setting=False,
            doc="Redis for Huey (and for the cache with `XINFANG_CACHE=redis`)."),
    Setting("XINFANG_JOBS_GRACE_MINUTES", int, 5, min=1,
            doc="An outbox job (`core.Job`) not done this many minutes after it was written (its "
                "after-commit hand-over was lost) is re-sent by the minute tick.",
            more="(`core.tasks.tick`, or `manage.py run_jobs`). See "
                 "[security.md](security.md#不丢任务)."),
    Setting("XINFANG_JOBS_LEASE_MINUTES", int, 10, min=1,
            doc="A job claimed by a consumer and not done after this long (the consumer died) is run "
                "again; set it above the longest job (e.g. a holiday recompute).",
            more="Periodic jobs are considered still running for 6 leases."),
    Setting("XINFANG_JOBS_MAX_ATTEMPTS", int, 6, min=1,
            doc="Failed runs (back-off 1, 5, 30, 120, 720 min) before a job is given up (`failed_at`, "
                "shown in the admin under 后台任务)."),
    Setting("XINFANG_JOBS_RELAY_BATCH", int, 200, min=1,
            doc="Most jobs re-sent per tick (oldest first)."),
))

LOGS = Group("core", "Logs", (
    Setting("XINFANG_LOG_LEVEL", str, "info", setting=False,
            choices=("debug", "info", "warning", "warn", "error", "critical", "fatal", "notset"),
            doc="Log level."),
    Setting("XINFANG_LOG_FORMAT", str, None, choices=("json", "text"),
            shown="`json` in production, `text` in demo mode",
            doc="Logs on stdout: one JSON object per line (time, level, logger, message, request_id, "
                "user_id, method, path, status, duration_ms) or readable lines.",
            more="Never a query string; ID and mobile numbers masked "
                 "([security.md](security.md#生产服务器与容器))."),
    Setting("XINFANG_LOG_STREAM", str, "stderr", setting=False, choices=("stdout", "stderr"),
            shown="`stdout` under gunicorn, else `stderr`",
            doc="Where the logs go.",
            more="The server (config/gunicorn.conf.py) logs to stdout; management commands to stderr, "
                 "so that their own output (`dumpdata > backup.json`) stays clean."),
))

SERVER = Group("core", "The server (gunicorn) and the container", (
    Setting("XINFANG_BIND", list, ["127.0.0.1:8000"], setting=False, shown="`127.0.0.1:8000`",
            doc="gunicorn's address(es), comma-separated (`make serve`; the container uses "
                "`0.0.0.0:8000`)."),
    Setting("XINFANG_WORKERS", int, None, setting=False, min=1, shown="2 × CPUs + 1, at most 8",
            doc="gunicorn worker processes."),
    Setting("XINFANG_THREADS", int, 1, setting=False, min=1, doc="Threads per worker."),
    Setting("XINFANG_TIMEOUT", int, 120, setting=False, min=1,
            doc="Seconds before a stuck worker is restarted."),
    Setting("XINFANG_GRACEFUL_TIMEOUT", int, 30, setting=False, min=1,
            doc="Seconds a worker has to finish its requests in a graceful restart."),
    Setting("XINFANG_MAX_REQUESTS", int, 2000, setting=False, min=0,
            doc="A worker is recycled after about this many requests."),
    Setting("XINFANG_FORWARDED_ALLOW_IPS", str, "127.0.0.1,::1", setting=False,
            doc="Proxies whose `X-Forwarded-*` gunicorn itself trusts."),
    Setting("XINFANG_ACCESS_LOG", bool, False, setting=False, shown="off",
            doc="gunicorn's own access log (path only, never the query string); the application "
                "already logs each request."),
    Setting("XINFANG_PUBLISH", str, "127.0.0.1:8000", setting=False,
            doc="Container only (`compose.yaml`, `deploy/.env.example`): the host address of the web "
                "port."),
    Setting("POSTGRES_PASSWORD", str, "", setting=False, shown="—",
            doc="Container only (`compose.yaml`, `deploy/.env.example`): the PostgreSQL password."),
))
