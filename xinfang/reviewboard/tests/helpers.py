"""Building review records for the tests: the county government (the 复查 body of a case the
housing department answered) with a committee of five members and two lawyers; the city (the 复核
body) with a committee of three."""

from __future__ import annotations

import datetime as dt

from xinfang.cases.scenarios import County, drive_to
from xinfang.cases.states import Status
from xinfang.core import clock
from xinfang.orgs.models import Role
from xinfang.reviewboard.models import Committee, CommitteeMember, Lawyer
from xinfang.reviewboard.states import MemberKind, MemberRole, OpinionAction, ReferralAction
from xinfang.reviewboard.workflow import (
    opinion_request,
    opinion_transition,
    referral_create,
    referral_transition,
)

QUESTION = "原处理意见认定楼道漏水系公共部位维修责任，适用依据是否正确。"
OPINION = {"conclusion": "uphold", "text": "经审查原处理意见及相关材料，事实清楚，依据正确，程序合法。",
           "reasons": "物业专项维修资金使用程序已依法启动，原处理意见并无不当"}
REFER = {"question": "信访人认为维修期限过长，原处理意见是否应予变更。", "place": "县政府3楼会议室"}


def lawyer(county: County, *, licence: str = "13301201810000001", name: str = "李明") -> Lawyer:
    return Lawyer.objects.get_or_create(
        licence_number=licence,
        defaults={"name": name, "law_firm": "浙江某某律师事务所", "phone": "13800001111",
                  "unit": county.bureau})[0]


def committee(county: County, unit=None, n: int = 5) -> Committee:  # noqa: ANN001
    unit = unit or county.county
    c, made = Committee.objects.get_or_create(unit=unit, defaults={"name": f"{unit.short_name}复查复核委员会"})
    if made:
        for i in range(n):
            CommitteeMember.objects.create(
                committee=c, name=f"委员{i + 1}", role=MemberRole.CHAIR if i == 0 else MemberRole.MEMBER,
                kind=MemberKind.LAWYER if i == n - 1 else MemberKind.OFFICIAL)
    return c


def staff(county: County, role: str = Role.HANDLER, unit=None):  # noqa: ANN001, ANN201
    return county.user(unit or county.county, role)


def review_case(county: County):  # noqa: ANN201
    """A case in 复查中 at the county government (the housing department answered it)."""
    return drive_to(county, Status.REVIEW_REQUESTED)


def ask(county: County, case, **kw):  # noqa: ANN001, ANN003, ANN201
    return opinion_request(case_id=case.pk, actor=kw.pop("actor", None) or staff(county),
                           params={"lawyer": lawyer(county).pk, "question": QUESTION, **kw})


def submit(county: County, opinion, **kw):  # noqa: ANN001, ANN003, ANN201
    return opinion_transition(opinion_id=opinion.pk, action=OpinionAction.SUBMIT,
                              actor=kw.pop("actor", None) or staff(county),
                              params={**OPINION, "submitted_on": clock.today().isoformat(), **kw})


def refer(county: County, case, **kw):  # noqa: ANN001, ANN003, ANN201
    committee(county, case.holding_unit)
    day = (clock.today() - dt.timedelta(days=kw.pop("days_ago", 0))).isoformat()
    return referral_create(case_id=case.pk, actor=kw.pop("actor", None) or staff(county, unit=case.holding_unit),
                           params={**REFER, "meeting_on": day, **kw})


def vote(county: County, referral, member, choice: str, **kw):  # noqa: ANN001, ANN003, ANN201
    return referral_transition(
        referral_id=referral.pk, action=ReferralAction.VOTE,
        actor=kw.pop("actor", None) or staff(county, unit=referral.committee.unit),
        params={"member": member.pk, "vote": choice, "reasons": f"{member.name}的理由", **kw})


def votes(county: County, referral, choices: list[str]):  # noqa: ANN001, ANN201
    members = list(referral.committee.members.order_by("pk"))
    for member, choice in zip(members, choices, strict=False):
        referral = vote(county, referral, member, choice)
    return referral


def conclude(county: County, referral, **kw):  # noqa: ANN001, ANN003, ANN201
    return referral_transition(
        referral_id=referral.pk, action=ReferralAction.CONCLUDE,
        actor=kw.pop("actor", None) or staff(county, Role.APPROVER, referral.committee.unit),
        params={"reasons": "原处理意见事实清楚、依据正确，维修期限符合物业专项维修资金使用程序", **kw})


def concluded_with_opinion(county: County):  # noqa: ANN201
    """A 复查 case with a lawyer's opinion entered and a committee conclusion of 4:1 维持."""
    case = review_case(county)
    submit(county, ask(county, case))
    referral = votes(county, refer(county, case), ["uphold"] * 4 + ["revoke"])
    return conclude(county, referral)
