"""The official indicators read from the rollup (the formulas: docs/indicators.md).

The rollup holds, per (day, unit), the numerators and denominators that the live queries of
`xinfang.resolution.indicators` count, so a period's figure per unit is a sum over its days. Two
figures are not read from it:

- 调解成功率 (mediations, a dispute may have no case, so no case event to fold): counted live, over
  the small mediation table;
- the repeat total (重复信访率, each case once over several units) is read from the rollup's
  per-ancestor rows when the units are a whole subtree (or every unit) save units without any case
  of the period; else counted live.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from xinfang.orgs.models import Unit

from . import facts as F
from .services import catch_up, enabled, rolled, rollups_pending

if TYPE_CHECKING:
    from xinfang.resolution.indicators import Average, Period, PerUnit, Ratio

__all__ = ["enabled", "indicators", "repeat_total", "usable"]

ROLLED = ("timely_acceptance", "on_time_completion", "participation", "satisfaction", "resolution",
          "first_time_resolution", "repeat")


def usable() -> bool:
    """Read the rollup only when it is switched on and complete: after folding what is pending (one
    batch), no case event is left unfolded. A deployment upgraded without `rebuild_rollups`, or a
    tick far behind, shows the live count, never a partial one as if it were the figure."""
    if not enabled():
        return False
    if not rollups_pending():
        return True
    catch_up()
    return not rollups_pending()


# `indicators` and `repeat_total` are read after `usable()` said yes (resolution.indicators)


def indicators(ids: list[int], period: Period,
               live: dict[str, Callable[[list[int], Period], PerUnit]]
               ) -> tuple[dict[str, PerUnit], dict[int, dict[str, Average]]]:
    """Each indicator per unit, and the stage days, as `indicators._computed` (live: the others)."""
    from xinfang.resolution.indicators import STAGES, Average, Ratio

    sums = rolled(ids, period.start, period.end)
    out: dict[str, PerUnit] = {}
    for key, compute in live.items():
        if key in ROLLED:
            out[key] = {u: Ratio(n, d) for u, (n, d) in sums.get(key, {}).items() if d}
        else:
            out[key] = compute(ids, period)
    days: dict[int, dict[str, Average]] = defaultdict(dict)
    for kind, _label in STAGES:
        for u, (n, d) in sums.get(f"stage:{kind}", {}).items():
            if d:
                days[u][kind] = Average(n, d)
    return out, dict(days)


def repeat_total(ids: list[int], period: Period) -> Ratio | None:
    """重复信访率 over the units together, each case once, from the rollup; None when the units are
    not a subtree (or every unit) less units without any case of the period."""
    from xinfang.resolution.indicators import Ratio

    if not ids:
        return Ratio()
    paths = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "path"))
    top = min(paths, key=lambda pk: (paths[pk].count("/"), paths[pk]))
    if all(p.startswith(paths[top]) for p in paths.values()):
        anchor = top
        whole = set(Unit.objects.filter(path__startswith=paths[top]).values_list("pk", flat=True))
    else:
        anchor, whole = F.ALL_UNITS, set(Unit.objects.values_list("pk", flat=True))
    missing = list(whole - set(ids))
    if missing and any(d for _n, d in rolled(missing, period.start, period.end)
                       .get("repeat", {}).values()):
        return None
    n, d = rolled([anchor], period.start, period.end).get("repeat_total", {}).get(anchor, (0, 0))
    return Ratio(n, d)
