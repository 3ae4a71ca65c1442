"""Safe to deploy: production mode refuses public keys, HTTPS-only cookies and HSTS, a strict
Content-Security-Policy with self-hosted assets only, idle session expiry, the API docs behind login,
and a production set-up that creates no demo data.

Production mode is tested in subprocesses (the test settings stay in demo mode). The articles: the
platform keeps petitioners' personal data confidential (《信访工作条例》第四十六条、第四十七条) and
serves the 信息网络 channel (第十七条、第二十一条) on the bureau's own, often closed, network.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.contrib.staticfiles import finders
from django.core.management import CommandError, call_command
from django.utils import timezone

from xinfang.orgs.models import Role, User

ROOT = Path(__file__).resolve().parents[3]
DEV_SECRET = "dev-insecure-xinfang-key-change-me"


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """The production environment documented in docs/security.md, with fresh keys."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XINFANG_")}
    env.update({
        "XINFANG_MODE": "production",
        "XINFANG_SECRET_KEY": "p" + os.urandom(40).hex(),
        "XINFANG_FIELD_KEYS": Fernet.generate_key().decode(),
        "XINFANG_INDEX_KEY": "i" + os.urandom(32).hex(),
        "XINFANG_ALLOWED_HOSTS": "xinfang.example.gov.cn,testserver",
        "XINFANG_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    })
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


# --- production mode refuses missing or public keys ------------------------------------------------

@pytest.mark.parametrize("unset", ["XINFANG_SECRET_KEY", "XINFANG_FIELD_KEYS", "XINFANG_INDEX_KEY"])
def test_art46_production_refuses_to_start_without_a_key(tmp_path, unset):
    env = production_env(tmp_path)
    del env[unset]
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "拒绝启动" in result.stderr and "refuses to start" in result.stderr
    assert unset in result.stderr


@pytest.mark.parametrize("name", ["XINFANG_SECRET_KEY", "XINFANG_FIELD_KEYS", "XINFANG_INDEX_KEY"])
def test_art46_production_refuses_the_public_development_keys(tmp_path, name):
    import base64
    import hashlib

    dev_field = base64.urlsafe_b64encode(
        hashlib.sha256(("field-encryption:" + DEV_SECRET).encode()).digest()).decode()
    value = dev_field if name == "XINFANG_FIELD_KEYS" else DEV_SECRET
    result = run(["manage.py", "check"], production_env(tmp_path, **{name: value}))
    assert result.returncode != 0
    assert "公开的开发密钥" in result.stderr and name in result.stderr


def test_art46_production_is_the_default_mode(tmp_path):
    env = production_env(tmp_path, XINFANG_SECRET_KEY=None, XINFANG_FIELD_KEYS=None,
                         XINFANG_INDEX_KEY=None)
    del env["XINFANG_MODE"]
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0 and "XINFANG_MODE=demo" in result.stderr


def test_art46_the_wsgi_application_refuses_the_development_keys(tmp_path):
    env = production_env(tmp_path, XINFANG_SECRET_KEY=DEV_SECRET)
    result = run(["-c", "import config.wsgi"], env)
    assert result.returncode != 0 and "拒绝启动" in result.stderr


def test_art46_demo_mode_starts_on_the_development_keys(tmp_path):
    env = production_env(tmp_path, XINFANG_MODE="demo", XINFANG_SECRET_KEY=None,
                         XINFANG_FIELD_KEYS=None, XINFANG_INDEX_KEY=None)
    assert run(["manage.py", "check"], env).returncode == 0


@pytest.mark.parametrize("proxy", [{}, {"XINFANG_SSL_REDIRECT": "0", "XINFANG_PROXY_SSL_HEADER": "1"}],
                         ids=["direct", "behind-proxy"])
def test_art46_check_deploy_passes_with_the_documented_production_settings(tmp_path, proxy):
    result = run(["manage.py", "check", "--deploy"], production_env(tmp_path, **proxy))
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout and "WARNING" not in result.stderr + result.stdout


PROBE = """
import django, os, json
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
django.setup()
from django.test import Client
c = Client()
out = {}
for url in ("/api/schema/", "/api/docs/"):
    out[url] = c.get(url, secure=True).status_code
r = c.get("/accounts/login/", secure=True)
out["hsts"] = r.headers.get("Strict-Transport-Security", "")
out["csrf_secure"] = bool(r.cookies["csrftoken"]["secure"]) if "csrftoken" in r.cookies else None
out["http"] = [c.get("/accounts/login/").status_code, c.get("/accounts/login/").headers.get("Location", "")]
from django.conf import settings
out["session_secure"] = settings.SESSION_COOKIE_SECURE
print(json.dumps(out))
"""


def test_art46_production_headers_cookies_and_api_docs_behind_login(tmp_path):
    import json

    result = run(["-c", PROBE], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["/api/schema/"] in {401, 403} and out["/api/docs/"] in {401, 403}
    assert "max-age=" in out["hsts"] and "includeSubDomains" in out["hsts"]
    assert int(re.search(r"max-age=(\d+)", out["hsts"]).group(1)) >= 180 * 86400
    assert out["csrf_secure"] is True and out["session_secure"] is True
    assert out["http"][0] == 301 and out["http"][1].startswith("https://")


# --- production set-up creates no demo ------------------------------------------------------------

def test_art46_seed_demo_refuses_production_mode(county, settings):
    settings.XINFANG_PRODUCTION = True
    with pytest.raises(CommandError, match="XINFANG_MODE=demo"):
        call_command("seed_demo", "--cases", "1")
    assert not User.objects.filter(username="admin").exists()


def test_art46_bootstrap_admin_creates_the_first_administrator_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("XINFANG_ADMIN_USERNAME", "root_admin")
    monkeypatch.setenv("XINFANG_ADMIN_PASSWORD", "Zh1-xf-correct-horse-battery")
    call_command("bootstrap_admin")
    admin = User.objects.get(username="root_admin")
    assert admin.is_superuser and admin.is_staff and admin.has_role(Role.ADMINISTRATOR)
    assert admin.check_password("Zh1-xf-correct-horse-battery")
    monkeypatch.setenv("XINFANG_ADMIN_PASSWORD", "another-password-entirely-42")
    call_command("bootstrap_admin")  # idempotent: an existing account is left alone
    assert User.objects.get(username="root_admin").check_password("Zh1-xf-correct-horse-battery")


@pytest.mark.parametrize(("password", "why"), [("", "XINFANG_ADMIN_PASSWORD"), ("demo12345", "演示密码"),
                                               ("123", "密码不符合要求")])
def test_art46_bootstrap_admin_refuses_a_missing_weak_or_demo_password(db, monkeypatch, password, why):
    monkeypatch.setenv("XINFANG_ADMIN_USERNAME", "root_admin")
    monkeypatch.setenv("XINFANG_ADMIN_PASSWORD", password)
    with pytest.raises(CommandError, match=why):
        call_command("bootstrap_admin")
    assert not User.objects.filter(username="root_admin").exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_art46_production_setup_runs_no_demo_command():
    plan = subprocess.run(["make", "-n", "setup-prod"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "VENV": "/nonexistent-venv"})
    assert plan.returncode == 0, plan.stderr
    assert "migrate" in plan.stdout and "bootstrap_admin" in plan.stdout
    assert "seed_demo" not in plan.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make setup-prod" in readme and "make setup &&" not in readme


# --- Content-Security-Policy: self-hosted assets only, no inline script -------------------------

def test_art17_csp_header_allows_only_the_platforms_own_scripts_and_styles(client, county):
    response = client.get("/accounts/login/")
    policy = response.headers.get("Content-Security-Policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    assert directives.get("default-src") == ["'self'"]
    assert directives.get("script-src") == ["'self'"]
    assert directives.get("style-src") == ["'self'"]
    assert directives.get("object-src") == ["'none'"]
    assert directives.get("frame-ancestors") == ["'none'"]
    assert "http" not in policy  # no outside host anywhere


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "inline <style>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "inline event handler"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"(src|href)=\"(https?:)?//", re.I), "outside asset"),
]


def test_art17_templates_have_no_inline_script_or_style_and_no_outside_assets():
    found = []
    for template in sorted((ROOT / "xinfang").glob("*/templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for m in pattern.finditer(text):
                if what == "inline <script>" and 'type="application/json"' in m.group(0):
                    continue
                found.append(f"{template.relative_to(ROOT)}: {what}: {m.group(0)[:40]}")
    assert not found, "\n".join(found)


def test_art17_api_docs_are_served_from_the_platform_not_a_cdn(client, county):
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets, html
    for url in assets:
        assert not re.match(r"(https?:)?//", url), url
        if url.startswith(django_settings.STATIC_URL) or url.startswith("/" + django_settings.STATIC_URL):
            path = url.split(django_settings.STATIC_URL, 1)[1]
            assert finders.find(path), f"{url} is not a static file of the project"
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) and "<style" not in html
    script = re.search(r'<script src="([^"]*\?script=[^"]*)"', html)
    assert script and client.get(script.group(1).replace("&amp;", "&")).status_code == 200


# --- sessions: idle expiry, a working day at most ------------------------------------------------

def _session(client) -> Session:  # noqa: ANN001
    return Session.objects.get(session_key=client.session.session_key)


def test_art46_staff_session_expires_when_idle_and_is_renewed_by_use(client, county):
    from xinfang.core.middleware import SEEN_AT

    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    assert django_settings.SESSION_COOKIE_AGE <= 60 * 60  # idle limit: an hour at most
    session = client.session
    session[SEEN_AT] = int(time.time()) - 25 * 60  # last used 25 minutes ago
    session.save()
    stored = _session(client)
    stored.expire_date = timezone.now() + timedelta(seconds=30)  # nearly idle too long
    stored.save()
    assert client.get("/queue/").status_code == 200
    renewed = _session(client).expire_date - timezone.now()
    assert renewed > timedelta(seconds=django_settings.SESSION_COOKIE_AGE - 60)
    session = _session(client)
    session.expire_date = timezone.now() - timedelta(seconds=1)  # idle too long
    session.save()
    response = client.get("/queue/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_art46_staff_login_ends_after_a_working_day_however_active(client, county):
    from xinfang.core.middleware import LOGIN_AT

    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    assert client.get("/queue/").status_code == 200
    session = client.session
    session[LOGIN_AT] = int(time.time()) - django_settings.XINFANG_SESSION_MAX_SECONDS - 60
    session.save()
    response = client.get("/queue/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_art46_session_cookie_ends_with_the_browser(client, county):
    from xinfang.core.middleware import SEEN_AT

    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    session = client.session
    session[SEEN_AT] = int(time.time()) - 120
    session.save()
    response = client.get("/queue/")  # renews the session: sets the cookie again
    cookie = response.cookies.get(django_settings.SESSION_COOKIE_NAME)
    assert cookie is not None and not cookie["expires"] and not cookie["max-age"]
    assert cookie["httponly"]
