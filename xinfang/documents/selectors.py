"""Reads of documents, always through the cases the user may see (jurisdiction, Art. 30)."""

from __future__ import annotations

from django.db.models import QuerySet

from xinfang.cases.selectors import visible_cases

from .models import Document


def visible_documents(user) -> QuerySet[Document]:  # noqa: ANN001
    """Documents of the cases the user may see, newest first."""
    return (Document.objects.filter(case__in=visible_cases(user, listed=True))
            .select_related("case", "unit", "issued_by").defer("docx", "pdf", "text"))


def document_get(user, *, pk: int) -> Document:  # noqa: ANN001
    """One visible document; Document.DoesNotExist (→ 404) for every other."""
    return Document.objects.select_related("case", "unit").get(
        pk=pk, case__in=visible_cases(user))
