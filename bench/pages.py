"""Benchmark: the busiest pages on 100,000 cases (issue 15): wall, CPU and SQL time per page.

    XINFANG_MODE=demo .venv/bin/python bench/pages.py --db sqlite
    XINFANG_MODE=demo .venv/bin/python bench/pages.py --db postgres      # database xf_bench100k

The database is built once and reused while its fingerprint (every migration file, the builder
bench/pages_data.py, --cases, --seed) is unchanged: a SQLite file under --cache (default
bench/.cache, git-ignored, with the keys of the data), or the PostgreSQL database `xf_bench100k`
(BENCH_PG, default postgres://root@127.0.0.1:5432) whose COMMENT holds the fingerprint.
`--rebuild` forces a new one. The data is generated, not real (bench/pages_data.py says what a
case gets): five counties of build_county, the shipped category tree, every status with the
steps, clocks, events, accesses, opinions and ratings that lead to it, written in bulk (COPY on
PostgreSQL): a few minutes on an idle machine.

Then, through Django's full stack in-process (test client), `--repeat` GETs of each page for the
role that uses it (after one warm-up GET): the queue (default, each filter, sorted, page 50; the
county bureau's registrar, the housing bureau's handler, the city bureau's registrar over all five
counties), the case page (random cases), the leader's landing dashboard (as served, from its
snapshot, and as computed: warning/snapshots.py), the resolution
indicators and lists, the overdue list, the warning list, the documents page and the triage
overview. For each request: the wall time, this process's CPU time (`time.process_time`: Python,
templates, and SQLite's own work) and the summed SQL time (`connection.queries`: for PostgreSQL
the server's share, waits included), and the load average when the page was measured, so the
numbers mean something on a shared machine. The process raises its own priority (`--nice`,
default -5, when run as root). Prints a Markdown table and writes JSON (--out).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PG_NAME = "xf_bench100k"
COUNTIES = "ABCDE"
CACHE = ROOT / "bench" / ".cache"  # git-ignored: the SQLite file and the keys of a reused database


def fingerprint(cases: int, seed: int) -> str:
    h = hashlib.sha256(f"{cases}/{seed}".encode())
    for path in sorted(ROOT.glob("xinfang/*/migrations/*.py")):
        h.update(path.name.encode() + path.read_bytes())
    h.update((ROOT / "bench" / "pages_data.py").read_bytes())
    return h.hexdigest()[:16]


def setup(db: str, cache: Path, fp: str, rebuild: bool) -> bool:
    """Point Django at the cached database; True when it must be built (migrated, empty)."""
    cache.mkdir(parents=True, exist_ok=True)
    os.environ["XINFANG_VAR_DIR"] = str(cache / "var")  # stable keys for a reused database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    need = rebuild
    if db == "sqlite":
        path = cache / f"pages-{fp}.sqlite3"
        done = path.with_suffix(".done")
        if rebuild or not done.exists():
            path.unlink(missing_ok=True)
            done.unlink(missing_ok=True)
            need = True
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        import psycopg

        base = os.environ.get("BENCH_PG", "postgres://root@127.0.0.1:5432")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            row = conn.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                               "WHERE datname = %s", [PG_NAME]).fetchone()
            if rebuild or row is None or row[0] != fp:
                conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}"')
                conn.execute(f'CREATE DATABASE "{PG_NAME}"')
                need = True
        os.environ["DATABASE_URL"] = f"{base}/{PG_NAME}"
    import django

    django.setup()
    import logging

    for name in ("xinfang.request", "axes", "xinfang.audit"):  # one line per request otherwise
        logging.getLogger(name).setLevel(logging.WARNING)
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if need:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    return need


def mark_built(db: str, cache: Path, fp: str) -> None:
    from django.db import connection

    if db == "sqlite":
        (cache / f"pages-{fp}.done").write_text(fp)
    else:
        with connection.cursor() as cur:
            cur.execute(f"COMMENT ON DATABASE \"{PG_NAME}\" IS '{fp}'")
            cur.execute("ANALYZE")


def build(n: int, seed: int) -> None:
    """The generated data (bench/pages_data.py), with a progress bar."""
    import pages_data
    from tqdm import tqdm

    with tqdm(total=n, desc="cases", unit="case", mininterval=2) as bar:
        pages_data.build(n, seed, progress=bar.update)


def pages(seed: int) -> list[tuple[str, str, str, dict]]:
    """(page, user, url, query) to measure; the users are looked up by their demo usernames."""
    from queue_filters import FILTERS

    from xinfang.cases.models import Case, Category
    from xinfang.core import clock
    from xinfang.orgs.models import Unit

    a = COUNTIES[0]
    top = Category.objects.filter(level=1).order_by("pk").first()
    housing = Unit.objects.get(code=f"{a}ZJ")
    today = clock.today()

    def resolve(spec: dict) -> dict:
        out = {}
        for k, v in spec.items():
            if v == "L1":
                v = str(top.pk)
            elif v == "HOUSING":
                v = str(housing.pk)
            elif isinstance(v, str) and v.startswith("D-"):
                v = (today - dt.timedelta(days=int(v[2:]))).isoformat()
            out[k] = v
        return out

    registrar, handler = f"{a.lower()}xf_registrar", f"{a.lower()}zj_handler"
    city_registrar, leader = f"{a.lower()}c_registrar", f"{a.lower()}x_leader"
    out = [(f"queue: {label}", registrar, "/queue/", resolve(spec)) for label, spec in FILTERS.items()]
    out += [
        ("queue: sort by received (new first)", registrar, "/queue/", {"scope": "all", "sort": "-received"}),
        ("queue: handler, mine", handler, "/queue/", {}),
        ("queue: handler, named to me", handler, "/queue/", {"scope": "me"}),
        ("queue: city, all open (5 counties)", city_registrar, "/queue/", {"scope": "all"}),
        ("queue: city, overdue, page 50", city_registrar, "/queue/",
         {"scope": "all", "deadline": "overdue", "page": "50"}),
    ]
    rng = random.Random(seed)
    numbers = list(Case.objects.filter(number__startswith=f"{a}XF-").values_list("number", flat=True))
    for number in rng.sample(numbers, 5):
        out.append(("case page (random case)", registrar, f"/cases/{number}/", {}))
    out += [
        # the page as leaders get it (its snapshot, kept fresh by the minute tick), and the
        # computation behind it (what the tick does per dashboard, and ?refresh=1)
        ("dashboard (leader landing)", leader, "/warning/", {}),
        ("dashboard, computed (?refresh=1)", leader, "/warning/", {"refresh": "1"}),
        ("resolution indicators", leader, "/resolution/", {"tab": "indicators"}),
        ("overdue list", leader, "/warning/overdue/", {}),
        ("overdue list, page 20", leader, "/warning/overdue/", {"page": "20"}),
        ("warning list", leader, "/warning/list/", {}),
        ("supervision list (督办)", registrar, "/resolution/", {"tab": "supervision"}),
        ("documents page", registrar, "/documents/", {}),
        ("triage overview", registrar, "/triage/", {}),
    ]
    return out


def measure(items, repeat: int) -> list[dict]:  # noqa: ANN001
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    users = {u.username: u for u in get_user_model().objects.filter(
        username__in={i[1] for i in items})}
    clients: dict[str, Client] = {}
    grouped: dict[str, dict] = {}
    for label, username, url, query in items:
        client = clients.get(username)
        if client is None:
            client = clients[username] = Client()
            client.force_login(users[username])
        response = client.get(url, query)  # warm-up
        assert response.status_code == 200, (label, response.status_code)
        g = grouped.setdefault(label, {"page": label, "user": username, "url": url, "samples": [],
                                       "cpu": [], "sql": [], "queries": 0,
                                       "load": round(os.getloadavg()[0], 1)})
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                t, cpu = time.perf_counter(), time.process_time()
                client.get(url, query)
                g["samples"].append((time.perf_counter() - t) * 1000)
                g["cpu"].append((time.process_time() - cpu) * 1000)
            g["sql"].append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
            g["queries"] = max(g["queries"], len(queries.captured_queries))
    out = []
    for g in grouped.values():
        s, cpu, sql = sorted(g.pop("samples")), sorted(g.pop("cpu")), sorted(g.pop("sql"))
        # cpu: this process's CPU time (Python, templates, and SQLite's own work), which a
        # crowded machine does not inflate the way it inflates the wall clock; sql: the wall time
        # of the queries (for PostgreSQL, the server's share, waits included)
        out.append({**g, "n": len(s), "p50_ms": round(statistics.median(s), 1),
                    "p95_ms": round(s[round(0.95 * (len(s) - 1))], 1), "max_ms": round(s[-1], 1),
                    "cpu_p50_ms": round(statistics.median(cpu), 1),
                    "cpu_p95_ms": round(cpu[round(0.95 * (len(cpu) - 1))], 1),
                    "sql_p50_ms": round(statistics.median(sql), 1),
                    "sql_p95_ms": round(sql[round(0.95 * (len(sql) - 1))], 1)})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--nice", type=int, default=-5, help="priority increment (root only)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--only", help="measure only the pages whose label contains this text")
    args = parser.parse_args()
    if args.nice and os.geteuid() == 0:
        os.nice(args.nice)  # a shared machine: the bench's requests before the others' work
    fp = fingerprint(args.cases, args.seed)
    build_s = None
    if setup(args.db, args.cache, fp, args.rebuild):
        t0 = time.perf_counter()
        build(args.cases, args.seed)
        mark_built(args.db, args.cache, fp)
        build_s = round(time.perf_counter() - t0, 1)
    from xinfang.cases.models import Case

    meta = {"db": args.db, "cases": Case.objects.count(), "fingerprint": fp, "build_s": build_s,
            "python": platform.python_version(), "load": os.getloadavg()[0],
            "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    print(json.dumps(meta), flush=True)
    items = [i for i in pages(args.seed) if not args.only or args.only in i[0]]
    rounds = []
    for r in range(args.rounds):
        rounds.append(measure(items, args.repeat))
        print(f"round {r + 1} done, load {os.getloadavg()[0]:.1f}", flush=True)
    if not rounds:  # --rounds 0: only build (or check) the database
        return
    print(f"\n| Page ({args.db}, {meta['cases']:,} cases) | Queries | "
          + " | ".join(f"wall p50 / p95 (run {r + 1}) | CPU p50 / p95 | SQL p50 / p95 | load"
                       for r in range(args.rounds)) + " |")
    print("|---|---:|" + "---:|---:|---:|---:|" * args.rounds)
    for i, row in enumerate(rounds[0]):
        runs = [rnd[i] for rnd in rounds]
        print(f"| {row['page']} | {row['queries']} | "
              + " | ".join(f"{x['p50_ms']:.0f} / {x['p95_ms']:.0f} | "
                           f"{x['cpu_p50_ms']:.0f} / {x['cpu_p95_ms']:.0f} | "
                           f"{x['sql_p50_ms']:.0f} / {x['sql_p95_ms']:.0f} | {x['load']}"
                           for x in runs) + " |")
    out = args.out or args.cache / f"pages-{args.db}.json"
    out.write_text(json.dumps({**meta, "rounds": rounds}, ensure_ascii=False, indent=1))
    print(f"\nJSON: {out}")


if __name__ == "__main__":
    main()
