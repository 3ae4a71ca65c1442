"""Admin: decisions are read here; their status and every field of the review change only through
the decision pages (`decision_transition`)."""

from django.contrib import admin

from .models import Decision, DecisionCheck, DecisionEvent


class CheckInline(admin.TabularInline):
    model = DecisionCheck
    extra = 0
    can_delete = False
    readonly_fields = ["at", "since", "until", "new_cases", "expected", "new_group", "new_warnings",
                       "rise", "by"]
    fields = readonly_fields


class EventInline(admin.TabularInline):
    model = DecisionEvent
    extra = 0
    can_delete = False
    readonly_fields = ["type", "action", "actor", "unit", "at", "old_value", "new_value", "note"]
    fields = readonly_fields


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "unit", "kind", "status", "risk_level", "outcome",
                    "planned_on"]
    list_filter = ["status", "kind", "risk_level"]
    search_fields = ["number", "title"]
    readonly_fields = [f.name for f in Decision._meta.concrete_fields if f.name != "id"]
    exclude = ["places", "categories"]
    inlines = [CheckInline, EventInline]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001, ARG002
        return False  # registered only through the workflow

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False
