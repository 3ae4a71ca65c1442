"""The workflow tables: every transition cites its article; creations and exits are consistent."""

import pytest

from xinfang.resolution.views import FLOWS

TRANSITIONS = [(name, t) for name, flow in FLOWS.items() for t in flow.table.values()]


@pytest.mark.parametrize(("flow", "transition"), TRANSITIONS,
                         ids=[f"{n}-{t.action}" for n, t in TRANSITIONS])
def test_each_transition_cites_the_law_and_has_a_form(flow, transition):
    f = FLOWS[flow]
    assert "第" in transition.doc and "条" in transition.doc, transition.doc
    assert transition.action in f.forms and transition.scope in f.scopes
    statuses = set(f.model.Status.values)
    assert transition.sources <= statuses and (transition.target is None
                                               or transition.target in statuses)


@pytest.mark.parametrize("flow", sorted(FLOWS))
def test_every_status_is_reachable(flow):
    f = FLOWS[flow]
    reached = {t.target for t in f.table.values() if not t.sources}
    while True:
        more = {t.target for t in f.table.values() if t.sources & reached and t.target} - reached
        if not more:
            break
        reached |= more
    assert reached == set(f.model.Status.values)


def test_drawing_in_the_docs_is_current():
    from xinfang.resolution.diagram import doc_path, updated

    text = doc_path().read_text(encoding="utf-8")
    assert updated(text) == text, "docs/resolution.md is stale: run manage.py draw_workflows"
