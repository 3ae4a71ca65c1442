from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "recipient", "subject", "state", "attempts",
                    "last_error"]
    list_filter = ["channel", "state"]
    search_fields = ["subject", "case__number"]
    readonly_fields = [f for f in ["channel", "user", "petitioner", "case", "subject", "body",
                                   "state", "attempts", "next_attempt_at", "last_error",
                                   "provider_id", "created_at", "sent_at", "read_at"]]
    exclude = ["address"]

    @admin.display(description="收件人")
    def recipient(self, obj: Notification) -> str:
        return obj.masked_address or str(obj.petitioner or "")

    def has_add_permission(self, request) -> bool:  # noqa: ANN001, ARG002
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False  # part of the case record (Art. 21)
