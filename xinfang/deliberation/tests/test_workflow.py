"""Every allowed and forbidden step of 众人议事厅 (role, scope, state, guards), one vote per person,
the frozen result, moderation, the linked cases (Art. 30) and their timeline, the hourly close."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from xinfang.cases.models import CaseEvent, Purpose
from xinfang.core import clock
from xinfang.core.errors import (
    ConfidentialityViolation,
    GuardFailed,
    IllegalTransition,
    InvalidParams,
    PermissionDenied,
)
from xinfang.core.workflow import SYSTEM_ACTOR
from xinfang.deliberation.models import Comment, ResultFrozen, Topic, TopicEvent, Vote
from xinfang.deliberation.selectors import figures, visible_topics
from xinfang.deliberation.services import (
    AlreadyVoted,
    NotTakingPart,
    add_resident,
    cast_vote,
    check_code,
    post_comment,
    send_code,
)
from xinfang.deliberation.states import TopicStatus
from xinfang.deliberation.tasks import close_due
from xinfang.deliberation.workflow import count_votes
from xinfang.notifications.models import Notification
from xinfang.orgs.models import Role

from .helpers import (
    PHONES,
    A,
    close,
    decide,
    new_topic,
    open_topic,
    petition,
    residents,
    staff,
    step,
    topic_params,
    vote_all,
)

START = dt.datetime(2026, 11, 2, 9, 0)


@pytest.fixture(autouse=True)
def frozen():
    with clock.frozen(START) as moment:
        yield moment


# --- create ---------------------------------------------------------------------------------------

def test_the_township_opens_a_draft_topic_for_its_village(county):
    t = new_topic(county)
    assert t.status == TopicStatus.DRAFT and t.unit == county.village
    assert t.options == ["赞成", "反对"] and t.number.startswith(f"{county.village.code}-YS2026-")
    ev = TopicEvent.objects.get(topic=t)
    assert ev.type == "deliberation.status_changed" and ev.new_value == "draft"


@pytest.mark.parametrize("who", ["housing", "bureau", "county"])
def test_a_department_the_bureau_or_the_county_cannot_open_a_topic(county, who):
    """They see the village's topics (their jurisdiction) but do not run its deliberation."""
    with pytest.raises(PermissionDenied):
        from xinfang.deliberation.workflow import topic_create
        topic_create(actor=county.user(getattr(county, who), Role.REGISTRAR),
                     params=topic_params(county))


def test_bad_topics_are_refused_with_the_field(county):
    with pytest.raises(InvalidParams) as err:
        new_topic(county, options="赞成")
    assert "options" in err.value.details.get("fields", err.value.details) or "选项" in str(err.value)
    with pytest.raises(InvalidParams):
        new_topic(county, options="赞成\n赞成")
    with pytest.raises(InvalidParams):
        new_topic(county, closes_at="2026-11-01T09:00")  # before it opens
    with pytest.raises(InvalidParams):  # a county department is not a place of deliberation
        new_topic(county, unit=county.housing.pk)


# --- link (Art. 30) -------------------------------------------------------------------------------

def test_link_a_petition_in_draft_and_open_unlink_only_in_draft(county):
    residents(county, 1)
    t = new_topic(county)
    case = petition(county)
    step(t, A.LINK, staff(county), case=case.number)
    assert list(t.links.values_list("case", flat=True)) == [case.pk]
    with pytest.raises(GuardFailed):  # twice
        step(t, A.LINK, staff(county), case=case.number)
    step(t, A.UNLINK, staff(county), case=case.number)
    assert not t.links.exists()
    step(t, A.LINK, staff(county), case=case.number)
    t = step(t, A.OPEN, staff(county))
    other = petition(county, title="遗址区块道路破损")
    step(t, A.LINK, staff(county), case=other.number)  # allowed while open
    with pytest.raises(IllegalTransition):
        step(t, A.UNLINK, staff(county), case=case.number)
    texts = [e.text for e in t.events.filter(type="deliberation.linked")]
    assert any(case.number in x for x in texts) and any(other.number in x for x in texts)


