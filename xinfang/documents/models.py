"""Notice templates (editable .docx), issued documents with their numbers, and their delivery (送达).

Templates and issued documents are kept in the database (bytes), not in media storage, so that a
document is issued in the same transaction as the workflow step that needs it: if the step fails,
no orphan file remains; if it commits, the document is there. The PDF is derived from the stored
.docx on demand and cached.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.crypto import EncryptedJSONField, EncryptedTextField

from .kinds import SPECS, DocumentKind


class DocumentTemplate(models.Model):
    """A Word template for one notice kind; a unit may have its own, else the nearest above it."""

    kind = models.CharField(_("文书种类"), max_length=20, choices=DocumentKind.choices)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("适用单位"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="+", help_text=_("留空为全平台默认模板；下级单位没有自己的模板时使用上级单位的"),
    )
    name = models.CharField(_("模板名称"), max_length=100)
    content = models.BinaryField(_("模板文件（.docx）"), editable=False)
    filename = models.CharField(_("文件名"), max_length=200, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    is_default = models.BooleanField(_("随系统提供"), default=False, editable=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("更新人"))

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        ordering = ["kind", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "unit"], condition=models.Q(active=True),
                                    name="one_active_template_per_kind_unit"),
            models.UniqueConstraint(fields=["kind"],
                                    condition=models.Q(active=True, unit__isnull=True),
                                    name="one_active_global_template_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.name}"


class DeliveryMethod(models.TextChoices):
    """送达方式 (practice following 民事诉讼法 Art. 87-95)."""

    DIRECT = "direct", _("直接送达")
    MAIL = "mail", _("邮寄送达")
    ELECTRONIC = "electronic", _("电子送达（短信、邮件、网上信访平台）")
    LEFT = "left", _("留置送达")
    ENTRUSTED = "entrusted", _("委托送达")
    PUBLIC = "public", _("公告送达")


class Document(models.Model):
    """One issued notice: its number, the filled .docx, the PDF once made, and its delivery."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="documents",
                             verbose_name=_("信访件"))
    kind = models.CharField(_("文书种类"), max_length=20, choices=DocumentKind.choices)
    number = models.CharField(_("文号"), max_length=60, db_index=True)
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("发文单位"))
    action = models.CharField(_("对应操作"), max_length=24, blank=True)
    addressee = EncryptedTextField(_("主送"), max_length=200)  # the petitioner's name: encrypted
    template = models.ForeignKey(DocumentTemplate, null=True, on_delete=models.SET_NULL,
                                 related_name="documents", verbose_name=_("所用模板"))
    context = EncryptedJSONField(_("填写内容"), default=dict)  # names, address: encrypted
    docx = models.BinaryField(_("Word文件"))
    text = EncryptedTextField(_("正文文本"), blank=True)
    pdf = models.BinaryField(_("PDF文件"), null=True, blank=True)
    pdf_error = models.CharField(_("PDF生成失败原因"), max_length=300, blank=True)
    issued_at = models.DateTimeField(_("出具时间"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("出具人"))
    delivered_on = models.DateField(_("送达日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="document_number_once_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"

    @property
    def spec(self):  # noqa: ANN201
        return SPECS[DocumentKind(self.kind)]

    @property
    def filename(self) -> str:
        return f"{self.get_kind_display()}_{self.case.number}_{self.pk}"


class Delivery(models.Model):
    """送达: how and when a document reached its addressee, with the receipt (回执)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="deliveries")
    # 并案 (Art. 35, 36): the one answer is served on each merged case's petitioner too, and each
    # one's 30 days run from their own receipt; empty = the document's addressee (the case's own).
    recipient = models.ForeignKey("cases.Petitioner", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("送达对象（并案的信访人）"))
    method = models.CharField(_("送达方式"), max_length=12, choices=DeliveryMethod.choices)
    delivered_on = models.DateField(_("送达日期"))
    receipt = EncryptedTextField(_("回执"), max_length=200, blank=True,  # who signed: encrypted
                                 help_text=_("签收人、邮件单号或短信回执编号"))
    receipt_file = models.BinaryField(_("回执扫描件"), null=True, blank=True, editable=False)
    receipt_filename = models.CharField(_("回执文件名"), max_length=200, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("登记时间"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("登记人"))

    class Meta:
        verbose_name = _("送达记录")
        verbose_name_plural = _("送达记录")
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.delivered_on}"

    @property
    def recipient_masked(self) -> str:
        """The merged petitioner it was served on, masked as in every list; '' for the addressee."""
        from xinfang.core.crypto import mask_name

        return mask_name(self.recipient.name) if self.recipient_id else ""
