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

WORKBENCH = Group("web", "Work queue", (
    Setting("XINFANG_UNIT_PICKER_MAX", int, 400, min=0,
            doc="A unit picker over the units in the user's reach (the work queue's filter and bulk "
                "routing, the case page's routing steps) lists at most this many units: above it, the "
                "upper levels that fit and the chosen units; its search box finds the others "
                "(practice); 0: always every unit.",
            more="A province has ~3,500 units: listed in full they were half of a queue page's CPU "
                 "and most of its 564 KB (issue 17, docs/scaling.md)."),
    Setting("XINFANG_EXPORT_MAX_ROWS", int, 50000, min=1,
            doc="The work queue's Excel export (工作台 → 导出筛选结果) refuses a filter matching more "
                "cases than this, with a Chinese message asking to narrow it (practice).",
            more="Every export is logged on `xinfang.audit` (user, unit, rows, the filters, which hold "
                 "no personal data)."),
))
