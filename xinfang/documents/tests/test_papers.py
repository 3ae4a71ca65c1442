"""Documents built from plain data (documents/papers.py): every kind opens in Word's format, says
what it was given, in its style's fonts; the one East Asian font helper is used by every builder."""

from __future__ import annotations

import io
import pathlib

import pytest
from docx import Document
from docx.oxml.ns import qn

from xinfang.documents import papers
from xinfang.documents.render import docx_text

# Each kind of paper the platform composes from data: (style, title, number, sections, signature).
KINDS = {
    "调解协议书": (papers.PAPER, "调解协议书", "调字〔2025〕1号",
                [("当事人", ["申请人：张三", "被申请人：某物业公司"]), ("协议内容", "十日内修复电梯。")],
                ["调解员：李四"]),
    "三项建议书": (papers.PAPER, "改进工作建议书", "建字〔2025〕2号",
                [("", "县住建局：\n建议建立限时办结制度。")], ["县信访局", "2025年6月18日"]),
    "复盘溯源报告": (papers.PAPER, "信访事项复盘溯源报告", "XF2025-0001",
                [("一、基本情况", ["首次信访", "超期一次"]), ("二、改进建议", [])], []),
    "预警提示函": (papers.LETTER, "信访预警提示函", "预警函〔2025〕3号",
                [("", ["城关镇：", papers.Table(("信访件编号", "概况"), [("XF-9", "电梯停运")]),
                       "请于2025年6月25日前书面反馈。"])], ["县信访局\n2025年6月18日"]),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_opens_and_says_what_it_was_given(kind):
    # given the plain data of one kind of document
    style, title, number, sections, signature = KINDS[kind]
    # when it is built
    data = papers.build_docx(title=title, number=number, sections=sections, signature=signature,
                             style=style)
    # then Word's format opens it, title and number lead, every text given is in it, in order
    doc = Document(io.BytesIO(data))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[:2] == [title, number]
    expected = []
    for head, body in sections:
        expected += [head] if head else []
        for block in [body] if isinstance(body, str) else body:
            if isinstance(block, str):
                expected += block.splitlines()
    expected += signature
    body_text = [t for t in paragraphs[2:] if t]
    assert body_text == [t for t in expected if t]
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    tables = [b for _h, body in sections if not isinstance(body, str) for b in body
              if isinstance(b, papers.Table)]
    assert cells == [x for t in tables for row in [t.header, *t.rows] for x in row]
    # the Normal style names the style's font for Latin and for Chinese text
    normal = doc.styles["Normal"]
    assert normal.font.name == style.font and normal.font.size.pt == style.size
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == style.east_asia
    assert doc.paragraphs[0].runs[0].bold and doc.paragraphs[0].runs[0].font.size.pt == style.title_size
    # and the platform's own text reader reads the same words
    assert title in docx_text(data) and number in docx_text(data)


def test_no_number_no_number_line():
    data = papers.build_docx(title="复盘", sections=[("", "甲")])
    assert [p.text for p in Document(io.BytesIO(data)).paragraphs] == ["复盘", "甲"]


def test_only_the_documents_app_builds_word_files():
    # a module outside xinfang/documents that creates a Word document would be a second producer
    root = pathlib.Path(__file__).resolve().parents[2]
    producers = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                       if "/tests/" not in str(p) and "/documents/" not in str(p)
                       and ("from docx import" in p.read_text(encoding="utf-8")
                            or "import docx" in p.read_text(encoding="utf-8")))
    assert producers == []
