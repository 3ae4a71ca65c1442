"""Settings declared once: name, type, default, environment variable, one-line doc, allowed values.

Each app declares its settings in ``xinfang/<app>/conf.py`` as a :class:`Group` of :class:`Setting`
entries (the platform's own, mode, keys, server, jobs, in ``xinfang/core/deployment.py``); they are
listed in ``MODULES``. From there:

- ``config/settings/base.py`` reads every declared environment variable with :func:`environment`
  (a value that does not parse stops the start with a message naming the variable) and sets each
  declared Django setting to the value from the environment, else its declared default;
- code reads a setting with :func:`get` or the group's attribute (``TRIAGE.XINFANG_TRIAGE_THRESHOLD``):
  ``django.conf.settings`` first, so ``override_settings`` and a local settings module apply, then
  the declared default; an environment-only entry (gunicorn's, a command's) is read from the
  environment;
- a system check (``xinfang/core/checks.py``) validates every value at start-up (type, range, choices,
  keys): wrong type or out of range is an error naming the setting;
- ``manage.py draw_configuration`` writes the tables of docs/configuration.md from the declarations.

Standard library only at import: the settings modules and config/gunicorn.conf.py import it before
Django is set up.
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The modules that declare settings (importing them fills the registry), in the order of the docs.
MODULES = (
    "xinfang.core.deployment",
    "xinfang.cases.conf",
    "xinfang.deadlines.conf",
    "xinfang.api.conf",
    "xinfang.web.conf",
    "xinfang.portal.conf",
    "xinfang.triage.conf",
    "xinfang.resolution.conf",
    "xinfang.warning.conf",
    "xinfang.rollups.conf",
    "xinfang.documents.conf",
    "xinfang.notifications.conf",
    "xinfang.imports.conf",
    "xinfang.suggestions.conf",
    "xinfang.whistle.conf",
    "xinfang.servicepoints.conf",
    "xinfang.riskreview.conf",
    "xinfang.institutions.conf",
    "xinfang.reviewboard.conf",
    "xinfang.reception.conf",
    "xinfang.joint.conf",
    "xinfang.xborder.conf",
)

#: The repository (config/, xinfang/, docs/); defaults relative to it are computed from here.
REPO = Path(__file__).resolve().parents[2]

TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off"})
TYPE_WORDS = {bool: "on/off", int: "integer", float: "number", str: "text", Path: "path",
              list: "list", tuple: "list", dict: "JSON object"}


@dataclass(frozen=True)
class Setting:
    """One setting or environment variable, declared once."""

    name: str  # the Django setting (XINFANG_...), or the environment variable of an env-only entry
    type: type  # bool, int, float, str, Path, list (comma-separated in the environment), dict (JSON)
    default: Any
    doc: str  # one line; the article when it is a legal period, "practice" when local practice
    more: str = ""  # the rest of its row in docs/configuration.md (markdown)
    env: str | None = ""  # "" = same as name; None = no environment variable (a settings file only)
    setting: bool = True  # False: an environment variable only, read by config, gunicorn or a command
    shown: str = ""  # how the docs show a default computed at run time
    choices: tuple = ()  # allowed values (of each item for a list)
    min: float | None = None
    max: float | None = None
    keys: tuple | Callable[[], Iterable[str]] = ()  # allowed keys of a dict (callable: read lazily)

    @property
    def variable(self) -> str | None:
        """The environment variable, or None."""
        return None if self.env is None else (self.env or self.name)

    def parse(self, raw: str) -> Any:
        """The value of the environment variable's text; ValueError saying what was expected."""
        text = raw.strip()
        if self.type is bool:
            if text.lower() in TRUE | FALSE:
                return text.lower() in TRUE
            raise ValueError("应为 1/0、true/false、yes/no、on/off / expected on/off")
        if self.type is int:
            return int(text)
        if self.type is float:
            return float(text)
        if self.type is Path:
            return Path(text)
        if self.type in (list, tuple):
            if text.startswith("["):
                value = json.loads(text)
                if not isinstance(value, list):
                    raise ValueError("应为列表 / expected a list")
                return self.type(value)
            return self.type(v.strip() for v in text.split(",") if v.strip())
        if self.type is dict:
            value = json.loads(text)
            if not isinstance(value, dict):
                raise ValueError("应为 JSON 对象 / expected a JSON object")
            return value
        if self.choices:  # one of a few words: matched as written in any case
            return text.lower()
        return raw if self.type is str else self.type(text)

    def problems(self, value: Any) -> list[str]:
        """What is wrong with `value` for this setting (empty: fine), in Chinese / English."""
        if value is None and self.default is None:
            return []
        expected = {bool: (bool,), int: (int,), float: (int, float), str: (str,), Path: (str, Path),
                    list: (list, tuple), tuple: (list, tuple), dict: (dict,)}.get(self.type, (self.type,))
        if not isinstance(value, expected) or (self.type is not bool and isinstance(value, bool)):
            return [f"类型应为 {TYPE_WORDS.get(self.type, self.type.__name__)}，实为 "
                    f"{type(value).__name__} / should be {TYPE_WORDS.get(self.type, 'a value')}, "
                    f"not {type(value).__name__}"]
        out = []
        if self.min is not None and value < self.min:
            out.append(f"不得小于 {self.min:g} / must be at least {self.min:g} (is {value})")
        if self.max is not None and value > self.max:
            out.append(f"不得大于 {self.max:g} / must be at most {self.max:g} (is {value})")
        items = value if self.type in (list, tuple) else [value]
        if self.choices:
            wrong = [v for v in items if v not in self.choices]
            if wrong:
                allowed = ", ".join(str(c) if c != "" else '""' for c in self.choices)
                out.append(f"不允许的值 {wrong}，可选 {allowed} / {wrong} not among {allowed}")
        if self.keys and self.type is dict:
            allowed_keys = set(self.keys() if callable(self.keys) else self.keys)
            unknown = sorted(str(k) for k in value if k not in allowed_keys)
            if unknown:
                out.append(f"未知的键 {unknown}，可用 {', '.join(sorted(allowed_keys))} / "
                           f"unknown keys {unknown}")
        return out


