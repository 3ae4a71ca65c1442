"""Sending a stored attachment: by Django (FileResponse) or by the web server (X-Accel / X-Sendfile).

The permission check has happened before (the view loads the case through the user's visibility);
this only builds the answer. ``XINFANG_SENDFILE``: "" streams the file from Python; "nginx" answers
with ``X-Accel-Redirect: <XINFANG_SENDFILE_PREFIX><stored name>`` and no body, for an ``internal``
location (docs/security.md); "apache" answers with ``X-Sendfile: <absolute path>`` (mod_xsendfile).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

from xinfang.cases.filecheck import content_type
from xinfang.cases.models import Attachment


def attachment_response(attachment: Attachment) -> HttpResponse:
    return stored_file_response(attachment.file, attachment.name, content_type(attachment.name))


def stored_file_response(file: Any, name: str, ctype: str, *,
                         inline: bool = False) -> HttpResponse:
    """A stored file (a FieldFile) sent as `name` with `ctype`: a download, or shown in the page
    (`inline`, e.g. a whistle's photo in an <img>); never cached, never sniffed, sandboxed."""
    mode = settings.XINFANG_SENDFILE
    if mode == "nginx":
        response = HttpResponse(content_type=ctype)
        response["X-Accel-Redirect"] = (settings.XINFANG_SENDFILE_PREFIX.rstrip("/") + "/"
                                        + quote(file.name))
    elif mode == "apache":
        response = HttpResponse(content_type=ctype)
        response["X-Sendfile"] = file.path
    else:
        response = FileResponse(file.open("rb"), content_type=ctype)
    response["Content-Disposition"] = content_disposition_header(not inline, name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
