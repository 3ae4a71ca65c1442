"""A proposal is made as soon as a registration commits (Huey task; in-process by default)."""

from __future__ import annotations

import logging

import pytest
from django.test import override_settings

from xinfang.cases.models import Case
from xinfang.cases.scenarios import params_for
from xinfang.cases.states import Action
from xinfang.cases.workflow import case_transition
from xinfang.orgs.models import Role
from xinfang.triage import tasks
from xinfang.triage.models import TriageProposal

from .helpers import petition, taxonomy

pytestmark = pytest.mark.django_db

WAGES = ("工地拖欠农民工工资", "请求督促施工单位支付拖欠的工资。",
         "我在城关镇某小区工地干了八个月木工，包工头拖欠工资两万三千元，多次讨要无果。")


def test_registration_leaves_a_proposal_behind(county, django_capture_on_commit_callbacks) -> None:
    taxonomy()
    with django_capture_on_commit_callbacks(execute=True):
        case = petition(county, *WAGES)
    proposal = TriageProposal.objects.get(case=case)
    assert proposal.reasons and not proposal.decided


def test_nothing_happens_before_the_registration_commits(county, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case = petition(county, *WAGES)
    assert callbacks and not TriageProposal.objects.filter(case=case).exists()


@override_settings(XINFANG_TRIAGE_ON_REGISTER=False)
def test_can_be_switched_off(county, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        case = petition(county, *WAGES)
    assert not TriageProposal.objects.filter(case=case).exists()


def test_a_case_triaged_meanwhile_is_left_alone(county) -> None:
    case = petition(county, *WAGES)
    case_transition(case_id=case.pk, action=Action.TRIAGE, actor=county.user(county.bureau, Role.REGISTRAR),
                    params=params_for(county, case, Action.TRIAGE))
    assert tasks.propose_after_registration.call_local(case.pk) == "skipped"
    assert not TriageProposal.objects.filter(case=case).exists()


def test_a_failing_assistant_never_undoes_the_registration(county, monkeypatch, caplog,
                                                           django_capture_on_commit_callbacks) -> None:
    def broken(**kwargs):  # noqa: ANN003, ANN202
        raise RuntimeError("model file unreadable")

    monkeypatch.setattr(tasks, "triage_propose", broken)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        case = petition(county, *WAGES)
    assert Case.objects.filter(pk=case.pk).exists()
    assert not TriageProposal.objects.filter(case=case).exists()
    assert "model file unreadable" in caplog.text  # logged by the task queue, not raised
