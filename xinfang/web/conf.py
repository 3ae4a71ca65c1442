"""The staff web's settings, declared once (xinfang/core/conf.py): how attachments are sent."""

from __future__ import annotations

from xinfang.core.conf import Group, Setting

WEB = Group("web", "Attachment downloads", (
    Setting("XINFANG_SENDFILE", str, "", choices=("", "nginx", "apache"), shown="empty",
            doc="Who sends a downloaded attachment after Django's permission check: empty = Django "
                "streams it; `nginx` = `X-Accel-Redirect` to an `internal` location; `apache` = "
                "`X-Sendfile` (mod_xsendfile).",
            more="See [security.md](security.md#letting-the-web-server-send-the-file-x-accel-redirect"
                 "--x-sendfile)."),
    Setting("XINFANG_SENDFILE_PREFIX", str, "/protected-media/",
            doc="nginx mode: the `internal` location that maps to `MEDIA_ROOT`."),
))
