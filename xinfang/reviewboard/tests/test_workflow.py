"""Every step of the two review workflows, allowed and forbidden, with the article or practice it
applies; the case's 复查/复核 answer waiting for them (Art. 35, 36); the clocks untouched."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ObjectDoesNotExist

from xinfang.cases.models import CaseEvent
from xinfang.cases.scenarios import act, actor_for, drive_to, params_for
from xinfang.cases.states import Action, Status
from xinfang.cases.workflow import case_transition
from xinfang.core import clock
from xinfang.core.errors import GuardFailed, IllegalTransition, InvalidParams, PermissionDenied
from xinfang.deadlines.rules import DeadlineKind
from xinfang.orgs.models import Role
from xinfang.reviewboard.models import CommitteeMember, CommitteeReferral, LawyerOpinion
from xinfang.reviewboard.selectors import visible_opinions, visible_referrals
from xinfang.reviewboard.states import OpinionAction, OpinionStatus, ReferralAction, ReferralStatus
from xinfang.reviewboard.workflow import leading, opinion_transition, referral_transition

from .helpers import (
    ask,
    committee,
    conclude,
    lawyer,
    refer,
    review_case,
    staff,
    submit,
    vote,
    votes,
)

pytestmark = pytest.mark.django_db


def answer_review(county, case):  # noqa: ANN001, ANN201
    return case_transition(case_id=case.pk, action=Action.ANSWER_REVIEW,
                           actor=actor_for(county, case, Action.ANSWER_REVIEW),
                           params=params_for(county, case, Action.ANSWER_REVIEW))


# ---- the lawyer's opinion (律师工作室, Art. 35, 36) ---------------------------------------------

def test_request_then_submit_records_the_opinion_and_two_events(county):
    case = review_case(county)
    o = ask(county, case)
    assert (o.status, o.stage, o.unit, o.lawyer.name) == (OpinionStatus.REQUESTED, "review",
                                                          county.county, "李明")
    o = submit(county, o)
    assert (o.status, o.conclusion) == (OpinionStatus.SUBMITTED, "uphold")
    events = CaseEvent.objects.filter(case=case, type="review.lawyer").order_by("pk")
    assert [e.action for e in events] == [OpinionAction.REQUEST, OpinionAction.SUBMIT]
    assert "李明" in events.last().text and "维持" in events.last().text


def test_withdraw_needs_a_reason_and_ends_the_request(county):
    o = ask(county, review_case(county))
    with pytest.raises(InvalidParams):
        opinion_transition(opinion_id=o.pk, action=OpinionAction.WITHDRAW, actor=staff(county),
                           params={"reason": ""})
    o = opinion_transition(opinion_id=o.pk, action=OpinionAction.WITHDRAW, actor=staff(county),
                           params={"reason": "信访人撤回复查申请中的该项请求"})
    assert o.status == OpinionStatus.WITHDRAWN
    with pytest.raises(IllegalTransition):
        submit(county, o)


def test_a_submitted_opinion_cannot_be_entered_again_or_withdrawn(county):
    o = submit(county, ask(county, review_case(county)))
    for action in (OpinionAction.SUBMIT, OpinionAction.WITHDRAW):
        with pytest.raises(IllegalTransition):
            opinion_transition(opinion_id=o.pk, action=action, actor=staff(county),
                               params={"reason": "x"})


def test_only_a_case_under_review_goes_to_a_lawyer(county):
    case = drive_to(county, Status.ACCEPTED)
    with pytest.raises(GuardFailed, match="只有复查中、复核中"):
        ask(county, case, actor=staff(county, unit=case.holding_unit))
    assert not LawyerOpinion.objects.exists()


def test_one_open_request_at_a_time(county):
    case = review_case(county)
    ask(county, case)
    with pytest.raises(GuardFailed, match="已有待律师出具的意见"):
        ask(county, case)


def test_the_opinion_form_refuses_a_future_date_and_a_missing_conclusion(county):
    o = ask(county, review_case(county))
    tomorrow = (clock.today() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(InvalidParams) as err:
        submit(county, o, submitted_on=tomorrow, conclusion="")
    assert set(err.value.details["errors"]) == {"submitted_on", "conclusion"}
    assert LawyerOpinion.objects.get(pk=o.pk).status == OpinionStatus.REQUESTED


def test_the_registrar_and_other_units_may_not_ask(county):
    case = review_case(county)
    with pytest.raises(PermissionDenied):
        ask(county, case, actor=staff(county, Role.REGISTRAR))
    # the housing department answered the case: it cannot reach the review body's steps
    with pytest.raises((ObjectDoesNotExist, PermissionDenied)):  # outside the reach: → 404
        ask(county, case, actor=staff(county, unit=county.housing))
    assert not LawyerOpinion.objects.exists()


def test_the_answering_unit_and_another_county_do_not_see_the_opinion(county, other_county):
    o = ask(county, review_case(county))
    assert visible_opinions(staff(county)).filter(pk=o.pk).exists()
    assert visible_opinions(county.user(county.bureau, Role.HANDLER)).filter(pk=o.pk).exists()
    assert not visible_opinions(staff(county, unit=county.housing)).filter(pk=o.pk).exists()
    outsider = other_county.user(other_county.county, Role.APPROVER)
    assert not visible_opinions(outsider).exists()
    with pytest.raises(LawyerOpinion.DoesNotExist):
        opinion_transition(opinion_id=o.pk, action=OpinionAction.WITHDRAW, actor=outsider,
                           params={"reason": "越权"})


# ---- the case waits (Art. 35, 36) ----------------------------------------------------------------

def test_the_review_answer_waits_for_a_requested_opinion(county):
    case = review_case(county)
    o = ask(county, case)
    with pytest.raises(GuardFailed, match="第35条：已请律师出具书面意见"):
        answer_review(county, case)
    submit(county, o)
    assert answer_review(county, case).status == Status.REVIEWED


def test_a_withdrawn_request_lets_the_answer_go(county):
    case = review_case(county)
    o = ask(county, case)
    opinion_transition(opinion_id=o.pk, action=OpinionAction.WITHDRAW, actor=staff(county),
                       params={"reason": "无需律师意见"})
    assert answer_review(county, case).status == Status.REVIEWED


def test_where_every_review_needs_a_lawyer_the_answer_waits_for_one(county, settings):
    settings.XINFANG_REVIEW_LAWYER_REQUIRED = True
    case = review_case(county)
    with pytest.raises(GuardFailed, match="须有律师书面意见"):
        answer_review(county, case)
    submit(county, ask(county, case))
    assert answer_review(county, case).status == Status.REVIEWED


def test_without_a_request_the_answer_is_not_held_by_default(county):
    assert answer_review(county, review_case(county)).status == Status.REVIEWED


def test_the_review_answer_waits_for_the_committee(county):
    case = review_case(county)
    r = refer(county, case)
    with pytest.raises(GuardFailed, match="已提交复查复核委员会审议"):
        answer_review(county, case)
    conclude(county, votes(county, r, ["uphold"] * 4 + ["revoke"]))
    assert answer_review(county, case).status == Status.REVIEWED


def test_the_recheck_answer_waits_too_at_the_city(county):
    """复核 (Art. 36): the city is the review body; its lawyer's opinion holds its answer."""
    case = drive_to(county, Status.RECHECK_REQUESTED)
    assert case.holding_unit == county.city
    o = ask(county, case, actor=staff(county, unit=county.city))
    assert o.stage == "recheck"
    with pytest.raises(GuardFailed, match="第36条"):
        act(county, case, Action.ANSWER_RECHECK)
    submit(county, o, actor=staff(county, unit=county.city))
    assert act(county, case, Action.ANSWER_RECHECK).status == Status.RECHECKED


