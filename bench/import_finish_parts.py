"""Time the parts of the import's batch step (`imports.services.finish`, `manage.py import_finish`)
on a bench database: the districts, the duplicate index, the search words, each with its wall time,
this process's CPU and its PostgreSQL backend's CPU (/proc of `pg_backend_pid()`, so the database
must be on this machine). Runs the real batch step (it writes).

    BATCH=1 DATABASE_URL=postgres://root@127.0.0.1:5432/xf_finish16_40k XINFANG_MODE=demo \\
        .venv/bin/python manage.py shell -c "exec(open('bench/import_finish_parts.py').read())"
"""

import json
import os
import time

from django.db import connection

from xinfang.imports import services
from xinfang.imports.models import ImportBatch


def backend() -> float:
    with connection.cursor() as c:
        c.execute("SELECT pg_backend_pid()")
        pid = c.fetchone()[0]
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()  # noqa: PTH123, SIM115
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


parts: dict = {}


def timed(name, fn):  # noqa: ANN001, ANN201
    def inner(*a, **k):  # noqa: ANN002, ANN003, ANN202
        b0, w0, c0 = backend(), time.perf_counter(), time.process_time()
        out = fn(*a, **k)
        parts[name] = {"wall": round(time.perf_counter() - w0, 1), "cpu": round(time.process_time() - c0, 1),
                       "backend": round(backend() - b0, 1), "result": out}
        return out
    return inner


services.dup_catch_up = timed("duplicate index", services.dup_catch_up)
services.search_backfill = timed("search words", services.search_backfill)
batch = ImportBatch.objects.select_related("source", "unit", "created_by").get(pk=int(os.environ["BATCH"]))
b0, w0, c0 = backend(), time.perf_counter(), time.process_time()
result = services.finish(batch)
total = {"wall": round(time.perf_counter() - w0, 1), "cpu": round(time.process_time() - c0, 1),
         "backend": round(backend() - b0, 1)}
parts["districts"] = {k: round(total[k] - sum(p[k] for p in parts.values()), 1) for k in total}
print(json.dumps({"batch": batch.pk, "result": result.__dict__, "total": total, "parts": parts,
                  "load": os.getloadavg()}, default=str))
