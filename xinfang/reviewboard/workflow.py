"""`LAWYER_OPINIONS` and `COMMITTEE_REFERRALS` on the one engine (parent: the case), and the case's
wait on them (the case guard `review_inputs_in`, registered here, named in the case table on
出具复查意见 and 出具复核意见).

《信访工作条例》第三十五条、第三十六条: 复查、复核机关自收到申请之日起30日内提出意见（复核听证所需时间不计入）.
The review body may ask a lawyer of the 复查复核律师工作室 for a written opinion (Zhongshan) and refer a
hard case to its 复查复核委员会 (Zhenhai); what it asked for must come in before it answers, and the
30-day clocks keep running (nothing here pauses them). Every step is on the case timeline.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from xinfang.cases.events import record_event
from xinfang.cases.guards import guard
from xinfang.cases.models import Case
from xinfang.cases.states import Action as CaseAction
from xinfang.cases.states import Status as CaseStatus
from xinfang.cases.workflow import CASES
from xinfang.core import clock
from xinfang.core import workflow as engine
from xinfang.core.conf import get
from xinfang.core.errors import GuardFailed
from xinfang.core.workflow import state_guard

from .forms import OPINION_FORMS, REFERRAL_FORMS
from .models import Committee, CommitteeReferral, LawyerOpinion, MemberVote
from .selectors import visible_opinions, visible_referrals
from .states import (
    DECIDING,
    OPINION_TRANSITIONS,
    REFERRAL_TRANSITIONS,
    REVIEW_BODY,
    OpinionAction,
    OpinionStatus,
    ReferralAction,
    ReferralStatus,
    Stage,
)

STAGE_OF = {CaseStatus.REVIEW_REQUESTED: Stage.REVIEW, CaseStatus.RECHECK_REQUESTED: Stage.RECHECK}
ARTICLE = {Stage.REVIEW: "第35条", Stage.RECHECK: "第36条"}


def stage_of(case: Case) -> Stage | None:
    return STAGE_OF.get(case.status)


# ---- the case's wait (a guard of the case table, registered in its registry) ---------------------

@guard
@state_guard
def review_inputs_in(case: Case, _actor: Any, _params: dict[str, Any], action: Any) -> None:
    """Art. 35, 36: the review body answers only once the lawyer's opinion it asked for is in and
    the committee it referred the case to has concluded (and, where every answer needs one, a
    lawyer's opinion is in: XINFANG_REVIEW_LAWYER_REQUIRED)."""
    stage = Stage.RECHECK if action == CaseAction.ANSWER_RECHECK else Stage.REVIEW
    article = ARTICLE[stage]
    opinions = LawyerOpinion.objects.filter(case=case, stage=stage)
    if opinions.filter(status=OpinionStatus.REQUESTED).exists():
        raise GuardFailed(_("%(a)s：已请律师出具书面意见，意见录入（或撤回请求）后才能出具%(s)s意见")
                          % {"a": article, "s": stage.label})
    if CommitteeReferral.objects.filter(case=case, stage=stage,
                                        status=ReferralStatus.REFERRED).exists():
        raise GuardFailed(_("%(a)s：本件已提交复查复核委员会审议，委员会作出结论（或撤回审议）后才能出具%(s)s意见")
                          % {"a": article, "s": stage.label})
    if get("XINFANG_REVIEW_LAWYER_REQUIRED") and not opinions.filter(
            status=OpinionStatus.SUBMITTED).exists():
        raise GuardFailed(_("%(a)s：本地规定复查、复核须有律师书面意见，请先请律师出具意见")
                          % {"a": article})


# ---- scopes -------------------------------------------------------------------------------------

def _body_of(record: Any) -> int | None:
    if isinstance(record, LawyerOpinion):
        return record.unit_id
    return record.committee.unit_id


def _review_body(actor: Any, record: Any, case: Case | None) -> bool:
    """Staff of the review body: the unit holding the case in 复查中/复核中 (a new record), the unit
    the opinion was asked by or whose committee the case went to (an existing one)."""
    if actor.unit_id is None:
        return False
    if record is None:
        return case is not None and actor.unit_id == case.holding_unit_id
    return actor.unit_id == _body_of(record)


# ---- guards -------------------------------------------------------------------------------------

@state_guard
def case_under_review(case: Case, _actor: Any, _params: dict[str, Any], _action: Any) -> None:
    if stage_of(case) is None:
        raise GuardFailed(_("只有复查中、复核中的信访件可以请律师出具意见或提交复查复核委员会（第35条、第36条）"))


@state_guard
def case_still_under_review(record: LawyerOpinion, _actor: Any, _params: dict[str, Any],
                            _action: Any) -> None:
    if stage_of(record.case) != record.stage:
        raise GuardFailed(_("本件已不在该阶段，不能再录入律师意见"))


@state_guard
def no_open_opinion(case: Case, _actor: Any, _params: dict[str, Any], _action: Any) -> None:
    if LawyerOpinion.objects.filter(case=case, status=OpinionStatus.REQUESTED).exists():
        raise GuardFailed(_("已有待律师出具的意见，录入或撤回后再请"))


@state_guard
def no_open_referral(case: Case, _actor: Any, _params: dict[str, Any], _action: Any) -> None:
    if CommitteeReferral.objects.filter(case=case, status=ReferralStatus.REFERRED).exists():
        raise GuardFailed(_("本件已在复查复核委员会审议中"))


def committee_of(case: Case) -> Committee | None:
    return Committee.objects.filter(unit=case.holding_unit_id).first()


@state_guard
def has_committee(case: Case, _actor: Any, _params: dict[str, Any], _action: Any) -> None:
    committee = committee_of(case)
    if committee is None or not committee.active_members().exists():
        raise GuardFailed(_("本机关尚未设立复查复核委员会或委员会没有在任委员（请在管理后台配置）"))


@state_guard
def meeting_held(referral: CommitteeReferral, _actor: Any, _params: dict[str, Any],
                 _action: Any) -> None:
    """Votes are cast at the meeting: not before its day."""
    if clock.today() < referral.meeting_on:
        raise GuardFailed(_("委员会会议定于%(d)s召开，会议召开后才能记录表决")
                          % {"d": referral.meeting_on.isoformat()})


def member_may_vote(referral: CommitteeReferral, _actor: Any, params: dict[str, Any],
                    _action: Any) -> None:
    member = params["member"]
    if member.committee_id != referral.committee_id:
        raise GuardFailed(_("%(m)s不是%(c)s的委员") % {"m": member.name, "c": referral.committee.name},
                          field="member")
    if referral.votes.filter(member=member).exists():
        raise GuardFailed(_("%(m)s已表决，表决记录不能更改") % {"m": member.name}, field="member")


def _quorum(referral: CommitteeReferral) -> tuple[int, int]:
    """(members present and voting, members of the committee now)."""
    return referral.votes.count(), referral.committee.active_members().count()


@state_guard
def quorum_met(referral: CommitteeReferral, _actor: Any, _params: dict[str, Any],
               _action: Any) -> None:
    present, members = _quorum(referral)
    share = get("XINFANG_REVIEW_QUORUM")
    if members == 0 or present <= share * members:
        raise GuardFailed(_("到会表决委员%(p)s人，未超过委员总数%(m)s人的%(s)s，不能作出结论")
                          % {"p": present, "m": members, "s": f"{share:.0%}"})


def leading(counts: dict[str, int], share: float) -> str | None:
    """The choice (维持/撤销/变更) of more than `share` of the votes cast, abstentions counted."""
    cast = sum(counts.values())
    for choice in DECIDING:
        if cast and counts.get(choice, 0) > share * cast:
            return choice
    return None


@state_guard
def majority_reached(referral: CommitteeReferral, _actor: Any, _params: dict[str, Any],
                     _action: Any) -> None:
    share = get("XINFANG_REVIEW_MAJORITY")
    if leading(referral.tally(), share) is None:
        raise GuardFailed(_("没有一种意见超过到会表决委员的%(s)s，未形成委员会结论；可撤回后重新提交审议")
                          % {"s": f"{share:.0%}"})


# ---- effects ------------------------------------------------------------------------------------

def _request(case: Case, actor: Any, p: dict[str, Any]) -> LawyerOpinion:
    return LawyerOpinion.objects.create(
        case=case, stage=stage_of(case), unit=case.holding_unit, lawyer=p["lawyer"],
        question=p["question"], requested_by=engine.staff_user(actor), requested_at=clock.now())


def _lawyer_data(o: LawyerOpinion) -> dict[str, Any]:
    return {"stage": o.stage, "lawyer": o.lawyer.name, "firm": o.lawyer.law_firm}


def _submit(o: LawyerOpinion, _actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    o.conclusion, o.text, o.reasons = p["conclusion"], p["text"], p["reasons"]
    o.submitted_on = p["submitted_on"]
    return {**_lawyer_data(o), "conclusion": o.conclusion, "submitted_on": o.submitted_on.isoformat()}


def _withdraw_opinion(o: LawyerOpinion, _actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    o.withdrawn_reason = p["reason"]
    return {**_lawyer_data(o), "note": p["reason"]}


def _refer(case: Case, actor: Any, p: dict[str, Any]) -> CommitteeReferral:
    return CommitteeReferral.objects.create(
        case=case, stage=stage_of(case), committee=committee_of(case), question=p["question"],
        meeting_on=p["meeting_on"], place=p.get("place") or "",
        referred_by=engine.staff_user(actor), referred_at=clock.now())


def _referral_data(r: CommitteeReferral) -> dict[str, Any]:
    return {"stage": r.stage, "committee": r.committee.name, "meeting_on": r.meeting_on.isoformat()}


def _vote(r: CommitteeReferral, actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    MemberVote.objects.create(referral=r, member=p["member"], vote=p["vote"],
                              reasons=p["reasons"], recorded_by=engine.staff_user(actor),
                              recorded_at=clock.now())
    return {"stage": r.stage, "member": p["member"].name, "vote": p["vote"], "note": p["reasons"]}


def _conclude(r: CommitteeReferral, _actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    """The counts and the conclusion are frozen on the row (nothing changes them afterwards)."""
    counts = r.tally()
    present, members = _quorum(r)
    r.conclusion = leading(counts, get("XINFANG_REVIEW_MAJORITY"))
    r.reasons, r.counts, r.present_count, r.members_count = p["reasons"], counts, present, members
    r.concluded_at = clock.now()
    return {**_referral_data(r), "conclusion": r.conclusion, "counts": counts, "present": present,
            "members": members, "note": p["reasons"]}


def _withdraw_referral(r: CommitteeReferral, _actor: Any, p: dict[str, Any]) -> dict[str, Any]:
    r.withdrawn_reason = p["reason"]
    return {**_referral_data(r), "note": p["reason"]}


def _created(data_of: Any) -> Any:
    def post(record: Any, _actor: Any, _p: dict[str, Any]) -> dict[str, Any]:
        return {**data_of(record), "note": record.question}
    return post


# ---- events -------------------------------------------------------------------------------------

def _writer(kind: str, flow: str) -> Any:
    def write(step: engine.Step) -> None:
        result = step.post_result if step.transition.creates else step.result
        data = dict(result) if isinstance(result, dict) else {}
        note = str(data.pop("note", "") or "")
        record_event(case=step.record.case, type=kind, actor=step.actor,
                     action=step.transition.action, old_value=step.old, new_value=step.new,
                     note=note, data={"flow": flow, "record": step.record.pk, **data})
    return write


LAWYER_OPINIONS = engine.Workflow(
    name="lawyer_opinion", label="律师意见", model=LawyerOpinion, actions=OpinionAction,
    statuses=OpinionStatus, table=OPINION_TRANSITIONS, forms=OPINION_FORMS,
    visible=visible_opinions, scopes={REVIEW_BODY: _review_body},
    write_event=_writer("review.lawyer", "lawyer_opinion"),
    guards={"case_under_review": case_under_review, "no_open_opinion": no_open_opinion,
            "case_still_under_review": case_still_under_review},
    effects={OpinionAction.REQUEST: _request, OpinionAction.SUBMIT: _submit,
             OpinionAction.WITHDRAW: _withdraw_opinion},
    post={OpinionAction.REQUEST: _created(_lawyer_data)},
    parent=CASES, parent_field="case", lock_related=("case", "lawyer"),
)

COMMITTEE_REFERRALS = engine.Workflow(
    name="committee_referral", label="委员会审议", model=CommitteeReferral, actions=ReferralAction,
    statuses=ReferralStatus, table=REFERRAL_TRANSITIONS, forms=REFERRAL_FORMS,
    visible=visible_referrals, scopes={REVIEW_BODY: _review_body},
    write_event=_writer("review.committee", "committee_referral"),
    guards={"case_under_review": case_under_review, "has_committee": has_committee,
            "no_open_referral": no_open_referral, "meeting_held": meeting_held,
            "member_may_vote": member_may_vote,
            "quorum_met": quorum_met, "majority_reached": majority_reached},
    effects={ReferralAction.REFER: _refer, ReferralAction.VOTE: _vote,
             ReferralAction.CONCLUDE: _conclude, ReferralAction.WITHDRAW: _withdraw_referral},
    post={ReferralAction.REFER: _created(_referral_data)},
    parent=CASES, parent_field="case", lock_related=("case", "committee"),
)


def opinion_request(*, case_id: int, actor: Any, params: dict[str, Any]) -> LawyerOpinion:
    """Ask a lawyer of the 律师工作室 for a written opinion on a 复查/复核 case (Art. 35, 36)."""
    return engine.create(LAWYER_OPINIONS, action=OpinionAction.REQUEST, actor=actor,
                         params=params, parent_id=case_id)


def opinion_transition(*, opinion_id: int, action: str, actor: Any,
                       params: dict[str, Any] | None = None) -> LawyerOpinion:
    """Enter the lawyer's opinion, or withdraw the request."""
    return engine.transition(LAWYER_OPINIONS, record_id=opinion_id, action=action, actor=actor,
                             params=params)


def referral_create(*, case_id: int, actor: Any, params: dict[str, Any]) -> CommitteeReferral:
    """Refer a hard 复查/复核 case to the review body's 复查复核委员会 (Art. 35, 36)."""
    return engine.create(COMMITTEE_REFERRALS, action=ReferralAction.REFER, actor=actor,
                         params=params, parent_id=case_id)


def referral_transition(*, referral_id: int, action: str, actor: Any,
                        params: dict[str, Any] | None = None) -> CommitteeReferral:
    """Record a member's vote, conclude (counts frozen) or withdraw."""
    return engine.transition(COMMITTEE_REFERRALS, record_id=referral_id, action=action,
                             actor=actor, params=params)

