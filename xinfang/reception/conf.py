"""The reception settings, declared once (xinfang/core/conf.py)."""

from __future__ import annotations

from xinfang.core.conf import Group, Setting

DOC = "[reception.md](reception.md)"

RECEPTION_SETTINGS = Group("reception", "Leaders' reception (领导接访)", (
    Setting("XINFANG_RECEPTION_BOOKING_CLOSES_DAYS", int, 1, min=0, max=30,
            doc="practice (约访): online booking of a session closes this many days before it "
                "(0: bookable up to the day itself), so the bureau can confirm and prepare.",
            more=DOC),
))
