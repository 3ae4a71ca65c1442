"""Every workflow table drawn into the docs by one command, `manage.py draw_workflows`.

`DRAWINGS` lists the documents and the workflows each draws: the case workflow has its own document
(docs/workflow.md, with its clocks); the others get a generated section (Mermaid + table) between
markers in their app's document. A test fails when a drawing is stale or a workflow is drawn nowhere.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .workflow import RESTORE, WORKFLOWS, Workflow

# The modules that declare workflows (importing them fills `WORKFLOWS`).
WORKFLOW_MODULES = (
    "xinfang.cases.workflow",
    "xinfang.resolution.mediation",
    "xinfang.resolution.hearings",
    "xinfang.resolution.supervision",
    "xinfang.resolution.satisfaction",
    "xinfang.warning.workflow",
    "xinfang.suggestions.workflow",
    "xinfang.whistle.workflow",
    "xinfang.deliberation.workflow",
    "xinfang.servicepoints.workflow",
    "xinfang.servicepoints.consults",
    "xinfang.servicepoints.sittings",
    "xinfang.riskreview.workflow",
    "xinfang.institutions.workflow",
    "xinfang.reception.workflow",
    "xinfang.institutions.conference",
    "xinfang.institutions.disputes",
    "xinfang.reviewboard.workflow",
    "xinfang.joint.workflow",
    "xinfang.xborder.workflow",
)


def all_workflows() -> dict[str, Workflow]:
    """Every declared workflow, by name."""
    for module in WORKFLOW_MODULES:
        importlib.import_module(module)
    return dict(WORKFLOWS)


def render_tables(workflows: Iterable[Workflow]) -> list[str]:
    """One Mermaid state diagram and one table per workflow, in the order given."""
    out: list[str] = []
    for wf in workflows:
        status = wf.statuses
        out += [f"#### {wf.label}（`{wf.name}`）", "", "```mermaid", "stateDiagram-v2"]
        out += [f"    {s.value}: {s.label}" for s in status]
        for t in wf.table.values():
            label = wf.action_label(t.action)
            if not t.sources:
                out.append(f"    [*] --> {t.target}: {label}")
            for src in sorted(t.sources):
                for target in (t.targets if t.target else (src,)):
                    out.append(f"    {src} --> {target}: {label}")
        out += ["```", "", "| 操作 | 从 | 到 | 角色 | 依据 |", "|---|---|---|---|---|"]
        for t in wf.table.values():
            sources = "、".join(str(status(s).label) for s in sorted(t.sources)) or "（新建）"
            target = ("（恢复原状态）" if t.target is RESTORE
                      else str(status(t.target).label) if t.target else "（不变）")
            roles = "、".join(sorted(t.roles))
            out.append(f"| {wf.action_label(t.action)} `{t.action}` | {sources} | {target} | "
                       f"{roles} | {t.doc} |")
        out.append("")
    return out


def replace_section(text: str, start: str, end: str, body: str, heading: str) -> str:
    """`text` with the part between the markers replaced by `body` (appended if absent)."""
    if start in text and end in text:
        head, rest = text.split(start, 1)
        return head + body + rest.split(end, 1)[1]
    return text.rstrip("\n") + f"\n\n{heading}\n\n" + body + "\n"


@dataclass(frozen=True)
class Drawing:
    path: str  # relative to BASE_DIR
    workflows: tuple[str, ...]
    redraw: Callable[[str], str]  # the document's text -> the text with its drawing current

    def file(self) -> Path:
        return Path(settings.BASE_DIR) / self.path

    def current_text(self) -> str:
        path = self.file()
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def updated(self) -> str:
        return self.redraw(self.current_text())


def _cases(_text: str) -> str:
    from xinfang.cases.diagram import render_workflow_markdown

    return render_workflow_markdown()


def _resolution(text: str) -> str:
    from xinfang.resolution.diagram import updated

    return updated(text)


WARNING_START = "<!-- workflows:start (manage.py draw_workflows) -->"
WARNING_END = "<!-- workflows:end -->"


def _warning(text: str) -> str:
    body = "\n".join([WARNING_START, "", *render_tables([all_workflows()["warning"]]), WARNING_END])
    return replace_section(text, WARNING_START, WARNING_END, body,
                           "## The warning workflow, drawn")


def _suggestions(text: str) -> str:
    body = "\n".join([WARNING_START, "", *render_tables([all_workflows()["suggestion"]]),
                      WARNING_END])
    return replace_section(text, WARNING_START, WARNING_END, body,
                           "## The suggestion workflow, drawn")


def _whistle(text: str) -> str:
    body = "\n".join([WARNING_START, "", *render_tables([all_workflows()["whistle"]]),
                      WARNING_END])
    return replace_section(text, WARNING_START, WARNING_END, body,
                           "## The whistle workflow, drawn")


def _deliberation(text: str) -> str:
    body = "\n".join([WARNING_START, "", *render_tables([all_workflows()["deliberation"]]),
                      WARNING_END])
    return replace_section(text, WARNING_START, WARNING_END, body,
                           "## The deliberation workflow, drawn")


def _servicepoints(text: str) -> str:
    flows = all_workflows()
    body = "\n".join([WARNING_START, "", *render_tables([flows["need"], flows["consult"],
                                                          flows["sitting_booking"]]),
                      WARNING_END])
    return replace_section(text, WARNING_START, WARNING_END, body,
                           "## The need and 四诊 workflows, drawn")


def _riskreview(text: str) -> str:
    body = "\n".join([WARNING_START, "", *render_tables([all_workflows()["major_decision"]]),
                      WARNING_END])
    return replace_section(text, WARNING_START, WARNING_END, body,
                           "## The major-decision workflow, drawn")


INSTITUTIONS = ("urgent_report", "urgent_receipt", "meeting", "decision", "dispute")
INSTITUTIONS_START = "<!-- workflows:start (manage.py draw_workflows) -->"
INSTITUTIONS_END = "<!-- workflows:end -->"


def _institutions(text: str) -> str:
    flows = all_workflows()
    body = "\n".join([INSTITUTIONS_START, "", *render_tables([flows[name] for name in INSTITUTIONS]),
                      INSTITUTIONS_END])
    return replace_section(text, INSTITUTIONS_START, INSTITUTIONS_END, body,
                           "## The urgent-report workflows, drawn")


def _reviewboard(text: str) -> str:
    flows = all_workflows()
    body = "\n".join([WARNING_START, "", *render_tables([flows["lawyer_opinion"],
                                                          flows["committee_referral"]]),
                      WARNING_END])
    return replace_section(text, WARNING_START, WARNING_END, body,
                           "## The review workflows, drawn")


def _reception(text: str) -> str:
    flows = all_workflows()
    body = "\n".join([WARNING_START, "", *render_tables([flows["reception_session"],
                                                          flows["reception_booking"]]),
                      WARNING_END])
    return replace_section(text, WARNING_START, WARNING_END, body,
                           "## The reception workflows, drawn")


def _joint(text: str) -> str:
    body = "\n".join([WARNING_START, "", *render_tables([all_workflows()["joint_part"]]),
                      WARNING_END])
    return replace_section(text, WARNING_START, WARNING_END, body,
                           "## The joint-handling workflow, drawn")
def _xborder(text: str) -> str:
    body = "\n".join([WARNING_START, "", *render_tables([all_workflows()["fast_track"]]),
                      WARNING_END])
    return replace_section(text, WARNING_START, WARNING_END, body,
                           "## The fast-track workflow, drawn")


EVENTS_START = "<!-- events:start (manage.py draw_workflows) -->"
EVENTS_END = "<!-- events:end -->"


def _events(text: str) -> str:
    """The event vocabulary by app: code, label, what a sample reads like, when it is written."""
    from django.utils import translation

    from xinfang.core.events import types_of

    rows = ["| type | label | reads like (sample data) | written when |", "|---|---|---|---|"]
    with translation.override("zh-hans"):
        for t in types_of():
            rows.append(f"| `{t.code}` | {t.label} | {t.render(dict(t.sample))} | {t.doc} |")
    body = "\n".join([EVENTS_START, "", *rows, "", EVENTS_END])
    return replace_section(text, EVENTS_START, EVENTS_END, body, "### Every event type, drawn")


DRAWINGS = (
    Drawing("docs/workflow.md", ("case",), _cases),
    Drawing("docs/resolution.md",
            ("mediation", "hearing", "order", "leader", "recommendation", "followup"), _resolution),
    Drawing("docs/warning.md", ("warning",), _warning),
    Drawing("docs/suggestions.md", ("suggestion",), _suggestions),
    Drawing("docs/whistle.md", ("whistle",), _whistle),
    Drawing("docs/deliberation.md", ("deliberation",), _deliberation),
    Drawing("docs/servicepoints.md", ("need", "consult", "sitting_booking"), _servicepoints),
    Drawing("docs/riskreview.md", ("major_decision",), _riskreview),
    Drawing("docs/institutions.md", INSTITUTIONS, _institutions),
    Drawing("docs/reception.md", ("reception_session", "reception_booking"), _reception),
    Drawing("docs/reviewboard.md", ("lawyer_opinion", "committee_referral"), _reviewboard),
    Drawing("docs/jointhandling.md", ("joint_part",), _joint),
    Drawing("docs/xborder.md", ("fast_track",), _xborder),
    Drawing("docs/architecture.md", (), _events),  # the event vocabulary (xinfang.core.events)
)
