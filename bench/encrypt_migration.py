"""Benchmark: the data migration that encrypts petitioners' names and addresses (cases.0009).

    XINFANG_MODE=demo .venv/bin/python bench/encrypt_migration.py --db sqlite   --n 20000
    XINFANG_MODE=demo .venv/bin/python bench/encrypt_migration.py --db postgres --n 20000

A fresh database is migrated, taken back to cases.0008 (names and addresses in clear), filled with
N petitioners in clear by plain SQL, and migrated forwards again: encryption of both columns, the
name's blind index and the column changes, timed. Then backwards (decryption), timed. Last, what one
value costs the application: one decryption (each encrypted field read), one encryption (each written)
and one name index, in microseconds. Prints JSON lines; docs/benchmarks.md holds the results.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
import timeit

from benchdb import fresh_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--n", type=int, default=20000)
    args = parser.parse_args()
    fresh_database(args.db)

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    before, after = [("cases", "0008_default_taxonomy")], [("cases", "0009_encrypt_names_and_addresses")]
    MigrationExecutor(connection).migrate(before)
    now = timezone.now()
    rows = [(f"测试人{i}", "resident", "", "", "", "", f"城关镇东街{i}号", "mainland", now) for i in range(args.n)]
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO cases_petitioner (name, id_type, id_number, id_number_index, phone, phone_index, "
            "address, origin, created_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)", rows)
    meta = {"db": connection.vendor, "python": platform.python_version(), "machine": f"{os.cpu_count()} cores",
            "rows": args.n}
    for label, target in (("encrypt", after), ("decrypt", before)):
        start = time.perf_counter()
        MigrationExecutor(connection).migrate(target)
        seconds = time.perf_counter() - start
        print(json.dumps({**meta, "step": label, "seconds": round(seconds, 2),
                          "rows_per_second": round(args.n / seconds)}, ensure_ascii=False), flush=True)

    from xinfang.core import crypto

    token, reps = crypto.encrypt("王小明"), 20000
    cost = {name: round(timeit.timeit(fn, number=reps) / reps * 1e6, 1) for name, fn in (
        ("decrypt_us", lambda: crypto.decrypt(token)),
        ("encrypt_us", lambda: crypto.encrypt("城关镇东街88号3单元")),
        ("name_index_us", lambda: crypto.name_index("王小明")))}
    print(json.dumps({**meta, "step": "per value", **cost}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
