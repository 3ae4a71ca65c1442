"""Admin: grids are configured here (属地 and 非属地, e.g. 海上网格); whistles are read here, their
status and report rows change only through the whistle pages (`whistle_transition`)."""

from django.contrib import admin

from .models import Grid, Whistle, WhistleEvent, WhistlePhoto, WhistleReport


@admin.register(Grid)
class GridAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "kind", "description", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "description"]
    raw_id_fields = ["unit"]


class ReportInline(admin.TabularInline):
    model = WhistleReport
    extra = 0
    can_delete = False
    readonly_fields = ["unit", "status", "due_at", "reported_at", "reported_by", "acted_at",
                       "action_taken", "escalated_at"]
    fields = readonly_fields


class PhotoInline(admin.TabularInline):
    """What is known of each photo; the file itself only through the whistle page (never a
    MEDIA_URL link, which a file field would show here)."""

    model = WhistlePhoto
    extra = 0
    can_delete = False
    readonly_fields = ["name", "content_type", "size", "sha256", "width", "height", "report",
                       "unit", "uploaded_by", "uploaded_at"]
    fields = readonly_fields


class EventInline(admin.TabularInline):
    model = WhistleEvent
    extra = 0
    can_delete = False
    readonly_fields = ["type", "action", "actor", "unit", "at", "old_value", "new_value", "note"]
    fields = readonly_fields


@admin.register(Whistle)
class WhistleAdmin(admin.ModelAdmin):
    list_display = ["number", "grid", "place", "status", "whistled_at", "closed_at"]
    list_filter = ["status"]
    search_fields = ["number", "place"]
    readonly_fields = ["number", "grid", "unit", "raised_by", "place", "text", "status",
                       "whistled_at", "closed_at", "created_at", "updated_at"]
    inlines = [ReportInline, PhotoInline, EventInline]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001, ARG002
        return False  # raised only through the workflow (吹哨)

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False
