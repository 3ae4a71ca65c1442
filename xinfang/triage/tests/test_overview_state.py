"""分类研判 overview: each proposal shows where it really stands (issue 15 item 5)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from xinfang.cases.scenarios import act
from xinfang.cases.states import Action
from xinfang.orgs.models import Role
from xinfang.triage.selectors import ProposalState, proposal_state
from xinfang.triage.services import triage_accept, triage_propose

from .helpers import petition, taxonomy
from .test_accept import COURT, LEAK

pytestmark = pytest.mark.django_db


def _state_on_page(client, case) -> str:  # noqa: ANN001
    page = client.get(reverse("triage:home")).content.decode()
    row = re.search(rf'{case.number}</a>.*?class="proposal-state[^"]*">([^<]+)</span>', page, re.S)
    assert row is not None, f"{case.number} not listed"
    return row.group(1)


def test_a_case_routed_without_the_proposal_is_not_listed_as_pending(county, client) -> None:
    # given a proposal, and a clerk who triaged and assigned the case by hand on the case page
    taxonomy()
    case = petition(county, *LEAK)
    triage_propose(case=case)
    case = act(county, case, Action.ASSIGN, target=county.township)
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    # then the overview no longer offers it as 待采纳: the case moved on without it
    assert _state_on_page(client, case) == str(ProposalState.STALE.label)


@pytest.mark.parametrize(("corrected_unit", "sent_to", "expected"), [
    (False, None, ProposalState.ADOPTED),          # adopted as it was, case still at the bureau
    (True, None, ProposalState.CHANGED),           # the registrar changed the unit when adopting
    (False, "township", ProposalState.CHANGED),    # adopted, then 交办 to another unit
])
def test_adopted_or_changed(county, client, corrected_unit, sent_to, expected) -> None:  # noqa: ANN001
    taxonomy()
    case = petition(county, *COURT)
    proposal = triage_propose(case=case)
    registrar = county.user(county.bureau, Role.REGISTRAR)
    corrections = {"unit": county.village} if corrected_unit else None
    assert proposal.unit != county.village
    triage_accept(case=case, actor=registrar, corrections=corrections)
    if sent_to:
        case = act(county, case, Action.ASSIGN, target=getattr(county, sent_to))
    proposal.refresh_from_db()
    assert proposal_state(proposal) == expected
    client.force_login(registrar)
    assert _state_on_page(client, case) == str(expected.label)


def test_pending_while_the_case_awaits_triage(county, client) -> None:
    taxonomy()
    case = petition(county, *COURT)
    triage_propose(case=case)
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    assert _state_on_page(client, case) == str(ProposalState.PENDING.label)
