"""The whistle-and-report settings, declared once (xinfang/core/conf.py)."""

from __future__ import annotations

from xinfang.core.conf import Group, Setting

DOC = "[whistle.md](whistle.md)"

WHISTLE_SETTINGS = Group("whistle", "Whistle and report (吹哨报到)", (
    Setting("XINFANG_WHISTLE_REPORT_HOURS", int, 24, min=1, max=720,
            doc="practice (Longgang 吹哨报到, 接诉即办): hours a whistled department has to report "
                "(报到); the grid may set a shorter or longer limit per department when whistling.",
            more=DOC),
))
