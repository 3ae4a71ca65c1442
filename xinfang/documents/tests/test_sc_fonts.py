"""PDFs embed the Simplified Chinese Noto CJK faces, not the Japanese ones (issue 15 item 9)."""

from __future__ import annotations

import io
import struct

import pytest

from xinfang.documents import scfonts
from xinfang.documents.pdf import FONTS_CONF, converter, docx_to_pdf

FACES = scfonts.sc_faces()
needs_faces = pytest.mark.skipif(not FACES, reason="no Noto CJK SC face in a .ttc here "
                                 "(apt-get install fonts-noto-cjk)")


def _tables(font: bytes) -> dict[bytes, bytes]:
    n = struct.unpack(">H", font[4:6])[0]
    out = {}
    for i in range(n):
        rec = font[12 + 16 * i:28 + 16 * i]
        offset, length = struct.unpack(">II", rec[8:16])
        out[rec[:4]] = font[offset:offset + length]
    return out


@needs_faces
def test_the_collection_names_its_shared_cff_japanese_and_the_extracted_face_says_sc() -> None:
    collection, index, _family, _style = FACES[0]
    data = collection.read_bytes()
    # given the collection: its SC face shares the CFF whose names say jp (the defect)
    start = struct.unpack(">I", data[12 + 4 * index:16 + 4 * index])[0]
    offset, length = struct.unpack(">II", next(
        data[start + 12 + 16 * i + 8:start + 12 + 16 * i + 16]
        for i in range(struct.unpack(">H", data[start + 4:start + 6])[0])
        if data[start + 12 + 16 * i:start + 16 + 16 * i] == b"CFF "))
    assert b"CJKjp" in data[offset:offset + length]
    face = scfonts.extract_face(data, index)
    tables = _tables(face)
    assert b"CJKjp" not in tables[b"CFF "] and b"CJKsc" in tables[b"CFF "]
    assert face[:4] in (b"OTTO", b"\0\1\0\0")


@needs_faces
def test_the_converter_config_lists_the_sc_files_instead_of_the_collections(tmp_path) -> None:  # noqa: ANN001
    conf = scfonts.fonts_conf(tmp_path, FONTS_CONF).read_text()
    assert str(tmp_path / "fonts-sc") in conf and str(FONTS_CONF) in conf
    assert all(str(c) in conf for c, _i, _f, _s in FACES)
    assert len(list((tmp_path / "fonts-sc").glob("*.otf"))) == len(FACES)


@needs_faces
@pytest.mark.skipif(converter() is None, reason="LibreOffice (soffice) is not installed")
def test_an_opinion_pdf_embeds_sc_faces(settings, tmp_path) -> None:  # noqa: ANN001
    from pypdf import PdfReader

    from xinfang.documents.defaults import default_path
    from xinfang.documents.kinds import DocumentKind

    settings.VAR_DIR = tmp_path
    pdf = docx_to_pdf(default_path(DocumentKind.OPINION).read_bytes())
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {str(f.get_object()["/BaseFont"]) for page in reader.pages
             for f in page["/Resources"]["/Font"].values()}
    assert fonts and all("CJKsc" in f for f in fonts), fonts
