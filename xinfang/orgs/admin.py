from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import StaffRole, Unit, User


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "unit_type", "parent", "active")
    list_filter = ("level", "unit_type", "active")
    search_fields = ("name", "code")


@admin.register(User)
class StaffAdmin(UserAdmin):
    list_display = ("username", "display_name", "unit", "is_active")
    list_filter = ("unit__level", "roles", "is_active")
    fieldsets = (*UserAdmin.fieldsets, ("信访", {"fields": ("display_name", "unit", "roles")}))
    filter_horizontal = ("roles", "groups", "user_permissions")


admin.site.register(StaffRole)
