"""The suggestion workflow (Art. 29): every allowed and forbidden step, roles, scope, guards,
events, and what the proposer is told."""

import pytest
from django.db import connection

from xinfang.core.errors import GuardFailed, IllegalTransition, InvalidParams, PermissionDenied
from xinfang.core.workflow import PetitionerActor
from xinfang.notifications.models import Channel, Notification
from xinfang.orgs.models import Role
from xinfang.orgs.services import staff_create
from xinfang.suggestions.models import Outcome, Suggestion
from xinfang.suggestions.states import (
    DECIDING,
    TRANSITIONS,
    SuggestionAction,
    SuggestionStatus,
)
from xinfang.suggestions.workflow import (
    SUGGESTIONS,
    available_actions,
    suggestion_create,
    suggestion_transition,
)

from .helpers import PROPOSAL, actor, bring, enter, params_for

A, S = SuggestionAction, SuggestionStatus
STEPS = {a: t for a, t in TRANSITIONS.items() if not t.creates}
ALLOWED = [(a, s) for a, t in STEPS.items() for s in t.sources]
# A step from a status it does not start from is IllegalTransition; the deciding unit cannot even see
# a suggestion not yet referred to it (404, like any record outside its reach).
FORBIDDEN = [(a, s, Suggestion.DoesNotExist if (s == S.SUBMITTED and t.scope == DECIDING)
              else IllegalTransition)
             for a, t in STEPS.items() for s in S if s not in t.sources]


@pytest.fixture(autouse=True)
def _rewards_on(settings):  # noqa: ANN001
    settings.XINFANG_SUGGESTION_REWARDS = True


@pytest.mark.parametrize(("action", "status"), ALLOWED)
def test_allowed_step(county, action, status):
    s = bring(county, status)
    who = actor(county, action)
    s = suggestion_transition(suggestion_id=s.pk, action=action, actor=who,
                              params=params_for(county, action))
    assert s.status == (TRANSITIONS[action].target or status)
    event = s.events.last()
    assert (event.action, event.actor, event.unit) == (action.value, who, who.unit)
    if TRANSITIONS[action].target:
        assert (event.old_value, event.new_value) == (status.value, s.status)


@pytest.mark.parametrize(("action", "status", "error"), FORBIDDEN)
def test_forbidden_step(county, action, status, error):
    s = bring(county, status)
    with pytest.raises(error):
        suggestion_transition(suggestion_id=s.pk, action=action, actor=actor(county, action),
                              params=params_for(county, action))
    assert Suggestion.objects.get(pk=s.pk).status == status


@pytest.mark.parametrize("action", list(STEPS))
def test_a_role_the_step_does_not_name_is_refused(county, action):
    status = sorted(TRANSITIONS[action].sources)[0]
    s = bring(county, status)
    unit = actor(county, action).unit
    role = next(r for r in Role if r not in TRANSITIONS[action].roles)
    who = staff_create(username=f"x_{role}", unit=unit, roles=[role])
    with pytest.raises(PermissionDenied):
        suggestion_transition(suggestion_id=s.pk, action=action, actor=who,
                              params=params_for(county, action))
    assert Suggestion.objects.get(pk=s.pk).status == status


@pytest.mark.parametrize("action", list(STEPS))
def test_the_right_role_in_the_wrong_unit_is_refused(county, action):
    """The county government sees the suggestion but neither received nor decides it."""
    status = sorted(TRANSITIONS[action].sources)[0]
    s = bring(county, status)
    role = sorted(TRANSITIONS[action].roles)[0]
    with pytest.raises(PermissionDenied):
        suggestion_transition(suggestion_id=s.pk, action=action,
                              actor=county.user(county.county, role),
                              params=params_for(county, action))


def test_another_county_cannot_see_it(county, other_county):
    s = bring(county, S.SUBMITTED)
    with pytest.raises(Suggestion.DoesNotExist):
        suggestion_transition(suggestion_id=s.pk, action=A.REFER,
                              actor=other_county.user(other_county.bureau, Role.APPROVER),
                              params={"unit": other_county.housing.pk})


def test_refer_only_to_a_unit_within_reach(county, other_county):
    s = bring(county, S.SUBMITTED)
    with pytest.raises(InvalidParams):
        suggestion_transition(suggestion_id=s.pk, action=A.REFER, actor=actor(county, A.REFER),
                              params={"unit": other_county.housing.pk})
    assert Suggestion.objects.get(pk=s.pk).deciding_unit is None


def test_decline_needs_reasons(county):
    s = bring(county, S.ANSWERED)
    with pytest.raises(InvalidParams):
        suggestion_transition(suggestion_id=s.pk, action=A.DECLINE,
                              actor=actor(county, A.DECLINE), params={"note": ""})
    assert Suggestion.objects.get(pk=s.pk).status == S.ANSWERED


def test_adopt_partly_records_the_outcome(county):
    s = bring(county, S.ANSWERED)
    s = suggestion_transition(suggestion_id=s.pk, action=A.ADOPT, actor=actor(county, A.ADOPT),
                              params={"partly": "on", "note": "先在镇政府停车场试点"})
    assert (s.status, s.outcome, s.decision_note) == (S.ADOPTED, Outcome.PARTLY, "先在镇政府停车场试点")


