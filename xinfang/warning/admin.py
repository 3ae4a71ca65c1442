"""Admin: warnings are read here; their status changes only through the warning pages
(`warning_transition`), so status and letter fields are read-only."""

from django.contrib import admin

from .models import Warning, WarningEvent


class WarningEventInline(admin.TabularInline):
    model = WarningEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "action", "actor", "unit", "at", "old_value", "new_value", "note"]
    fields = readonly_fields


@admin.register(Warning)
class WarningAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "label", "level", "status", "last_signal_on",
                    "responsible_unit"]
    list_filter = ["kind", "level", "status", "dimension"]
    search_fields = ["number", "label", "key", "letter_number"]
    raw_id_fields = ["evidence", "scope_unit", "responsible_unit", "letter_unit", "category"]
    readonly_fields = ["status", "letter_number", "letter_issued_on", "letter_unit",
                       "response_due_on", "response", "responded_on", "closing_note", "closed_on",
                       "created_at", "updated_at"]
    inlines = [WarningEventInline]

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False  # part of the case record (Art. 21)
