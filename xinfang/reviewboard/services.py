"""What the review opinion cites: the committee's frozen conclusion and the lawyer's opinion
(复查意见书 / 复核意见书, Art. 32, 35, 36). Used to pre-fill the case's draft and answer forms; the
approver signs what is written (the citation can be edited like any draft text)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from xinfang.documents.services import cn_date

from .models import CommitteeReferral, LawyerOpinion
from .states import OpinionStatus, ReferralStatus


def concluded_referral(case: Any, stage: str) -> CommitteeReferral | None:
    return (CommitteeReferral.objects.filter(case=case, stage=stage,
                                             status=ReferralStatus.CONCLUDED)
            .select_related("committee").order_by("-concluded_at", "-pk").first())


def submitted_opinion(case: Any, stage: str) -> LawyerOpinion | None:
    return (LawyerOpinion.objects.filter(case=case, stage=stage, status=OpinionStatus.SUBMITTED)
            .select_related("lawyer").order_by("-submitted_on", "-pk").first())


def citation(case: Any, stage: str) -> str:
    """The sentences the 复查（复核）意见 cites, empty when there is nothing to cite."""
    parts = []
    r = concluded_referral(case, stage)
    if r is not None:
        c = r.counts
        parts.append(_(
            "本件经%(committee)s于%(day)s审议，委员%(members)s人，到会表决%(present)s人，"
            "维持%(u)s票、撤销%(r)s票、变更%(ch)s票、弃权%(a)s票，结论为%(conclusion)s：%(reasons)s")
            % {"committee": r.committee.name, "day": cn_date(r.meeting_on),
               "members": r.members_count, "present": r.present_count,
               "u": c.get("uphold", 0), "r": c.get("revoke", 0), "ch": c.get("change", 0),
               "a": c.get("abstain", 0), "conclusion": r.get_conclusion_display(),
               "reasons": r.reasons.rstrip("。")} + "。")
    o = submitted_opinion(case, stage)
    if o is not None:
        parts.append(_("%(firm)s律师%(lawyer)s于%(day)s出具书面法律意见，意见为%(conclusion)s：%(reasons)s")
                     % {"firm": o.lawyer.law_firm, "lawyer": o.lawyer.name,
                        "day": cn_date(o.submitted_on), "conclusion": o.get_conclusion_display(),
                        "reasons": o.reasons.rstrip("。")} + "。")
    return "".join(parts)