def test_a_petition_outside_the_reach_cannot_be_linked(county):
    t = new_topic(county)
    case = petition(county)
    case_of_bureau = __import__("xinfang.cases.scenarios", fromlist=["register"]).register(county)
    with pytest.raises(InvalidParams):  # registered by the bureau: the township does not see it
        step(t, A.LINK, staff(county), case=case_of_bureau.number)
    with pytest.raises(InvalidParams):
        step(t, A.LINK, staff(county), case="NO-SUCH-1")
    assert case.pk and not t.links.exists()


def test_art30_an_accusation_against_the_place_is_never_attached(county):
    t = new_topic(county)
    against_village = petition(county, purpose=Purpose.ACCUSATION, accused_unit=county.village.pk,
                               title="反映社区干部违规审批宅基地")
    with pytest.raises(ConfidentialityViolation):
        step(t, A.LINK, staff(county), case=against_village.number)
    assert not t.links.exists()
    # an accusation against another unit may be linked, but the topic's timeline does not name it
    against_housing = petition(county, purpose=Purpose.ACCUSATION, accused_unit=county.housing.pk,
                               title="反映住建部门拖延审批")
    step(t, A.LINK, staff(county), case=against_housing.number)
    ev = t.events.get(type="deliberation.linked")
    assert against_housing.number not in ev.text and "检举控告" in ev.text
    # the accused department never sees it on the case list of a topic it may see
    from xinfang.deliberation.selectors import linked_cases
    assert list(linked_cases(staff(county), t)) == [against_housing]
    assert list(linked_cases(county.user(county.housing, Role.HANDLER), t)) == []


# --- open -----------------------------------------------------------------------------------------

def test_open_needs_participants_a_future_close_and_a_handler(county):
    t = new_topic(county)
    with pytest.raises(GuardFailed):  # nobody on the roster yet
        step(t, A.OPEN, staff(county))
    residents(county, 2)
    with pytest.raises(PermissionDenied):  # a registrar prepares, a handler or approver publishes
        step(t, A.OPEN, staff(county, Role.REGISTRAR))
    with clock.frozen(t.closes_at + dt.timedelta(hours=1)), pytest.raises(GuardFailed):
        step(t, A.OPEN, staff(county))
    t = step(t, A.OPEN, staff(county))
    assert t.status == TopicStatus.OPEN
    assert t.events.get(new_value="open").data["eligible"] == 2


def test_verified_only_topics_count_only_staff_verified_participants(county):
    residents(county, 2)  # roster only
    t = new_topic(county, eligibility="verified")
    with pytest.raises(GuardFailed):
        step(t, A.OPEN, staff(county))
    verified = add_resident(actor=staff(county), unit=county.village, name="陈一",
                            phone="13700000001", verified=True)
    t = step(t, A.OPEN, staff(county))
    cast_vote(topic_id=t.pk, resident_id=verified.pk, option=0)
    plain = t.unit and __import__("xinfang.deliberation.models", fromlist=["Resident"]).Resident \
        .objects.filter(source="roster").first()
    with pytest.raises(NotTakingPart):
        cast_vote(topic_id=t.pk, resident_id=plain.pk, option=0)


# --- vote -----------------------------------------------------------------------------------------

def test_one_vote_per_person_a_second_is_refused_not_replaced(county):
    t, people = open_topic(county, 2)
    cast_vote(topic_id=t.pk, resident_id=people[0].pk, option=0)
    with pytest.raises(AlreadyVoted):
        cast_vote(topic_id=t.pk, resident_id=people[0].pk, option=1)
    assert list(Vote.objects.filter(topic=t).values_list("option", flat=True)) == [0]
    # the database itself refuses a second row for the same voter index
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(topic=t, resident=people[1], voter_index=people[0].phone_index,
                            option=1, cast_at=clock.now())
    v = Vote.objects.get(topic=t)
    v.option = 1
    with pytest.raises(ResultFrozen):  # a cast vote is never changed...
        v.save()
    with pytest.raises(ResultFrozen):  # ...or deleted
        v.delete()
    assert Vote.objects.get(topic=t).option == 0


