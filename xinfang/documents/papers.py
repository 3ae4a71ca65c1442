"""Every .docx the platform writes from code, built here (python-docx), with the font setup once.

Two kinds of paper: the official notice templates (``defaults.py``, GB/T 9704 layout, filled by
``render.fill``) use the run helpers below; the documents composed from plain data — 调解协议书,
三项建议书, 复盘溯源报告 (resolution) and 预警提示函 (warning) — are built by `build_docx` from a
title, a number, sections and a signature, so the text shown on the page and the text in the file
are the same; the file is the printable, signable copy. Apps say what a document says; this module
is the only one that knows how a Word file is put together. Text is read back with
``render.docx_text``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt


@dataclass(frozen=True)
class PaperStyle:
    """The body font (Latin name, East Asian name, size in pt) and the title size of a document."""

    font: str
    east_asia: str
    size: float
    title_size: float


#: 调解协议书, 三项建议书, 复盘溯源报告: 宋体 小四, title 小二.
PAPER = PaperStyle(font="SimSun", east_asia="SimSun", size=12, title_size=18)
#: 预警提示函: 仿宋 四号, title 二号 (a letter to a unit).
LETTER = PaperStyle(font="FangSong", east_asia="仿宋", size=14, title_size=22)


@dataclass(frozen=True)
class Table:
    """A bordered table inside a section: a header row, then one row per item."""

    header: Sequence[str]
    rows: Sequence[Sequence[str]] = field(default_factory=tuple)


# A section: a heading ("" for none), then a paragraph text or a list of paragraphs and tables.
# Line breaks in a text start a new paragraph.
Section = tuple[str, str | Iterable[str | Table]]


def east_asia_font(rpr: Any, name: str) -> None:
    """Set the East Asian font of a run or style property element: CJK text needs its own font."""
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def normal_font(doc: Any, name: str, size: float, east_asia: str | None = None) -> Any:
    """The document's Normal style in `name` at `size` pt (East Asian font too); returns its rPr."""
    style = doc.styles["Normal"]
    style.font.name = name
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    east_asia_font(rpr, east_asia or name)
    return rpr


def run_font(run: Any, name: str, size: float, bold: bool = False) -> None:
    """One run in `name` at `size` pt, bold or not (Latin and East Asian font alike)."""
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    east_asia_font(run._element.get_or_add_rPr(), name)


def to_bytes(doc: Any) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _table(doc: Any, table: Table) -> None:
    t = doc.add_table(rows=1, cols=len(table.header))
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, table.header, strict=True):
        cell.text = text
    for row in table.rows:
        for cell, text in zip(t.add_row().cells, row, strict=True):
            cell.text = text


def build_docx(*, title: str, number: str = "", sections: Iterable[Section] = (),
               signature: Iterable[str] = (), style: PaperStyle = PAPER) -> bytes:
    """A document from plain data: the bold centred title, the centred number, the sections, the
    right-aligned signature lines (a line break inside a signature line stays a line break)."""
    doc = Document()
    normal_font(doc, style.font, style.size, style.east_asia)
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(style.title_size)
    if number:
        p = doc.add_paragraph(number)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for head, body in sections:
        if head:
            h = doc.add_paragraph()
            h.add_run(head).bold = True
        for block in [body] if isinstance(body, str) else list(body):
            if isinstance(block, Table):
                _table(doc, block)
                continue
            for part in str(block).splitlines() or [""]:
                doc.add_paragraph(part)
    for line in signature:
        p = doc.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return to_bytes(doc)


def as_file(data: bytes, name: str) -> ContentFile:
    return ContentFile(data, name=name)