def test_the_thirty_day_clock_keeps_running(county):
    """Art. 35: nothing here pauses the 复查 clock (only a 复核 hearing is excluded, Art. 36)."""
    case = review_case(county)
    clock_before = case.deadlines.get(kind=DeadlineKind.REVIEW)
    submit(county, ask(county, case))
    conclude(county, votes(county, refer(county, case), ["uphold"] * 4 + ["revoke"]))
    after = case.deadlines.get(kind=DeadlineKind.REVIEW)
    assert (after.due_on, after.state, after.paused_days, after.paused_since) == (
        clock_before.due_on, clock_before.state, 0, None)


# ---- the committee (复查复核委员会) --------------------------------------------------------------

def test_four_to_one_upholds_and_the_counts_are_frozen(county):
    case = review_case(county)
    r = conclude(county, votes(county, refer(county, case), ["uphold"] * 4 + ["revoke"]))
    assert (r.status, r.conclusion, r.present_count, r.members_count) == (
        ReferralStatus.CONCLUDED, "uphold", 5, 5)
    assert r.counts == {"uphold": 4, "revoke": 1, "change": 0, "abstain": 0}
    # frozen: no vote, no second conclusion, no withdrawal afterwards
    member = r.committee.members.first()
    with pytest.raises(IllegalTransition):
        vote(county, r, member, "revoke")
    for action in (ReferralAction.CONCLUDE, ReferralAction.WITHDRAW):
        with pytest.raises(IllegalTransition):
            referral_transition(referral_id=r.pk, action=action,
                                actor=staff(county, Role.APPROVER), params={"reason": "x",
                                                                            "reasons": "x"})
    # a member leaving later does not change the conclusion's counts
    CommitteeMember.objects.filter(committee=r.committee).update(active=False)
    r = CommitteeReferral.objects.get(pk=r.pk)
    assert (r.members_count, r.counts["uphold"]) == (5, 4)
    text = CaseEvent.objects.filter(case=case, type="review.committee",
                                    action=ReferralAction.CONCLUDE).get().text
    assert "维持4" in text and "撤销1" in text


