"""Word documents of this app (python-docx): 调解协议书, 三项建议书, 复盘溯源报告.

Each builder takes plain data (title, sections) so the text shown on the page and the text in the
file are the same; the file is the printable, signable copy.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.core.files.base import ContentFile
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

Section = tuple[str, str | Iterable[str]]  # heading ("" for none), paragraph text or lines


def _font(doc: Document) -> None:
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")  # CJK text needs the East Asia font


def build_docx(*, title: str, number: str = "", sections: Iterable[Section],
               signature: Iterable[str] = ()) -> bytes:
    doc = Document()
    _font(doc)
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(18)
    if number:
        p = doc.add_paragraph(number)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for head, body in sections:
        if head:
            h = doc.add_paragraph()
            h.add_run(head).bold = True
        lines = [body] if isinstance(body, str) else list(body)
        for line in lines:
            for part in str(line).splitlines() or [""]:
                doc.add_paragraph(part)
    for line in signature:
        p = doc.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def as_file(data: bytes, name: str) -> ContentFile:
    return ContentFile(data, name=name)


def docx_text(data: bytes) -> str:
    """All paragraph text of a .docx (used by tests and the retrospective preview)."""
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