def test_an_ineligible_person_cannot_vote(county, other_county):
    t, people = open_topic(county, 1)
    elsewhere = add_resident(actor=staff(other_county), unit=other_county.village, name="外村人",
                             phone="13600000000")
    with pytest.raises(NotTakingPart):
        cast_vote(topic_id=t.pk, resident_id=elsewhere.pk, option=0)
    people[0].active = False
    people[0].save()
    with pytest.raises(NotTakingPart):  # struck off the roster
        cast_vote(topic_id=t.pk, resident_id=people[0].pk, option=0)
    with pytest.raises(NotTakingPart):
        post_comment(topic_id=t.pk, resident_id=elsewhere.pk, text="我也想说两句")
    assert not Vote.objects.exists() and not Comment.objects.exists()


def test_no_vote_before_it_opens_on_a_draft_or_after_the_period(county):
    people = residents(county, 1)
    draft = new_topic(county)
    with pytest.raises(NotTakingPart):
        cast_vote(topic_id=draft.pk, resident_id=people[0].pk, option=0)
    later = new_topic(county, opens_at="2026-11-05T09:00", closes_at="2026-11-09T09:00")
    later = step(later, A.OPEN, staff(county))
    with pytest.raises(NotTakingPart):
        cast_vote(topic_id=later.pk, resident_id=people[0].pk, option=0)
    with clock.frozen(later.closes_at), pytest.raises(NotTakingPart):  # period over, not yet closed
        cast_vote(topic_id=later.pk, resident_id=people[0].pk, option=0)
    with pytest.raises(InvalidParams):
        with clock.frozen(dt.datetime(2026, 11, 6, 9)):
            cast_vote(topic_id=later.pk, resident_id=people[0].pk, option=5)
    assert not Vote.objects.exists()


# --- close: the frozen result ---------------------------------------------------------------------

def test_close_counts_once_and_the_result_cannot_be_changed(county):
    t, people = open_topic(county, 5)
    vote_all(t, people[:4], [0, 0, 0, 1])  # 4 of 5 vote: 3 for, 1 against
    with pytest.raises(GuardFailed):  # the period has not ended
        step(t, A.CLOSE, staff(county))
    t = close(county, t)
    assert t.status == TopicStatus.CLOSED
    # expected by hand: counts [3, 1], 4 votes, 5 eligible; 75% for, turnout 80%
    assert t.result == {"counts": [3, 1], "votes": 4, "eligible": 5}
    assert [r["percent"] for r in t.option_rows] == [75.0, 25.0] and t.turnout == 80.0
    assert t.leading["label"] == "赞成"
    digest = t.result_digest
    assert len(digest) == 64
    with pytest.raises(IllegalTransition):  # no second count
        step(t, A.CLOSE, staff(county))
    with pytest.raises(NotTakingPart):  # a late vote
        cast_vote(topic_id=t.pk, resident_id=people[4].pk, option=1)
    forged = Topic.objects.get(pk=t.pk)
    forged.result = {"counts": [1, 3], "votes": 4, "eligible": 5}
    with pytest.raises(ResultFrozen):
        forged.save()
    stored = Topic.objects.get(pk=t.pk)
    assert stored.result == {"counts": [3, 1], "votes": 4, "eligible": 5}
    assert stored.result_digest == digest and count_votes(stored)["counts"] == [3, 1]
    # a later roster change does not move the stored figures
    add_resident(actor=staff(county), unit=county.village, name="新居民", phone="13500000000")
    assert Topic.objects.get(pk=t.pk).result["eligible"] == 5
    stored.decision = "x"  # other fields of a closed topic still save: only the result is frozen
    stored.save()


