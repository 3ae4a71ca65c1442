"""The Simplified Chinese Noto CJK faces as files of their own, for the PDF converter.

Debian's fonts-noto-cjk ships collections (.ttc): one file holds the JP, KR, SC, TC and HK faces,
which share a single CFF table whose font names say "NotoSerifCJKjp". LibreOffice lays the text out
with the SC face (fontconfig's index) but names the embedded font from the shared CFF, so every PDF
claimed to carry Japanese faces (issue 15 item 9). Here each SC face is copied out of its collection
into a standalone OpenType file with the CFF names saying "CJKsc" (same length, nothing else moves);
the converter's fontconfig file lists that folder and leaves the collections out. Made once per
machine in ``VAR_DIR/fonts-sc``; without fc-list or the collections the converter keeps the
system's fonts, as before.
"""

from __future__ import annotations

import shutil
import struct
import subprocess  # noqa: S404 - a fixed command line, no shell
from pathlib import Path

FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")


def sc_faces() -> list[tuple[Path, int, str, str]]:
    """(collection, index, family, style) of each SC face fontconfig knows in a .ttc."""
    binary = shutil.which("fc-list")
    if binary is None:
        return []
    out = subprocess.run([binary, "--format", "%{file}|%{index}|%{family[0]}|%{style[0]}\n",  # noqa: S603
                          ":lang=zh-cn"], capture_output=True, text=True, check=False).stdout
    faces = []
    for line in out.splitlines():
        file, index, family, style = (line.split("|") + ["", "", "", ""])[:4]
        if family in FAMILIES and file.lower().endswith(".ttc"):
            faces.append((Path(file), int(index or 0), family, style))
    return sorted(set(faces))


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def extract_face(collection: bytes, index: int) -> bytes:
    """Face `index` of an OpenType collection as a standalone font; CFF names "CJKjp" → "CJKsc"."""
    if collection[:4] != b"ttcf":
        raise ValueError("not a font collection")
    count = struct.unpack(">I", collection[8:12])[0]
    if not 0 <= index < count:
        raise ValueError(f"no face {index}")
    start = struct.unpack(">I", collection[12 + 4 * index:16 + 4 * index])[0]
    header = collection[start:start + 12]
    num_tables = struct.unpack(">H", header[4:6])[0]
    records = []
    for i in range(num_tables):
        rec = collection[start + 12 + 16 * i:start + 28 + 16 * i]
        tag = rec[:4]
        offset, length = struct.unpack(">II", rec[8:16])
        data = collection[offset:offset + length]
        if tag == b"CFF ":
            data = data.replace(b"CJKjp", b"CJKsc")
        records.append((tag, data))
    body, table_dir = b"", b""
    offset = 12 + 16 * num_tables
    for tag, data in records:
        table_dir += tag + struct.pack(">III", _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    return header + table_dir + body


def sc_font_dir(base: Path) -> Path | None:
    """The folder of standalone SC faces under `base`, made on first use; None when there are no
    SC faces in collections here (nothing to fix)."""
    faces = sc_faces()
    if not faces:
        return None
    target = base / "fonts-sc"
    target.mkdir(parents=True, exist_ok=True)
    for collection, index, family, style in faces:
        path = target / f"{family.replace(' ', '')}-{style.replace(' ', '')}.otf"
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(extract_face(collection.read_bytes(), index))
            tmp.replace(path)
    return target


def fonts_conf(base: Path, static_conf: Path) -> Path:
    """A fontconfig file for the converter: `static_conf` (the document font names), plus the
    standalone SC faces instead of the collections that hold them."""
    folder = sc_font_dir(base)
    if folder is None:
        return static_conf
    collections = sorted({str(c) for c, _i, _f, _s in sc_faces()})
    rejects = "".join(f"<glob>{c}</glob>" for c in collections)
    conf = base / "fonts-sc.conf"
    text = (f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
            f"<fontconfig>\n  <include>{static_conf}</include>\n  <dir>{folder}</dir>\n"
            f"  <cachedir>{base / 'fontconfig-cache'}</cachedir>\n"
            f"  <selectfont><rejectfont>{rejects}</rejectfont></selectfont>\n</fontconfig>\n")
    if not conf.exists() or conf.read_text() != text:
        conf.write_text(text)
    return conf
