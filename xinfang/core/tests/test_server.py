"""A production server in the box (issue 13 item 11): gunicorn, /healthz, JSON logs, the container recipe.

The platform is the petition information system of 《信访工作条例》第二十一条: it must keep serving, and
a probe must tell when it cannot (the database is gone, migrations are missing). Its logs must not become
a second, unprotected copy of petitioners' personal data (第四十六条、第四十七条): no query strings (search
URLs carry ID and phone numbers), ID and mobile numbers masked. Docker does not run here: the container
recipe is checked as text; gunicorn itself is started for real.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import runpy
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from django.contrib.sessions.models import Session

import xinfang
from xinfang.core import logs
from xinfang.core.tests.test_security import production_env
from xinfang.orgs.models import Role

ROOT = Path(__file__).resolve().parents[3]
GUNICORN = Path(sys.executable).with_name("gunicorn")
ID_NUMBER = "110101199003077777"
MOBILE = "13812345678"


# --- /healthz -------------------------------------------------------------------------------------

def test_art21_healthz_answers_ok_with_database_cache_and_version(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body == {"status": "ok", "database": "ok", "cache": "ok", "version": xinfang.__version__}
    assert response["Cache-Control"] == "no-store"


def test_art21_healthz_needs_no_login_session_or_csrf_token(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert client.head("/healthz").status_code == 200
    response = client.post("/healthz")
    assert response.status_code == 405  # not the CSRF refusal (403) nor a login redirect
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies
    assert not Session.objects.exists()


def test_the_version_shown_by_healthz_is_the_projects():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert xinfang.__version__ == project["version"]


HEALTH_PROBE = """
import django, json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
django.setup()
from django.test import Client
r = Client().get("/healthz")
print(json.dumps({"status": r.status_code, "body": r.content.decode()}))
"""


def probe_health(env: dict[str, str]) -> tuple[int, str]:
    result = subprocess.run([sys.executable, "-c", HEALTH_PROBE], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    return out["status"], out["body"]


@pytest.mark.parametrize("database_url", [
    "sqlite:////nonexistent-xinfang-dir/missing/db.sqlite3",
    "postgres://xinfang@127.0.0.1:1/xinfang_missing",
], ids=["bad-sqlite-path", "postgres-port-closed"])
def test_art21_healthz_is_503_when_the_database_is_unreachable(tmp_path, database_url):
    env = {**os.environ, "XINFANG_MODE": "demo", "XINFANG_VAR_DIR": str(tmp_path),
           "DATABASE_URL": database_url}
    status, body = probe_health(env)
    assert status == 503
    data = json.loads(body)
    assert data["status"] == "error" and data["database"] == "error"
    # leaks nothing: no host, port, path or error text
    assert set(data) == {"status", "database", "cache", "version"}
    assert "127.0.0.1" not in body and "nonexistent" not in body and "sqlite" not in body


def test_art21_healthz_is_503_while_migrations_are_not_applied(tmp_path):
    env = {**os.environ, "XINFANG_MODE": "demo", "XINFANG_VAR_DIR": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    status, body = probe_health(env)
    assert status == 503 and json.loads(body)["database"] == "migrations_pending"


# --- structured logs --------------------------------------------------------------------------------

@pytest.fixture
def json_log():
    """The production log handler (JSON formatter + request context) on a string buffer."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JSONFormatter())
    handler.addFilter(logs.RequestContextFilter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(old_level)


def lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def test_art46_one_json_line_per_request_with_its_id_and_no_query_string(client, county, json_log):
    user = county.user(county.bureau, Role.REGISTRAR)
    user.set_password("log-test-password-2026")
    user.save()
    # through the login page (force_login has no client address, which axes cannot store on PostgreSQL)
    login = client.post("/accounts/login/", {"username": user.username,
                                             "password": "log-test-password-2026"})
    assert login.status_code == 302
    json_log.seek(0)
    json_log.truncate()
    response = client.get(f"/search/?q={ID_NUMBER}&phone={MOBILE}",  # refused (400), still not logged
                          HTTP_X_REQUEST_ID="req-0123456789abcdef")
    assert response.status_code == 400
    assert response["X-Request-ID"] == "req-0123456789abcdef"
    requests = [line for line in lines(json_log) if line["logger"] == "xinfang.request"]
    assert len(requests) == 1
    line = requests[0]
    assert line["request_id"] == "req-0123456789abcdef"
    assert line["user_id"] == user.pk
    assert line["path"] == "/search/" and line["method"] == "GET" and line["status"] == 400
    found = client.post("/search/", {"q": ID_NUMBER}, follow=True)  # the way to search
    assert found.status_code == 200
    assert isinstance(line["duration_ms"], float)
    assert {"time", "level", "logger", "message"} <= set(line)
    text = json_log.getvalue()
    assert "?" not in line["message"] and "q=" not in text
    assert ID_NUMBER not in text and MOBILE not in text


def test_art46_request_and_audit_lines_carry_the_real_client_behind_the_proxy(
        client, county, json_log, settings):  # noqa: ANN001
    settings.XINFANG_TRUSTED_PROXIES = ["10.0.0.2"]
    user = county.user(county.bureau, Role.REGISTRAR)
    client.force_login(user)
    json_log.seek(0)
    json_log.truncate()
    response = client.get("/api/v1/cases/", REMOTE_ADDR="10.0.0.2",
                          HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert response.status_code == 200
    logged = {line["logger"]: line for line in lines(json_log)}
    assert logged["xinfang.request"]["client_ip"] == "198.51.100.7"
    assert logged["xinfang.audit"]["client_ip"] == "198.51.100.7"  # who read the list, from where


def test_art46_a_request_without_a_usable_id_gets_a_fresh_one(client, db, json_log):
    first = client.get("/accounts/login/", HTTP_X_REQUEST_ID="bad id\nwith newline")
    second = client.get("/accounts/login/")
    ids = [first["X-Request-ID"], second["X-Request-ID"]]
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids) and ids[0] != ids[1]
    logged = [line["request_id"] for line in lines(json_log) if line["logger"] == "xinfang.request"]
    assert logged == ids
    assert all(line.get("user_id") is None for line in lines(json_log))


def test_art46_every_line_written_during_a_request_carries_its_request_id(db, json_log):
    token = logs.request_id_var.set("req-inner-0001")
    try:
        logging.getLogger("xinfang.something").warning("deep inside the request")
    finally:
        logs.request_id_var.reset(token)
    logging.getLogger("xinfang.something").warning("outside any request")
    inner, outer = lines(json_log)[-2:]
    assert inner["request_id"] == "req-inner-0001" and "request_id" not in outer


def test_art46_log_lines_mask_id_and_mobile_numbers_and_drop_query_strings():
    text = logs.scrub(f"GET /search/?q={ID_NUMBER} 查询 {MOBILE} 和 11010119900307777X")
    assert ID_NUMBER not in text and MOBILE not in text and "11010119900307777X" not in text
    assert "/search/?…" in text and "138****5678" in text and "110101********777X" in text
    assert logs.scrub("case XF-2026-000123 took 1234567 ms") == "case XF-2026-000123 took 1234567 ms"


def test_logs_are_json_in_production_and_readable_in_demo_mode(settings):
    assert settings.XINFANG_LOG_FORMAT == "text"  # the test suite runs in demo mode
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "办理 %s", ("ok",), None)
    assert json.loads(logs.JSONFormatter().format(record))["message"] == "办理 ok"
    assert logs.TextFormatter().format(record).endswith("INFO x [-] 办理 ok")
    config = logs.logging_config("json", "INFO")
    assert config["formatters"]["xinfang"]["()"].endswith("JSONFormatter")
    assert config["handlers"]["console"]["stream"] == "ext://sys.stdout"
    # management commands log to stderr: `manage.py dumpdata > backup.json` stays clean
    assert settings.LOGGING["handlers"]["console"]["stream"] == "ext://sys.stderr"


