"""Admin: legal staff maintain the 依法分类处理清单; proposals and feedback are read-only records."""

from django.contrib import admin

from .models import RoutingRule, TriageCorrection, TriageProposal


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "legal_route", "simplified", "target_unit_type", "target_unit_name",
                    "priority", "active", "updated_at")
    list_filter = ("active", "legal_route", "simplified", "target_unit_type")
    list_editable = ("priority", "active")
    search_fields = ("name", "phrases", "categories", "article")
    fieldsets = (
        (None, {"fields": ("name", "article", "priority", "active")}),
        ("条件", {"fields": ("phrases", "exclude_phrases", "categories", "purposes")}),
        ("建议", {"fields": ("legal_route", "set_purpose", "simplified", "target_unit_type",
                            "target_unit_name", "target_unit", "guidance")}),
    )
    autocomplete_fields = ()

    def save_model(self, request, obj, form, change) -> None:  # noqa: ANN001
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:  # noqa: ANN001, ARG002
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False  # part of the case record (Art. 21)


@admin.register(TriageProposal)
class TriageProposalAdmin(ReadOnly):
    list_display = ("case", "category_label", "confidence", "legal_route", "unit", "ask_human",
                    "repeat_kind", "entity", "decided", "created_at")
    list_filter = ("ask_human", "legal_route", "repeat_kind", "decided")
    search_fields = ("case__number", "entity")


@admin.register(TriageCorrection)
class TriageCorrectionAdmin(ReadOnly):
    list_display = ("case", "accepted", "changed_fields", "category_label", "unit", "by", "at")
    list_filter = ("accepted",)
    search_fields = ("case__number",)
