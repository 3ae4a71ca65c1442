from django.contrib import admin

from .models import Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """Read-only: which cases came in through the portal (the code itself is never stored)."""

    list_display = ("case", "created_at")
    search_fields = ("case__number",)
    readonly_fields = ("case", "created_at")
    exclude = ("token_hash", "code_hash", "phone_index")

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False  # part of the case record (Art. 21)