# --- gunicorn ------------------------------------------------------------------------------------

def test_art46_gunicorn_config_takes_env_and_never_logs_query_strings(monkeypatch):
    monkeypatch.setenv("XINFANG_WORKERS", "3")
    monkeypatch.setenv("XINFANG_BIND", "0.0.0.0:9000")
    monkeypatch.setenv("XINFANG_TIMEOUT", "77")
    conf = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    assert conf["workers"] == 3 and conf["bind"] == ["0.0.0.0:9000"] and conf["timeout"] == 77
    assert conf["preload_app"] is True
    fmt = conf["access_log_format"]
    assert "%(U)s" in fmt
    for atom in ("%(r)s", "%(q)s", "%(f)s", "%(u)s", "%({query_string}e)s"):
        assert atom not in fmt
    monkeypatch.delenv("XINFANG_WORKERS")
    monkeypatch.delenv("XINFANG_BIND")
    conf = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    assert conf["workers"] >= 1 and conf["bind"] == ["127.0.0.1:8000"]


def test_gunicorn_freezes_the_preloaded_application_before_each_fork():
    """A worker's full collections skip what the master loaded (docs/scaling.md, the case page)."""
    import gc

    conf = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    assert gc.get_freeze_count() == 0
    try:
        conf["pre_fork"](None, None)
        assert gc.get_freeze_count() > 10_000  # Django and the platform's modules, loaded here
    finally:
        gc.unfreeze()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        return None


