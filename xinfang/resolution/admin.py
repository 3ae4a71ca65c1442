"""Admin: the mediation organisations and their roster are maintained here; the workflow records
are read-only (their status changes only through the workflow functions)."""

from django.contrib import admin

from .models import (
    Hearing,
    Mediation,
    MediationOrganisation,
    Mediator,
    Recommendation,
    SupervisionOrder,
)


class MediatorInline(admin.TabularInline):
    model = Mediator
    extra = 1


@admin.register(MediationOrganisation)
class MediationOrganisationAdmin(admin.ModelAdmin):
    list_display = ("unit", "kind", "court", "active")
    list_filter = ("kind", "active")
    inlines = [MediatorInline]


@admin.register(Mediator)
class MediatorAdmin(admin.ModelAdmin):
    list_display = ("name", "origin", "organisation", "speciality", "active")
    list_filter = ("origin", "organisation", "active")
    search_fields = ("name", "speciality")


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:  # noqa: ANN001, ARG002
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False


for model, columns in ((Mediation, ("title", "status", "organisation", "referred_on")),
                       (Hearing, ("case", "stage", "status", "scheduled_for")),
                       (SupervisionOrder, ("case", "kind", "status", "target_unit", "due_on",
                                           "escalation_level")),
                       (Recommendation, ("number", "kind", "status", "target_unit", "due_on"))):
    admin.site.register(model, type(f"{model.__name__}Admin", (ReadOnly,),
                                    {"list_display": columns}))
