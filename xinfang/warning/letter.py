"""预警提示函: the warning letter to the responsible unit, as a .docx (python-docx).

Practice (Shenzhen): the petition bureau tells the responsible unit what was detected, on which
petitions, and by when it must report what it did. Accusation cases are never among the evidence
(services.py) and are filtered out again here, so the letter cannot pass an accuser's material to
the accused unit (Art. 30). No petitioner's name, ID or phone is printed.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from xinfang.cases.models import Purpose

from .models import Warning
from .selectors import level_label

MAX_ROWS = 50


def _font(doc: Document) -> None:
    style = doc.styles["Normal"]
    style.font.name = "FangSong"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")


def warning_letter_docx(warning: Warning, *, user: Any = None) -> bytes:  # noqa: ARG001
    """The letter for an issued warning (number, unit, evidence summary, response date)."""
    doc = Document()
    _font(doc)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("信访预警提示函")
    run.bold = True
    run.font.size = Pt(22)
    number = doc.add_paragraph(warning.letter_number or "（未编号：尚未发函）")
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER

    doc.add_paragraph(f"{warning.responsible_unit.name}：")
    doc.add_paragraph(
        f"经信访信息系统监测，{warning.label}出现{warning.get_kind_display()}情况"
        f"（预警编号{warning.number}，{level_label(warning.level)}预警）。{warning.summary}。"
    )
    # The letter is the bureau's document to the unit: it lists the evidence cases, never an
    # accusation (Art. 30), and never a petitioner's name or numbers.
    cases = (warning.evidence.exclude(purpose=Purpose.ACCUSATION)
             .select_related("category").order_by("received_on", "pk"))
    evidence = list(cases[:MAX_ROWS + 1])
    total = cases.count()
    doc.add_paragraph(
        f"首次出现信号日期：{warning.first_signal_on:%Y年%m月%d日}；最近一次：{warning.last_signal_on:%Y年%m月%d日}。"
        f"涉及信访件{total}件，主要情况如下："
    )
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("信访件编号", "信访日期", "内容分类", "概况"),
                          strict=True):
        cell.text = text
    for case in evidence[:MAX_ROWS]:
        row = table.add_row().cells
        row[0].text = case.number
        row[1].text = f"{case.received_on:%Y-%m-%d}"
        row[2].text = str(case.category) if case.category else "—"
        row[3].text = case.title
    if len(evidence) > MAX_ROWS:
        doc.add_paragraph(f"（仅列前{MAX_ROWS}件，其余详见平台。）")
    due = (f"{warning.response_due_on:%Y年%m月%d日}前" if warning.response_due_on
           else "收函后及时")
    doc.add_paragraph(
        f"请你单位高度重视，组织排查研判，依法及时就地化解，并于{due}将排查化解情况书面反馈"
        f"（可在平台“预警”页面直接填报）。"
    )
    sign = doc.add_paragraph(
        f"{warning.letter_unit.name if warning.letter_unit else ''}\n"
        f"{warning.letter_issued_on:%Y年%m月%d日}" if warning.letter_issued_on else ""
    )
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