class Server:
    """gunicorn in a subprocess on a loopback port; its output in a file."""

    def __init__(self, env: dict[str, str], tmp_path: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp_path / "gunicorn.log"
        env = {**env, "XINFANG_BIND": f"127.0.0.1:{self.port}", "XINFANG_WORKERS": "2"}
        self.err_path = tmp_path / "gunicorn.err"
        self.log = self.log_path.open("w")
        self.err = self.err_path.open("w")
        self.process = subprocess.Popen(
            [str(GUNICORN), "-c", "config/gunicorn.conf.py", "config.wsgi"], cwd=ROOT, env=env,
            stdout=self.log, stderr=self.err)

    def wait(self) -> dict:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            try:
                status, _, body = fetch(self.base + "/healthz")
            except OSError:
                time.sleep(0.3)
                continue
            assert status == 200, body
            return json.loads(body)
        raise AssertionError("gunicorn did not answer /healthz: " + self.output())

    def stdout(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def output(self) -> str:
        if not self.err.closed:
            self.err.flush()
        return self.stdout() + self.err_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        self.err.close()


def manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed in this environment")
def test_art21_gunicorn_serves_healthz_and_the_login_page(tmp_path):
    env = {**os.environ, "XINFANG_MODE": "demo", "XINFANG_VAR_DIR": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    manage(env, "migrate", "--noinput", "-v0")
    server = Server(env, tmp_path)
    try:
        assert server.wait()["database"] == "ok"
        status, headers, body = fetch(server.base + f"/accounts/login/?next=/search/%3Fq%3D{ID_NUMBER}")
        assert status == 200 and "登录" in body.decode()
        assert headers.get("X-Request-ID")
    finally:
        server.stop()
    output = server.output()
    assert "GET /accounts/login/ 200" in server.stdout()  # readable lines in demo mode, on stdout
    assert ID_NUMBER not in output


@pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed in this environment")
def test_art46_gunicorn_in_production_mode_with_static_files_and_json_logs(tmp_path):
    """As in the container: production keys, collectstatic, HTTPS proxy in front, WhiteNoise."""
    env = production_env(tmp_path, XINFANG_PROXY_SSL_HEADER="1",
                         XINFANG_STATIC_ROOT=str(tmp_path / "static"))
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    server = Server(env, tmp_path)
    try:
        # the probe: plain http, a host that is not in ALLOWED_HOSTS, no redirect to https
        assert server.wait() == {"status": "ok", "database": "ok", "cache": "ok",
                                 "version": xinfang.__version__}
        proxied = {"Host": "xinfang.example.gov.cn", "X-Forwarded-Proto": "https"}
        status, headers, body = fetch(server.base + "/accounts/login/", proxied)
        assert status == 200, body[:500]
        status, headers, _ = fetch(server.base + "/accounts/login/",
                                   {"Host": "xinfang.example.gov.cn"})
        assert status == 301 and headers["Location"].startswith("https://")  # not bypassed
        css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', body.decode())
        assert css, "static file names are content-hashed in production"
        status, headers, _ = fetch(server.base + css.group(1),
                                   {**proxied, "Accept-Encoding": "gzip"})
        assert status == 200 and "immutable" in headers.get("Cache-Control", "")
    finally:
        server.stop()
    records = [json.loads(line) for line in server.stdout().splitlines() if line.startswith("{")]
    assert any(r["logger"] == "gunicorn.error" for r in records)  # gunicorn's own lines are JSON too
    requests = [r for r in records if r["logger"] == "xinfang.request"]
    assert [r["path"] for r in requests if r["path"] == "/accounts/login/"]
    assert all(r.get("request_id") for r in requests)
    assert not [line for line in server.output().splitlines()
                if line.strip() and not line.startswith("{")], "every production log line is JSON"


# --- the container recipe -------------------------------------------------------------------------

SECRET_NAMES = ("XINFANG_SECRET_KEY", "XINFANG_FIELD_KEYS", "XINFANG_INDEX_KEY", "POSTGRES_PASSWORD")


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def test_art21_compose_runs_postgres_redis_web_and_worker_from_one_image():
    services = compose()["services"]
    assert services["db"]["image"].startswith("postgres:15")
    assert services["redis"]["image"].startswith("redis:7")
    assert any("/var/lib/postgresql/data" in v for v in services["db"]["volumes"])
    assert any(v.endswith(":/data") for v in services["redis"]["volumes"])
    web, worker = services["web"], services["worker"]
    assert web["build"] == "." and worker["image"] == web["image"]
    assert web["command"] == ["web"] and worker["command"] == ["worker"]
    assert "/healthz" in " ".join(web["healthcheck"]["test"])
    assert worker["depends_on"]["web"]["condition"] == "service_healthy"
    for service in (web, worker):
        env = service["environment"]
        assert env["XINFANG_MODE"] == "production"
        assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
        assert env["XINFANG_HUEY"] == "redis" and env["XINFANG_CACHE"] == "redis"
    assert worker["environment"]["XINFANG_LOG_STREAM"] == "stdout"
    assert set(compose()["volumes"]) >= {"pgdata", "redisdata", "xinfangdata"}
    # only the web port, on the loopback by default (for the reverse proxy); no database port
    assert web["ports"] == ["${XINFANG_PUBLISH:-127.0.0.1:8000}:8000"]
    assert "ports" not in services["db"] and "ports" not in services["redis"]


def test_art46_compose_believes_forwarded_addresses_only_from_its_own_gateway():
    import ipaddress

    subnet = ipaddress.ip_network(compose()["networks"]["default"]["ipam"]["config"][0]["subnet"])
    value = compose()["services"]["web"]["environment"]["XINFANG_TRUSTED_PROXIES"]
    default = re.fullmatch(r"\$\{XINFANG_TRUSTED_PROXIES:-([^}]*)\}", value).group(1)
    assert [ipaddress.ip_address(a) for a in default.split(",")] == [next(subnet.hosts())]


def test_art46_compose_and_env_example_hold_no_secret():
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    services = compose()["services"]
    for service in services.values():
        for name, value in (service.get("environment") or {}).items():
            if any(word in name for word in ("KEY", "PASSWORD", "SECRET")):
                assert re.fullmatch(r"\$\{[A-Z_]+(:\?[^}]*|:-)\}", str(value)), (name, value)
    required = set(re.findall(r"\$\{([A-Z_]+):\?", text))
    assert set(SECRET_NAMES) | {"XINFANG_ALLOWED_HOSTS"} <= required
    example = (ROOT / "deploy" / ".env.example").read_text(encoding="utf-8")
    values = dict(re.findall(r"^([A-Z_]+)=(.*)$", example, re.M))
    assert required <= set(values), "every required key is listed in deploy/.env.example"
    for name in required | {"XINFANG_ADMIN_PASSWORD"}:
        assert values[name] == "", f"{name} must be empty in the example"
    assert "token_urlsafe" in example and "urlsafe_b64encode" in example and "token_hex" in example
    assert not re.search(r"[A-Za-z0-9_\-]{32,}", re.sub(r"#.*", "", text + example))
    assert ".env" in (ROOT / ".gitignore").read_text().split() or "/.env" in (
        ROOT / ".gitignore").read_text().split()


def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_art46_dockerfile_runs_as_a_non_root_user_in_production_mode_with_a_healthcheck():
    text = dockerfile()
    instructions = re.sub(r"\\\n", " ", text)
    assert re.search(r"^FROM python:3\.11-slim\b", text, re.M)
    users = re.findall(r"^USER\s+(\S+)", text, re.M)
    assert users and users[-1] not in {"root", "0"}
    assert re.search(r"^HEALTHCHECK .*/healthz", instructions, re.M)
    assert re.search(r"^ENTRYPOINT .*entrypoint\.sh", text, re.M)
    assert re.search(r"^ENV .*XINFANG_MODE=production", instructions, re.M)
    # the build-only demo mode lives on the collectstatic line, never in an ENV or ARG
    for line in instructions.splitlines():
        if line.startswith(("ENV", "ARG")):
            assert "demo" not in line, line
        if "XINFANG_MODE=demo" in line:
            assert line.startswith("RUN ") and "collectstatic" in line
    assert "collectstatic" in instructions and "pip install -r requirements.txt" in instructions
    assert not re.search(r"SECRET_KEY=|FIELD_KEYS=|INDEX_KEY=", text)
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ".env" in ignored and ".git" in ignored and "var" in ignored


def test_art46_the_containers_collectstatic_line_builds_the_production_static_files(tmp_path):
    """Run the Dockerfile's collectstatic line (its variables, paths moved under tmp_path)."""
    instructions = re.sub(r"\\\n", " ", dockerfile())
    line = next(x for x in instructions.splitlines() if "collectstatic" in x and x.startswith("RUN"))
    assignments = dict(re.findall(r"\b(XINFANG_[A-Z_]+)=(\S+)", line.split("python", 1)[0]))
    assert assignments["XINFANG_MODE"] == "demo"
    env = {k: v for k, v in os.environ.items() if not k.startswith("XINFANG_")}
    env.update(assignments)
    env.update({"XINFANG_VAR_DIR": str(tmp_path / "var"), "XINFANG_STATIC_ROOT": str(tmp_path / "static")})
    manage(env, "collectstatic", "--noinput", "-v0")
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    css = manifest["paths"]["xinfang/site.css"]
    assert re.search(r"\.[0-9a-f]{12}\.css$", css) and (tmp_path / "static" / (css + ".gz")).exists()


def test_art21_entrypoint_migrates_before_gunicorn_and_runs_the_huey_worker():
    script = (ROOT / "deploy" / "entrypoint.sh").read_text(encoding="utf-8")
    assert os.access(ROOT / "deploy" / "entrypoint.sh", os.X_OK)
    assert subprocess.run(["sh", "-n", str(ROOT / "deploy" / "entrypoint.sh")]).returncode == 0
    web = script.index("migrate --noinput")
    assert web < script.index("exec gunicorn -c config/gunicorn.conf.py config.wsgi")
    assert "exec python manage.py run_huey" in script


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_art21_make_serve_runs_gunicorn_with_the_shipped_config():
    plan = subprocess.run(["make", "-n", "serve"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "VENV": "/nonexistent-venv"})
    assert plan.returncode == 0, plan.stderr
    assert "gunicorn -c config/gunicorn.conf.py config.wsgi" in plan.stdout
    for doc in ("README.md", "docs/security.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        assert "docker compose up -d" in text and "/healthz" in text, doc
