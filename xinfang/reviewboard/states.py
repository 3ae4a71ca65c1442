"""The two review workflows (复查/复核 of Art. 35, 36), declared once.

`lawyer_opinion` (parent: the case): the review body (the unit holding a case in 复查中 or 复核中)
asks a lawyer of the 复查复核律师工作室 for a written opinion; staff enter the lawyer's opinion
when it comes in (the lawyer has no account), or withdraw the request.

`committee_referral` (parent: the case): a hard review case is referred to the review body's
复查复核委员会; each member present votes (维持/撤销/变更/弃权) with reasons, recorded by staff; the
approver concludes the meeting, which freezes the counts and the conclusion (quorum and majority:
settings), or withdraws the referral.

While either is open, the case's 出具复查意见 / 出具复核意见 is refused (case guard
`review_inputs_in`). Neither stops a clock: Art. 35, 36 exclude only the 复核 hearing.
Basis: Art. 35, 36 and the practice of Zhongshan (复查复核律师工作室) and Zhenhai (复查复核委员会).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.workflow import Transition
from xinfang.orgs.models import Role


class Stage(models.TextChoices):
    REVIEW = "review", _("复查")
    RECHECK = "recheck", _("复核")


class OpinionStatus(models.TextChoices):
    REQUESTED = "requested", _("待律师出具意见")
    SUBMITTED = "submitted", _("律师已出具意见")
    WITHDRAWN = "withdrawn", _("已撤回")


class OpinionAction(models.TextChoices):
    REQUEST = "request", _("请律师出具意见")
    SUBMIT = "submit", _("录入律师意见")
    WITHDRAW = "withdraw", _("撤回律师意见请求")


class LawyerConclusion(models.TextChoices):
    UPHOLD = "uphold", _("维持")
    REVOKE = "revoke", _("撤销")
    CHANGE = "change", _("变更")
    OTHER = "other", _("其他")


class ReferralStatus(models.TextChoices):
    REFERRED = "referred", _("待委员会审议")
    CONCLUDED = "concluded", _("委员会已作出结论")
    WITHDRAWN = "withdrawn", _("已撤回")


class ReferralAction(models.TextChoices):
    REFER = "refer", _("提交复查复核委员会")
    VOTE = "vote", _("记录委员表决")
    CONCLUDE = "conclude", _("宣布委员会结论")
    WITHDRAW = "withdraw", _("撤回委员会审议")


class Vote(models.TextChoices):
    UPHOLD = "uphold", _("维持")
    REVOKE = "revoke", _("撤销")
    CHANGE = "change", _("变更")
    ABSTAIN = "abstain", _("弃权")


#: the choices a conclusion can be (an abstention never is)
DECIDING = (Vote.UPHOLD, Vote.REVOKE, Vote.CHANGE)


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("主任")
    MEMBER = "member", _("委员")


class MemberKind(models.TextChoices):
    OFFICIAL = "official", _("机关工作人员")
    EXPERT = "expert", _("外聘专家")
    LAWYER = "lawyer", _("律师")


# Whose unit may act: the review body, the unit holding the case in 复查中 / 复核中.
REVIEW_BODY = "review_body"

STAFF = {Role.HANDLER, Role.APPROVER}
HEAD = {Role.APPROVER}

LAWYERS = "实践做法（中山“复查复核律师工作室”）"
COMMITTEE = "实践做法（镇海“复查复核委员会”）"


def _t(action: str, sources: set[str], target: str | None, roles: set[str], doc: str,
       guards: tuple[str, ...] = ()) -> Transition:
    return Transition(action=action, sources=frozenset(sources), target=target,
                      roles=frozenset(roles), scope=REVIEW_BODY, doc=doc, guards=guards)


OA, OS = OpinionAction, OpinionStatus
R, RS = ReferralAction, ReferralStatus

OPINION_TRANSITIONS: dict[str, Transition] = {t.action: t for t in (
    _t(OA.REQUEST, set(), OS.REQUESTED, STAFF,
       f"第35条、第36条（复查、复核30日内书面答复）；{LAWYERS}：复查复核机关请值班律师出具书面法律意见，作出决定前参考。",
       guards=("case_under_review", "no_open_opinion")),
    _t(OA.SUBMIT, {OS.REQUESTED}, OS.SUBMITTED, STAFF,
       f"{LAWYERS}：律师出具书面意见（维持、撤销、变更或其他，并说明理由），由工作人员录入；第35条、第36条期限照常计算。",
       guards=("case_still_under_review",)),
    _t(OA.WITHDRAW, {OS.REQUESTED}, OS.WITHDRAWN, STAFF,
       f"{LAWYERS}：不再需要律师意见的，说明理由撤回请求（第35条、第36条期限照常计算）。"),
)}

REFERRAL_TRANSITIONS: dict[str, Transition] = {t.action: t for t in (
    _t(R.REFER, set(), RS.REFERRED, STAFF,
       f"第35条、第36条；{COMMITTEE}：疑难复查、复核事项提交本机关复查复核委员会集体审议。",
       guards=("case_under_review", "has_committee", "no_open_referral")),
    _t(R.VOTE, {RS.REFERRED}, None, STAFF,
       f"{COMMITTEE}：到会委员逐一表决（维持、撤销、变更、弃权）并说明理由，工作人员如实记录。",
       guards=("meeting_held", "member_may_vote")),
    _t(R.CONCLUDE, {RS.REFERRED}, RS.CONCLUDED, HEAD,
       f"{COMMITTEE}：到会委员过法定人数、意见过半数的，形成委员会结论，表决结果固定不再改动；复查（复核）意见引用该结论（第35条、第36条）。",
       guards=("quorum_met", "majority_reached")),
    _t(R.WITHDRAW, {RS.REFERRED}, RS.WITHDRAWN, HEAD,
       f"{COMMITTEE}：未形成结论或无需审议的，负责人说明理由撤回（第35条、第36条期限照常计算）。"),
)}
