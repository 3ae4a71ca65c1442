"""Make the PDFs of issued notices that have none yet, in batches (one LibreOffice run per batch)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from xinfang.documents.models import Document
from xinfang.documents.pdf import PdfUnavailable, docx_to_pdfs


class Command(BaseCommand):
    help = "为尚无PDF的文书批量生成PDF（每批启动一次LibreOffice）"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--limit", type=int, default=500, help="最多处理的文书数")
        parser.add_argument("--batch", type=int, default=20, help="每批文书数")

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        pending = list(Document.objects.filter(pdf__isnull=True).order_by("pk")
                       .values_list("pk", flat=True)[: options["limit"]])
        made = 0
        for start in range(0, len(pending), options["batch"]):
            batch = list(Document.objects.filter(pk__in=pending[start:start + options["batch"]])
                         .order_by("pk").only("pk", "docx"))
            try:
                pdfs = docx_to_pdfs([bytes(d.docx) for d in batch])
            except PdfUnavailable as err:
                raise CommandError(str(err)) from None
            for document, pdf in zip(batch, pdfs, strict=True):
                Document.objects.filter(pk=document.pk).update(pdf=pdf, pdf_error="")
            made += len(batch)
        self.stdout.write(f"已生成 {made} 份PDF")
