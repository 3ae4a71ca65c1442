"""Warning policy (practice, not law): every threshold here is local practice and configurable.

Override any key with ``settings.XINFANG_WARNING = {...}`` (merged one level deep over DEFAULTS), or the
environment variable of the same name holding JSON; declared once below (xinfang/core/conf.py).
"""

from __future__ import annotations

import copy
from typing import Any

from xinfang.core.conf import Group, Setting, get

DEFAULTS: dict[str, Any] = {
    # Spike detection (see docs/warning.md and detection.py for the methods and their rates).
    "method": "glm",
    "method_params": {"glm": {"alpha": 0.01}},
    "history_days": 400,  # daily series length read from the cases (glm needs >= 56 + 7 days)
    "alarm_days": 7,  # alarms on the last N days raise or update warnings
    "min_count": 3,  # an alarm needs at least this many cases on the day
    "min_total": 3,  # series with fewer cases in the whole history are not tested
    "merge_gap_days": 14,  # a new alarm within N days of a warning's last signal updates it
    # Close an open warning (no letter sent yet) after N days without a new signal; None: every
    # warning is closed by the bureau, with a reason (practice differs: make it a local choice).
    "auto_close_quiet_days": None,
    "max_evidence": 200,
    # Level thresholds per method on its own score scale (blue, yellow, orange, red): the
    # level is the highest one whose threshold the score reaches.
    "levels": {
        "glm": [2.0, 3.0, 5.0, 8.0],  # -log10 P(Y >= y): 1%, 0.1%, 1e-5, 1e-8
        "cusum": [4.0, 6.0, 9.0, 14.0],
        "c1": [3.0, 4.0, 6.0, 9.0],
        "c2": [3.0, 4.0, 6.0, 9.0],
        "c3": [2.0, 4.0, 7.0, 12.0],
        "hot_issue": [2.5, 3.5, 4.5, 5.5],  # heat score (hotissues.heat_score)
        "overdue_cluster": [3, 5, 10, 20],  # overdue clocks of one unit
    },
    # "color": 蓝色/黄色/橙色/红色; "severity": 一般/较重/严重/特别严重.
    "level_style": "color",
    # Hot issues over recent cases.
    "hot_days": 60,
    "hot_top": 20,
    "hot_min_petitioners": 3,
    # Worker processes of the daily recompute (hot-issue clustering per county and spike detection
    # per chunk of series run in parallel; 1: in this process). The result does not depend on it.
    "workers": 1,
    # Overdue clusters: a unit with this many overdue legal clocks gets a warning.
    "overdue_min": 3,
    # Days the responsible unit has to answer a 预警提示函 (practice).
    "response_days": 7,
}


def policy() -> dict[str, Any]:
    """DEFAULTS with settings.XINFANG_WARNING merged over them."""
    merged = copy.deepcopy(DEFAULTS)
    for key, value in get("XINFANG_WARNING").items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key].update(value)
        else:
            merged[key] = value
    return merged


WARNING = Group("warning", "Warnings (预警)", (
    Setting("XINFANG_WARNING", dict, {}, keys=tuple(DEFAULTS), shown="`warning/conf.py` DEFAULTS",
            doc="Practice, not law: detection method, thresholds, windows, warning levels as JSON, e.g. "
                "`{\"method\": \"cusum\"}` (merged one level deep over the defaults).",
            more="Keys: " + ", ".join(f"`{k}`" for k in DEFAULTS) + "; see [warning.md](warning.md)."),
    # A level is a claim about how serious a matter is: a score alone is not enough when the day
    # holds a handful of cases or the baseline rests on a few weeks (3-5 cases against an expected
    # ~0 were rated 特别严重). Practice, not law.
    Setting("XINFANG_WARNING_MIN_COUNT_RED", int, 10, min=1,
            doc="Practice: a spike is rated red (特别严重) only on a day with at least this many cases.",
            more="Else the highest level its count allows; see [warning.md](warning.md)."),
    Setting("XINFANG_WARNING_MIN_COUNT_ORANGE", int, 6, min=1,
            doc="Practice: a spike is rated orange (严重) only on a day with at least this many cases."),
    Setting("XINFANG_WARNING_MIN_COUNT_YELLOW", int, 4, min=1,
            doc="Practice: a spike is rated yellow (较重) only on a day with at least this many cases."),
    Setting("XINFANG_WARNING_MIN_HISTORY_DAYS", int, 28, min=0,
            doc="Practice: days of data (the first case on record to the alarm day) before a "
                "baseline is credible; with less, a spike is rated blue (一般) at most."),
    Setting("XINFANG_WARNING_SPIKE_MIN_SHARED", float, 0.5, min=0, max=1,
            doc="Practice: share of a spike's evidence cases that must name one place or topic "
                "(the same primary entity, or one hot-issue text cluster); else no warning."),
))


def min_count_for(level: str) -> int:
    """Fewest cases on the day a spike needs to be rated `level` (blue: none)."""
    name = {"red": "XINFANG_WARNING_MIN_COUNT_RED", "orange": "XINFANG_WARNING_MIN_COUNT_ORANGE",
            "yellow": "XINFANG_WARNING_MIN_COUNT_YELLOW"}.get(level)
    return get(name) if name else 0


DASHBOARD = Group("warning", "Leaders' dashboard (态势)", (
    Setting("XINFANG_DASHBOARD_MAX_AGE", int, 300, min=0,
            doc="Seconds a dashboard snapshot is served before the page recomputes it itself (the "
                "minute tick normally refreshes it first); 0 computes the dashboard on every request.",
            more="See `warning/snapshots.py` and [benchmarks.md](benchmarks.md)."),
    Setting("XINFANG_DASHBOARD_KEEP_HOURS", int, 24, min=1,
            doc="The minute tick keeps refreshing a dashboard viewed within this many hours."),
    Setting("XINFANG_DASHBOARD_REFRESH_BUDGET", float, 40.0, min=0,
            doc="Seconds of each minute tick spent refreshing dashboard snapshots (the oldest first); "
                "the rest wait for the next tick."),
))
