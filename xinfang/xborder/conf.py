"""The cross-border fast track's settings, declared once (xinfang/core/conf.py)."""

from __future__ import annotations

from xinfang.core.conf import Group, Setting

DOC = "[xborder.md](xborder.md)"

XBORDER_SETTINGS = Group("xborder", "Cross-border fast track (涉港澳台侨、涉外快速通道)", (
    Setting("XINFANG_XBORDER_ACCEPT_DAYS", int, 7, min=1, max=15,
            doc="practice (Nansha 涉港澳信访事项快速办理规程): internal target, in the statutory clock's "
                "own day unit, for the bureau's handling of a registered case (Art. 22: 15 days) and "
                "the acceptance notice (Art. 23: 15 days) on the fast track; the statutory clocks "
                "are unchanged.",
            more=DOC),
    Setting("XINFANG_XBORDER_ANSWER_DAYS", int, 30, min=1, max=60,
            doc="practice: internal target for the written answer of a fast-track case (Art. 32, "
                "34: 60 days from acceptance); the statutory clock is unchanged.",
            more=DOC),
))
