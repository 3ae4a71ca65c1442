"""What an uploaded file really is: its first bytes checked against the extension it claims.

A renamed program (病毒.exe → 材料.pdf) or a picture sent as a Word file is refused before it is
stored. Only the types of ``XINFANG_ATTACHMENT_TYPES`` are known here; each one has a small,
well-documented signature (magic number), so no library and no native code is needed.
"""

from __future__ import annotations

import codecs
import zipfile
from typing import IO

HEAD = 64 * 1024  # bytes read for the check (text: enough to judge the encoding)

# extension → the content type the download is served with
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain",
    ".mp3": "audio/mpeg",
    ".wav": "audio/wav",
}

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PNG = b"\x89PNG\r\n\x1a\n"


def extension(name: str) -> str:
    """The lower-case extension with its dot ("" if none): the part the type check reads."""
    stem, dot, ext = (name or "").rpartition(".")
    return f".{ext.lower()}" if dot and ext else ""


def _text(head: bytes) -> bool:
    if not head or b"\x00" in head:  # empty, or binary
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _mp3(head: bytes) -> bool:
    if head.startswith(b"ID3"):
        return True
    # MPEG audio frame sync: 11 set bits; version and layer not "reserved"
    return (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0
            and head[1] & 0x18 != 0x08 and head[1] & 0x06 != 0x00)


def _docx(file: IO[bytes]) -> bool:
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    return "[Content_Types].xml" in names and any(n.startswith("word/") for n in names)


SIGNATURES = {
    ".pdf": lambda head: b"%PDF-" in head[:1024],
    ".jpg": lambda head: head.startswith(b"\xff\xd8\xff"),
    ".jpeg": lambda head: head.startswith(b"\xff\xd8\xff"),
    ".png": lambda head: head.startswith(PNG),
    ".doc": lambda head: head.startswith(OLE2),
    ".txt": _text,
    ".mp3": _mp3,
    ".wav": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WAVE",
}


def content_matches(file: IO[bytes], name: str) -> bool:
    """Whether the bytes of `file` are what the extension of `name` says (position kept at 0)."""
    ext = extension(name)
    file.seek(0)
    try:
        if ext == ".docx":
            if file.read(4) != b"PK\x03\x04":
                return False
            file.seek(0)
            return _docx(file)
        check = SIGNATURES.get(ext)
        return bool(check and check(file.read(HEAD)))
    finally:
        file.seek(0)


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(extension(name), "application/octet-stream")


def file_problem(upload: IO[bytes], name: str, size: int) -> str | None:
    """The first thing wrong with one upload (type, size, content), as a message; None if fine."""
    from django.conf import settings
    from django.utils.translation import gettext as _

    types = settings.XINFANG_ATTACHMENT_TYPES
    if extension(name) not in types:
        return _("不支持的文件类型，允许：%(types)s") % {"types": "、".join(types)}
    if size > settings.XINFANG_ATTACHMENT_MAX_BYTES:
        return _("文件过大（上限%(mb)d MB）") % {
            "mb": settings.XINFANG_ATTACHMENT_MAX_BYTES // (1024 * 1024)}
    if not content_matches(upload, name):
        return _("文件内容与扩展名不符")
    return None
