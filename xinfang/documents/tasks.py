"""Outbox job: make a notice's PDF after the step that issued it committed (when enabled)."""

from __future__ import annotations

import logging

from xinfang.core.jobs import job_handler

log = logging.getLogger(__name__)


@job_handler("documents.pdf")
def make_pdf(document_id: int) -> bool:
    """Convert and keep the PDF; a failure is recorded on the document (shown on download).
    Idempotent: a document that has its PDF is not converted again."""
    from .models import Document
    from .pdf import PdfUnavailable
    from .services import document_pdf

    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return False
    try:
        document_pdf(document)
    except PdfUnavailable as err:
        log.warning("文书%s未能生成PDF：%s", document.number, err)
        return False
    return True
