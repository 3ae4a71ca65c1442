"""The suite's notice renderer: `render.fill` with the same parts, written faster (issue 14).

A notice template is a .docx of ~37 KB whose styles parts unpack to ~800 KB; `render.fill`
unpacks, checksums and recompresses every part of it for every notice, which is most of the cost
of a step that issues one. `fill` here fills the text parts with the real code
(`render._parts`, `render._fill_paragraph`, serialised the same way) and copies every other part
into the new file still compressed, as it is in the template, so each part's content is exactly
the real renderer's. The root conftest.py puts it in place of `render.fill` for the suite; the
documents app's own tests keep the real one (documents/tests/conftest.py), and
test_fastfill.py checks, for every default template, that both give the same parts.
"""

from __future__ import annotations

import copy
import hashlib
import io
import struct
import zipfile

from lxml import etree

from xinfang.documents import render

#: The real renderer, for the tests that check documents (documents/tests/conftest.py).
real_fill = render.fill

# The template's untouched parts, still compressed, by the template's digest: (ZipInfo, bytes).
_RAW: dict[str, list[tuple[zipfile.ZipInfo, bytes]]] = {}


def _raw_parts(content: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """Every part of the template with its compressed bytes as stored (read once per template)."""
    key = hashlib.blake2b(content, digest_size=16).hexdigest()
    if key not in _RAW:
        parts = []
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            for info in zf.infolist():
                zf.fp.seek(info.header_offset)
                header = struct.unpack(zipfile.structFileHeader, zf.fp.read(zipfile.sizeFileHeader))
                zf.fp.seek(header[zipfile._FH_FILENAME_LENGTH]  # noqa: SLF001
                           + header[zipfile._FH_EXTRA_FIELD_LENGTH], io.SEEK_CUR)  # noqa: SLF001
                parts.append((info, zf.fp.read(info.compress_size)))
        _RAW[key] = parts
    return _RAW[key]


def _write_raw(dst: zipfile.ZipFile, info: zipfile.ZipInfo, raw: bytes) -> None:
    """Append a part whose compressed bytes, checksum and sizes are already known."""
    zinfo = copy.copy(info)
    zinfo.flag_bits &= ~0x08  # sizes are in the local header: no data descriptor follows
    zinfo.header_offset = dst.fp.tell()
    dst.fp.write(zinfo.FileHeader())
    dst.fp.write(raw)
    dst.filelist.append(zinfo)
    dst.NameToInfo[zinfo.filename] = zinfo
    dst.start_dir = dst.fp.tell()
    dst._didModify = True  # noqa: SLF001 - the central directory is written on close


def fill(content: bytes, values: dict[str, str]) -> bytes:
    """`render.fill`: the same text parts, every other part copied as stored."""
    changed = {}
    for name, root in render._parts(content):  # noqa: SLF001
        for paragraph in render._paragraphs(root):  # noqa: SLF001
            render._fill_paragraph(paragraph, values)  # noqa: SLF001
        changed[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                       standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, raw in _raw_parts(content):
            if info.filename in changed:
                dst.writestr(copy.copy(info), changed[info.filename])
            else:
                _write_raw(dst, info, raw)
    return out.getvalue()