def test_the_hourly_job_closes_topics_past_their_period(county):
    t, people = open_topic(county, 2)
    vote_all(t, people, [1, 1])
    assert close_due() == "closed 0"
    with clock.frozen(t.closes_at):
        assert close_due() == "closed 1"
        assert close_due() == "closed 0"
    t.refresh_from_db()
    assert t.status == TopicStatus.CLOSED and t.result["counts"] == [0, 2]
    assert t.events.get(new_value="closed").actor is None  # the system


def test_the_system_takes_no_other_step(county):
    t = new_topic(county)
    with pytest.raises(PermissionDenied):
        step(t, A.CANCEL, SYSTEM_ACTOR, reason="系统不能撤销")


# --- decide, publish: every linked case -----------------------------------------------------------

def test_decide_and_publish_write_on_every_linked_case(county):
    people = residents(county, 3)
    t = new_topic(county)
    cases = [petition(county), petition(county, title="遗址区块宅基地安置")]
    for c in cases:
        step(t, A.LINK, staff(county), case=c.number)
    t = step(t, A.OPEN, staff(county))
    vote_all(t, people, [0, 0, 1])
    t = close(county, t)
    with pytest.raises(PermissionDenied):  # a handler does not decide
        decide(county, t) if False else step(t, A.DECIDE, staff(county), decision="实施外迁",
                                              reasons="多数赞成，方案可行，已落实安置地块。")
    with pytest.raises(IllegalTransition):
        step(t, A.PUBLISH, staff(county, Role.APPROVER))
    t = decide(county, t)
    assert t.status == TopicStatus.DECIDED and t.decision.startswith("按多数意见")
    assert not CaseEvent.objects.filter(type="deliberation.published").exists()
    t = step(t, A.PUBLISH, staff(county, Role.APPROVER))
    assert t.status == TopicStatus.PUBLISHED and t.published_at is not None
    for c in cases:
        ev = CaseEvent.objects.get(case=c, type="deliberation.published")
        assert t.number in ev.text and "赞成 2票（66.7%）" in ev.text and "参与3人/应参与3人" in ev.text
        assert ev.note == t.decision and ev.kind == "note"
    with pytest.raises(IllegalTransition):  # published once
        step(t, A.PUBLISH, staff(county, Role.APPROVER))


def test_cancel_from_draft_and_open_with_a_reason_never_after_closing(county):
    t = new_topic(county)
    with pytest.raises(InvalidParams):
        step(t, A.CANCEL, staff(county, Role.APPROVER))
    with pytest.raises(PermissionDenied):
        step(t, A.CANCEL, staff(county), reason="情况变化，不再协商")
    t = step(t, A.CANCEL, staff(county, Role.APPROVER), reason="情况变化，不再协商")
    assert t.status == TopicStatus.CANCELLED and t.cancel_reason
    t2, _people = open_topic(county, 1)
    t2 = step(t2, A.CANCEL, staff(county, Role.APPROVER), reason="已另行解决，撤销议题")
    assert t2.status == TopicStatus.CANCELLED
    t3, _ = open_topic(county, 0)
    t3 = close(county, t3)
    with pytest.raises(IllegalTransition):
        step(t3, A.CANCEL, staff(county, Role.APPROVER), reason="已截止不能撤销")


def test_scope_the_township_above_and_not_a_sibling(county, other_county):
    t = new_topic(county)
    with pytest.raises(Topic.DoesNotExist):  # outside the reach: 404
        step(t, A.CANCEL, other_county.user(other_county.township, Role.APPROVER), reason="不是本地")
    # the bureau sees it, but does not run it
    assert visible_topics(county.user(county.bureau, Role.HANDLER)).filter(pk=t.pk).exists()
    residents(county, 1)
    with pytest.raises(PermissionDenied):
        step(t, A.OPEN, county.user(county.bureau, Role.HANDLER))


