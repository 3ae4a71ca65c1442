"""The minute job that folds the new case events into the indicator rollup."""

from xinfang.core.jobs import every_minute

from .services import rollups_fold


@every_minute("rollups.fold")
def fold_rollups() -> str:
    """Every minute: fold the case events since the watermark (and re-fold the last minutes')."""
    total, n = 0, rollups_fold(overlap=True)
    while n:
        total += n
        n = rollups_fold()
    return f"{total} events folded"
