"""Settings of the joint-handling app (xinfang/core/conf.py): local practice, not law.

The Regulation fixes the case's own period (60 days from acceptance, Art. 34) and nothing inside
it: how many days before the lead's due date the units sharing the work report is local practice.
"""

from __future__ import annotations

from xinfang.core.conf import Group, Setting

DOCS = "[jointhandling.md](jointhandling.md)"

JOINT = Group("joint", "Joint handling (双交办, lead and co-handling units)", (
    Setting("XINFANG_JOINT_REPORT_DAYS_BEFORE", int, 10, min=0, max=50,
            doc="Practice (Art. 34 gives the case 60 days, nothing inside it): the default "
                "internal deadline of a part is this many days before the case's own due date.",
            more=DOCS),
))