# --- moderation -----------------------------------------------------------------------------------

def test_staff_hide_a_comment_with_a_reason_an_event(county):
    t, people = open_topic(county, 2)
    ok = post_comment(topic_id=t.pk, resident_id=people[0].pk, text="赞成外迁，希望安置地块尽快落实。")
    bad = post_comment(topic_id=t.pk, resident_id=people[1].pk, text="某某家电话13800000000，大家找他")
    assert ok.author == "张*" and bad.author == "李*"
    with pytest.raises(InvalidParams):  # a reason is needed
        step(t, A.HIDE_COMMENT, staff(county), comment=bad.pk)
    with pytest.raises(PermissionDenied):
        step(t, A.HIDE_COMMENT, staff(county, Role.REGISTRAR), comment=bad.pk, reason="含他人个人信息")
    step(t, A.HIDE_COMMENT, staff(county), comment=bad.pk, reason="含他人个人信息")
    bad.refresh_from_db()
    assert bad.hidden and bad.hidden_reason == "含他人个人信息"
    ev = t.events.get(type="deliberation.comment_hidden")
    assert ev.note == "含他人个人信息" and "李*" in ev.text
    with pytest.raises(GuardFailed):
        step(t, A.HIDE_COMMENT, staff(county), comment=bad.pk, reason="再次屏蔽")
    other, more = open_topic(county, 0)
    assert more == [] or True
    with pytest.raises(InvalidParams):  # a comment of another topic
        step(other, A.HIDE_COMMENT, staff(county), comment=ok.pk, reason="不是本议题的")
    with pytest.raises(IllegalTransition):  # nothing to moderate on a draft
        step(new_topic(county), A.HIDE_COMMENT, staff(county), comment=ok.pk, reason="草稿")


def test_no_comment_after_close(county):
    t, people = open_topic(county, 1)
    t = close(county, t)
    with pytest.raises(NotTakingPart):
        post_comment(topic_id=t.pk, resident_id=people[0].pk, text="截止后还想说")


# --- phone verification ---------------------------------------------------------------------------

def test_a_code_goes_only_to_a_roster_phone_and_works_once(county):
    t, people = open_topic(county, 1)
    assert send_code(topic=t, phone="13600000000") is None  # not on the roster: no SMS
    assert not Notification.objects.filter(channel="sms").exists()
    code = send_code(topic=t, phone=PHONES[0])
    [sms] = Notification.objects.filter(channel="sms")
    assert sms.address == PHONES[0]
    assert code in sms.body and sms.channel == "sms"
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    assert check_code(topic=t, phone=PHONES[0], code=wrong) is None
    assert check_code(topic=t, phone=PHONES[0], code=code) == people[0]
    assert check_code(topic=t, phone=PHONES[0], code=code) is None  # used


def test_five_wrong_codes_void_it(county):
    t, _people = open_topic(county, 1)
    code = send_code(topic=t, phone=PHONES[0])
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        assert check_code(topic=t, phone=PHONES[0], code=wrong) is None
    assert check_code(topic=t, phone=PHONES[0], code=code) is None


# --- figures --------------------------------------------------------------------------------------

def test_figures_over_the_closed_topics(county):
    t1, p1 = open_topic(county, 4)
    vote_all(t1, p1, [0, 0, 0])  # 3 of 4
    close(county, t1)
    t2 = new_topic(county)
    step(t2, A.OPEN, staff(county))
    new_topic(county)  # a draft: not counted
    f = figures(visible_topics(staff(county)))
    # by hand: 2 topics opened, 1 closed; 3 votes of 4 eligible: 75%; 赞成 100%
    assert (f.topics, f.closed, f.votes, f.eligible, f.turnout) == (2, 1, 3, 4, 75.0)
    assert f.rows[0]["leading"] == "赞成" and f.rows[0]["leading_percent"] == 100.0
