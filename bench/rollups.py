"""The official indicators and the dashboard, live vs from the per-day, per-unit rollup (issue 17).

    XINFANG_MODE=demo .venv/bin/python bench/province_data.py --db xf_rollup_100k --cases 100000
    XINFANG_MODE=demo .venv/bin/python bench/rollups.py --db xf_rollup_100k [--workers 2] [--runs 7]

On the PostgreSQL database `--db` (server BENCH_PG, default postgres://root@127.0.0.1:5432) made by
bench/province_data.py:

1. `migrate` (the rollup's tables), then `rebuild_rollups` (every case folded: timed, rows written,
   this process's CPU; the workers' CPU is not in it), ANALYZE;
2. as the city bureau's registrar (`c01xf_registrar`, a city of ~6 counties): the city's indicator
   table (`indicator_table` over its active units, the last 365 days and the current year) and the
   dashboard's computation (`warning.selectors.dashboard_data`, what the minute tick runs per
   snapshot), each `--runs` times live (XINFANG_INDICATORS_FROM_ROLLUPS off) and from the rollup:
   wall p50/p95, CPU per run, statements; the figures of both compared (they must be equal);
3. the province's indicator table (every unit) from the rollup;
4. the minute fold with nothing new, and after re-registering no case: its fixed cost.

Prints one JSON line per measurement, with the load average (the machine is shared).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def setup(db: str) -> None:
    base = os.environ.get("BENCH_PG", "postgres://root@127.0.0.1:5432")
    os.environ["DATABASE_URL"] = f"{base}/{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def out(**row) -> None:  # noqa: ANN003
    print(json.dumps({**row, "load": load()}, ensure_ascii=False), flush=True)


def timed(name: str, fn, runs: int, **extra):  # noqa: ANN001, ANN003, ANN201
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    walls, cpus, result = [], [], None
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            c0, t0 = cpu(), time.perf_counter()
            result = fn()
            walls.append(time.perf_counter() - t0)
            cpus.append(cpu() - c0)
    out(what=name, runs=runs, p50_ms=round(1000 * pct(walls, 50), 1),
        p95_ms=round(1000 * pct(walls, 95), 1), cpu_ms=round(1000 * pct(cpus, 50), 1),
        statements=len(ctx.captured_queries), **extra)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-rebuild", action="store_true")
    args = parser.parse_args()
    setup(args.db)
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    from xinfang.cases.models import Case
    from xinfang.core import clock
    from xinfang.orgs.models import Unit, User
    from xinfang.orgs.selectors import jurisdiction_of, units_under
    from xinfang.resolution.indicators import Period, indicator_table
    from xinfang.rollups.models import IndicatorRollup, RollupLedger
    from xinfang.rollups.services import rollups_fold, rollups_rebuild
    from xinfang.warning.selectors import dashboard_data

    call_command("migrate", verbosity=0)
    cases = Case.objects.count()
    if not args.skip_rebuild:
        c0, t0 = cpu(), time.perf_counter()
        n = rollups_rebuild(workers=args.workers, chunk=2000)
        wall = time.perf_counter() - t0
        with connection.cursor() as cur:
            cur.execute("ANALYZE rollups_indicatorrollup; ANALYZE rollups_rollupledger")
            cur.execute("SELECT pg_total_relation_size('rollups_indicatorrollup'), "
                        "pg_total_relation_size('rollups_rollupledger')")
            size_rollup, size_ledger = cur.fetchone()
        out(what="rebuild_rollups", cases=n, workers=args.workers, seconds=round(wall, 1),
            cases_per_s=round(n / wall), main_cpu_s=round(cpu() - c0, 1),
            rollup_rows=IndicatorRollup.objects.count(), ledger_rows=RollupLedger.objects.count(),
            rollup_mb=round(size_rollup / 2**20, 1), ledger_mb=round(size_ledger / 2**20, 1))

    user = User.objects.select_related("unit").get(username="c01xf_registrar")
    city = jurisdiction_of(user)
    units = list(units_under(city, active=True).order_by("path"))
    today = clock.today()
    periods = {"365d": Period(today - dt.timedelta(days=364), today),
               "year": Period(today.replace(month=1, day=1), today)}
    for label, period in periods.items():
        with override_settings(XINFANG_INDICATORS_FROM_ROLLUPS=False):
            live = timed(f"city indicator table, live, {label}", lambda p=period: indicator_table(units, p),
                         args.runs, cases=cases, units=len(units))
        rolled = timed(f"city indicator table, rollup, {label}", lambda p=period: indicator_table(units, p),
                       args.runs, cases=cases, units=len(units))
        same = [(r.unit and r.unit.pk, r.values, r.stages) for r in live] == \
               [(r.unit and r.unit.pk, r.values, r.stages) for r in rolled]
        out(what=f"city indicator table {label}: rollup == live", equal=same, rows=len(rolled))
    with override_settings(XINFANG_INDICATORS_FROM_ROLLUPS=False, XINFANG_DASHBOARD_MAX_AGE=0):
        live = timed("city dashboard_data, live", lambda: dashboard_data(user), max(3, args.runs // 2),
                     cases=cases)
    rolled = timed("city dashboard_data, rollup", lambda: dashboard_data(user), max(3, args.runs // 2),
                   cases=cases)
    out(what="dashboard indicators: rollup == live", equal=live.indicators == rolled.indicators)
    everything = list(Unit.objects.filter(active=True).order_by("path"))
    timed("province indicator table, rollup, 365d",
          lambda: indicator_table(everything, periods["365d"]), 3, cases=cases, units=len(everything))
    timed("fold with nothing new", rollups_fold, args.runs)
    timed("fold, overlap re-fold of the last minutes", lambda: rollups_fold(overlap=True), 3)


if __name__ == "__main__":
    main()
