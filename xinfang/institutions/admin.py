"""Admin: the joint conferences are configured here (the government's decisions on members and
convenors, Art. 13 ¶2); meetings, decisions and disputes are read here, their statuses change only
through their pages (the engine)."""

from django.contrib import admin

from .models import Conference, Convenor, Decision, JurisdictionDispute, Meeting


class ConvenorInline(admin.StackedInline):
    model = Convenor
    extra = 0
    raw_id_fields = ["leader", "unit"]
    filter_horizontal = ["covers"]


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "office"]
    search_fields = ["name", "unit__name"]
    raw_id_fields = ["unit", "office"]
    filter_horizontal = ["members"]
    inlines = [ConvenorInline]


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:  # noqa: ANN001, ARG002
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnly):
    list_display = ["held_on", "title", "conference", "kind", "status"]
    list_filter = ["status", "kind"]


@admin.register(Decision)
class DecisionAdmin(ReadOnly):
    list_display = ["due_on", "text", "unit", "status", "meeting"]
    list_filter = ["status"]


@admin.register(JurisdictionDispute)
class DisputeAdmin(ReadOnly):
    list_display = ["raised_at", "case", "raised_by_unit", "decider", "status", "decided_unit"]
    list_filter = ["status"]
