"""Deliberation topics (议题), the roster of residents who may take part (参与人名册), their votes and
comments, the petitions linked to a topic, and the topic's timeline.

Residents' names and phones are personal data (Art. 46): encrypted at rest, shown masked to staff,
never on a public page; a resident is found by the blind index of the phone (`phone_index`, a keyed
HMAC, xinfang.portal.codes). One vote per person per topic is a database constraint on the voter's
blind index. Once a topic is closed its stored result can never be changed: `Topic.save` refuses a
different result (`ResultFrozen`), and a vote row is never updated or deleted. `Topic.status` is
written only by `xinfang.deliberation.workflow`.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.crypto import EncryptedTextField, mask_name, mask_phone
from xinfang.core.errors import DomainError
from xinfang.core.models import TimelineEvent

from .states import TopicStatus


class ResultFrozen(DomainError):
    """An attempt to change a closed topic's stored result, or a cast vote."""

    code = "result_frozen"


class Eligibility(models.TextChoices):
    ROSTER = "roster", _("名册内居民（含工作人员核实的参与人）")
    VERIFIED = "verified", _("仅工作人员核实的参与人")


class ResidentSource(models.TextChoices):
    ROSTER = "roster", _("居民名册")
    VERIFIED = "verified", _("工作人员核实")


class Resident(models.Model):
    """One person of a village or housing estate who may take part in its deliberations."""

    unit = models.ForeignKey("orgs.Unit", verbose_name=_("所属村（社区、小区）"),
                             on_delete=models.PROTECT, related_name="+")
    name = EncryptedTextField(_("姓名"), max_length=100)
    phone = EncryptedTextField(_("手机号码"))
    phone_index = models.CharField(max_length=64, editable=False)
    key_id = models.CharField(max_length=8, blank=True, default="", editable=False)
    source = models.CharField(_("来源"), max_length=10, choices=ResidentSource.choices,
                              default=ResidentSource.ROSTER)
    note = models.CharField(_("核实情况"), max_length=200, blank=True,
                            help_text=_("如：户籍在册；租户，经网格员上门核实"))
    active = models.BooleanField(_("有效"), default=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("登记时间"))

    class Meta:
        verbose_name = _("议事参与人")
        verbose_name_plural = _("议事参与人名册")
        ordering = ["unit__path", "pk"]
        constraints = [models.UniqueConstraint(fields=["unit", "phone_index"],
                                               name="deliberation_resident_one_per_phone")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.name_masked}"

    @property
    def name_masked(self) -> str:
        return mask_name(self.name)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


def result_digest(result: dict | None) -> str:
    """SHA-256 of the result in a canonical form: shown with it, so a changed figure is visible."""
    if result is None:
        return ""
    return hashlib.sha256(json.dumps(result, sort_keys=True, ensure_ascii=False)
                          .encode()).hexdigest()


