"""Adopted values carry into the next form (issue 15 item 5): the routing forms start from the
adopted proposal, the clerk may change them, the timeline says which were kept or changed."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from xinfang.cases.models import CaseEvent
from xinfang.cases.states import Action
from xinfang.orgs.models import Role
from xinfang.triage.services import triage_accept, triage_propose

from .helpers import petition, taxonomy
from .test_accept import LEAK

pytestmark = pytest.mark.django_db


def _selected(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select is not None, f"no {name} on the page"
    return re.findall(r'<option value="([^"]*)"[^>]*\bselected\b', select.group(1))


def _adopted(county, unit):  # noqa: ANN001, ANN202
    taxonomy()
    case = petition(county, *LEAK)
    triage_propose(case=case)
    registrar = county.user(county.bureau, Role.REGISTRAR)
    triage_accept(case=case, actor=registrar, corrections={"unit": unit})
    return case, registrar


@pytest.mark.parametrize("action", [Action.ASSIGN, Action.TRANSFER])
def test_the_routing_form_starts_from_the_adopted_unit(county, client, action) -> None:  # noqa: ANN001
    # given a proposal adopted with the township as the handling unit
    case, registrar = _adopted(county, county.township)
    client.force_login(registrar)
    # when the clerk opens the case page, then 交办/转送 start from that unit
    page = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert _selected(page, f"{action.value}-unit") == [str(county.township.pk)]


def test_without_an_adoption_the_form_is_empty(county, client) -> None:  # noqa: ANN001
    taxonomy()
    case = petition(county, *LEAK)
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    page = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert _selected(page, "assign-unit") in ([], [""])


@pytest.mark.parametrize(("sent_to", "kept", "changed"), [
    ("township", ["unit"], []),
    ("housing", [], ["unit"]),
])
def test_the_event_records_adopted_or_changed(county, client, django_capture_on_commit_callbacks,  # noqa: ANN001
                                              sent_to, kept, changed) -> None:
    case, registrar = _adopted(county, county.township)
    client.force_login(registrar)
    # when the clerk submits 交办, keeping or changing the prefilled unit
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("web:case-act", args=[case.number, "assign"]), {
            "assign-unit": getattr(county, sent_to).pk, "assign-due_days": 30, "assign-note": ""})
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.holding_unit == getattr(county, sent_to)
    event = CaseEvent.objects.get(case=case, type="triage.routing")
    assert event.data["action"] == "assign"
    assert (event.data["adopted"], event.data["changed"]) == (kept, changed)
    page = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert ("沿用采纳的研判建议" in page) is bool(kept)
    assert ("改动了采纳的研判建议" in page) is bool(changed)
