"""People's suggestions (人民建议, Art. 29) as records, and their timeline.

The proposer's name and phone are personal data (Art. 46): encrypted at rest like a petitioner's,
shown only masked to staff and never on a public page. The query code is stored only as a keyed
hash, like an online petition's (xinfang.portal.codes). `Suggestion.status` is written only by
`xinfang.suggestions.workflow`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.crypto import EncryptedTextField, mask_name, mask_phone
from xinfang.core.models import TimelineEvent

from .states import SuggestionStatus


class SuggestionChannel(models.TextChoices):
    PORTAL = "portal", _("网上提交")
    STAFF = "staff", _("工作人员登记")


class SuggestionField(models.TextChoices):
    """The policy area a suggestion is about (领域), as 浙智汇-style collections sort them."""

    ECONOMY = "economy", _("经济发展")
    URBAN = "urban", _("城乡建设")
    LIVELIHOOD = "livelihood", _("社会民生")
    ENVIRONMENT = "environment", _("生态环境")
    GOVERNMENT = "government", _("政务服务")
    OTHER = "other", _("其他")


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("不予采纳")


class Suggestion(models.Model):
    """One suggestion: who proposed it (protected), what, about which place or unit, and its handling."""

    number = models.CharField(_("建议编号"), max_length=40, unique=True)
    topic = models.CharField(_("建议题目"), max_length=100)
    text = models.TextField(_("建议内容"))
    field = models.CharField(_("领域"), max_length=12, choices=SuggestionField.choices,
                             default=SuggestionField.OTHER)
    concerns_unit = models.ForeignKey("orgs.Unit", verbose_name=_("涉及地区或单位"),
                                      on_delete=models.PROTECT, related_name="+")
    receiving_unit = models.ForeignKey("orgs.Unit", verbose_name=_("受理单位"),
                                       on_delete=models.PROTECT, related_name="+")
    deciding_unit = models.ForeignKey("orgs.Unit", verbose_name=_("研究办理单位"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("提出方式"), max_length=8, choices=SuggestionChannel.choices)
    anonymous = models.BooleanField(_("匿名"), default=False)
    proposer_name = EncryptedTextField(_("建议人姓名"), max_length=100, blank=True)
    proposer_phone = EncryptedTextField(_("建议人手机号码"), blank=True)
    publish_consent = models.BooleanField(_("同意公开"), default=False,
                                          help_text=_("同意公开建议内容及采纳情况（不公开姓名和联系方式）"))
    # the query code and phone the proposer proves it is theirs with (keyed hashes, portal.codes)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    phone_index = models.CharField(max_length=64, blank=True, editable=False)
    key_id = models.CharField(max_length=8, blank=True, default="", editable=False)

    status = models.CharField(_("状态"), max_length=12, choices=SuggestionStatus.choices,
                              default=SuggestionStatus.SUBMITTED, db_index=True)
    submitted_on = models.DateField(_("提出日期"), db_index=True)
    referred_on = models.DateField(_("转交日期"), null=True, blank=True)
    reply = models.TextField(_("答复意见"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    outcome = models.CharField(_("采纳情况"), max_length=12, choices=Outcome.choices, blank=True)
    decision_note = models.TextField(_("采纳情况说明"), blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    reward = models.CharField(_("奖励"), max_length=200, blank=True)
    rewarded_on = models.DateField(_("奖励日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("登记时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("人民建议")
        verbose_name_plural = _("人民建议")
        ordering = ["-submitted_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.topic}"

    @property
    def proposer_display(self) -> str:
        """For staff pages: 匿名, or the masked name (张*); never the full name in a list."""
        return str(_("匿名")) if self.anonymous or not self.proposer_name else mask_name(
            self.proposer_name)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.proposer_phone)

    @property
    def days_to_answer(self) -> int | None:
        """Calendar days from submission to the reply (docs/suggestions.md)."""
        if self.answered_on is None:
            return None
        return (self.answered_on - self.submitted_on).days


class SuggestionEvent(TimelineEvent):
    """One entry on a suggestion's timeline (who, when, old and new status)."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="events")

    class Meta(TimelineEvent.Meta):
        verbose_name = _("人民建议记录")
        verbose_name_plural = _("人民建议记录")

    def __str__(self) -> str:
        return f"{self.suggestion_id} {self.type} {self.at:%Y-%m-%d %H:%M}"
