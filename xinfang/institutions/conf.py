"""Settings of the institutions app (xinfang/core/conf.py): local practice, not law.

Art. 25 says "及时" (in time) and names no hour count: how soon each receiving level must sign for an
urgent report, and how often it is reminded, are local practice and configured here.
"""

from __future__ import annotations

from xinfang.core.conf import Group, Setting

DOCS = "[institutions.md](institutions.md)"

INSTITUTIONS = Group("institutions", "Institutions (Art. 25 urgent reports, Art. 41 annual report)", (
    Setting("XINFANG_URGENT_ACK_HOURS", int, 2, min=1, max=72,
            doc="Practice (Art. 25 says 及时): hours a receiving level has to sign for an urgent "
                "report before it is flagged overdue.", more=DOCS),
    Setting("XINFANG_URGENT_RENOTIFY_HOURS", int, 2, min=1, max=72,
            doc="Practice: hours between reminders to a level that has not signed for an urgent "
                "report after its deadline (the hourly job).", more=DOCS),
    Setting("XINFANG_URGENT_LEVELS", int, 0, min=0, max=5,
            doc="Practice: how many petition bureaus up the unit tree receive an urgent report "
                "(0: every one up to the top of the tree; Art. 25 ¶2: the next level and the top).",
            more=DOCS),
    Setting("XINFANG_URGENT_OWN_GOVERNMENT", bool, True,
            doc="Art. 25 ¶1: the reporting level's party committee and government (本级党委和政府) "
                "also receive and sign for the report.", more=DOCS),
))