def test_publish_needs_the_proposers_consent(county):
    s = bring(county, S.ADOPTED, publish_consent="")
    assert A.PUBLISH not in available_actions(actor(county, A.PUBLISH), s)
    with pytest.raises(GuardFailed):
        suggestion_transition(suggestion_id=s.pk, action=A.PUBLISH, actor=actor(county, A.PUBLISH))
    assert Suggestion.objects.get(pk=s.pk).status == S.ADOPTED


def test_reward_only_where_the_locality_grants_them(county, settings):
    settings.XINFANG_SUGGESTION_REWARDS = False
    s = bring(county, S.ADOPTED)
    assert A.REWARD not in available_actions(actor(county, A.REWARD), s)
    with pytest.raises(GuardFailed):
        suggestion_transition(suggestion_id=s.pk, action=A.REWARD, actor=actor(county, A.REWARD),
                              params={"reward": "荣誉证书"})
    assert Suggestion.objects.get(pk=s.pk).reward == ""


def test_reward_only_once_and_only_when_adopted(county):
    s = bring(county, S.ADOPTED)
    s = suggestion_transition(suggestion_id=s.pk, action=A.REWARD, actor=actor(county, A.REWARD),
                              params={"reward": "荣誉证书"})
    assert (s.status, s.reward) == (S.ADOPTED, "荣誉证书")
    with pytest.raises(GuardFailed):
        suggestion_transition(suggestion_id=s.pk, action=A.REWARD, actor=actor(county, A.REWARD),
                              params={"reward": "奖金"})
    declined = bring(county, S.NOT_ADOPTED)
    declined = suggestion_transition(suggestion_id=declined.pk, action=A.PUBLISH,
                                     actor=actor(county, A.PUBLISH))
    with pytest.raises(GuardFailed):
        suggestion_transition(suggestion_id=declined.pk, action=A.REWARD,
                              actor=actor(county, A.REWARD), params={"reward": "荣誉证书"})


def test_staff_entry_only_by_a_receiving_unit(county):
    with pytest.raises(PermissionDenied):
        suggestion_create(action=A.ENTER, actor=county.user(county.housing, Role.REGISTRAR),
                          params={**PROPOSAL, "concerns_unit": county.township.pk})
    assert not Suggestion.objects.exists()


def test_the_portal_may_only_submit_and_staff_may_not_submit_as_the_portal(county):
    params = {**PROPOSAL, "concerns_unit": county.township.pk, "token": "t" * 32}
    with pytest.raises(PermissionDenied):
        suggestion_create(action=A.ENTER, actor=PetitionerActor(), params=params)
    with pytest.raises(PermissionDenied):
        suggestion_create(action=A.SUBMIT, actor=county.user(county.bureau, Role.REGISTRAR),
                          params=params)
    s = suggestion_create(action=A.SUBMIT, actor=PetitionerActor(), params=params)
    assert (s.status, s.channel, s.receiving_unit) == (S.SUBMITTED, "portal", county.bureau)
    assert s.events.get().actor is None


def test_named_or_anonymous(county):
    with pytest.raises(InvalidParams):
        enter(county, name="")
    s = enter(county, name="", anonymous="on")
    assert (s.anonymous, s.proposer_name, s.proposer_display) == (True, "", "匿名")
    named = enter(county)
    assert named.proposer_display == "李*"


def test_proposer_is_stored_encrypted(county):
    s = enter(county)
    with connection.cursor() as cur:
        cur.execute("SELECT proposer_name, proposer_phone FROM suggestions_suggestion WHERE id=%s",
                    [s.pk])
        name, phone = cur.fetchone()
    assert "李四" not in name and "13900001111" not in phone
    s.refresh_from_db()
    assert (s.proposer_name, s.phone_masked) == ("李四", "139****1111")


def test_the_proposer_is_acknowledged_answered_and_told_the_outcome(county):
    s = bring(county, S.ADOPTED)
    sms = list(Notification.objects.filter(channel=Channel.SMS).order_by("pk"))
    assert len(sms) == 3  # receipt, answer, outcome
    assert all(n.address == "13900001111" for n in sms)
    assert s.number in sms[0].body and "已收到" in sms[0].body
    assert "采纳" in sms[2].body
    inapp = Notification.objects.filter(channel=Channel.INAPP)
    assert inapp.exists() and {n.user.unit for n in inapp} == {county.housing}


def test_no_sms_without_a_phone(county):
    bring(county, S.ANSWERED, phone="", anonymous="on", name="")
    assert not Notification.objects.filter(channel=Channel.SMS).exists()


def test_every_status_reachable_and_published_is_terminal_but_for_reward():
    targets = {t.target for t in TRANSITIONS.values() if t.target}
    assert targets == set(S)
    exits = {a for a, t in TRANSITIONS.items() if S.PUBLISHED in t.sources}
    assert exits == {A.REWARD} and TRANSITIONS[A.REWARD].target is None
    assert SUGGESTIONS.name == "suggestion"
