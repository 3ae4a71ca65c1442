"""Benchmark: the public portal end to end, and the double-click guarantee under real concurrency.

    .venv/bin/python bench/portal_flow.py --db sqlite   --n 200
    .venv/bin/python bench/portal_flow.py --db postgres --n 200

Fresh database each run (a temporary SQLite file, or the PostgreSQL database `xinfang_bench`,
dropped and re-created), migrated, with build_county("A") and its bureau as the portal's unit.

- submit: GET /portal/submit/ then POST the filled form (challenge solved, CSRF off as for a
  script), through Django's full request stack in-process; per-request latency of the POST.
- track: POST /portal/track/ with the code and phone (verification, session), then GET the case.
- race: K rounds in which T threads POST the *same* form (same token) at the same moment, each
  with its own database connection; counts the cases created per round (must be 1) and whether
  every thread got the same query code back.

Rate limits are lifted for the run (they would stop a benchmark by design). Prints JSON lines.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import threading
import time

from benchdb import fresh_database


def summary(name: str, samples: list[float], **extra) -> None:  # noqa: ANN003
    samples = sorted(samples)
    print(json.dumps({
        "bench": name, "n": len(samples), "mean_ms": round(statistics.mean(samples) * 1000, 1),
        "p50_ms": round(samples[len(samples) // 2] * 1000, 1),
        "p95_ms": round(samples[int(len(samples) * 0.95) - 1] * 1000, 1), **extra,
    }, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    fresh_database(args.db)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from xinfang.cases.models import Case
    from xinfang.cases.scenarios import build_county
    from xinfang.portal.tests.conftest import (
        CODE,
        challenge,
        open_form,
        petition_form,
        receipt_code,
    )

    settings.XINFANG_PORTAL_LIMITS = {k: (10**9, 60) for k in
                                      ("submit_per_ip", "submit_per_phone", "track_per_ip",
                                       "failures")}

    county = build_county("A")
    settings.XINFANG_PORTAL_UNIT = county.bureau.code
    print(json.dumps({"db": args.db, "python": platform.python_version(),
                      "cpus": os.cpu_count()}))
    client = Client()
    posts, codes = [], []
    for i in range(args.n):
        _html, hidden = open_form(client)
        data = {**hidden, **petition_form(county, phone=f"139{i:08d}", title=f"楼道漏水（{i}）")}
        start = time.perf_counter()
        response = client.post("/portal/submit/", data)
        posts.append(time.perf_counter() - start)
        assert response.status_code == 200, response.content.decode()[:2000]
        codes.append((receipt_code(response), f"139{i:08d}"))
    summary("submit", posts, cases=Case.objects.count())

    tracks = []
    for code, phone in codes:
        c = Client()
        html = c.get("/portal/track/").content.decode()
        start = time.perf_counter()
        response = c.post("/portal/track/", {"code": code, "phone": phone, **challenge(html)})
        page = c.get("/portal/track/case/")
        tracks.append(time.perf_counter() - start)
        assert response.status_code == 302 and page.status_code == 200
    summary("track", tracks)

    connection.close()  # each thread opens its own connection below
    duplicates, mismatched, race = 0, 0, []
    for r in range(args.rounds):
        c = Client()
        _html, hidden = open_form(c)
        data = {**hidden, **petition_form(county, phone=f"137{r:08d}", title=f"竞态（{r}）")}
        before = Case.objects.count()
        connection.close()
        barrier, results = threading.Barrier(args.threads), []

        def post(data=data, barrier=barrier, results=results, c=c) -> None:  # noqa: ANN001
            from django.db import connection as conn

            barrier.wait()
            start = time.perf_counter()
            response = c.post("/portal/submit/", data)
            results.append((time.perf_counter() - start, response.status_code,
                            (CODE.search(response.content.decode()) or [None, None])[1]))
            conn.close()

        threads = [threading.Thread(target=post) for _ in range(args.threads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        created = Case.objects.count() - before
        duplicates += created - 1
        mismatched += len({code for _, _, code in results}) != 1
        race += [s for s, _, _ in results]
        statuses = sorted(status for _, status, _ in results)
        if created != 1 or statuses != [200] * args.threads:
            print(json.dumps({"round": r, "created": created, "statuses": statuses}))
    summary("race", race, rounds=args.rounds, threads=args.threads,
            extra_cases_created=duplicates, rounds_with_different_codes=mismatched)


if __name__ == "__main__":
    main()
