"""The whistle-and-report settings, declared once (xinfang/core/conf.py)."""

from __future__ import annotations

from xinfang.core.conf import Group, Setting

DOC = "[whistle.md](whistle.md)"
MIB = 1024 * 1024

WHISTLE_SETTINGS = Group("whistle", "Whistle and report (吹哨报到)", (
    Setting("XINFANG_WHISTLE_REPORT_HOURS", int, 24, min=1, max=720,
            doc="practice (Longgang 吹哨报到, 接诉即办): hours a whistled department has to report "
                "(报到); the grid may set a shorter or longer limit per department when whistling.",
            more=DOC),
    Setting("XINFANG_WHISTLE_PHOTO_MAX_BYTES", int, 8 * MIB, min=1, shown="8 MiB",
            doc="practice: the largest photo (JPEG, PNG or WebP) a grid worker or a department may "
                "attach to a whistle, as uploaded.",
            more=DOC),
    Setting("XINFANG_WHISTLE_PHOTOS_MAX", int, 9, min=1, max=100,
            doc="practice: the most photos one whistle may hold, the grid's and the departments' "
                "together.",
            more=DOC),
    Setting("XINFANG_WHISTLE_PHOTO_MAX_PIXELS", int, 40_000_000, min=1,
            doc="the largest photo in pixels (width × height) that is decoded; a larger one is "
                "refused (a small file that unpacks to a huge image).",
            more=DOC),
))
