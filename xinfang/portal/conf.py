"""The public portal's settings, declared once (xinfang/core/conf.py)."""

from __future__ import annotations

from xinfang.core.conf import Group, Setting

#: (count, seconds) per limit; ``XINFANG_PORTAL_LIMITS`` overrides any of them.
LIMITS = {
    "submit_per_ip": (10, 3600),  # 10 petitions per address per hour
    "submit_per_phone": (5, 86400),  # 5 petitions per phone number per day
    "track_per_ip": (60, 3600),  # 60 look-ups per address per hour
    "failures": (5, 1800),  # 5 wrong code/phone attempts, then locked for 30 minutes
}
DEFAULT_MAX_FILES = 5
PORTAL = "[portal.md](portal.md)"

PORTAL_SETTINGS = Group("portal", "Public portal (网上信访)", (
    Setting("XINFANG_PORTAL_UNIT", str, "", shown="the highest-level petition bureau",
            doc="Art. 17, 22: unit code of the bureau that receives online petitions.", more=PORTAL),
    Setting("XINFANG_PORTAL_LIMITS", dict, {}, keys=tuple(LIMITS), shown="see portal.md",
            doc="Practice: rate limits per address and per phone, `{\"submit_per_ip\": [10, 3600]}` "
                "(count, seconds); keys " + ", ".join(f"`{k}`" for k in LIMITS) + ".", more=PORTAL),
    Setting("XINFANG_PORTAL_ROUTE_BY_PLACE", bool, True, shown="on",
            doc="Art. 22 (属地管理): send each online petition to the petition bureau of the problem's "
                "place (else all to `XINFANG_PORTAL_UNIT`).", more=PORTAL),
    Setting("XINFANG_PORTAL_MAX_FILES", int, DEFAULT_MAX_FILES, min=0, max=50,
            doc="Practice: attachments per online petition.", more=PORTAL),
))