def test_quorum_more_than_half_of_the_members(county):
    """5 members: 2 present is not more than half (2.5), 3 is."""
    r = votes(county, refer(county, review_case(county)), ["uphold", "uphold"])
    with pytest.raises(GuardFailed, match="到会表决委员2人"):
        conclude(county, r)
    r = vote(county, r, r.committee.members.order_by("pk")[2], "uphold")
    assert conclude(county, r).conclusion == "uphold"


def test_quorum_is_configurable(county, settings):
    settings.XINFANG_REVIEW_QUORUM = 0.75  # 5 members: more than 3.75 → 4 needed
    r = votes(county, refer(county, review_case(county)), ["uphold"] * 3)
    with pytest.raises(GuardFailed, match="未超过委员总数5人的75%"):
        conclude(county, r)


def test_no_majority_no_conclusion_then_withdraw(county):
    """2 uphold, 2 revoke, 1 abstain: neither has more than half of the 5 votes."""
    case = review_case(county)
    r = votes(county, refer(county, case), ["uphold", "uphold", "revoke", "revoke", "abstain"])
    with pytest.raises(GuardFailed, match="未形成委员会结论"):
        conclude(county, r)
    with pytest.raises(GuardFailed):
        answer_review(county, case)
    r = referral_transition(referral_id=r.pk, action=ReferralAction.WITHDRAW,
                            actor=staff(county, Role.APPROVER), params={"reason": "意见分歧，补充调查后再议"})
    assert r.status == ReferralStatus.WITHDRAWN and r.conclusion == ""
    assert answer_review(county, case).status == Status.REVIEWED


def test_majority_is_configurable(county, settings):
    settings.XINFANG_REVIEW_MAJORITY = 2 / 3  # 3 of 5 is 60%: not more than two thirds
    r = votes(county, refer(county, review_case(county)), ["change"] * 3 + ["uphold"] * 2)
    with pytest.raises(GuardFailed, match="未形成委员会结论"):
        conclude(county, r)


