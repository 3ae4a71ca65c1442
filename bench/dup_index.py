"""The shared duplicate/repeat index (triage/dupindex.py) on a province data set: build and check.

    XINFANG_MODE=demo .venv/bin/python bench/province_data.py --db xf_dupindex100k --cases 100000
    XINFANG_MODE=demo .venv/bin/python bench/dup_index.py --db xf_dupindex100k [--queries 300]
                                                          [--workers 1] [--skip-build] [--exact 300]

On the PostgreSQL database `--db` (server BENCH_PG, default postgres://root@127.0.0.1:5432), made by
bench/province_data.py and migrated here:

1. build: `dupindex.build(rebuild=True, workers=N)` (what `manage.py build_dup_index --rebuild` runs):
   wall time and CPU time (this process + its workers; the PostgreSQL server's CPU is not in it) per
   case, the walk and the primary key built after it apart, postings written, the tables' size on
   disk. `--skip-build` checks the index as it is (e.g. as bench/province_data.py wrote it).
2. check: `--queries` cases drawn at random act as the new petition (their own text, the case itself
   excluded, the look-back window ending on its `received_on`), checked against its county, its city
   and the whole province: the candidates query plus the exact re-scoring of the candidates
   (`dupindex.similar_cases`), wall and CPU p50/p95, and the query plan of one province check.
3. exact: for `--exact` of those queries, every case of the county in the window is scored exactly
   (what the per-process index did): how many of the cases the exact scan finds at the same-matter
   threshold (cosine ≥ 0.27) and at the near-duplicate threshold (0.65) the index also returns.
   `--exact-province N`: the same for N province checks against every case of the province in the
   window (each distinct text scored once); there many cases tie (the data set's texts repeat), so
   a rank counts as found when the index's case at that rank scores what the exact scan's does.
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
    ap.add_argument("--exact-province", type=int, default=0,
                    help="province checks also scored against every case of the province")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--key-postings", type=int,
                    help="dupindex.KEY_POSTINGS for the checks (the cap per key; a comparison)")
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
                          "walk_s": done["walk_s"], "primary_key_s": done["key_s"],
                          "vacuum_s": done.get("vacuum_s"),
                          "cpu_s": round(used, 1), "wall_ms_per_case": round(wall / n * 1000, 3),
                          "cpu_ms_per_case": round(used / n * 1000, 3),
                          "postings_mib": round(post_bytes / 2**20, 1),
                          "indexed_mib": round(idx_bytes / 2**20, 1),
                          "bytes_per_case": round((post_bytes + idx_bytes) / n),
                          "load": os.getloadavg()}), flush=True)

    else:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_total_relation_size('triage_dupposting'), "
                        "pg_total_relation_size('triage_dupindexed'), "
                        "(SELECT reltuples FROM pg_class WHERE relname = 'triage_dupposting')")
            post_bytes, idx_bytes, rows = cur.fetchone()
        print(json.dumps({"bench": "index", "postings_estimate": int(rows),
                          "postings_mib": round(post_bytes / 2**20, 1),
                          "indexed_mib": round(idx_bytes / 2**20, 1)}), flush=True)

    if args.key_postings:
        dupindex.KEY_POSTINGS = args.key_postings
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
    kept_province: dict[int, list[float]] = {}
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
            elif name == "province":
                kept_province[case.pk] = [m.score for m in found]
    for name, r in results.items():
        print(json.dumps({"bench": "check", "against": name, "queries": len(r["wall"]),
                          "wall": ms(r["wall"]), "cpu": ms(r["cpu"]), "load": os.getloadavg()}),
              flush=True)
    if cases:
        case = cases[0]
        keys = dupindex._top_keys([texts[case.pk]], dupindex.QUERY_KEYS)[0].tolist()
        county = jurisdiction_root(case.registered_unit)
        for name, root in (("province", province), ("county", county)):
            sql, params = dupindex.candidates_sql(
                keys, since=case.received_on - lookback, until=case.received_on,
                scopes=dupindex.scope_sql(root), exclude=case.pk)
            with connection.cursor() as cur:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                print(f"-- EXPLAIN of the {name} check (KEY_POSTINGS {dupindex.KEY_POSTINGS})")
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
    if args.exact_province:
        exact_province(cases[:args.exact_province], texts, kept_province, lookback)
    print(json.dumps({"bench": "memory", "peak_rss_mib": round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1), "load": os.getloadavg()}),
        flush=True)


def exact_province(cases: list, texts: dict[int, str], kept: dict[int, list[float]],
                   lookback: dt.timedelta) -> None:
    """The province checks against every case of the province in the window, scored exactly: each
    distinct text once (md5 of the three fields), its cases in the window counted; a rank of the
    exact top 8 at or above a threshold is found when the index's case at that rank scores as
    much (ties: the data set's texts repeat, so many cases score the same)."""
    import numpy as np
    from django.db import connection

    from xinfang.triage import dedup, dupindex

    t0 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("SELECT id, received_on, md5(title || chr(31) || request || chr(31) || "
                    "facts_reasons) FROM cases_case")
        rows = cur.fetchall()
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    days = np.array([r[1].toordinal() for r in rows], dtype=np.int64)
    digest_no: dict[str, int] = {}
    text_no = np.array([digest_no.setdefault(r[2], len(digest_no)) for r in rows], dtype=np.int64)
    first = {}
    for pk, t in zip(ids.tolist(), text_no.tolist(), strict=True):
        first.setdefault(t, pk)
    del rows
    order = sorted(first, key=first.get)
    raw: dict[int, str] = {}
    with connection.cursor() as cur:
        for start in range(0, len(order), 2000):
            part = [first[t] for t in order[start:start + 2000]]
            cur.execute("SELECT id, title, request, facts_reasons FROM cases_case "
                        "WHERE id = ANY(%s)", [part])
            raw.update({pk: dupindex.text_of(*t) for pk, *t in cur.fetchall()})
    doc_texts = [dedup.normalize_text(raw[first[t]]) for t in range(len(first))]
    doc, term, w = dupindex.weights()._vectors(doc_texts)
    prep_s = time.perf_counter() - t0
    hits = {"same_matter": [0, 0], "near_duplicate": [0, 0]}
    for case in cases:
        q_doc, q_term, q_w = dupindex.weights()._vectors([dedup.normalize_text(texts[case.pk])])
        qo = np.argsort(q_term)
        q_term, q_w = q_term[qo], q_w[qo]
        pos = np.searchsorted(q_term, term).clip(0, max(len(q_term) - 1, 0))
        hit = q_term[pos] == term if len(q_term) else np.zeros(len(term), bool)
        score = np.zeros(len(first))
        np.add.at(score, doc[hit], w[hit] * q_w[pos[hit]])
        score = np.minimum(score, 1.0)
        lo, hi = (case.received_on - lookback).toordinal(), case.received_on.toordinal()
        window = (days >= lo) & (days <= hi) & (ids != case.pk)
        counts = np.bincount(text_no[window], minlength=len(first))
        best: list[float] = []
        for t in np.argsort(-score, kind="stable"):
            if counts[t] and len(best) < 8:
                best.extend([float(score[t])] * min(int(counts[t]), 8 - len(best)))
            if len(best) >= 8 or score[t] < dedup.SAME_TOPIC_WITHOUT_ENTITY:
                break
        got = kept[case.pk]
        for label, threshold in (("same_matter", dedup.SAME_TOPIC_WITHOUT_ENTITY),
                                 ("near_duplicate", dedup.NEAR_DUPLICATE_THRESHOLD)):
            want = [s for s in best if s >= threshold]
            hits[label][1] += len(want)
            hits[label][0] += sum(1 for i, s in enumerate(want)
                                  if i < len(got) and got[i] >= s - 1e-6)
    print(json.dumps({"bench": "exact_province", "queries": len(cases),
                      "distinct_texts": len(first), "prepare_s": round(prep_s, 1),
                      **{k: {"found": a, "of": b, "recall": round(a / b, 4) if b else None}
                         for k, (a, b) in hits.items()}}), flush=True)


if __name__ == "__main__":
    main()
