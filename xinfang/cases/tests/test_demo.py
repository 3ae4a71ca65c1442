"""The demo command: a county with staff of every role and cases along every route."""

import pytest
from django.core.management import CommandError, call_command

from xinfang.cases.models import (
    Case,
    ExtensionRequest,
    Instruction,
    Opinion,
    OpinionDraft,
    ProgressRecord,
    RouteFollowUp,
)
from xinfang.cases.states import Status
from xinfang.deadlines.models import DeadlineState
from xinfang.orgs.models import Role, User

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_a_county_with_cases_in_many_states(capsys, settings):  # noqa: ANN001
    settings.XINFANG_OPINION_SIGN_OFF = "auto"  # as `make run`: every answer is a signed draft
    call_command("seed_demo", cases=60, seed=7)
    statuses = set(Case.objects.values_list("status", flat=True))
    assert len(statuses) >= 10, statuses
    assert {Status.REGISTERED, Status.ACCEPTED, Status.CLOSED} <= statuses
    assert Case.objects.filter(deadlines__state=DeadlineState.OVERDUE).exists()
    routed = Case.objects.filter(status=Status.ROUTED)
    assert routed.exists()
    assert RouteFollowUp.objects.filter(case__in=routed).count() == routed.count()  # closed loop
    for role in (Role.REGISTRAR, Role.HANDLER, Role.APPROVER, Role.SUPERVISOR, Role.LEADER):
        assert User.objects.filter(roles__code=role, unit__code__startswith="QH").exists(), role
    assert User.objects.get(username="admin").check_password("demo12345")
    # the handling unit's working steps to click through (issue 15)
    assert Case.objects.filter(status=Status.MERGED, merged_into__isnull=False).exists()
    assert OpinionDraft.objects.filter(state=OpinionDraft.State.RETURNED).exists()
    assert ExtensionRequest.objects.filter(state=ExtensionRequest.State.PENDING).exists()
    assert Instruction.objects.exists() and ProgressRecord.objects.exists()
    assert Case.objects.filter(assigned_officer__isnull=False).exists()
    signed = Opinion.objects.filter(stage="handling")
    assert signed.exists() and all(o.draft.state == OpinionDraft.State.SIGNED for o in signed)
    assert "demo12345" in capsys.readouterr().out


def test_seed_demo_with_generated_text_when_shared_data_is_absent(settings, tmp_path):  # noqa: ANN001
    settings.XINFANG_SHARED_DATA = tmp_path
    call_command("seed_demo", cases=12, seed=1)
    assert Case.objects.count() >= 12  # the feature apps' demo records may add a few
    assert all(c.facts_reasons for c in Case.objects.all())


def test_seed_demo_refuses_a_second_run_unless_if_empty():
    call_command("seed_demo", cases=5)
    made = Case.objects.count()
    call_command("seed_demo", cases=5, if_empty=True)
    assert Case.objects.count() == made
    with pytest.raises(CommandError, match="演示数据已存在"):
        call_command("seed_demo", cases=5)
