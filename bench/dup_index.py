"""The shared duplicate/repeat index (triage/dupindex.py) on a province data set: build and check.

    XINFANG_MODE=demo .venv/bin/python bench/province_data.py --db xf_dupindex100k --cases 100000
    XINFANG_MODE=demo .venv/bin/python bench/dup_index.py --db xf_dupindex100k [--queries 300]
                                                          [--workers 1] [--skip-build] [--exact 300]

On the PostgreSQL database `--db` (server BENCH_PG, default postgres://root@127.0.0.1:5432), made by
bench/province_data.py and migrated here:

1. build: `dupindex.build(rebuild=True, workers=N)` (what `manage.py build_dup_index --rebuild` runs):
   wall time and CPU time (this process + its workers; the PostgreSQL server's CPU is not in it) per
   case, postings written, the tables' size on disk.
2. check: `--queries` cases drawn at random act as the new petition (their own text, the case itself
   excluded, the look-back window ending on its `received_on`), checked against its county, its city
   and the whole province: the candidates query plus the exact re-scoring of the candidates
   (`dupindex.similar_cases`), wall and CPU p50/p95, and the query plan of one province check.
3. exact: for `--exact` of those queries, every case of the county in the window is scored exactly
   (what the per-process index did): how many of the cases the exact scan finds at the same-matter
   threshold (cosine ≥ 0.27) and at the near-duplicate threshold (0.65) the index also returns.
4. memory: the process's peak RSS (the check holds only the weights and one query's candidates).

Prints the load average at the start and end: the machine is shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


def ms(xs: list[float]) -> dict[str, float]:
    return {"p50_ms": round(pct(xs, 50) * 1000, 1), "p95_ms": round(pct(xs, 95) * 1000, 1),
            "mean_ms": round(sum(xs) / len(xs) * 1000, 1) if xs else float("nan")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default="xf_dupindex100k")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--exact", type=int, default=300, help="queries also scored by a full scan")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--skip-build", action="store_true", help="use the index as it is")
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()
    base = os.environ.get("BENCH_PG", "postgres://root@127.0.0.1:5432")
    if not args.db.isidentifier():
        raise SystemExit(f"the bench database must be a plain name, not {args.db!r}")
    os.environ["DATABASE_URL"] = f"{base}/{args.db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from xinfang.cases.models import Case
    from xinfang.orgs.models import Unit
    from xinfang.orgs.selectors import jurisdiction_root
    from xinfang.triage import dedup, dupindex
    from xinfang.triage.models import DupPosting

    call_command("migrate", verbosity=0)
    print(json.dumps({"bench": "dup_index", "db": args.db, "at": dt.datetime.now().isoformat(
        timespec="seconds"), "load": os.getloadavg(), "cores": os.cpu_count(),
        "cases": Case.objects.count()}), flush=True)

    if not args.skip_build:
        dupindex.weights()  # the model's weights loaded outside the timing
        t0, c0 = time.perf_counter(), cpu()
        done = dupindex.build(rebuild=True, workers=args.workers)
        wall, used = time.perf_counter() - t0, cpu() - c0
        with connection.cursor() as cur:
            cur.execute("ANALYZE triage_dupposting; ANALYZE triage_dupindexed")
            cur.execute("SELECT pg_total_relation_size('triage_dupposting'), "
                        "pg_total_relation_size('triage_dupindexed')")
            post_bytes, idx_bytes = cur.fetchone()
        n = max(done["written"], 1)
        print(json.dumps({"bench": "build", "workers": args.workers, "cases": done["written"],
                          "postings": DupPosting.objects.count(), "wall_s": round(wall, 1),
                          "cpu_s": round(used, 1), "wall_ms_per_case": round(wall / n * 1000, 3),
                          "cpu_ms_per_case": round(used / n * 1000, 3),
                          "postings_mib": round(post_bytes / 2**20, 1),
                          "indexed_mib": round(idx_bytes / 2**20, 1),
                          "bytes_per_case": round((post_bytes + idx_bytes) / n),
                          "load": os.getloadavg()}), flush=True)

    rng = random.Random(args.seed)
    top = Case.objects.order_by("-pk").values_list("pk", flat=True).first()
    picks = sorted({rng.randint(1, top) for _ in range(args.queries * 2)})
    cases = list(Case.objects.filter(pk__in=picks).select_related("registered_unit"))[:args.queries]
    rng.shuffle(cases)
    province = Unit.objects.filter(parent__isnull=True).order_by("pk").first()
    lookback = dt.timedelta(days=730)
    texts: dict[int, str] = {}
    results: dict[str, dict[str, list[float]]] = {}
    kept: dict[int, list[int]] = {}
    for case in cases:
        county = jurisdiction_root(case.registered_unit)
        city = county.parent or county
        text = dupindex.case_text(case)
        texts[case.pk] = text
        for name, root in (("county", county), ("city", city), ("province", province)):
            t0, c0 = time.perf_counter(), time.process_time()
            found = dupindex.similar_cases(root, text, since=case.received_on - lookback,
                                           until=case.received_on, exclude=case.pk)
            wall, used = time.perf_counter() - t0, time.process_time() - c0
            r = results.setdefault(name, {"wall": [], "cpu": []})
            r["wall"].append(wall)
            r["cpu"].append(used)
            if name == "county":
                kept[case.pk] = [m.doc_id for m in found]
    for name, r in results.items():
        print(json.dumps({"bench": "check", "against": name, "queries": len(r["wall"]),
                          "wall": ms(r["wall"]), "cpu": ms(r["cpu"]), "load": os.getloadavg()}),
              flush=True)
    if cases:
        case = cases[0]
        keys = dupindex._top_keys([texts[case.pk]], dupindex.QUERY_KEYS)[0].tolist()
        with connection.cursor() as cur:
            cur.execute(
                "EXPLAIN (ANALYZE, BUFFERS) SELECT case_id, count(DISTINCT key) n "
                "FROM triage_dupposting WHERE key = ANY(%s) AND received_on BETWEEN %s AND %s "
                "AND case_id <> %s GROUP BY case_id HAVING count(DISTINCT key) >= %s "
                "ORDER BY n DESC, case_id DESC LIMIT %s",
                [keys, case.received_on - lookback, case.received_on, case.pk, dupindex.MIN_SHARED,
                 dupindex.CANDIDATES])
            print("\n".join(r[0] for r in cur.fetchall()), flush=True)

    # exact: every case of the county in the window scored, against what the index returned
    hits = {"same_matter": [0, 0], "near_duplicate": [0, 0]}
    for case in cases[:args.exact]:
        county = jurisdiction_root(case.registered_unit)
        from xinfang.orgs.selectors import under_q

        rows = (Case.objects.filter(under_q("access__unit", county),
                                    received_on__gte=case.received_on - lookback,
                                    received_on__lte=case.received_on).exclude(pk=case.pk)
                .distinct().values_list("pk", *dupindex.TEXT_FIELDS))
        scores = dupindex.score(texts[case.pk], {pk: dupindex.text_of(*t) for pk, *t in rows})
        best = sorted(scores.items(), key=lambda kv: -kv[1])[:8]
        got = set(kept[case.pk])
        for label, threshold in (("same_matter", dedup.SAME_TOPIC_WITHOUT_ENTITY),
                                 ("near_duplicate", dedup.NEAR_DUPLICATE_THRESHOLD)):
            want = {pk for pk, s in best if s >= threshold}
            hits[label][0] += len(want & got)
            hits[label][1] += len(want)
    print(json.dumps({"bench": "exact", "queries": min(args.exact, len(cases)),
                      **{k: {"found": a, "of": b, "recall": round(a / b, 4) if b else None}
                         for k, (a, b) in hits.items()}}), flush=True)
    print(json.dumps({"bench": "memory", "peak_rss_mib": round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1), "load": os.getloadavg()}),
        flush=True)


if __name__ == "__main__":
    main()
