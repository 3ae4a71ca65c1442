"""Admin: legal staff download a template, edit it in Word and upload it again."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from xinfang.core.errors import DomainError

from . import services
from .kinds import ACTION_FIELDS, COMMON_FIELDS, SPECS, DocumentKind
from .models import Delivery, Document, DocumentTemplate


class TemplateForm(forms.ModelForm):
    upload = forms.FileField(label="模板文件（.docx）", required=True,
                             help_text="在Word中编辑后上传；填写项写作 {{ 名称 }}，可用名称见下方说明")

    class Meta:
        model = DocumentTemplate
        fields = ["kind", "unit", "name"]  # an upload always becomes the active template

    def clean(self):  # noqa: ANN201
        data = super().clean()
        upload, kind = data.get("upload"), data.get("kind")
        if upload and kind:
            content = upload.read()
            try:
                services.template_check(kind=kind, content=content)
            except DomainError as err:
                self.add_error("upload", err.message)
            data["content"] = content
        return data


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    form = TemplateForm
    list_display = ["kind", "unit", "name", "active", "is_default", "updated_at", "download"]
    list_filter = ["kind", "active", "is_default"]
    readonly_fields = ["placeholders_help"]
    fields = ["kind", "unit", "name", "upload", "placeholders_help"]

    @admin.display(description="下载")
    def download(self, obj: DocumentTemplate) -> str:
        url = reverse("documents:template-download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.filename or "template.docx")

    @admin.display(description="可用填写项")
    def placeholders_help(self, obj: DocumentTemplate | None) -> str:
        kind = DocumentKind(obj.kind) if obj and obj.kind else None
        extra = SPECS[kind].fields if kind else ()
        items = [*COMMON_FIELDS, *ACTION_FIELDS, *extra]
        return format_html("<br>".join("{{{{ {} }}}}：{}" for _ in items),
                           *[x for pair in items for x in pair])

    def save_model(self, request, obj, form, change) -> None:  # noqa: ANN001
        saved = services.template_upload(
            kind=obj.kind, content=form.cleaned_data["content"], name=obj.name,
            actor=request.user, unit=obj.unit, filename=form.cleaned_data["upload"].name)
        obj.pk = saved.pk
        messages.info(request, "新模板已启用，此前的同类模板已停用（保留备查）")


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    fields = ["method", "delivered_on", "receipt", "note", "recorded_at", "recorded_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "case", "unit", "issued_at", "delivered_on"]
    list_filter = ["kind"]
    search_fields = ["number", "case__number"]
    fields = ["number", "kind", "case", "unit", "action", "addressee", "issued_at", "issued_by",
              "delivered_on", "text", "pdf_error"]
    readonly_fields = fields
    inlines = [DeliveryInline]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001, ARG002
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False  # an issued notice is a record; it is never deleted
