"""Filling a Word template: ``{{ name }}`` placeholders replaced by values, formatting kept.

Word splits text into runs at will (spell checking, editing history), so a placeholder typed by a
legal clerk may be spread over several runs. Each paragraph is therefore read as one string; every
placeholder is replaced in the run where it starts, and its remaining characters are removed from
the following runs, so the placeholder takes the formatting of its first character. Values with line
breaks become line breaks in Word. Paragraphs in tables, headers and footers are filled too.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.text.run import Run

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


# The parts of a .docx that hold text: the body, then headers and footers.
_TEXT_PART = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")


def _parts(content: bytes) -> Iterator[tuple[str, object]]:
    """(name, parsed XML) of each text part. Working on the XML directly, not through
    python-docx's whole package, keeps a notice at a few milliseconds."""
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        names = sorted((n for n in zf.namelist() if _TEXT_PART.match(n)),
                       key=lambda n: (not n.startswith("word/document"), n))
        for name in names:
            yield name, parse_xml(zf.read(name))


def _paragraphs(root) -> Iterator:  # noqa: ANN001
    yield from root.iter(qn("w:p"))


_SKIP = {qn("w:del"), qn("w:p")}  # deleted text; a nested paragraph (text box) is its own


def _runs(p) -> list[Run]:  # noqa: ANN001
    """The runs of a paragraph as Word shows them: also inside hyperlinks, tracked insertions,
    smart tags and content controls; not deleted text or text boxes."""
    runs = []
    for r in p.iter(qn("w:r")):
        node = r.getparent()
        while node is not p and node.tag not in _SKIP:
            node = node.getparent()
        if node is p:
            runs.append(Run(r, None))
    return runs


def _text(p) -> str:  # noqa: ANN001
    return "".join(r.text for r in _runs(p))


def placeholders(content: bytes) -> set[str]:
    """Names of the placeholders used in a template (raises on a file that is not a .docx)."""
    return {m.group(1) for _name, root in _parts(content) for p in _paragraphs(root)
            for m in PLACEHOLDER.finditer(_text(p))}


def _fill_paragraph(paragraph, values: dict[str, str]) -> None:  # noqa: ANN001
    runs = _runs(paragraph)
    full = "".join(r.text for r in runs)
    if "{{" not in full:
        return
    matches = list(PLACEHOLDER.finditer(full))
    # Character offset where each run starts.
    starts, pos = [], 0
    for run in runs:
        starts.append(pos)
        pos += len(run.text)
    texts = [r.text for r in runs]
    for match in reversed(matches):  # right to left, so earlier offsets stay valid
        value = values.get(match.group(1), "")
        begin, end = match.span()
        first = next(i for i in range(len(runs))
                     if starts[i] <= begin < starts[i] + len(texts[i]))
        for i in range(len(runs)):
            run_start, run_end = starts[i], starts[i] + len(texts[i])
            if run_end <= begin or run_start >= end:
                continue
            lo, hi = max(begin, run_start) - run_start, min(end, run_end) - run_start
            texts[i] = texts[i][:lo] + (value if i == first else "") + texts[i][hi:]
    for run, text in zip(runs, texts, strict=True):
        if run.text != text:
            run.text = text  # "\n" becomes a line break


def fill(content: bytes, values: dict[str, str]) -> bytes:
    """The template with every placeholder replaced; unknown names become empty text."""
    from lxml import etree

    changed = {}
    for name, root in _parts(content):
        for paragraph in _paragraphs(root):
            _fill_paragraph(paragraph, values)
        changed[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                       standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, changed.get(item.filename) or src.read(item.filename))
    return out.getvalue()


def docx_text(content: bytes) -> str:
    """Plain text of a .docx, one paragraph per line (body, then headers and footers)."""
    return "\n".join(_text(p) for _name, root in _parts(content) for p in _paragraphs(root))