def test_leading_choice_by_hand():
    """Hand count: 3 of 5 is more than half; abstentions count among the votes cast."""
    assert leading({"uphold": 3, "revoke": 2, "change": 0, "abstain": 0}, 0.5) == "uphold"
    assert leading({"uphold": 2, "revoke": 1, "change": 0, "abstain": 2}, 0.5) is None
    assert leading({"uphold": 0, "revoke": 0, "change": 0, "abstain": 0}, 0.5) is None


def test_a_member_votes_once_and_only_in_their_committee(county):
    case = review_case(county)
    r = refer(county, case)
    member = r.committee.members.first()
    vote(county, r, member, "uphold")
    with pytest.raises(GuardFailed, match="已表决"):
        vote(county, r, member, "revoke")
    city = committee(county, county.city, n=3)
    with pytest.raises(GuardFailed, match="不是"):
        vote(county, r, city.members.first(), "uphold")
    assert r.votes.count() == 1


def test_a_vote_needs_reasons_and_a_known_choice(county):
    r = refer(county, review_case(county))
    member = r.committee.members.first()
    with pytest.raises(InvalidParams) as err:
        vote(county, r, member, "maybe", reasons="")
    assert set(err.value.details["errors"]) == {"vote", "reasons"}


def test_votes_wait_for_the_meeting_day(county):
    case = review_case(county)
    committee(county)
    r = refer(county, case, days_ago=-3)  # meets in three days
    with pytest.raises(GuardFailed, match="会议召开后才能记录表决"):
        vote(county, r, r.committee.members.first(), "uphold")


def test_refer_needs_a_committee_with_members(county):
    case = review_case(county)
    from xinfang.reviewboard.workflow import referral_create

    with pytest.raises(GuardFailed, match="尚未设立复查复核委员会"):
        referral_create(case_id=case.pk, actor=staff(county),
                        params={"question": "是否变更", "meeting_on": clock.today().isoformat()})
    refer(county, case)
    with pytest.raises(GuardFailed, match="已在复查复核委员会审议中"):
        refer(county, case)


def test_only_the_approver_concludes_or_withdraws(county):
    r = votes(county, refer(county, review_case(county)), ["uphold"] * 5)
    with pytest.raises(PermissionDenied):
        conclude(county, r, actor=staff(county, Role.HANDLER))
    with pytest.raises(PermissionDenied):
        referral_transition(referral_id=r.pk, action=ReferralAction.WITHDRAW,
                            actor=staff(county, Role.HANDLER), params={"reason": "x"})
    assert CommitteeReferral.objects.get(pk=r.pk).status == ReferralStatus.REFERRED


def test_another_unit_neither_sees_nor_votes(county, other_county):
    r = refer(county, review_case(county))
    housing = staff(county, unit=county.housing)
    assert not visible_referrals(housing).exists()
    with pytest.raises(CommitteeReferral.DoesNotExist):
        vote(county, r, r.committee.members.first(), "uphold", actor=housing)
    with pytest.raises(CommitteeReferral.DoesNotExist):
        vote(county, r, r.committee.members.first(), "uphold",
             actor=other_county.user(other_county.county, Role.APPROVER))
    assert r.votes.count() == 0


def test_every_step_is_on_the_case_timeline(county):
    case = review_case(county)
    submit(county, ask(county, case))
    conclude(county, votes(county, refer(county, case), ["uphold"] * 4 + ["revoke"]))
    kinds = list(CaseEvent.objects.filter(case=case, type__startswith="review.")
                 .order_by("pk").values_list("type", "action"))
    assert kinds == [("review.lawyer", "request"), ("review.lawyer", "submit"),
                     ("review.committee", "refer")] + [("review.committee", "vote")] * 5 + [
        ("review.committee", "conclude")]


def test_lawyer_roster_phone_is_encrypted_and_masked(county):
    from django.db import connection

    l = lawyer(county)  # noqa: E741
    with connection.cursor() as cur:
        cur.execute("SELECT name, phone FROM reviewboard_lawyer WHERE id = %s", [l.pk])
        name, phone = cur.fetchone()
    assert "李明" not in name and "13800001111" not in phone
    assert l.phone_masked == "138****1111"
