"""Should the case timeline be partitioned by year? (issue 17: partitioning and retention, measured)

    XINFANG_MODE=demo .venv/bin/python bench/province_data.py --db xf_province1m --cases 1000000 --workers 2
    XINFANG_MODE=demo .venv/bin/python bench/partitioning.py --db xf_province1m [--runs 300]

On a database written by bench/province_data.py (PostgreSQL; server BENCH_PG, default
postgres://root@127.0.0.1:5432), the largest table, the case timeline (`cases_caseevent`, ~14 events a
case), is copied twice, side by side and with the same two indexes the platform's reads use
(`(case_id, id)` for a case's timeline and its chain tip, `(at)` for periods):

- `bench_event_plain`: one table, as the platform has it;
- `bench_event_year`: `PARTITION BY RANGE (at)`, one partition per calendar year (what partitioning
  "by year" would be; a case's events span years, so its timeline is in several partitions).

Then, on random cases and days (`--runs` each, p50 / p95 wall, the same connection, warm cache):
a case's timeline (`WHERE case_id = ? ORDER BY id`: the case page), its chain tip (`ORDER BY id DESC
LIMIT 1`: every step's hash), the events of one day and of one month by type (what a period's report
would scan; the indicators read the rollups instead), and the operations of keeping a table this size:
`VACUUM (ANALYZE)` of each, an index built afresh on each (`CREATE INDEX` on `(type)`), and taking the
oldest year out, as retention by partition would (`DETACH PARTITION`, then attached again) or as it
must on one table (`DELETE` of that year's rows in a transaction rolled back: the work, not the
result). The copies are dropped at the end (`--keep` keeps them). Sizes on disk of every large table of
the database, per case. Prints JSON lines and a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TABLES = ("cases_case", "cases_caseevent", "cases_caseaccess", "deadlines_deadline", "cases_petitioner",
          "cases_casepetitioner", "resolution_opinion", "triage_dupposting", "rollups_indicatorrollup")


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def timed(cur, sql: str, params=()) -> float:  # noqa: ANN001
    t = time.perf_counter()
    cur.execute(sql, params)
    if cur.description:
        cur.fetchall()
    return time.perf_counter() - t


def main() -> None:  # noqa: PLR0915
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="xf_province1m")
    ap.add_argument("--runs", type=int, default=300)
    ap.add_argument("--seed", type=int, default=44)
    ap.add_argument("--keep", action="store_true", help="keep the two copies")
    ap.add_argument("--out", type=Path, default=Path("/tmp/partitioning.json"))
    args = ap.parse_args()
    import psycopg

    base = os.environ.get("BENCH_PG", "postgres://root@127.0.0.1:5432")
    out: dict = {"db": args.db, "load_start": os.getloadavg()[0]}
    rng = random.Random(args.seed)
    with psycopg.connect(f"{base}/{args.db}", autocommit=True) as conn, conn.cursor() as cur:
        cur.execute("SET maintenance_work_mem = '512MB'")
        cur.execute("SELECT count(*), max(id) FROM cases_case")
        n_cases, top_case = cur.fetchone()
        out["cases"] = n_cases
        sizes = {}
        for t in TABLES:
            cur.execute("SELECT to_regclass(%s) IS NOT NULL", [t])
            if cur.fetchone()[0]:
                cur.execute(f"SELECT pg_relation_size('{t}'), pg_total_relation_size('{t}'), "  # noqa: S608
                            f"(SELECT reltuples::bigint FROM pg_class WHERE relname = '{t}')")
                heap, total, rows = cur.fetchone()
                sizes[t] = {"rows": rows, "heap_mb": round(heap / 1e6), "total_mb": round(total / 1e6),
                            "bytes_per_case": round(total / max(n_cases, 1))}
        cur.execute("SELECT pg_database_size(current_database())")
        out["database_mb"] = round(cur.fetchone()[0] / 1e6)
        out["sizes"] = sizes
        print(json.dumps({"sizes": sizes, "database_mb": out["database_mb"], "cases": n_cases}), flush=True)

        cur.execute("SELECT min(at), max(at) FROM cases_caseevent")
        first, last = cur.fetchone()
        years = list(range(first.year, last.year + 1))
        cur.execute("DROP TABLE IF EXISTS bench_event_plain, bench_event_year")
        cols = "id, case_id, kind, type, action, actor_id, unit_id, at, old_value, new_value, note, data, prev_hash, hash"
        steps: dict = {}
        steps["copy plain"] = timed(cur, f"CREATE TABLE bench_event_plain AS SELECT {cols} FROM cases_caseevent")  # noqa: S608
        cur.execute("CREATE TABLE bench_event_year (LIKE bench_event_plain) PARTITION BY RANGE (at)")
        for y in years:
            cur.execute(f"CREATE TABLE bench_event_y{y} PARTITION OF bench_event_year "
                        f"FOR VALUES FROM ('{y}-01-01') TO ('{y + 1}-01-01')")
        steps["copy by year"] = timed(cur, f"INSERT INTO bench_event_year SELECT {cols} FROM bench_event_plain")  # noqa: S608
        for t in ("bench_event_plain", "bench_event_year"):
            steps[f"index (case_id, id) {t}"] = timed(cur, f"CREATE INDEX ON {t} (case_id, id)")
            steps[f"index (at) {t}"] = timed(cur, f"CREATE INDEX ON {t} (at)")
            steps[f"VACUUM ANALYZE {t}"] = timed(cur, f"VACUUM (ANALYZE) {t}")
        out["setup_s"] = {k: round(v, 1) for k, v in steps.items()}
        print(json.dumps({"setup_s": out["setup_s"]}), flush=True)

        cur.execute("SELECT pg_total_relation_size('bench_event_plain')")
        plain_size = cur.fetchone()[0]
        cur.execute("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                    "WHERE i.inhparent = 'bench_event_year'::regclass")
        year_size = cur.fetchone()[0]
        reads: dict = {}
        ids = [rng.randint(1, top_case) for _ in range(args.runs)]
        days = [first.date() + (last.date() - first.date()) * rng.random() for _ in range(args.runs)]
        for t in ("bench_event_plain", "bench_event_year"):
            timeline = [timed(cur, f"SELECT id, type, at, data, hash FROM {t} WHERE case_id = %s ORDER BY id", [i])  # noqa: S608
                        for i in ids]
            tip = [timed(cur, f"SELECT hash FROM {t} WHERE case_id = %s ORDER BY id DESC LIMIT 1", [i])  # noqa: S608
                   for i in ids]
            day = [timed(cur, f"SELECT count(*) FROM {t} WHERE at >= %s AND at < %s + 1", [d, d])  # noqa: S608
                   for d in days[: max(args.runs // 5, 10)]]
            month = [timed(cur, f"SELECT type, count(*) FROM {t} WHERE at >= %s AND at < %s::date + 30 "  # noqa: S608
                                "GROUP BY type", [d, d]) for d in days[: max(args.runs // 20, 5)]]
            reads[t] = {name: {"p50_ms": round(statistics.median(xs) * 1000, 2), "p95_ms": round(pct(xs, 95) * 1000, 2)}
                        for name, xs in (("timeline of a case", timeline), ("chain tip of a case", tip),
                                         ("events of one day (count)", day),
                                         ("events of 30 days by type", month))}
        out["reads"] = reads
        print(json.dumps({"reads": reads}), flush=True)

        upkeep: dict = {}
        for t in ("bench_event_plain", "bench_event_year"):
            upkeep[f"VACUUM (ANALYZE) {t}"] = timed(cur, f"VACUUM (ANALYZE) {t}")
            upkeep[f"CREATE INDEX (type) {t}"] = timed(cur, f"CREATE INDEX bench_{t}_type ON {t} (type)")
            cur.execute(f"DROP INDEX bench_{t}_type")
        oldest = years[0]
        cur.execute("SELECT count(*) FROM bench_event_plain WHERE at < %s", [f"{oldest + 1}-01-01"])
        out["oldest_year"] = {"year": oldest, "events": cur.fetchone()[0]}
        upkeep["DETACH oldest year (partitioned)"] = timed(
            cur, f"ALTER TABLE bench_event_year DETACH PARTITION bench_event_y{oldest}")
        upkeep["ATTACH it again"] = timed(
            cur, f"ALTER TABLE bench_event_year ATTACH PARTITION bench_event_y{oldest} "
                 f"FOR VALUES FROM ('{oldest}-01-01') TO ('{oldest + 1}-01-01')")
        cur.execute("BEGIN")
        upkeep["DELETE oldest year (one table, rolled back)"] = timed(
            cur, "DELETE FROM bench_event_plain WHERE at < %s", [f"{oldest + 1}-01-01"])
        cur.execute("ROLLBACK")
        out["upkeep_s"] = {k: round(v, 2) for k, v in upkeep.items()}
        out["copies_mb"] = {"plain": round(plain_size / 1e6), "by year": round(float(year_size) / 1e6)}
        print(json.dumps({"upkeep_s": out["upkeep_s"], "copies_mb": out["copies_mb"]}), flush=True)
        if not args.keep:
            cur.execute("DROP TABLE IF EXISTS bench_event_plain, bench_event_year")
    out["load_end"] = os.getloadavg()[0]
    print(f"\n| {out['cases']:,} cases, {sizes.get('cases_caseevent', {}).get('rows', 0):,} events "
          "| one table p50 / p95 ms | by year p50 / p95 ms |\n|---|---:|---:|")
    for name in reads["bench_event_plain"]:
        a, b = reads["bench_event_plain"][name], reads["bench_event_year"][name]
        print(f"| {name} | {a['p50_ms']} / {a['p95_ms']} | {b['p50_ms']} / {b['p95_ms']} |")
    for k, v in out["upkeep_s"].items():
        print(f"| {k} | {v} s | |")
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1, default=str))
    print(f"JSON: {args.out}; load {out['load_start']:.1f} → {out['load_end']:.1f}")


if __name__ == "__main__":
    main()
