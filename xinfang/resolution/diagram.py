"""Draw this app's workflow tables (Mermaid + tables) into docs/resolution.md, between markers."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

START, END = "<!-- workflows:start (manage.py draw_resolution) -->", "<!-- workflows:end -->"


def doc_path() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "resolution.md"


def render() -> str:
    from .views import FLOWS

    out = [START, ""]
    for flow in FLOWS.values():
        status = flow.model.Status  # type: ignore[attr-defined]
        out += [f"#### {flow.label}（`{flow.name}`）", "", "```mermaid", "stateDiagram-v2"]
        out += [f"    {s.value}: {s.label}" for s in status]
        for t in flow.table.values():
            label = flow.action_label(t.action)
            if not t.sources:
                out.append(f"    [*] --> {t.target}: {label}")
            for src in sorted(t.sources):
                out.append(f"    {src} --> {t.target or src}: {label}")
        out += ["```", "", "| 操作 | 从 | 到 | 角色 | 依据 |", "|---|---|---|---|---|"]
        for t in flow.table.values():
            sources = "、".join(str(status(s).label) for s in sorted(t.sources)) or "（新建）"
            target = str(status(t.target).label) if t.target else "（不变）"
            roles = "、".join(sorted(t.roles))
            out.append(f"| {flow.action_label(t.action)} `{t.action}` | {sources} | {target} | "
                       f"{roles} | {t.doc} |")
        out.append("")
    out.append(END)
    return "\n".join(out)


def updated(text: str) -> str:
    """The document with its generated section replaced (appended if absent)."""
    if START in text and END in text:
        head, rest = text.split(START, 1)
        return head + render() + rest.split(END, 1)[1]
    return text.rstrip("\n") + "\n\n## The workflow tables, drawn\n\n" + render() + "\n"
