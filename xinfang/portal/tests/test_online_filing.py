"""Filing online is the case table's creating step `register`, taken by the petitioner (issue 14):
no account stands in for them, the case has no registrar, the timeline says who filed it, and the
receiving bureau's clock runs as for a petition at the counter."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from xinfang.cases.models import Case, CaseEvent, EventKind
from xinfang.cases.scenarios import petitioner_data
from xinfang.cases.services import case_register
from xinfang.cases.states import TRANSITIONS, Status
from xinfang.cases.workflow import case_transition
from xinfang.core import workflow as engine
from xinfang.core.errors import GuardFailed, PermissionDenied
from xinfang.core.models import Job
from xinfang.deadlines.models import RUNNING_STATES
from xinfang.deadlines.rules import DeadlineKind
from xinfang.notifications.models import Notification
from xinfang.notifications.petitioners import ACKNOWLEDGE_JOB
from xinfang.orgs.models import Role
from xinfang.portal.services import filing_actor, petitioner_actor

from .test_services import case_data, file

LABEL = {"zh-hans": "信访人本人（网上信访平台）", "en": "The petitioner (online portal)"}
# Staff steps the table allows on a just-registered case (the petitioner reaches the role check).
STAFF_FROM_REGISTERED = sorted(a for a, t in TRANSITIONS.items()
                               if Status.REGISTERED in t.sources
                               and engine.PETITIONER_ROLE not in t.roles)


def test_a_case_filed_online_has_no_registrar_and_its_intake_clock_runs(portal):
    # given the portal receiving for the county bureau
    # when a petitioner files online
    case = Case.objects.get(pk=file(portal).case.pk)
    # then nobody registered it, the bureau received it and the bureau's 15 days run (Art. 22)
    assert case.registered_by is None
    assert case.registered_unit == case.holding_unit == portal.bureau
    assert case.status == Status.REGISTERED
    intake = case.deadlines.get(kind=DeadlineKind.INTAKE)
    assert intake.state in RUNNING_STATES and intake.started_on == case.received_on
    # and the first entry of its timeline is the petitioner's filing, with no user or unit
    first = case.events.order_by("pk").first()
    assert (first.type, first.kind, first.actor_id, first.unit_id) == (
        "case.registered", EventKind.REGISTERED, None, None)
    assert first.by_petitioner and first.data["via"] == "portal"
    assert first.data["channel"] == "online"


def test_the_registration_receivers_run_for_an_online_filing(portal):
    # given the portal; when a petitioner files online
    case = file(portal).case
    # then, in the filing's transaction, the two after-commit jobs were written (issue 17)
    assert set(Job.objects.filter(args__case=case.pk).values_list("name", flat=True)) >= {
        "triage.propose", ACKNOWLEDGE_JOB}


def test_the_petitioner_is_told_their_online_filing_was_received(portal, jobs_at_once):
    # given the portal, with jobs run as soon as their transaction would commit
    # when a petitioner files online
    case = file(portal).case
    # then the acknowledgement reaches the petitioner
    assert Notification.objects.filter(case=case, petitioner__isnull=False).exists()


@pytest.mark.parametrize("language", sorted(LABEL))
def test_the_staff_case_page_says_the_petitioner_filed_it(client, portal, language):
    # given a case filed online
    case = file(portal).case
    # when the bureau's registrar opens it in their language
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(portal.user(portal.bureau, Role.REGISTRAR))
    page = client.get(reverse("web:case", args=[case.number]))
    # then the registration line and the registration's timeline entry name the petitioner
    assert page.status_code == 200
    body = page.content.decode()
    registered = case.events.get(kind=EventKind.REGISTERED)
    entry = body[body.index(f'datetime="{timezone.localtime(registered.at).isoformat()}"'):]
    entry = entry[:entry.index("</li>")]
    assert f'<span class="actor">{LABEL[language]}</span>' in entry
    assert f"{portal.bureau.name} · {LABEL[language]} ·" in body
    assert "None" not in body


@pytest.mark.parametrize("action", STAFF_FROM_REGISTERED)
def test_the_petitioner_cannot_take_a_staff_step_on_the_filed_case(portal, action):
    # given the petitioner's own case, just filed online
    receipt = file(portal)
    before = CaseEvent.objects.filter(case=receipt.case).count()
    # when the petitioner tries a step the table gives only to staff
    with pytest.raises(PermissionDenied, match="信访人不能在网上办理"):
        case_transition(case_id=receipt.case.pk, action=action,
                        actor=petitioner_actor(receipt.submission), params={})
    # then nothing changed
    assert Case.objects.get(pk=receipt.case.pk).status == Status.REGISTERED
    assert CaseEvent.objects.filter(case=receipt.case).count() == before


def test_the_petitioner_of_a_case_cannot_register_another_through_it(portal):
    # given the petitioner acting on their filed case (query code and phone checked)
    receipt = file(portal)
    cases = Case.objects.count()
    # when that actor tries the creating step: only the filing actor (no case yet) may
    with pytest.raises(PermissionDenied, match="信访人不能在网上办理"):
        case_register(actor=petitioner_actor(receipt.submission), unit=portal.bureau,
                      data={**case_data(portal), "channel": "online"},
                      petitioners=[petitioner_data()], identity_checked=False)
    # then no case was added
    assert Case.objects.count() == cases


def test_an_online_filing_goes_to_a_bureau_only(portal):
    # given a unit that is not a petition bureau nor the portal's configured unit
    cases = Case.objects.count()
    # when a filing is addressed to it
    with pytest.raises(GuardFailed, match="不接收网上信访"):
        case_register(actor=filing_actor(), unit=portal.housing,
                      data={**case_data(portal), "channel": "online"},
                      petitioners=[petitioner_data()], identity_checked=False)
    # then nothing was registered
    assert Case.objects.count() == cases
