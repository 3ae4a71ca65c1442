"""docs/configuration.md's tables, drawn from the declared settings (xinfang/core/conf.py) by
``manage.py draw_configuration``; the hand-written parts of the file around the markers stay as they
are. A test fails when the tables are stale (xinfang/core/tests/test_conf.py)."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from . import conf
from .diagram import replace_section

PATH = "docs/configuration.md"
START = "<!-- settings:start (manage.py draw_configuration) -->"
END = "<!-- settings:end -->"


def file() -> Path:
    return Path(settings.BASE_DIR) / PATH


def current_text() -> str:
    path = file()
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def shown_default(entry: conf.Setting) -> str:
    """The default as the docs show it."""
    if entry.shown:
        return entry.shown
    value = entry.default
    if isinstance(value, bool):
        return "on" if value else "off"
    if value is None or value == "" or value == [] or value == ():
        return "empty"
    if isinstance(value, Path):
        try:
            return f"`{value.relative_to(conf.REPO)}`"
        except ValueError:
            return f"`{value}`"
    if isinstance(value, list | tuple):
        return "`" + ",".join(map(str, value)) + "`"
    if isinstance(value, dict):
        return "`" + json.dumps(value, ensure_ascii=False) + "`"
    return f"`{value}`"


def allowed(entry: conf.Setting) -> str:
    """The type and the allowed values, in a few words."""
    word = {bool: "on/off (`1`/`0`)", int: "integer", float: "number", str: "text", Path: "path",
            list: "comma-separated list", tuple: "comma-separated list", dict: "JSON object"}
    out = word.get(entry.type, entry.type.__name__)
    if entry.choices:
        choices = ", ".join(f"`{c}`" if c != "" else "empty" for c in entry.choices)
        out = f"one of {choices}" if entry.type not in (list, tuple) else f"{out} of {choices}"
    if entry.min is not None and entry.max is not None:
        out += f" {entry.min:g}–{entry.max:g}"
    elif entry.min is not None:
        out += f" ≥ {entry.min:g}"
    elif entry.max is not None:
        out += f" ≤ {entry.max:g}"
    return out


def render() -> str:
    """The generated part: one table per group of settings, in the order of conf.MODULES."""
    out = [START, "", "<!-- Generated from the declarations (xinfang/*/conf.py, "
           "xinfang/core/deployment.py): edit those, then run `python manage.py draw_configuration`. -->",
           ""]
    for group in conf.load():
        out += [f"### {group.title}", ""]
        if group.intro:
            out += [group.intro, ""]
        out += ["| Variable | Default | Values | Setting | What |", "|---|---|---|---|---|"]
        for s in group.settings:
            what = s.doc + (" " + s.more if s.more else "")
            out.append(f"| `{s.variable or s.name}` | {_cell(shown_default(s))} | {_cell(allowed(s))} | "
                       f"{'✓' if s.setting else ''} | {_cell(what)} |")
        out.append("")
    out.append(END)
    return "\n".join(out)


def updated(text: str | None = None) -> str:
    """docs/configuration.md with its tables current."""
    text = current_text() if text is None else text
    return replace_section(text, START, END, render(), "## Settings")


def stale() -> bool:
    return updated() != current_text()
