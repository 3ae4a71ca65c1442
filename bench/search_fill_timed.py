"""search.backfill on a bench database with a progress line every 100,000 cases (wall, process CPU,
its backend's CPU from /proc) and the index build timed: what docs/benchmarks.md "The 1,000,000-row
run with these changes" ran as /tmp/f16_fill1m.py.

    DATABASE_URL=postgres://root@127.0.0.1:5432/DB XINFANG_MODE=demo \\
        .venv/bin/python manage.py shell -c "exec(open('bench/search_fill_timed.py').read())"
"""
import json
import os
import time

from django.db import connection

from xinfang.cases import search


def backend():
    with connection.cursor() as c:
        c.execute("SELECT pg_backend_pid()")
        pid = c.fetchone()[0]
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
b0, w0, c0 = backend(), time.perf_counter(), time.process_time()
state = {"n": 0, "next": 100000}
def progress(k):
    state["n"] += k
    if state["n"] >= state["next"]:
        state["next"] += 100000
        print(json.dumps({"filled": state["n"], "wall": round(time.perf_counter() - w0, 1), "cpu": round(time.process_time() - c0, 1),
                          "backend": round(backend() - b0, 1), "load": os.getloadavg()[0]}), flush=True)
orig = search.ensure_search_index
def ensure(conn):
    t = time.perf_counter(), backend()
    built = orig(conn)
    print(json.dumps({"ensure_index_built": built, "wall": round(time.perf_counter() - t[0], 1), "backend_build": round(backend() - t[1], 1),
                      "load": os.getloadavg()[0]}), flush=True)
    return built
search.ensure_search_index = ensure
n = search.backfill(connection, progress=progress)
print(json.dumps({"done": n, "wall": round(time.perf_counter() - w0, 1), "cpu": round(time.process_time() - c0, 1),
                  "backend": round(backend() - b0, 1), "load": os.getloadavg()}), flush=True)
