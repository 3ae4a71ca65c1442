"""Time to recompute all warnings for one million cases, from the database (PostgreSQL).

    .venv/bin/python bench/warning_recompute_db.py [--cases 1000000] [--seed 7]
        [--db postgres://root@127.0.0.1:5432/xinfang_warning_bench] [--keep] [--reset-warnings]
        [--workers N]

What it does:
 1. creates the database (dropped first unless --keep finds it filled), migrates it;
 2. a unit tree: province, city, 8 districts (A1..A8 区 of the real data, plus one for messages
    with no district) each with its petition bureau and 15 streets; the 3-level taxonomy of
    shared/data/teddy2020/taxonomy.csv;
 3. one million Case rows bulk-loaded with COPY, synthesised as in bench/warning_scale.py
    (bootstrap of the 4,326 real messages: text, first-level category refined Zipf-wise to a
    third-level one, district x street, entity split into 20 variants, real daily profile
    2019-01-01 .. 2020-01-07), and their cached entities (CaseEntity) except for the last day's
    cases, so the first recompute also does the daily incremental entity extraction;
 4. `warnings_recompute(today=2020-01-07)` twice: the first run creates the warnings, the second
    shows the idempotent daily rerun (`--days 2`: 2020-01-06 first, so that 2020-01-07 is a normal
    new day: its cases' entities extracted, every county clustered, the changed warnings written); the time of each step is printed, with the CPU seconds of
    this process and of its worker processes (`--workers N`), and the peak RSS of both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import resource
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def peak_children_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", default="postgres://root@127.0.0.1:5432/xinfang_warning_bench")
    ap.add_argument("--keep", action="store_true", help="reuse a database already filled")
    ap.add_argument("--reset-warnings", action="store_true",
                    help="with --keep: delete the warnings, their case events, the last day's "
                         "cached entities and the kept hot issues first, so run 1 is a first "
                         "run again")
    ap.add_argument("--workers", type=int, default=None,
                    help="worker processes of the recompute (default: the policy's, 1)")
    ap.add_argument("--days", type=int, default=1,
                    help="run the days before the last one first (2: 2020-01-06, then 2020-01-07: "
                         "the second run is a normal new day, its new cases' entities extracted "
                         "and only the changed warnings written), then rerun the last day")
    args = ap.parse_args()

    import psycopg

    dbname = args.db.rsplit("/", 1)[1]
    admin = args.db.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("select 1 from pg_database where datname=%s", (dbname,)).fetchone()
        if exists and not args.keep:
            conn.execute(f'drop database "{dbname}"')
            exists = None
        if not exists:
            conn.execute(f'create database "{dbname}"')

    os.environ["DATABASE_URL"] = args.db
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from xinfang.cases.models import Case
    from xinfang.warning.models import CaseEntity, Warning

    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - t:.1f} s")
    n_cases = Case.objects.count()
    if n_cases < args.cases:
        load(args, connection)
    if args.reset_warnings:
        from xinfang.cases.models import CaseEvent

        t = time.perf_counter()
        # case events are records the application never deletes; the bench's database may
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {CaseEvent._meta.db_table} WHERE action = 'warning'")
        Warning.objects.all().delete()
        CaseEntity.objects.filter(case__received_on=dt.date(2020, 1, 7)).delete()
        from django.core.cache import cache

        cache.clear()  # the hot issues kept for a rerun of the day (this database's cache table)
        print(f"reset warnings: {time.perf_counter() - t:.1f} s")
    n_cases = Case.objects.count()
    print(f"cases in the database: {n_cases:,}; cached entities: {CaseEntity.objects.count():,}")

    from xinfang.warning.services import warnings_recompute

    last = dt.date(2020, 1, 7)
    days = [last - dt.timedelta(days=n) for n in range(max(1, args.days) - 1, -1, -1)] + [last]
    kw = {} if args.workers is None else {"workers": args.workers}
    for run, today in enumerate(days, 1):
        t = time.perf_counter()
        c0 = os.times()
        r = warnings_recompute(today=today, **kw)
        wall = time.perf_counter() - t
        c1 = os.times()
        cpu = (c1.user - c0.user) + (c1.system - c0.system)
        cpu_children = (c1.children_user - c0.children_user) + (c1.children_system
                                                                 - c0.children_system)
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in r.seconds.items())
        print(f"recompute run {run} ({today}): {wall:.1f} s wall, CPU {cpu:.1f} s here + {cpu_children:.1f} s "
              f"in workers ({steps}); load average {os.getloadavg()[0]:.2f}")
        print(f"  {r.line()}; case events {r.case_events}")
    print(f"warnings in the database: {Warning.objects.count()}; peak RSS {peak_mb():.0f} MiB "
          f"(this process), {peak_children_mb():.0f} MiB (largest worker process)")


def load(args, connection) -> None:  # noqa: ANN001
    import pandas as pd
    from warning_scale import START, synthesize

    from xinfang.cases.models import Case, Category
    from xinfang.cases.taxonomy import load_taxonomy
    from xinfang.orgs.models import Level, UnitType
    from xinfang.orgs.services import staff_create, unit_create
    from xinfang.warning.hotissues import load_messages, shared_data_dir

    data_dir = shared_data_dir()
    t = time.perf_counter()
    load_taxonomy(data_dir / "taxonomy.csv")
    province = unit_create(name="西地省", code="BP", level=Level.PROVINCE,
                           unit_type=UnitType.PARTY_GOVERNMENT)
    city = unit_create(name="A市", code="BC", level=Level.CITY, parent=province,
                       unit_type=UnitType.PARTY_GOVERNMENT)
    user = staff_create(username="bench", unit=city, roles=["registrar"], password=None)
    print(f"units and taxonomy: {time.perf_counter() - t:.1f} s")

    t = time.perf_counter()
    cols, days, info = synthesize(args.cases, args.seed, data_dir)
    msgs = load_messages(data_dir)
    pick = np.random.default_rng(args.seed).integers(len(msgs), size=args.cases)  # as synthesize
    print(f"synthesis: {time.perf_counter() - t:.1f} s {info}")

    # units: a district per code, 15 streets each
    n_district = int(cols["district"].max()) + 1
    streets = {}
    for d in range(n_district):
        county = unit_create(name=f"A{d + 1}区", code=f"BX{d}", level=Level.COUNTY, parent=city,
                             unit_type=UnitType.PARTY_GOVERNMENT)
        unit_create(name=f"A{d + 1}区信访局", code=f"BXF{d}", level=Level.COUNTY, parent=county,
                    unit_type=UnitType.PETITION_BUREAU)
        for s in range(15):
            streets[d * 15 + s] = unit_create(
                name=f"A{d + 1}区第{s + 1}街道", code=f"BT{d}_{s}", level=Level.TOWNSHIP,
                parent=county, unit_type=UnitType.PARTY_GOVERNMENT).pk
    # categories: "一级/三级" names -> a level-3 Category id
    tax = pd.read_csv(data_dir / "taxonomy.csv")
    lvl3 = {}
    for c in Category.objects.filter(level=3).select_related("parent__parent"):
        lvl3.setdefault((c.parent.parent.name, c.name), c.pk)
    lvl1 = {c.name: c.pk for c in Category.objects.filter(level=1)}
    cat_names = []
    for c1 in sorted({n.split("/", 1)[0] for n in _cat_names(cols, tax, data_dir)}):
        kids = tax.loc[tax["一级分类"] == c1, "三级分类"].drop_duplicates().tolist() or [c1]
        cat_names += [(c1, x) for x in kids]
    cat_ids = np.array([lvl3.get(k) or lvl1.get(k[0]) or 0 for k in cat_names], dtype=np.int64)

    t = time.perf_counter()
    now = dt.datetime(2020, 1, 7, 18, tzinfo=dt.UTC).isoformat()
    fields = [f for f in Case._meta.concrete_fields if f.column != "id"]
    names = [f.column for f in fields]
    # columns the synthesis does not set (added to Case since): NULL, else empty text
    extra = {f.column: None if f.null else "" for f in fields}
    channels = ["letter", "visit", "online", "phone", "platform"]
    buf = io.StringIO()

    def esc(v: str) -> str:
        return v.replace("\\", "\\\\").replace("\t", " ").replace("\n", "\\n").replace("\r", " ")

    connection.ensure_connection()
    raw = connection.connection
    with connection.cursor() as cur:
        copy_sql = f"COPY cases_case ({', '.join(names)}) FROM STDIN"
        with raw.cursor() as c2, c2.copy(copy_sql) as cp:
            for i in range(args.cases):
                m = msgs[pick[i]]
                day = START + dt.timedelta(days=int(cols["day"][i]))
                place = streets[int(cols["place"][i])]
                cat = int(cat_ids[cols["cat"][i]])
                row = {
                    "number": f"B{i:07d}", "status": "registered", "channel": channels[i % 5],
                    "purpose": "request", "category_id": cat or None, "problem_unit_id": place,
                    "title": m.title[:200], "request": m.title[:200], "facts_reasons": m.body[:300],
                    "headcount": 1, "is_collective": False, "is_first_time": True,
                    "simplified": False, "received_on": day.isoformat(), "registered_at": now,
                    "registered_unit_id": city.pk, "registered_by_id": user.pk,
                    "holding_unit_id": city.pk, "handling_unit_id": None, "sending_unit_id": None,
                    "legal_route": "", "accused_unit_id": None, "accused_person": "",
                    "extended": False, "outcome": "", "updated_at": now,
                }
                for n in names:
                    if n not in row:
                        row[n] = extra[n]
                buf.write("\t".join("\\N" if row[n] is None else esc(str(row[n]).lower()
                                    if isinstance(row[n], bool) else str(row[n]))
                                    for n in names) + "\n")
                if i % 50000 == 49999:
                    cp.write(buf.getvalue())
                    buf = io.StringIO()
            cp.write(buf.getvalue())
        print(f"COPY {args.cases:,} cases: {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        cur.execute("select id from cases_case where number like 'B%%' order by number")
        ids = [r[0] for r in cur.fetchall()]
        last = int(cols["day"].max())
        buf = io.StringIO()
        for i, cid in enumerate(ids):
            if int(cols["day"][i]) == last:
                continue  # the day's new cases: extracted by the recompute itself
            e = int(cols["entity"][i])
            buf.write(f"{cid}\t{'' if e < 0 else f'E{e}'}\n")
        with raw.cursor() as c2, c2.copy("COPY warning_caseentity (case_id, entity) FROM STDIN") as cp:
            cp.write(buf.getvalue())
        cur.execute("analyze")
    print(f"COPY cached entities + analyze: {time.perf_counter() - t:.1f} s")


def _cat_names(cols, tax, data_dir) -> list[str]:  # noqa: ANN001, ARG001
    # the first-level labels synthesize() used, in its order (sorted set of predicted labels)
    from warning_scale import real_rows

    cat1, *_ = real_rows(data_dir)
    return sorted(set(cat1))


if __name__ == "__main__":
    main()
