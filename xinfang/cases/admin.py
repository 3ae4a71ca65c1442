from django.contrib import admin

from .models import Case, CaseEvent, Category, Petitioner


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "parent", "active")
    list_filter = ("level", "active")
    search_fields = ("name",)


@admin.register(Petitioner)
class PetitionerAdmin(admin.ModelAdmin):
    """Personal data shows masked in the list; the clear values only on the edit form."""

    list_display = ("name", "id_number_masked", "phone_masked", "origin")
    list_filter = ("origin",)
    search_fields = ("name",)


class EventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    can_delete = False
    readonly_fields = ("at", "kind", "action", "actor", "unit", "old_value", "new_value", "note")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-only in the admin: cases change only through the workflow (staff UI or API)."""

    list_display = ("number", "title", "status", "holding_unit", "registered_at")
    list_filter = ("status", "channel", "purpose")
    search_fields = ("number", "title")
    inlines = [EventInline]

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False

    def has_add_permission(self, request) -> bool:  # noqa: ANN001, ARG002
        return False
