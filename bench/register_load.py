"""Registrations per second through the production server: gunicorn's workers under concurrent clients.

    XINFANG_MODE=demo .venv/bin/python bench/register_load.py --db xf_roll_1m [--workers 4]
        [--clients 8] [--seconds 30] [--minimal]

On the PostgreSQL database `--db` (server BENCH_PG, default postgres://root@127.0.0.1:5432) made by
bench/province_data.py, starts gunicorn (config/gunicorn.conf.py, `--workers` sync workers, demo mode)
on a free loopback port, then `--clients` client processes POST /api/v1/cases/ as a county bureau's
registrar (token auth, one Idempotency-Key and one new petitioner per request) for `--seconds`
after a warm-up, spread over `--units` receiving bureaus (a unit's registrations are numbered one
after another: its counter's row is locked from the numbering to the commit). `--minimal` sends `Prefer: return=minimal` (the short 201). The registrations'
after-commit jobs (triage proposal, SMS) go to a Huey queue of the bench's own and are not run: the
issue's figure is the registration. Prints one JSON line: registrations per second, latency p50/p95,
every answer's status, and the CPU seconds over the measured window of the gunicorn workers, of the
PostgreSQL backends and of the clients (from /proc), each per registration, and how many of the
machine's cores were busy (/proc/stat: everything, Redis and the kernel included), so that the cores a
given rate needs can be read off: (server + PostgreSQL CPU per registration) x rate.

The clients share the machine's cores with the server: on a 2-core machine the rate is the machine's,
not what four workers on four cores would sustain; the CPU per registration is the portable figure.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from fault_submit import children, free_port  # gunicorn's workers from /proc; a free loopback port
from province import pct
from province_copy import backend_cpu as proc_cpu  # any process's utime + stime from /proc

ROOT = Path(__file__).resolve().parent.parent


def machine_busy() -> float:
    """Busy CPU seconds of the whole machine since boot (all but idle and iowait), from /proc/stat."""
    v = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:8]]
    return (sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")


def postgres_backends(db: str) -> list[int]:
    import psycopg

    base = os.environ.get("BENCH_PG", "postgres://root@127.0.0.1:5432")
    with psycopg.connect(f"{base}/{db}", autocommit=True) as conn:
        return [r[0] for r in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", (db,))]


def client(port: int, token: str, township: int, until: float, seed: int, minimal: bool,
           out: multiprocessing.Queue) -> None:
    """POST registrations until `until`; put (latencies ms, statuses) on `out`."""
    from xinfang.cases.forms import resident_id_check_digit

    lat, statuses, i = [], {}, 0
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    if minimal:
        headers["Prefer"] = "return=minimal"
    while time.time() < until:
        i += 1
        n = seed * 1_000_000 + i
        body = f"110105{1950 + n % 50}0101{n % 1000:03d}"
        payload = {
            "channel": "letter", "purpose": "request", "problem_unit": township,
            "title": f"楼道漏水长期无人维修（负载{seed}-{i}）", "request": "请求督促物业尽快维修楼道漏水。",
            "facts_reasons": "本人居住的小区三号楼楼道自今年三月起漏水，多次向物业反映无果。",
            "headcount": 1, "is_first_time": True,
            "petitioners": [{"name": f"测试{seed}号{i}", "id_type": "resident", "origin": "mainland",
                             "id_number": body + resident_id_check_digit(body),
                             "phone": f"13{seed % 10}{n % 10**8:08d}", "address": "某市某区某街道"}],
        }
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("POST", "/api/v1/cases/", json.dumps(payload, ensure_ascii=False).encode(),
                     {**headers, "Idempotency-Key": f"load-{os.getpid()}-{seed}-{i}"})
        response = conn.getresponse()
        response.read()
        conn.close()
        lat.append((time.perf_counter() - started) * 1000)
        statuses[response.status] = statuses.get(response.status, 0) + 1
    out.put((lat, statuses))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--warmup", type=float, default=5)
    ap.add_argument("--minimal", action="store_true", help="Prefer: return=minimal")
    ap.add_argument("--units", type=int, default=1,
                    help="receiving units (county bureaus of different cities), the clients spread over them")
    args = ap.parse_args()

    base = os.environ.get("BENCH_PG", "postgres://root@127.0.0.1:5432")
    port = free_port()
    env = {**os.environ, "XINFANG_MODE": "demo", "DATABASE_URL": f"{base}/{args.db}",
           "XINFANG_BIND": f"127.0.0.1:{port}", "XINFANG_WORKERS": str(args.workers),
           "XINFANG_LOG_LEVEL": "WARNING", "XINFANG_HUEY": "redis", "XINFANG_HUEY_NAME": "xf_register_load",
           "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")}
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "XINFANG_HUEY", "XINFANG_HUEY_NAME", "REDIS_URL")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from rest_framework.authtoken.models import Token

    from xinfang.orgs.models import Unit, User

    # the receiving units: the county bureau of the first county of cities 1..--units, one per client in
    # turn (one unit's registrations queue on its numbering counter's row lock)
    senders = []
    for k in range(max(1, args.units)):
        city = k % 21 + 1
        registrar = User.objects.get(username=f"c{city:02d}x01xf_registrar")
        token, _ = Token.objects.get_or_create(user=registrar)
        senders.append((token.key, Unit.objects.get(code=f"C{city:02d}X01T01").pk))
    from django.db import connections

    connections.close_all()

    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen([str(gunicorn), "-c", "config/gunicorn.conf.py", "config.wsgi"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                c.request("GET", "/healthz")
                c.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        ctx = multiprocessing.get_context("fork")
        q = ctx.Queue()
        stamp = int(time.time()) % 100_000
        # warm-up: every worker's first requests fill its caches (and open its connection)
        warm = [ctx.Process(target=client, args=(port, *senders[k % len(senders)], time.time() + args.warmup,
                                                 stamp * 100 + 90 + k, args.minimal, q))
                for k in range(args.clients)]
        for p in warm:
            p.start()
        for _ in warm:
            q.get()
        for p in warm:
            p.join()
        workers = children(server.pid)
        backends = postgres_backends(args.db)
        c0 = ({w: proc_cpu(w) for w in workers}, {b: proc_cpu(b) for b in backends})
        busy0 = machine_busy()
        start, until = time.time(), time.time() + args.seconds
        procs = [ctx.Process(target=client, args=(port, *senders[k % len(senders)], until, stamp * 100 + k,
                                                  args.minimal, q))
                 for k in range(args.clients)]
        t_clients = os.times()
        for p in procs:
            p.start()
        results = [q.get() for _ in procs]
        for p in procs:
            p.join()
        wall = time.time() - start
        busy1 = machine_busy()
        t_after = os.times()
        server_cpu = sum(proc_cpu(w) - c0[0][w] for w in workers)
        pg_cpu = sum(proc_cpu(b) - c0[1][b] for b in backends)
        client_cpu = (t_after.children_user - t_clients.children_user
                      + t_after.children_system - t_clients.children_system)
    finally:
        server.terminate()
        server.wait(timeout=60)
    lat = [x for r in results for x in r[0]]
    statuses: dict[int, int] = {}
    for r in results:
        for k, v in r[1].items():
            statuses[k] = statuses.get(k, 0) + v
    done = statuses.get(201, 0)
    per = (lambda cpu: round(cpu / done * 1000, 2) if done else None)  # noqa: E731
    print(json.dumps({
        "db": args.db, "workers": args.workers, "clients": args.clients, "units": len(senders),
        "minimal": args.minimal,
        "seconds": round(wall, 1), "registrations": done, "per_s": round(done / wall, 1),
        "p50_ms": round(statistics.median(lat), 1) if lat else None, "p95_ms": round(pct(lat, 95), 1) if lat else None,
        "statuses": statuses, "server_cpu_ms_per_reg": per(server_cpu), "pg_cpu_ms_per_reg": per(pg_cpu),
        "client_cpu_ms_per_reg": per(client_cpu),
        "machine_busy_cores": round((busy1 - busy0) / wall, 2), "cores": os.cpu_count(),
        "load": os.getloadavg()[0],
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
