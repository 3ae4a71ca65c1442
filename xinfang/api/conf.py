"""The API's settings, declared once (xinfang/core/conf.py)."""

from __future__ import annotations

from xinfang.core.conf import Group, Setting

API = Group("api", "API", (
    Setting("XINFANG_API_LIST_RATE", str, "120/hour", setting=False,
            doc="Per user, how many pages of the API's case list (50 cases each, with masked identities) "
                "may be read; beyond it 429 with a Chinese message.",
            more="Every page read is logged on `xinfang.audit` (user, unit, rows, page, whether a search "
                 "was made — never the search text). Counted in the shared cache, so all processes "
                 "count together (DRF `DEFAULT_THROTTLE_RATES['case-list']`)."),
    Setting("XINFANG_IDEMPOTENCY_DAYS", int, 7, min=1,
            doc="Idempotency records (a copy of the answer to a retried POST, i.e. a whole case with its "
                "petitioners) are deleted after this many days by a nightly job.",
            more="An expired key is a new request."),
))
