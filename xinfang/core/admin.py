"""Read-only view of the background work: pending, done and given-up jobs, last periodic runs."""

from django.contrib import admin

from .models import Job, PeriodicRun


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["created_at", "name", "args", "attempts", "done_at", "failed_at", "last_error"]
    list_filter = ["name"]
    readonly_fields = ["name", "args", "created_at", "run_after", "claimed_at", "done_at", "failed_at",
                       "attempts", "last_error"]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001, ARG002
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False


@admin.register(PeriodicRun)
class PeriodicRunAdmin(admin.ModelAdmin):
    list_display = ["name", "started_at", "done_at", "result"]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001, ARG002
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False
