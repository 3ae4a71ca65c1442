from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xinfang.core.crypto import mask_name

from .events import record_event
from .models import Case, CaseEvent, Category, Petitioner


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "parent", "active")
    list_filter = ("level", "active")
    search_fields = ("name",)


@admin.register(Petitioner)
class PetitionerAdmin(admin.ModelAdmin):
    """Personal data shows masked, in the list and on the edit form (Art. 46).

    The full numbers appear only after a deliberate "查看完整号码" (a POST), and each such look
    is written on the timeline of every case the petitioner is party to, as on the staff pages.
    """

    list_display = ("name", "id_number_masked", "phone_masked", "origin")
    list_filter = ("origin",)
    # No search box: the admin sends its search in the URL (access logs), and names, ID and phone
    # numbers are encrypted. Find the case with the staff search (a POST), then its petitioner.
    fields = ("name", "id_type", "id_number_masked", "phone_masked", "address", "origin")
    readonly_fields = ("id_number_masked", "phone_masked")
    change_form_template = "admin/cases/petitioner/change_form.html"

    def get_urls(self):  # noqa: ANN201
        reveal = self.admin_site.admin_view(require_POST(self.reveal_view))
        return [path("<int:pk>/reveal/", reveal, name="cases_petitioner_reveal"),
                *super().get_urls()]

    def reveal_view(self, request, pk: int):  # noqa: ANN001, ANN201
        """Show the full ID and phone numbers, and log the look on each of the person's cases."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        person = get_object_or_404(Petitioner, pk=pk)
        for case in Case.objects.filter(parties__petitioner=person).distinct():
            record_event(case=case, type="case.revealed_admin", actor=request.user,
                         data={"petitioner": person.pk, "name": mask_name(person.name),  # timeline in clear
                               "via": "admin"})
        return TemplateResponse(request, "admin/cases/petitioner/reveal.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta,
            "original": person, "title": _("信访人完整证件号码和电话"),
        })


class EventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    can_delete = False
    readonly_fields = ("at", "event_type", "event_text", "actor", "unit", "note")
    fields = readonly_fields

    @admin.display(description=_("事件类型"))
    def event_type(self, obj: CaseEvent) -> str:
        return obj.type_label

    @admin.display(description=_("内容"))
    def event_text(self, obj: CaseEvent) -> str:
        return obj.text

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

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001, ARG002
        return False  # a case and its timeline are never deleted (Art. 21)
