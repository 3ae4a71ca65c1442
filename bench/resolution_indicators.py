"""Benchmark: indicators, escalation and the resolution pages on the demo county.

    .venv/bin/python bench/resolution_indicators.py --n 300
    .venv/bin/python bench/resolution_indicators.py --n 300 --db postgres

A fresh database (temporary SQLite file, or PostgreSQL `xinfang_bench`, dropped and re-created) is
migrated; the demo county 清河 is built and `n` cases are carried to their statuses by
`xinfang.cases.demo.seed_cases`, then `xinfang.resolution.demo.seed` adds mediations, hearings,
orders, letters and ratings. Measured (median of 5 runs each, with the number of SQL queries):

- indicator_table over every unit of the county for the year;
- escalate_overdue (idempotent after the first run: the steady-state hourly cost);
- GET /resolution/?tab=indicators and ?tab=supervision as the bureau's supervisor;
- GET of a case page carrying the resolution panel, as the handling unit's handler.

Prints one JSON line per measurement.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import time

from benchdb import fresh_database


def measure(name: str, fn, runs: int = 5, **extra) -> None:  # noqa: ANN001, ANN003
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
    print(json.dumps({"what": name, "median_ms": round(1000 * statistics.median(times), 1),
                      "queries": len(ctx.captured_queries), **extra}, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    fresh_database(args.db)
    from django.test import Client
    from django.urls import reverse

    from xinfang.cases.demo import build_demo_county, seed_cases
    from xinfang.cases.taxonomy import default_taxonomy_path, load_taxonomy
    from xinfang.core import clock
    from xinfang.orgs.models import Role, Unit
    from xinfang.resolution import demo
    from xinfang.resolution.escalation import escalate_overdue
    from xinfang.resolution.indicators import Period, indicator_table
    from xinfang.resolution.models import Mediation

    load_taxonomy(default_taxonomy_path())
    t0 = time.perf_counter()
    county = build_demo_county()
    cases = seed_cases(county, n=args.n, rng=random.Random(7))
    summary = demo.seed(county=county, cases=cases, rng=random.Random(7))
    meta = {"n": args.n, "db": args.db, "python": platform.python_version(),
            "cpu": platform.processor() or platform.machine()}
    print(json.dumps({"what": "seed", "seconds": round(time.perf_counter() - t0, 1),
                      "summary": summary, **meta}, ensure_ascii=False))
    units = list(Unit.objects.filter(path__startswith=county.county.path).order_by("path"))
    year = Period(clock.today().replace(month=1, day=1), clock.today())
    measure("indicator_table", lambda: indicator_table(units, year), units=len(units), **meta)
    measure("escalate_overdue (steady state)", escalate_overdue, **meta)
    client = Client()
    client.force_login(county.user(county.bureau, Role.SUPERVISOR))
    for tab in ("indicators", "supervision"):
        measure(f"GET resolution home tab={tab}", lambda tab=tab: client.get(
            reverse("resolution:home"), {"tab": tab}), **meta)
    case = Mediation.objects.exclude(case=None).first().case
    client.force_login(county.user(case.holding_unit, Role.HANDLER))
    measure("GET case page with resolution panel",
            lambda: client.get(reverse("web:case", args=[case.number])), **meta)


if __name__ == "__main__":
    main()
