"""Settings of the indicator rollup (docs/indicators.md, "Rollups")."""

from xinfang.core.conf import Group, Setting

ROLLUPS = Group("rollups", "Indicator rollups (指标汇总)", (
    Setting("XINFANG_INDICATORS_FROM_ROLLUPS", bool, True, shown="on",
            doc="Read the official indicators (the indicator table, the dashboard's figures) from the "
                "per-day, per-unit rollup kept by folding the case events; off: count them over the "
                "records on each request.",
            more="See [indicators.md](indicators.md) and `manage.py rebuild_rollups`."),
    Setting("XINFANG_ROLLUP_OVERLAP_SECONDS", int, 300, min=0,
            doc="The minute fold also re-folds the cases of the events of the last this many seconds "
                "(an event committed after a later one was folded is not missed)."),
))
