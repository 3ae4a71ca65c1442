"""The outbox: every message to a petitioner or a staff member, written in the transaction of the
change it reports and sent after commit, retried until it is delivered or gives up loudly.

Phone numbers and e-mail addresses are encrypted at rest like the petitioner's own data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.crypto import EncryptedTextField, mask_phone


class Channel(models.TextChoices):
    SMS = "sms", _("短信")
    EMAIL = "email", _("电子邮件")
    INAPP = "inapp", _("站内消息")


class State(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败（已放弃）")


class Notification(models.Model):
    channel = models.CharField(_("渠道"), max_length=8, choices=Channel.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.CASCADE, related_name="notifications",
                             verbose_name=_("收件工作人员"))
    petitioner = models.ForeignKey("cases.Petitioner", null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="+",
                                   verbose_name=_("收件信访人"))
    address = EncryptedTextField(_("手机号或邮箱"), blank=True)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="notifications", verbose_name=_("信访件"))
    subject = models.CharField(_("标题"), max_length=200, blank=True)
    body = models.TextField(_("内容"))
    state = models.CharField(_("状态"), max_length=8, choices=State.choices,
                             default=State.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), db_index=True)
    last_error = models.CharField(_("最近错误"), max_length=300, blank=True)
    provider_id = models.CharField(_("回执编号"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("创建时间"))
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("消息")
        verbose_name_plural = _("消息（发件箱）")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.masked_address} {self.subject or self.body[:20]}"

    @property
    def masked_address(self) -> str:
        """For logs and lists: 138****5678, z***@example.org, or the user name."""
        if self.channel == Channel.SMS:
            return mask_phone(self.address)
        if self.channel == Channel.EMAIL:
            local, _at, domain = (self.address or "").partition("@")
            return f"{local[:1]}***@{domain}" if domain else "***"
        return str(self.user) if self.user_id else ""
