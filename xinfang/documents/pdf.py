"""Converting an issued .docx to PDF with LibreOffice (headless), Chinese fonts mapped by fontconfig.

LibreOffice is the well-kept free route that lays out Word files faithfully; it runs as a separate
process with its own profile directory (``VAR_DIR/libreoffice-profile``), so it never collides with a
desktop LibreOffice; one conversion at a time on the machine (a file lock), since two LibreOffice
processes cannot share a profile. When it is not installed the .docx still works and
``PdfUnavailable`` says why (shown to the user on the PDF action).
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import struct
import subprocess  # noqa: S404 - a fixed command line, no shell
import tempfile
import threading
from pathlib import Path

from django.conf import settings

from xinfang.core.conf import get

FONTS_CONF = Path(__file__).resolve().parent / "fonts.conf"
log = logging.getLogger(__name__)
_lock = threading.Lock()


class PdfUnavailable(Exception):  # noqa: N818 - reads as a state, like Http404
    """The PDF cannot be made here; ``str()`` is a Chinese explanation for the user."""


def converter() -> str | None:
    """Path of the LibreOffice binary, or None (setting XINFANG_SOFFICE, else on PATH)."""
    configured = get("XINFANG_SOFFICE") or ""
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def _fonts_conf(var: Path) -> Path:
    """The converter's fontconfig file: the SC faces as files of their own (``scfonts``), or the
    static ``fonts.conf`` when they cannot be made here."""
    from .scfonts import fonts_conf

    try:
        return fonts_conf(var, FONTS_CONF)
    except (OSError, ValueError, struct.error):
        log.exception("standalone SC fonts could not be made; PDFs use the system's collections")
        return FONTS_CONF


def docx_to_pdf(content: bytes, *, timeout: int = 120) -> bytes:
    """The PDF of a .docx; raises PdfUnavailable with the reason when it cannot be made."""
    return docx_to_pdfs([content], timeout=timeout)[0]


def docx_to_pdfs(contents: list[bytes], *, timeout: int = 300) -> list[bytes]:
    """PDFs of several .docx in one LibreOffice run (its start-up is most of the cost)."""
    binary = converter()
    if binary is None:
        raise PdfUnavailable(
            "服务器未安装 LibreOffice（soffice），暂不能生成PDF；Word文件可正常下载打印。"
            "管理员可安装 libreoffice-writer-nogui 和 fonts-noto-cjk 后重试。"
        )
    var = Path(getattr(settings, "VAR_DIR", tempfile.gettempdir()))
    profile = var / "libreoffice-profile"
    profile.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(profile), "SAL_USE_VCLPLUGIN": "svp"}
    with _lock, open(profile.with_suffix(".lock"), "w") as lock, \
            tempfile.TemporaryDirectory(prefix="xinfang-pdf-") as tmp:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        env["FONTCONFIG_FILE"] = str(_fonts_conf(var))
        sources = []
        for i, content in enumerate(contents):
            source = Path(tmp) / f"document{i}.docx"
            source.write_bytes(content)
            sources.append(source)
        command = [binary, f"-env:UserInstallation=file://{profile}", "--headless",
                   "--norestore", "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp,
                   *map(str, sources)]
        try:
            result = subprocess.run(command, env=env, capture_output=True, timeout=timeout,  # noqa: S603
                                    check=False)
        except subprocess.TimeoutExpired:
            raise PdfUnavailable(f"PDF转换超时（{timeout}秒），请稍后重试") from None
        targets = [source.with_suffix(".pdf") for source in sources]
        if result.returncode != 0 or not all(t.exists() for t in targets):
            detail = (result.stderr or result.stdout).decode(errors="replace").strip()[:200]
            raise PdfUnavailable(f"PDF转换失败：{detail or '转换程序未生成文件'}")
        return [t.read_bytes() for t in targets]