@dataclass
class Group:
    """Settings of one app (or one part of the platform), in the order they are documented."""

    app: str  # the app label (its place in MODULES orders the docs)
    title: str  # the heading in docs/configuration.md
    settings: tuple[Setting, ...]
    intro: str = ""  # a paragraph under the heading (markdown)
    by_name: dict[str, Setting] = field(init=False)
    seq: int = field(init=False)

    def __post_init__(self) -> None:
        self.by_name = {s.name: s for s in self.settings}
        for s in self.settings:
            if s.name in REGISTRY and REGISTRY[s.name] is not s:
                raise ValueError(f"setting {s.name} is declared twice")
            REGISTRY[s.name] = s
        self.seq = len(GROUPS)
        GROUPS.append(self)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("by_name", "seq"):
            raise AttributeError(name)
        if name not in self.by_name:
            raise AttributeError(f"{name} is not a setting declared by {self.app}")
        return get(name)


REGISTRY: dict[str, Setting] = {}
GROUPS: list[Group] = []


def load() -> list[Group]:
    """Import every declaring module; the groups in documentation order."""
    for module in MODULES:
        importlib.import_module(module)
    apps = [m.split(".")[1] for m in MODULES]
    return sorted(GROUPS, key=lambda g: (apps.index(g.app) if g.app in apps else len(apps), g.seq))


def declared(name: str) -> Setting:
    """The declaration of `name` (KeyError when nothing declares it)."""
    if name not in REGISTRY:
        load()
    return REGISTRY[name]


def from_env(entry: Setting, environ: Mapping[str, str] | None = None) -> Any:
    """The entry's value from the environment (empty or unset: the declared default)."""
    environ = os.environ if environ is None else environ
    raw = environ.get(entry.variable or "", "") if entry.variable else ""
    if not raw.strip():
        return entry.default
    return entry.parse(raw)


def environment(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every declared entry with its value from the environment or its default.

    Raises ImproperlyConfigured (only imported then) listing every variable that does not parse or
    whose value is out of range, so a typo stops the start instead of running on a default."""
    errors, values = [], {}
    for entry in _all():
        try:
            value = from_env(entry, environ)
        except (ValueError, TypeError) as err:
            errors.append(f"{entry.variable}: 无法读取 / cannot read {_quoted(entry, environ)}: {err}")
            continue
        if entry.variable and value is not entry.default:
            errors += [f"{entry.variable}: {p}" for p in entry.problems(value)]
        values[entry.name] = value
    if errors:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("环境变量有误 / invalid environment variables:\n  - "
                                   + "\n  - ".join(errors) + "\n见 / see docs/configuration.md")
    return values


def _quoted(entry: Setting, environ: Mapping[str, str] | None) -> str:
    if any(word in entry.name for word in ("KEY", "PASSWORD")):
        return "(hidden)"  # never echo a secret into a log
    return repr((os.environ if environ is None else environ).get(entry.variable or "", ""))


def django_settings(values: Mapping[str, Any]) -> dict[str, Any]:
    """The declared Django settings among `values` (for ``globals().update`` in the settings)."""
    return {name: value for name, value in values.items() if REGISTRY[name].setting}


def _all() -> list[Setting]:
    return [s for group in load() for s in group.settings]


def _django_ready() -> bool:
    from django.conf import settings

    return settings.configured


def get(name: str) -> Any:
    """The value in force: django.conf.settings, else the declared default; env-only: the environment."""
    entry = declared(name)
    if entry.setting and _django_ready():
        from django.conf import settings

        return getattr(settings, name, entry.default)
    return from_env(entry)


def problems() -> list[tuple[str, str]]:
    """(setting, problem) for every declared Django setting whose value is not allowed."""
    from django.conf import settings

    out = []
    for entry in _all():
        if entry.setting and hasattr(settings, entry.name):
            out += [(entry.name, p) for p in entry.problems(getattr(settings, entry.name))]
    return out
