"""The suite's faster notice renderer (tests/fastfill.py) makes the same document as the real one."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document as open_docx

from xinfang.documents import render
from xinfang.documents.defaults import build
from xinfang.documents.kinds import DocumentKind as K
from xinfang.documents.tests import fastfill


def _parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        assert zf.testzip() is None  # every part's checksum holds
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.mark.parametrize("kind", list(K))
def test_the_fast_renderer_gives_every_part_of_the_real_one(kind):
    # given: a default template and a value for each of its placeholders, one with a line break
    template = build(kind)
    values = {name: f"{name}的内容\n第二行" for name in render.placeholders(template)}

    # when: both renderers fill it, twice for the fast one (its cache of the template's parts)
    real = fastfill.real_fill(template, values)
    fast = [fastfill.fill(template, values) for _ in range(2)]

    # then: the same parts in the same order with the same content, and Word's text is the same
    assert fastfill.real_fill is not fastfill.fill
    for content in fast:
        assert list(_parts(content)) == list(_parts(real))
        assert _parts(content) == _parts(real)
        assert ([p.text for p in open_docx(io.BytesIO(content)).paragraphs]
                == [p.text for p in open_docx(io.BytesIO(real)).paragraphs])
    assert render.docx_text(fast[0]) == render.docx_text(real)


def test_the_documents_tests_use_the_real_renderer():
    # given: the documents app's conftest.py; then: render.fill is the real one here
    assert render.fill is fastfill.real_fill
