"""The documents app's settings, declared once (xinfang/core/conf.py)."""

from __future__ import annotations

from xinfang.core.conf import Group, Setting

DOCUMENTS = Group("documents", "Written notices (PDF)", (
    Setting("XINFANG_SOFFICE", str, "", shown="found on `PATH`",
            doc="LibreOffice binary for PDF rendering.", more="[documents.md](documents.md)"),
    Setting("XINFANG_DOCUMENTS_PDF_ON_ISSUE", bool, False, shown="off",
            doc="Render the PDF after commit when a notice is issued (else on first download).",
            more="[documents.md](documents.md)"),
))
