"""Admin: service points, their catalogue (服务清单) and providers are configured here; needs are read
here, their status changes only through the need pages (`need_transition`)."""

from django.contrib import admin

from .models import (
    Consult,
    ConsultEvent,
    Need,
    NeedEvent,
    Provider,
    ReceptionDay,
    Service,
    ServicePoint,
)


class ServiceInline(admin.TabularInline):
    model = Service
    extra = 0
    fields = ["name", "description", "active"]


@admin.register(ServicePoint)
class ServicePointAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "address", "hours", "active"]
    list_filter = ["active"]
    search_fields = ["name", "address"]
    raw_id_fields = ["unit"]
    inlines = [ServiceInline]

    def save_related(self, request, form, formsets, change) -> None:  # noqa: ANN001
        """A new point starts with the configured catalogue (XINFANG_SERVICEPOINT_SERVICES)."""
        super().save_related(request, form, formsets, change)
        if not change:
            from .services import default_catalogue

            default_catalogue(form.instance)


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["__str__", "point", "kind", "active"]
    list_filter = ["kind", "active"]
    raw_id_fields = ["user", "point"]
    filter_horizontal = ["services"]


class EventInline(admin.TabularInline):
    model = NeedEvent
    extra = 0
    can_delete = False
    readonly_fields = ["type", "action", "actor", "unit", "at", "old_value", "new_value", "note"]
    fields = readonly_fields


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["number", "point", "place", "status", "channel", "recorded_at", "ended_at"]
    list_filter = ["status", "channel"]
    search_fields = ["number", "place"]
    # the visitor's name and phone are not shown here (personal data, Art. 46)
    readonly_fields = ["number", "origin", "point", "channel", "recorded_by", "place", "text", "service",
                       "provider", "status", "outcome", "satisfaction", "case", "recorded_at",
                       "due_at", "referred_at", "ended_at", "escalated_at", "updated_at"]
    fields = readonly_fields
    inlines = [EventInline]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001, ARG002
        return False  # recorded only through the workflow (登记需求)

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False


@admin.register(ReceptionDay)
class ReceptionDayAdmin(admin.ModelAdmin):
    """固定坐诊日: each village's fixed reception day(s), e.g. every Tuesday (四诊合一)."""

    list_display = ["unit", "weekday", "start", "end", "host", "place", "capacity", "active"]
    list_filter = ["weekday", "active"]
    raw_id_fields = ["unit"]


class ConsultEventInline(admin.TabularInline):
    model = ConsultEvent
    extra = 0
    can_delete = False
    readonly_fields = ["type", "action", "actor", "unit", "at", "old_value", "new_value", "note"]
    fields = readonly_fields


@admin.register(Consult)
class ConsultAdmin(admin.ModelAdmin):
    list_display = ["number", "unit", "kind", "place", "status", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["number", "place"]
    readonly_fields = ["number", "unit", "kind", "reception", "status", "planned_on", "place",
                       "topic", "text", "route_due", "meeting_on", "outcome", "case",
                       "recorded_by", "created_at", "ended_at", "updated_at"]
    fields = readonly_fields
    inlines = [ConsultEventInline]

    def has_add_permission(self, request) -> bool:  # noqa: ANN001, ARG002
        return False  # created only through the workflow (坐诊接访, 计划巡诊)

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False
