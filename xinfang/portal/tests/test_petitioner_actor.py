"""The petitioner as an actor of the case workflow (issue 14: staff, system, petitioner): the table
gives the petitioner exactly its own steps, on its own case only, and the timeline says who acted."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from xinfang.cases.models import Case, CaseEvent, EventKind, Rating
from xinfang.cases.scenarios import act
from xinfang.cases.states import TRANSITIONS, Action, Status
from xinfang.cases.workflow import case_transition
from xinfang.core import workflow as engine
from xinfang.core.errors import IllegalTransition, PermissionDenied
from xinfang.orgs.models import Role
from xinfang.portal.services import petitioner_actor, portal_rate, portal_request_review

from .test_services import answered, file

PETITIONER_STEPS = {Action.RATE, Action.REQUEST_REVIEW, Action.REQUEST_RECHECK}
# Staff steps the table allows from 已答复: the petitioner reaches the status check, then is refused.
STAFF_FROM_ANSWERED = sorted(a for a, t in TRANSITIONS.items()
                             if Status.ANSWERED in t.sources and a not in PETITIONER_STEPS)
# Staff steps not allowed from 已答复 at all: refused for the status first, like anyone's.
STAFF_ELSEWHERE = [Action.ACCEPT, Action.TRANSFER, Action.ANSWER_REVIEW, Action.ANSWER_RECHECK]


def test_the_table_gives_the_petitioner_exactly_its_own_steps():
    # filing online (the creating step) and the three steps on the petitioner's own case
    assert {a for a, t in TRANSITIONS.items() if engine.PETITIONER_ROLE in t.roles} == (
        PETITIONER_STEPS | {Action.REGISTER})
    assert engine.PETITIONER_ROLE not in Role.values  # no staff user can hold it


@pytest.mark.parametrize("action", STAFF_FROM_ANSWERED)
def test_the_petitioner_cannot_take_a_staff_step(portal, action):
    # given the petitioner's own answered case
    receipt, case = answered(portal)
    before = CaseEvent.objects.filter(case=case).count()
    # when the petitioner tries a step the table gives only to staff
    with pytest.raises(PermissionDenied, match="信访人不能在网上办理"):
        case_transition(case_id=case.pk, action=action, actor=petitioner_actor(receipt.submission),
                        params={})
    # then nothing changed
    assert Case.objects.get(pk=case.pk).status == Status.ANSWERED
    assert CaseEvent.objects.filter(case=case).count() == before


@pytest.mark.parametrize("action", STAFF_ELSEWHERE)
def test_a_step_from_another_status_is_illegal_for_the_petitioner_too(portal, action):
    receipt, case = answered(portal)
    with pytest.raises(IllegalTransition):
        case_transition(case_id=case.pk, action=action, actor=petitioner_actor(receipt.submission))
    assert Case.objects.get(pk=case.pk).status == Status.ANSWERED


def test_the_petitioner_cannot_act_on_another_petitioners_case(portal):
    # given two answered online cases of two petitioners
    mine, _my_case = answered(portal)
    other = file(portal, token="z" * 10 + "A1b2C3d4E5f6G7h9", phone="13900009999", name="王五")
    other_case = other.case
    for action in (Action.TRANSFER, Action.ACCEPT, Action.ANSWER):
        other_case = act(portal, other_case, action)
    # when the first petitioner's actor is pointed at the other case
    with pytest.raises(Case.DoesNotExist):  # → 404: the case is not theirs, nothing leaks
        case_transition(case_id=other_case.pk, action=Action.RATE,
                        actor=petitioner_actor(mine.submission), params={"satisfaction": "satisfied"})
    # then the other case has no rating and is where it was
    assert not Rating.objects.filter(case=other_case).exists()
    assert Case.objects.get(pk=other_case.pk).status == Status.ANSWERED


def test_the_petitioner_sees_no_offered_staff_step(portal):
    receipt, case = answered(portal)
    actor = petitioner_actor(receipt.submission)
    offered = {t.action for t in engine.WORKFLOWS["case"].available(actor, case)}
    # 复核 only after a 复查 answer; `rate` is internal (taken by the one rating form), so the
    # engine's check is asked for it directly
    assert offered == {Action.REQUEST_REVIEW}
    assert engine.allowed(engine.WORKFLOWS["case"], case, Action.RATE, actor)
    assert not engine.allowed(engine.WORKFLOWS["case"], case, Action.ACCEPT, actor)


def test_petitioner_events_name_no_user_and_say_the_petitioner_acted(portal):
    # given an answered online case, rated and then taken to 复查 by the petitioner
    receipt, case = answered(portal)
    portal_rate(submission=receipt.submission, satisfaction="satisfied")
    portal_request_review(submission=receipt.submission, reason="不服")
    # then every event of those steps has no user row and says the petitioner acted via the portal
    events = CaseEvent.objects.filter(case=case, action__in=[Action.RATE, Action.REQUEST_REVIEW])
    assert {e.type for e in events} >= {"case.rated", "portal.rated", "case.routed",
                                         "portal.requested"}
    assert all(e.actor_id is None and e.by_petitioner and e.data["via"] == "portal"
               for e in events)
    rating = Rating.objects.get(case=case)
    assert rating.recorded_by is None
    # and staff events still name their user
    assert CaseEvent.objects.filter(case=case, action=Action.ANSWER, actor__isnull=False).exists()
    # and the registration too: the petitioner filed it online
    assert CaseEvent.objects.get(case=case, kind=EventKind.REGISTERED).by_petitioner


@pytest.mark.parametrize(("language", "label"), [("zh-hans", "信访人本人（网上信访平台）"),
                                                  ("en", "The petitioner (online portal)")])
def test_the_staff_timeline_shows_the_petitioner_as_the_actor(client, portal, language, label):
    # given a case the petitioner rated online
    receipt, case = answered(portal)
    portal_rate(submission=receipt.submission, satisfaction="satisfied")
    # when the bureau's registrar opens the case in their language
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(portal.user(portal.bureau, Role.REGISTRAR))
    page = client.get(reverse("web:case", args=[case.number]))
    # then each of the rating's entries names the petitioner, not the system
    assert page.status_code == 200
    rated = CaseEvent.objects.filter(case=case, action=Action.RATE).count()
    assert rated >= 2  # the step, the rating, the portal's note
    by_petitioner = [e for e in CaseEvent.objects.filter(case=case) if e.by_petitioner]
    assert len(by_petitioner) > rated  # the filing's entries too (registration, first clock)
    assert page.content.decode().count(f'<span class="actor">{label}</span>') == len(by_petitioner)
