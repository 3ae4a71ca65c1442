"""Admin: topics, votes and comments are read here; their changes go through the topic pages (the
workflow), so the handling fields are read-only; the roster is kept on the roster page."""

from django.contrib import admin

from .models import Comment, Resident, Topic, TopicEvent


class TopicEventInline(admin.TabularInline):
    model = TopicEvent
    extra = 0
    can_delete = False
    readonly_fields = ["type", "action", "actor", "unit", "at", "old_value", "new_value", "note"]
    fields = readonly_fields


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "unit", "status", "opens_at", "closes_at"]
    list_filter = ["status"]
    search_fields = ["number", "title"]
    raw_id_fields = ["unit", "created_by"]
    readonly_fields = ["status", "result", "result_digest", "closed_at", "decision", "reasons",
                       "decided_at", "published_at", "cancel_reason", "options", "created_at",
                       "updated_at"]
    inlines = [TopicEventInline]

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False


@admin.register(Resident)
class ResidentAdmin(admin.ModelAdmin):
    list_display = ["pk", "unit", "source", "active", "added_at"]
    list_filter = ["source", "active"]
    raw_id_fields = ["unit", "added_by"]
    exclude = ["name", "phone"]  # personal data: not shown in clear (Art. 46)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["pk", "topic", "author", "posted_at", "hidden"]
    readonly_fields = ["topic", "resident", "author", "text", "posted_at", "hidden",
                       "hidden_reason", "hidden_at"]

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False
