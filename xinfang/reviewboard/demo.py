"""Demo review lawyers and committee for the demo county 清河: three lawyers of the 复查复核律师工作室
with duty days at the bureau's reception centre, a 复查复核委员会 for each review body of the demo's
复查/复核 cases, one 复查 case with a lawyer's opinion and a committee conclusion of 4:1 维持, and one
pending (a lawyer asked, the committee to meet) — all through the real workflows."""

from __future__ import annotations

import datetime as dt
import random

from xinfang.cases.models import Case
from xinfang.cases.scenarios import County
from xinfang.cases.states import Status
from xinfang.core import clock
from xinfang.orgs.models import Role

from .models import Committee, CommitteeMember, Lawyer, LawyerDuty
from .states import MemberKind, MemberRole, OpinionAction, ReferralAction
from .workflow import opinion_request, opinion_transition, referral_create, referral_transition

LAWYERS = [("王立群", "清河衡平律师事务所", "13399201510234567", "13905710001"),
           ("陈思远", "清河正言律师事务所", "13399201710345678", "13905710002"),
           ("赵婉清", "浙江钱塘律师事务所", "13301201210456789", "13905710003")]
MEMBERS = [("周建国", MemberRole.CHAIR, MemberKind.OFFICIAL, "分管副县长"),
           ("吴敏", MemberRole.MEMBER, MemberKind.OFFICIAL, "信访局局长"),
           ("郑海涛", MemberRole.MEMBER, MemberKind.OFFICIAL, "司法局副局长"),
           ("孙丽", MemberRole.MEMBER, MemberKind.OFFICIAL, "住建局副局长"),
           ("钱立", MemberRole.MEMBER, MemberKind.EXPERT, "清河学院法学教授"),
           ("王立群", MemberRole.MEMBER, MemberKind.LAWYER, "清河衡平律师事务所律师"),
           ("冯志刚", MemberRole.MEMBER, MemberKind.OFFICIAL, "自然资源局副局长")]
VOTES = ["uphold", "uphold", "uphold", "uphold", "revoke"]  # five of seven present: 4:1 维持


def _committee(unit) -> Committee:  # noqa: ANN001
    c, made = Committee.objects.get_or_create(
        unit=unit, defaults={"name": f"{unit.short_name or unit.name}复查复核委员会"})
    if made:
        CommitteeMember.objects.bulk_create([
            CommitteeMember(committee=c, name=n, role=r, kind=k, title=t) for n, r, k, t in MEMBERS])
    return c


def seed(*, county: County, cases: list, rng: random.Random) -> str:  # noqa: ARG001
    today = clock.today()
    lawyers = [Lawyer.objects.get_or_create(
        licence_number=lic, defaults={"name": n, "law_firm": f, "phone": p, "unit": county.bureau})[0]
        for n, f, lic, p in LAWYERS]
    for i in range(14):  # two weeks of duty days at the bureau's reception centre, in turn
        LawyerDuty.objects.get_or_create(lawyer=lawyers[i % len(lawyers)],
                                         day=today + dt.timedelta(days=i),
                                         defaults={"unit": county.bureau,
                                                   "place": "县人民来访接待中心律师值班室"})
    under_review = list(Case.objects.filter(pk__in=[c.pk for c in cases],
                                            status__in=[Status.REVIEW_REQUESTED,
                                                        Status.RECHECK_REQUESTED])
                        .select_related("holding_unit").order_by("status", "pk"))
    if not under_review:
        return f"律师 {len(lawyers)} 名，值班 14 天；没有复查、复核中的信访件"
    done, *rest = under_review
    _concluded(county, done, lawyers[0])
    made = 1
    if rest:
        _pending(county, rest[0], lawyers[1])
        made += 1
    return (f"律师 {len(lawyers)} 名，值班 14 天；复查复核委员会审议 {made} 件"
            f"（{done.number} 4:1 维持{'，' + rest[0].number + ' 待审议' if rest else ''}）")


def _concluded(county: County, case: Case, lawyer: Lawyer) -> None:
    unit = case.holding_unit
    committee = _committee(unit)
    handler, approver = county.user(unit, Role.HANDLER), county.user(unit, Role.APPROVER)
    o = opinion_request(case_id=case.pk, actor=handler, params={
        "lawyer": lawyer.pk, "question": "原处理意见认定事实是否清楚、适用依据是否正确，程序是否合法。"})
    opinion_transition(opinion_id=o.pk, action=OpinionAction.SUBMIT, actor=handler, params={
        "conclusion": "uphold", "submitted_on": clock.today().isoformat(),
        "text": "经查阅原处理意见、调查笔录及相关政策文件，原处理意见认定事实清楚，适用依据正确，程序合法。",
        "reasons": "信访人诉求已依政策作出答复，未提出新的事实和理由"})
    r = referral_create(case_id=case.pk, actor=handler, params={
        "question": "信访人认为原处理意见处理尺度过严，是否应予维持。",
        "meeting_on": clock.today().isoformat(), "place": "县政府第三会议室"})
    for member, choice in zip(committee.members.order_by("pk"), VOTES, strict=False):
        referral_transition(referral_id=r.pk, action=ReferralAction.VOTE, actor=handler, params={
            "member": member.pk, "vote": choice,
            "reasons": "原处理意见事实清楚、依据正确" if choice == "uphold"
            else "处理期限偏长，建议变更为限期整改"})
    referral_transition(referral_id=r.pk, action=ReferralAction.CONCLUDE, actor=approver, params={
        "reasons": "原处理意见认定事实清楚，适用政策正确，程序合法，应予维持"})


def _pending(county: County, case: Case, lawyer: Lawyer) -> None:
    unit = case.holding_unit
    _committee(unit)
    handler = county.user(unit, Role.HANDLER)
    opinion_request(case_id=case.pk, actor=handler, params={
        "lawyer": lawyer.pk, "question": "信访人提出的补偿标准是否符合现行政策。"})
    referral_create(case_id=case.pk, actor=handler, params={
        "question": "补偿标准有争议，提请委员会集体审议。",
        "meeting_on": (clock.today() + dt.timedelta(days=5)).isoformat(), "place": "县政府第三会议室"})
