"""Settings declared once (xinfang/core/conf.py): parsed from the environment, checked at start-up, read
with their declared default, drawn into docs/configuration.md, and no inline default left in the code.

The 条例 fixes the legal periods; what it leaves open is local practice, configured per bureau
(DOMAIN.md) — so every such value has one declaration saying its type, default and range.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import Error
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from config.settings import module_for
from xinfang.core import conf, confdoc
from xinfang.core.checks import declared_settings

ROOT = Path(__file__).resolve().parents[3]
# Django settings the mode modules derive (not declared: nobody sets them directly).
DERIVED = {"XINFANG_MODE", "XINFANG_PRODUCTION", "XINFANG_SESSION_MAX_SECONDS"}
# Environment variables that are not the platform's configuration.
NOT_CONFIGURATION = {
    "XINFANG_RUN_SLOW": "test suite only: run the slow data-driven tests (.ci/run)",
    "XINFANG_LOCAL_SETTINGS": "no longer read: the settings refuse to start while it is set",
}


def _source_files() -> list[Path]:
    files = [*ROOT.glob("xinfang/**/*.py"), *ROOT.glob("config/**/*.py"), ROOT / "manage.py"]
    return [f for f in files if "tests" not in f.parts and "migrations" not in f.parts]


# --- declarations ------------------------------------------------------------------------------------

def test_every_declaring_module_is_listed():
    declaring = sorted(f"xinfang.{p.parent.name}.conf" for p in ROOT.glob("xinfang/*/conf.py")
                       if p.parent.name != "core")
    assert sorted(set(conf.MODULES) - {"xinfang.core.deployment"}) == declaring


@pytest.mark.parametrize("entry", [s for g in conf.load() for s in g.settings], ids=lambda s: s.name)
def test_each_declaration_is_sound(entry):
    assert entry.doc and "\n" not in entry.doc, "a one-line doc"
    assert entry.problems(entry.default) == [], "the default is allowed"
    assert entry.setting or entry.variable, "an env-only entry needs its variable"


def test_the_test_settings_hold_every_declared_default(settings):
    """No behaviour change: each declared setting not set in the environment has its declared default."""
    set_by_mode = {"XINFANG_INDEX_KEY", "XINFANG_LOG_FORMAT"}  # demo key; text logs (config/settings/dev.py)
    entries = [s for g in conf.load() for s in g.settings
               if s.setting and s.name not in set_by_mode and not os.environ.get(s.variable or "")]
    assert entries
    assert {s.name: getattr(settings, s.name) for s in entries} == {s.name: s.default for s in entries}


# --- the environment -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "raw", "expected"), [
    (int, " 42 ", 42),
    (float, "0.8", 0.8),
    (bool, "off", False),
    (bool, "YES", True),
    (list, ".pdf, .jpg,,", [".pdf", ".jpg"]),
    (list, '["a", "b"]', ["a", "b"]),
    (dict, '{"method": "cusum"}', {"method": "cusum"}),
    (Path, "/srv/models", Path("/srv/models")),
])
def test_environment_values_parse_by_type(kind, raw, expected):
    entry = conf.Setting("XINFANG_EXAMPLE", kind, None, doc="x")
    assert entry.parse(raw) == expected


@pytest.mark.parametrize(("kind", "raw"), [(int, "abc"), (bool, "maybe"), (dict, "[1, 2]"),
                                           (dict, "{not json"), (list, '["a"')])
def test_environment_values_of_the_wrong_type_are_refused(kind, raw):
    entry = conf.Setting("XINFANG_EXAMPLE", kind, None, doc="x")
    with pytest.raises(ValueError):  # noqa: PT011 - json.JSONDecodeError is a ValueError too
        entry.parse(raw)


def test_an_empty_variable_is_the_default():
    entry = conf.declared("XINFANG_WORKERS")
    assert conf.from_env(entry, {"XINFANG_WORKERS": "  "}) == entry.default


def test_bad_environment_values_stop_the_start_naming_each_variable():
    environ = {"XINFANG_JOBS_MAX_ATTEMPTS": "abc", "XINFANG_DUE_SOON_DAYS": "99",
               "XINFANG_SENDFILE": "lighttpd", "XINFANG_INDEX_KEY": "",
               "XINFANG_SECRET_KEY_FALLBACKS": "[broken"}
    with pytest.raises(ImproperlyConfigured) as err:
        conf.environment(environ)
    message = str(err.value)
    for name in ("XINFANG_JOBS_MAX_ATTEMPTS", "XINFANG_DUE_SOON_DAYS", "XINFANG_SENDFILE",
                 "XINFANG_SECRET_KEY_FALLBACKS"):
        assert name in message
    assert "[broken" not in message, "a key's value is never echoed"


def test_words_among_choices_are_matched_in_any_case():
    assert conf.environment({"XINFANG_SENDFILE": " NGINX "})["XINFANG_SENDFILE"] == "nginx"


# --- reading -------------------------------------------------------------------------------------------

def test_get_reads_django_settings_first_then_the_declared_default(settings):
    settings.XINFANG_TRIAGE_THRESHOLD = 0.8
    assert conf.get("XINFANG_TRIAGE_THRESHOLD") == 0.8
    del settings.XINFANG_TRIAGE_THRESHOLD
    assert conf.get("XINFANG_TRIAGE_THRESHOLD") == conf.declared("XINFANG_TRIAGE_THRESHOLD").default


def test_an_environment_only_entry_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("XINFANG_ADMIN_USERNAME", "chief")
    assert conf.get("XINFANG_ADMIN_USERNAME") == "chief"


def test_a_groups_attribute_is_its_setting_and_an_undeclared_name_is_refused(settings):
    from xinfang.triage.conf import TRIAGE_SETTINGS

    settings.XINFANG_TRIAGE_LOOKBACK_DAYS = 99
    assert TRIAGE_SETTINGS.XINFANG_TRIAGE_LOOKBACK_DAYS == 99
    with pytest.raises(AttributeError, match="not a setting declared by triage"):
        TRIAGE_SETTINGS.XINFANG_TRIAGE_LOOKBACK  # noqa: B018
    with pytest.raises(KeyError):
        conf.get("XINFANG_NOT_DECLARED")


# --- the start-up check ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "value", "says"), [
    ("XINFANG_TRIAGE_THRESHOLD", 1.5, "at most 1"),
    ("XINFANG_JOBS_MAX_ATTEMPTS", "6", "should be integer"),
    ("XINFANG_REQUEST_POSTMARK_COUNTS", 1, "should be on/off"),
    ("XINFANG_ATTACHMENT_TYPES", [".pdf", ".exe"], "'.exe'"),
    ("XINFANG_PORTAL_LIMITS", {"submit_per_ip": (1, 60), "bogus": (1, 1)}, "unknown keys ['bogus']"),
    ("XINFANG_DEADLINE_OVERRIDES", {"handlin": {"days": 5}}, "unknown keys ['handlin']"),
    ("XINFANG_CACHE", "memcached", "not among"),
])
def test_the_system_check_names_a_setting_with_a_value_not_allowed(settings, name, value, says):
    setattr(settings, name, value)
    errors = declared_settings()
    assert [(e.obj, e.id) for e in errors] == [(name, "xinfang.E020")]
    assert isinstance(errors[0], Error) and says in errors[0].msg


def test_the_system_check_passes_on_the_defaults():
    assert declared_settings() == []


# --- no inline defaults left ------------------------------------------------------------------------------

INLINE = re.compile(r'(?:getattr\(settings,\s*|os\.environ(?:\.get)?[\[(]\s*)f?"(XINFANG_[A-Z_]*)')


def test_no_setting_is_read_with_an_inline_default_outside_its_declaration():
    allowed = {ROOT / "config" / "settings" / "base.py",  # refuses XINFANG_LOCAL_SETTINGS
               ROOT / "config" / "settings" / "__init__.py",  # XINFANG_MODE chooses the module
               ROOT / "config" / "testmode.py", ROOT / "config" / "gunicorn.conf.py"}  # setdefault
    found = [f"{f.relative_to(ROOT)}:{n}" for f in _source_files() if f not in allowed
             for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
             for name in INLINE.findall(line) if name not in DERIVED]
    assert found == []


def test_every_setting_the_code_reads_is_declared():
    read = set()
    for f in _source_files():
        text = f.read_text(encoding="utf-8")
        read |= set(re.findall(r'settings\.(XINFANG_[A-Z_]+)\b', text))
        read |= set(re.findall(r'\bget\("(XINFANG_[A-Z_]+)"\)', text))
        read |= set(re.findall(r'env\["((?:XINFANG_|REDIS_|DATABASE_)[A-Z_]+)"\]', text))
    undeclared = sorted(n for n in read - DERIVED - set(NOT_CONFIGURATION) if n not in conf.REGISTRY)
    assert undeclared == []


def test_every_variable_named_in_the_deployment_files_is_declared():
    files = ["compose.yaml", "Dockerfile", "deploy/.env.example", "deploy/entrypoint.sh", "Makefile",
             "README.md", ".ci/run"]
    named = set()
    for name in files:
        named |= set(re.findall(r"\b(XINFANG_[A-Z][A-Z_]*[A-Z])\b", (ROOT / name).read_text("utf-8")))
    conf.load()
    undeclared = sorted(n for n in named - set(NOT_CONFIGURATION)
                        if n not in conf.REGISTRY and n not in DERIVED)
    assert undeclared == []


# --- docs/configuration.md ---------------------------------------------------------------------------------

def test_the_configuration_tables_are_current():
    assert confdoc.updated() == confdoc.current_text(), (
        "docs/configuration.md is stale: run `python manage.py draw_configuration`")


def test_the_configuration_tables_name_every_declared_variable_once():
    text = confdoc.current_text()
    for entry in conf.REGISTRY.values():
        assert text.count(f"| `{entry.variable or entry.name}` |") == 1, entry.name


def test_draw_configuration_check_fails_on_a_stale_file(tmp_path, settings, capsys):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "configuration.md").write_text(
        f"# Configuration\n\n{confdoc.START}\n| stale |\n{confdoc.END}\n", encoding="utf-8")
    settings.BASE_DIR = tmp_path
    with pytest.raises(SystemExit):
        call_command("draw_configuration", "--check")
    call_command("draw_configuration")
    assert "| stale |" not in (tmp_path / "docs" / "configuration.md").read_text(encoding="utf-8")
    call_command("draw_configuration", "--check")
    assert "最新" in capsys.readouterr().out


# --- the settings modules ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("mode", "module"), [
    ("demo", "config.settings.dev"), ("dev", "config.settings.dev"), (" DEMO ", "config.settings.dev"),
    ("production", "config.settings.prod"), ("", "config.settings.prod"),
    (None, "config.settings.prod"), ("prod", "config.settings.prod"),
])
def test_xinfang_mode_chooses_the_settings_module(mode, module):
    environ = {} if mode is None else {"XINFANG_MODE": mode}
    assert module_for(environ) == module


def test_the_suite_runs_on_the_test_settings_in_demo_mode(settings):
    from django.conf import UserSettingsHolder
    from django.conf import settings as loaded

    base = loaded._wrapped
    while isinstance(base, UserSettingsHolder):  # the fixtures' overrides
        base = base.default_settings
    assert base.SETTINGS_MODULE == "config.settings.test"
    assert settings.XINFANG_MODE == "demo" and settings.XINFANG_PRODUCTION is False


PROBE = ("import django; django.setup(); from django.conf import settings; "
         "print(settings.SETTINGS_MODULE, settings.XINFANG_MODE, settings.STORAGES['staticfiles']['BACKEND'])")


def _python(args: list[str], **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("XINFANG_")}
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**environ, **env})


def test_a_process_started_by_a_test_loads_the_settings_of_its_own_mode(tmp_path):
    """config/testmode.py points DJANGO_SETTINGS_MODULE back at config.settings for subprocesses."""
    assert os.environ["DJANGO_SETTINGS_MODULE"] == "config.settings"
    result = _python(["-c", PROBE], XINFANG_MODE="demo", XINFANG_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "config.settings", "demo", "django.contrib.staticfiles.storage.StaticFilesStorage"]


@pytest.mark.parametrize(("env", "says"), [
    ({"XINFANG_JOBS_MAX_ATTEMPTS": "abc"}, "XINFANG_JOBS_MAX_ATTEMPTS"),
    ({"XINFANG_LOCAL_SETTINGS": "/etc/xinfang/local.py"}, "XINFANG_LOCAL_SETTINGS"),
], ids=["bad-value", "old-local-file"])
def test_manage_py_refuses_to_start_on_a_bad_configuration(tmp_path, env, says):
    result = _python(["manage.py", "check"], XINFANG_MODE="demo", XINFANG_VAR_DIR=str(tmp_path), **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and says in result.stderr
