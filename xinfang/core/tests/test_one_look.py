"""One look of the workflow engine (`core.workflow.one_look`): a page that asks many times which steps
it may offer reads a record's reach once, per record and per actor, and never outside the look."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xinfang.cases.scenarios import drive_to
from xinfang.cases.states import Action, Status
from xinfang.cases.workflow import CASES
from xinfang.core import workflow as engine
from xinfang.core.workflow import NotReachable
from xinfang.orgs.models import Role

pytestmark = pytest.mark.django_db


def _reach_reads(queries: list[dict]) -> int:
    return sum('"cases_casereach"' in q["sql"] for q in queries)


def test_a_look_reads_each_records_reach_once_and_keeps_records_and_actors_apart(county, other_county):
    mine = drive_to(county, Status.REGISTERED)
    theirs = drive_to(other_county, Status.REGISTERED)
    registrar = county.user(county.bureau, Role.REGISTRAR)
    outsider = other_county.user(other_county.bureau, Role.REGISTRAR)
    steps = (Action.TRANSFER, Action.ASSIGN, Action.ACCEPT, Action.NOT_ACCEPT, Action.TRIAGE)
    # outside a look every question reads the reach afresh (a step being taken never trusts a memo)
    with CaptureQueriesContext(connection) as alone:
        for action in steps:
            engine.refusal(CASES, mine, action, registrar)
    assert _reach_reads(alone.captured_queries) == len(steps)
    # inside one look the same questions read it once
    with engine.one_look(), CaptureQueriesContext(connection) as page:
        answers = [engine.refusal(CASES, mine, action, registrar) for action in steps]
        # and another record, or another actor, is asked about on its own
        other_record = engine.refusal(CASES, theirs, Action.TRANSFER, registrar)
        other_actor = engine.refusal(CASES, mine, Action.TRANSFER, outsider)
        again = engine.refusal(CASES, mine, Action.TRANSFER, registrar)
    assert _reach_reads(page.captured_queries) == 3
    assert answers[0] is None and again is None  # the bureau's registrar may transfer its case
    assert isinstance(other_record, NotReachable) and isinstance(other_actor, NotReachable)
