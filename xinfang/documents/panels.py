"""The documents section of the staff case page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext

from xinfang.web.panels import case_panel

from .forms import DeliveryForm
from .kinds import SPECS
from .models import Document


@case_panel(order=40)
def documents_panel(request: HttpRequest, case: Any) -> tuple[str, dict] | None:
    """The case's notices with downloads and delivery; stand-alone notices to issue."""
    from .views import STANDALONE, issue_form

    documents = list(Document.objects.filter(case=case).select_related("unit", "issued_by")
                     .prefetch_related("deliveries__recipient").defer("docx", "pdf", "text")
                     .order_by("issued_at", "pk"))
    from .services import WINDOW_FOR_KIND, separate_recipients

    merged = separate_recipients(case) if case.merged_cases.exists() else []
    rows = [{"document": d, "article": SPECS[d.kind].article,
             "form": DeliveryForm(prefix=f"d{d.pk}",
                                  recipients=merged if d.kind in WINDOW_FOR_KIND else ())}
            for d in documents]
    from .services import standalone_refusal

    issue_forms = [{"kind": k, "form": issue_form(k), "doc": gettext(SPECS[k].doc)}
                   for k in STANDALONE if standalone_refusal(request.user, k) is None]
    return "documents/_panel.html", {"rows": rows, "issue_forms": issue_forms}
