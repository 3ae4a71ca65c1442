"""Huey tasks of the triage assistant: a proposal ready before the registrar opens the case."""

from __future__ import annotations

import logging
from typing import Any

from huey.contrib.djhuey import db_task

from xinfang.cases.models import Case
from xinfang.cases.states import Status
from xinfang.core.conf import get
from xinfang.core.jobs import job_enqueue, job_handler

from .models import TriageProposal
from .services import triage_propose

log = logging.getLogger(__name__)


@db_task(retries=2, retry_delay=60)
def propose_after_registration(case_pk: int) -> str:
    """Propose for a newly registered case, once: skipped when it was triaged (has a legal route),
    moved on or proposed for already."""
    case = Case.objects.filter(pk=case_pk, status=Status.REGISTERED, legal_route="").first()
    if case is None or TriageProposal.objects.filter(case_id=case_pk).exists():
        return "skipped"
    proposal = triage_propose(case=case)
    return "ask_human" if proposal.ask_human else "proposed"


#: the outbox job written with each registration (core/jobs.py)
PROPOSE_JOB = "triage.propose"


@job_handler(PROPOSE_JOB)
def propose_job(case: int) -> str:
    """The outbox job written with the registration (idempotent: see propose_after_registration)."""
    return propose_after_registration.call_local(case)


def on_case_registered(sender: Any, case: Case, **kwargs: Any) -> None:  # noqa: ARG001
    """Receiver of ``case_registering`` (inside the registration's transaction): writes the outbox
    job that proposes after commit, so that no kill -9 between commit and queue loses the proposal.
    ``XINFANG_TRIAGE_ON_REGISTER = False`` turns it off (proposals are then made when the case page is
    first opened, or by ``triage_pending``). A failure of the assistant is logged and retried by the
    job, never raised: the petition is registered and must stay so."""
    if not get("XINFANG_TRIAGE_ON_REGISTER"):
        return
    job_enqueue(name=PROPOSE_JOB, case=case.pk)
