"""This app's workflow tables (Mermaid + tables) in docs/resolution.md, between markers; drawn by
`manage.py draw_workflows` (xinfang.core.diagram)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from xinfang.core.diagram import render_tables, replace_section

START, END = "<!-- workflows:start (manage.py draw_resolution) -->", "<!-- workflows:end -->"


def doc_path() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "resolution.md"


def render() -> str:
    from .views import FLOWS

    return "\n".join([START, "", *render_tables(FLOWS.values()), END])


def updated(text: str) -> str:
    """The document with its generated section replaced (appended if absent)."""
    return replace_section(text, START, END, render(), "## The workflow tables, drawn")
