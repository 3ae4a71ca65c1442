"""The platform's settings: ``base`` (every mode) and one module per mode, chosen by ``XINFANG_MODE``.

- ``config.settings.prod``: production (the default: ``XINFANG_MODE`` unset or ``production``);
- ``config.settings.dev``: ``XINFANG_MODE=demo`` (alias ``dev``), the laptop and the demo;
- ``config.settings.test``: the test suite (pyproject.toml), demo mode.

manage.py and config/wsgi.py set ``DJANGO_SETTINGS_MODULE`` to :func:`module_for` the environment's
mode unless it is set. Every value comes from environment variables, each declared once with its
type and default (xinfang/core/conf.py, listed in docs/configuration.md); a bureau's own Python
values may go in ``config/settings/local.py`` (not in the repository), imported last when present.

``DJANGO_SETTINGS_MODULE=config.settings`` (earlier versions' name) still works: this package then
reads as the module of the environment's mode. Standard library only at import.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from types import ModuleType
from typing import Any

DEMO_MODES = frozenset({"demo", "dev", "development"})


def is_demo(environ: Mapping[str, str] | None = None) -> bool:
    """Whether ``XINFANG_MODE`` asks for demo mode (anything else, or nothing, is production)."""
    mode = (os.environ if environ is None else environ).get("XINFANG_MODE", "")
    return mode.strip().lower() in DEMO_MODES


def module_for(environ: Mapping[str, str] | None = None) -> str:
    """The settings module of the environment's mode."""
    return "config.settings.dev" if is_demo(environ) else "config.settings.prod"


def _selected() -> ModuleType:
    return importlib.import_module(module_for())


def __getattr__(name: str) -> Any:  # DJANGO_SETTINGS_MODULE=config.settings: the mode's module
    if not name.isupper():
        raise AttributeError(name)
    return getattr(_selected(), name)


def __dir__() -> list[str]:
    if os.environ.get("DJANGO_SETTINGS_MODULE") != __name__:
        return sorted(globals())
    return sorted({*globals(), *(n for n in dir(_selected()) if n.isupper())})
