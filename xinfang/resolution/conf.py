"""The resolution workflows' settings, declared once (xinfang/core/conf.py): local practice."""

from __future__ import annotations

from typing import Any

from xinfang.core.conf import Group, Setting

# Local practice (DOMAIN.md: configurable, never hard-wired); XINFANG_RESOLUTION overrides any key.
PRACTICE_DEFAULTS: dict[str, Any] = {
    # The regulation does not exclude mediation time from the Art. 34 handling period; a locality
    # whose 访调对接 rules do may switch this on (the clock then pauses once both parties consent).
    "MEDIATION_PAUSES_HANDLING": False,
    "SUPERVISION_DAYS": {"duban": 15, "cuiban": 5},  # 督办/催办 reply periods set by the supervisor
    "RECOMMENDATION_ANSWER_DAYS": 30,  # Art. 40 says "书面反馈" without a period
    "FOLLOW_UP_DAYS": 10,  # 回访 after a 不满意 rating
    "ESCALATION_STEP_DAYS": 5,  # overdue this many more days → one level higher
    "ESCALATION_MAX_LEVEL": 3,
    "HEARING_NOTICE_DAYS": 3,  # the notice reaches the parties at least this many days before
    "AUTO_CUIBAN_FOR_OVERDUE_CLOCKS": True,  # an overdue legal clock gets a system 催办
}

RESOLUTION = Group("resolution", "Mediation, hearings and supervision", (
    Setting("XINFANG_RESOLUTION", dict, {}, keys=tuple(PRACTICE_DEFAULTS),
            shown="`resolution.conf.PRACTICE_DEFAULTS`",
            doc="Practice (Art. 34, 40 set no such periods): mediation, hearing and escalation practice "
                "as JSON, e.g. `{\"MEDIATION_PAUSES_HANDLING\": true}` (whether mediation pauses the "
                "handling clock).",
            more="Keys: " + ", ".join(f"`{k}`" for k in PRACTICE_DEFAULTS)
                 + "; see [resolution.md](resolution.md)."),
))
