"""The workflow drawing in the docs is generated from the table and must not go stale."""

from xinfang.cases.diagram import render_workflow_markdown, workflow_doc_path
from xinfang.cases.states import TRANSITIONS, Status


def test_workflow_doc_is_current():
    assert workflow_doc_path().read_text(encoding="utf-8") == render_workflow_markdown(), (
        "docs/workflow.md is stale: run `python manage.py draw_workflows`")


def test_drawing_has_every_status_and_every_status_changing_transition():
    text = render_workflow_markdown()
    for status in Status:
        assert f"    {status.value}: {status.label}" in text
    for t in TRANSITIONS.values():
        assert f"`{t.action.value}`" in text
        for source in t.sources:
            for target in t.targets:
                assert f"{source.value} --> {target.value}: {t.action.label}" in text
