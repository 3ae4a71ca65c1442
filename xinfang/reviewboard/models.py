"""Lawyers of the 复查复核律师工作室 and their duty days, each review body's 复查复核委员会 and its
members, a lawyer's written opinion on a review case, a referral of a case to the committee and
each member's vote.

`LawyerOpinion.status` and `CommitteeReferral.status` (and the votes) are written only by
`xinfang.reviewboard.workflow`; lawyers, duty days, committees and members are configured in the
admin. A lawyer's name and phone are encrypted at rest (xinfang.core.crypto) and the phone is
masked in lists; the committee members are officials or experts named in their public role.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.crypto import EncryptedTextField, mask_phone

from .states import (
    LawyerConclusion,
    MemberKind,
    MemberRole,
    OpinionStatus,
    ReferralStatus,
    Stage,
    Vote,
)


class Lawyer(models.Model):
    """A lawyer of the roster (律师工作室); not a user: staff enter what the lawyer writes."""

    name = EncryptedTextField(_("律师姓名"), max_length=100)
    law_firm = models.CharField(_("律师事务所"), max_length=200)
    licence_number = models.CharField(_("执业证号"), max_length=40, unique=True)
    phone = EncryptedTextField(_("联系电话"), blank=True)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("所在律师工作室（单位）"),
                             on_delete=models.PROTECT, related_name="+",
                             help_text=_("律师工作室设在的信访部门或复查复核机关"))
    active = models.BooleanField(_("在册"), default=True)

    class Meta:
        verbose_name = _("律师")
        verbose_name_plural = _("律师")
        ordering = ["unit__path", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.law_firm}）"

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


class LawyerDuty(models.Model):
    """A lawyer's day on duty at a reception point (值班律师)."""

    lawyer = models.ForeignKey(Lawyer, verbose_name=_("律师"), on_delete=models.CASCADE,
                               related_name="duties")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("值班单位（接待场所）"),
                             on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("值班日期"), db_index=True)
    place = models.CharField(_("值班地点"), max_length=200, blank=True,
                             help_text=_("如：县人民来访接待中心律师值班室"))

    class Meta:
        verbose_name = _("律师值班")
        verbose_name_plural = _("律师值班")
        ordering = ["day", "unit__path", "pk"]
        constraints = [models.UniqueConstraint(fields=["lawyer", "day"],
                                               name="reviewboard_one_duty_a_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.lawyer_id}"


class Committee(models.Model):
    """The 复查复核委员会 of one review body (the unit that answers 复查 or 复核)."""

    unit = models.OneToOneField("orgs.Unit", verbose_name=_("复查复核机关"),
                                on_delete=models.PROTECT, related_name="review_committee")
    name = models.CharField(_("委员会名称"), max_length=100)

    class Meta:
        verbose_name = _("复查复核委员会")
        verbose_name_plural = _("复查复核委员会")
        ordering = ["unit__path"]

    def __str__(self) -> str:
        return self.name

    def active_members(self):  # noqa: ANN201
        return self.members.filter(active=True)


class CommitteeMember(models.Model):
    """A member: its role (主任/委员) and kind (official, external expert, lawyer)."""

    committee = models.ForeignKey(Committee, verbose_name=_("委员会"), on_delete=models.CASCADE,
                                  related_name="members")
    name = models.CharField(_("委员姓名"), max_length=100)
    role = models.CharField(_("职务"), max_length=8, choices=MemberRole.choices,
                            default=MemberRole.MEMBER)
    kind = models.CharField(_("身份"), max_length=10, choices=MemberKind.choices,
                            default=MemberKind.OFFICIAL)
    title = models.CharField(_("工作单位及职务"), max_length=200, blank=True)
    active = models.BooleanField(_("在任"), default=True)

    class Meta:
        verbose_name = _("委员会委员")
        verbose_name_plural = _("委员会委员")
        ordering = ["committee", "role", "pk"]

    def __str__(self) -> str:
        return self.name


class LawyerOpinion(models.Model):
    """A lawyer's written opinion on a 复查/复核 case, asked for before the decision."""

    case = models.ForeignKey("cases.Case", verbose_name=_("信访件"), on_delete=models.PROTECT,
                             related_name="lawyer_opinions")
    stage = models.CharField(_("阶段"), max_length=8, choices=Stage.choices)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("复查复核机关"), on_delete=models.PROTECT,
                             related_name="+")
    lawyer = models.ForeignKey(Lawyer, verbose_name=_("律师"), on_delete=models.PROTECT,
                               related_name="opinions")
    status = models.CharField(_("状态"), max_length=10, choices=OpinionStatus.choices,
                              default=OpinionStatus.REQUESTED, db_index=True)
    question = models.TextField(_("请律师研究的问题"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("请求人"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("请求时间"))
    conclusion = models.CharField(_("律师结论"), max_length=8, choices=LawyerConclusion.choices,
                                  blank=True)
    text = models.TextField(_("律师书面意见"), blank=True)
    reasons = models.TextField(_("理由"), blank=True)
    submitted_on = models.DateField(_("出具日期"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("撤回理由"), blank=True)

    class Meta:
        verbose_name = _("律师意见")
        verbose_name_plural = _("律师意见")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.stage} {self.status}"


class CommitteeReferral(models.Model):
    """A review case before the committee: the meeting, its votes and the frozen conclusion."""

    case = models.ForeignKey("cases.Case", verbose_name=_("信访件"), on_delete=models.PROTECT,
                             related_name="committee_referrals")
    stage = models.CharField(_("阶段"), max_length=8, choices=Stage.choices)
    committee = models.ForeignKey(Committee, verbose_name=_("委员会"), on_delete=models.PROTECT,
                                  related_name="referrals")
    status = models.CharField(_("状态"), max_length=10, choices=ReferralStatus.choices,
                              default=ReferralStatus.REFERRED, db_index=True)
    question = models.TextField(_("提请审议的问题"))
    meeting_on = models.DateField(_("会议日期"))
    place = models.CharField(_("会议地点"), max_length=200, blank=True)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提请人"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    referred_at = models.DateTimeField(_("提请时间"))
    # frozen when concluded
    conclusion = models.CharField(_("委员会结论"), max_length=8, choices=Vote.choices, blank=True)
    reasons = models.TextField(_("结论理由"), blank=True)
    members_count = models.PositiveSmallIntegerField(_("委员总数"), null=True, blank=True)
    present_count = models.PositiveSmallIntegerField(_("到会表决人数"), null=True, blank=True)
    counts = models.JSONField(_("表决结果"), default=dict, blank=True)
    concluded_at = models.DateTimeField(_("结论时间"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("撤回理由"), blank=True)

    class Meta:
        verbose_name = _("委员会审议")
        verbose_name_plural = _("委员会审议")
        ordering = ["-referred_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.stage} {self.status}"

    def tally(self) -> dict[str, int]:
        """Votes by choice, every choice present (0 when none)."""
        out = {v: 0 for v in Vote.values}
        for vote in self.votes.values_list("vote", flat=True):
            out[vote] += 1
        return out


class MemberVote(models.Model):
    """One member present and their vote with reasons (recorded by staff at the meeting)."""

    referral = models.ForeignKey(CommitteeReferral, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(CommitteeMember, verbose_name=_("委员"), on_delete=models.PROTECT,
                               related_name="+")
    vote = models.CharField(_("表决意见"), max_length=8, choices=Vote.choices)
    reasons = models.TextField(_("理由"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("记录时间"))

    class Meta:
        verbose_name = _("委员表决")
        verbose_name_plural = _("委员表决")
        ordering = ["referral", "pk"]
        constraints = [models.UniqueConstraint(fields=["referral", "member"],
                                               name="reviewboard_one_vote_per_member")]

    def __str__(self) -> str:
        return f"{self.referral_id} {self.member_id} {self.vote}"
