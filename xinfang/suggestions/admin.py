"""Admin: suggestions are read here; their status changes only through the suggestion pages
(`suggestion_transition`), so the handling fields are read-only."""

from django.contrib import admin

from .models import Suggestion, SuggestionEvent


class SuggestionEventInline(admin.TabularInline):
    model = SuggestionEvent
    extra = 0
    can_delete = False
    readonly_fields = ["type", "action", "actor", "unit", "at", "old_value", "new_value", "note"]
    fields = readonly_fields


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["number", "topic", "field", "status", "outcome", "submitted_on",
                    "receiving_unit", "deciding_unit"]
    list_filter = ["status", "outcome", "field", "channel"]
    search_fields = ["number", "topic"]
    raw_id_fields = ["concerns_unit", "receiving_unit", "deciding_unit"]
    exclude = ["proposer_name", "proposer_phone"]  # personal data: not shown in clear (Art. 46)
    readonly_fields = ["status", "outcome", "reply", "answered_on", "decision_note", "decided_on",
                       "published_on", "reward", "rewarded_on", "referred_on", "created_at",
                       "updated_at"]
    inlines = [SuggestionEventInline]

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False  # the record of a suggestion is kept (Art. 21)