class Topic(models.Model):
    """One question put to the residents of a place, with its options, period and outcome."""

    number = models.CharField(_("议题编号"), max_length=40, unique=True)
    title = models.CharField(_("议题"), max_length=120)
    facts = models.TextField(_("基本情况"))
    options = models.JSONField(_("表决选项"), default=list)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("议事地点（乡镇、村、小区）"),
                             on_delete=models.PROTECT, related_name="+")
    eligibility = models.CharField(_("参与范围"), max_length=10, choices=Eligibility.choices,
                                   default=Eligibility.ROSTER)
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("截止时间"), db_index=True)
    status = models.CharField(_("状态"), max_length=10, choices=TopicStatus.choices,
                              default=TopicStatus.DRAFT, db_index=True)
    # computed once when the topic closes, never changed after (see save())
    result = models.JSONField(_("表决结果"), null=True, blank=True, editable=False)
    result_digest = models.CharField(_("结果校验值"), max_length=64, blank=True, editable=False)
    closed_at = models.DateTimeField(_("截止计票时间"), null=True, blank=True)
    decision = models.TextField(_("决定"), blank=True)
    reasons = models.TextField(_("理由"), blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    cancel_reason = models.TextField(_("撤销理由"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"),
                                   on_delete=models.PROTECT, related_name="+")
    form_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("登记时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("议事议题")
        verbose_name_plural = _("议事议题")
        ordering = ["-opens_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        """Refuse to change a stored result: it is written once, by the close step."""
        if self.pk is not None:
            stored = Topic.objects.filter(pk=self.pk).values_list("result", "result_digest").first()
            if stored is not None and stored[0] is not None and (
                    stored[0] != self.result or stored[1] != self.result_digest):
                raise ResultFrozen(str(_("议题已截止计票，表决结果不能更改")))
        super().save(*args, **kwargs)

    @property
    def option_rows(self) -> list[dict]:
        """Each option with its votes and share of the votes cast (from the stored result)."""
        if not self.result:
            return [{"index": i, "label": label} for i, label in enumerate(self.options)]
        counts, cast = self.result["counts"], self.result["votes"]
        return [{"index": i, "label": label, "votes": counts[i],
                 "percent": round(100.0 * counts[i] / cast, 1) if cast else None}
                for i, label in enumerate(self.options)]

    @property
    def turnout(self) -> float | None:
        """Votes cast ÷ eligible participants at closing, in per cent (docs/deliberation.md)."""
        if not self.result or not self.result["eligible"]:
            return None
        return round(100.0 * self.result["votes"] / self.result["eligible"], 1)

    @property
    def leading(self) -> dict | None:
        """The option with the most votes; None when none was cast or two share the most."""
        rows = [r for r in self.option_rows if r.get("votes")]
        if not rows:
            return None
        top = max(r["votes"] for r in rows)
        best = [r for r in rows if r["votes"] == top]
        return best[0] if len(best) == 1 else None


class TopicCase(models.Model):
    """A petition (case) linked to a topic: it gets the published result on its timeline."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="links")
    case = models.ForeignKey("cases.Case", verbose_name=_("信访事项"), on_delete=models.PROTECT,
                             related_name="deliberation_links")
    linked_at = models.DateTimeField(_("关联时间"))

    class Meta:
        verbose_name = _("关联信访事项")
        verbose_name_plural = _("关联信访事项")
        ordering = ["topic", "pk"]
        constraints = [models.UniqueConstraint(fields=["topic", "case"],
                                               name="deliberation_link_once")]

    def __str__(self) -> str:
        return f"{self.topic_id} {self.case_id}"


class Vote(models.Model):
    """One resident's vote: which option, when. Never updated or deleted (a ballot is final)."""

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="votes")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="+")
    voter_index = models.CharField(max_length=64, editable=False)  # the resident's phone index
    option = models.PositiveSmallIntegerField(_("选项"))
    cast_at = models.DateTimeField(_("投票时间"))

    class Meta:
        verbose_name = _("表决票")
        verbose_name_plural = _("表决票")
        constraints = [models.UniqueConstraint(fields=["topic", "voter_index"],
                                               name="deliberation_one_vote_per_person")]

    def __str__(self) -> str:
        return f"{self.topic_id} #{self.pk}"  # never who voted for what

    def save(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        if self.pk is not None:
            raise ResultFrozen(str(_("表决票一经投出不能更改")))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        raise ResultFrozen(str(_("表决票一经投出不能删除")))


class Comment(models.Model):
    """A resident's comment on a topic; staff may hide it with a reason (an event on the topic)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="comments")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="+")
    author = models.CharField(_("评论人"), max_length=20)  # masked at writing: 张*
    text = models.TextField(_("评论内容"))
    posted_at = models.DateTimeField(_("评论时间"))
    hidden = models.BooleanField(_("已屏蔽"), default=False)
    hidden_reason = models.CharField(_("屏蔽理由"), max_length=200, blank=True)
    hidden_at = models.DateTimeField(_("屏蔽时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("议事评论")
        verbose_name_plural = _("议事评论")
        ordering = ["posted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.topic_id} {self.author}"


class TopicEvent(TimelineEvent):
    """One entry on a topic's timeline (who, when, old and new status)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="events")

    class Meta(TimelineEvent.Meta):
        verbose_name = _("议事记录")
        verbose_name_plural = _("议事记录")

    def __str__(self) -> str:
        return f"{self.topic_id} {self.type} {self.at:%Y-%m-%d %H:%M}"
