"""Benchmark: register N petitions through the service layer and through the REST API.

    .venv/bin/python bench/register_cases.py --db sqlite   --n 2000
    .venv/bin/python bench/register_cases.py --db postgres --n 2000
    .venv/bin/python bench/register_cases.py --db postgres --n 1000 --queue redis

`--queue immediate` (the embedded default, XINFANG_HUEY=immediate) runs each registration's after-commit
jobs (triage proposal, acknowledgement SMS) in-process before the call returns; `--queue redis`
(production: XINFANG_HUEY=redis, REDIS_URL, default redis://127.0.0.1:6379/0) only hands them to a
Huey queue of its own; then the jobs of the first --drain registrations are run here one by one,
as a consumer would, and timed (`jobs`: per registration, both jobs), and the queue is emptied.

Each run uses a fresh database (a temporary SQLite file, or the PostgreSQL database
`xinfang_bench`, dropped and re-created), migrates it, builds a county with build_county and
registers N cases as the bureau's registrar:

- service: `case_register(...)` directly (validation, numbering, encryption, event, first clock);
- api: POST /api/v1/cases/ through Django's full request stack (middleware, token auth, DRF
  serializer, idempotency record), in-process with Django's test client, one Idempotency-Key
  per case; then the same N keys replayed (a retrying client) to show replays create nothing;
- api-minimal: N more through the API with `Prefer: return=minimal` (RFC 7240): the same
  registration, answered 201 with the number, state and `Location` instead of the whole case;
- api-list / web-queue: then --reads reads of the first page of the API case list (50 cases with
  their petitioners, decrypted) and of the staff queue page (/queue/?scope=all: 30 cases of the jurisdiction).

Each line also gives `cpu_ms` (this process's CPU per operation), `queries` (SQL statements per
operation, BEGIN/COMMIT not counted) and, on a PostgreSQL server on the same host, `db_cpu_ms` (the
CPU of this connection's server process per operation, from /proc).

Prints one JSON line per measurement; docs/benchmarks.md holds the results.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time

from benchdb import fresh_database


def body(county, i: int) -> dict:  # noqa: ANN001
    from xinfang.cases.scenarios import petition_data, petitioner_data

    return {**petition_data(county, title=f"楼道漏水长期无人维修（{i}）"),
            "petitioners": [petitioner_data(phone=f"139{i:08d}")]}


def timed(label: str, n: int, fn) -> dict:  # noqa: ANN001
    from django.db import connection

    latencies, queries = [], [0]

    def count(execute, sql, params, many, context):  # noqa: ANN001, ANN202
        queries[0] += 1
        return execute(sql, params, many, context)

    db_cpu = _server_cpu(connection)
    start, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(count):
        for i in range(n):
            t0 = time.perf_counter()
            fn(i)
            latencies.append(time.perf_counter() - t0)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    db_cpu = _server_cpu(connection) - db_cpu if db_cpu is not None else None
    latencies.sort()
    # cpu_ms: this process's CPU time per operation, steadier than wall time on a shared machine
    return {"path": label, "n": n, "load": [round(x, 1) for x in os.getloadavg()], "seconds": round(total, 2), "per_second": round(n / total, 1),
            "median_ms": round(statistics.median(latencies) * 1000, 2),
            "p95_ms": round(latencies[int(0.95 * (n - 1))] * 1000, 2),
            "cpu_ms": round(cpu / n * 1000, 2),
            # queries: this process's SQL statements per operation (BEGIN/COMMIT not counted)
            "queries": round(queries[0] / n, 1),
            # db_cpu_ms: the PostgreSQL backend's CPU per operation (this connection's server process)
            **({"db_cpu_ms": round(db_cpu / n * 1000, 2)} if db_cpu is not None else {})}


def _server_cpu(connection) -> float | None:  # noqa: ANN001
    """CPU seconds used so far by this connection's PostgreSQL backend (same host: /proc), else None."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:  # the server on another host
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--reads", type=int, default=100, help="reads of each list page after registering")
    parser.add_argument("--drain", type=int, default=200,
                        help="with --queue redis: run the jobs of this many registrations (0: all)")
    parser.add_argument("--queue", choices=["immediate", "redis"], default="immediate",
                        help="where the after-commit jobs run (see above)")
    args = parser.parse_args()
    if args.queue == "redis":
        os.environ.update(XINFANG_HUEY="redis", XINFANG_HUEY_NAME=f"xinfang-bench-{os.getpid()}")
        os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    os.environ.setdefault("XINFANG_API_LIST_RATE", "100000/hour")  # the bench reads more than a person
    fresh_database(args.db)

    from django.db import connection
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from xinfang.cases.models import Case
    from xinfang.cases.scenarios import build_county, petition_data, petitioner_data
    from xinfang.cases.services import case_register
    from xinfang.orgs.models import Role

    county = build_county("BM")
    registrar = county.user(county.bureau, Role.REGISTRAR)
    meta = {"db": connection.vendor, "queue": args.queue, "python": platform.python_version(),
            "machine": f"{os.cpu_count()} cores"}

    service = timed("service", args.n, lambda i: case_register(
        actor=registrar, data=petition_data(county, title=f"服务层登记（{i}）"),
        petitioners=[petitioner_data(phone=f"138{i:08d}")]))
    print(json.dumps({**meta, **service}, ensure_ascii=False), flush=True)

    token = Token.objects.create(user=registrar)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")

    def post(i: int) -> None:
        response = client.post("/api/v1/cases/", json.dumps(body(county, i)),
                               content_type="application/json", HTTP_IDEMPOTENCY_KEY=f"bench-{i}")
        assert response.status_code == 201, response.content[:300]

    before = Case.objects.count()
    api = timed("api", args.n, post)
    created = Case.objects.count() - before
    print(json.dumps({**meta, **api, "created": created}, ensure_ascii=False), flush=True)

    replay = timed("api-replay", args.n, post)
    print(json.dumps({**meta, **replay, "created": Case.objects.count() - before - created},
                     ensure_ascii=False), flush=True)

    def post_minimal(i: int) -> None:  # the same petition, answered with its number and address only
        response = client.post("/api/v1/cases/", json.dumps(body(county, args.n + i)),
                               content_type="application/json", HTTP_IDEMPOTENCY_KEY=f"bench-min-{i}",
                               HTTP_PREFER="return=minimal")
        assert response.status_code == 201 and "Location" in response, response.content[:300]

    before = Case.objects.count()
    minimal = timed("api-minimal", args.n, post_minimal)
    print(json.dumps({**meta, **minimal, "created": Case.objects.count() - before}, ensure_ascii=False),
          flush=True)

    if args.queue == "redis":
        drain(meta, args.drain)

    def read(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]

    listed = timed("api-list", args.reads, lambda _i: read("/api/v1/cases/"))
    print(json.dumps({**meta, **listed}, ensure_ascii=False), flush=True)
    client.force_login(registrar)
    queue = timed("web-queue", args.reads, lambda _i: read("/queue/?scope=all"))
    print(json.dumps({**meta, **queue}, ensure_ascii=False), flush=True)


def drain(meta: dict, limit: int) -> None:
    """Run the jobs the registrations left on the queue, in this process (a consumer's work), and
    empty the bench's Huey queue."""
    from huey.contrib.djhuey import HUEY

    from xinfang.core.jobs import job_run
    from xinfang.core.models import Job

    pending = list(Job.objects.filter(done_at__isnull=True).order_by("pk").values_list("pk", "name"))
    names = sorted({name for _pk, name in pending})
    per_case = len(names) or 1
    print(json.dumps({**meta, "path": "queued", "jobs": len(pending), "names": names,
                      "queue_length": HUEY.pending_count()}, ensure_ascii=False), flush=True)
    batches = [pending[i:i + per_case] for i in range(0, len(pending), per_case)]
    batches = batches[:limit] if limit else batches
    result = timed("jobs", len(batches), lambda i: [job_run(pk=pk) for pk, _name in batches[i]])
    left = Job.objects.filter(done_at__isnull=True).count()
    print(json.dumps({**meta, **result, "jobs_per_op": per_case, "left": left}, ensure_ascii=False),
          flush=True)
    HUEY.flush()


if __name__ == "__main__":
    main()
