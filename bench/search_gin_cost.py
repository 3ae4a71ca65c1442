"""What the search words' GIN index costs PostgreSQL, on a bench database whose cases have their
words: the cases copied into a scratch table with every index of cases_case, with and without the
GIN index; the words written by UPDATE without it; the index built afterwards at two
maintenance_work_mem sizes. The backend's CPU from /proc (the database must be on this machine).

    .venv/bin/python bench/search_gin_cost.py postgres://root@127.0.0.1:5432/xf_finish16_40k
"""

import os
import sys
import time

import psycopg

conn = psycopg.connect(sys.argv[1], autocommit=True)
pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]


def backend() -> float:
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()  # noqa: PTH123, SIM115
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(label: str, sql: str) -> None:
    b0, w0 = backend(), time.perf_counter()
    conn.execute(sql)
    print(f"{label}: wall {time.perf_counter() - w0:.1f} s, backend CPU {backend() - b0:.1f} s, "
          f"load {os.getloadavg()[0]:.1f}", flush=True)


n = conn.execute("SELECT count(*) FROM cases_case").fetchone()[0]
print(f"{n} cases")
conn.execute("DROP TABLE IF EXISTS bench_gin_t")
conn.execute("CREATE TABLE bench_gin_t (LIKE cases_case INCLUDING INDEXES)")
gin = conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'bench_gin_t' "
                   "AND indexdef LIKE '%gin%'").fetchone()[0]
run("INSERT with every index and the GIN index", "INSERT INTO bench_gin_t SELECT * FROM cases_case")
conn.execute("TRUNCATE bench_gin_t")
conn.execute("SET gin_pending_list_limit = '64MB'")
conn.execute("SET work_mem = '256MB'")
run("the same, pending list 64MB, work_mem 256MB", "INSERT INTO bench_gin_t SELECT * FROM cases_case")
conn.execute("RESET gin_pending_list_limit")
conn.execute("RESET work_mem")
conn.execute("TRUNCATE bench_gin_t")
conn.execute(f"DROP INDEX {gin}")
run("INSERT with every index but the GIN index", "INSERT INTO bench_gin_t SELECT * FROM cases_case")
run("UPDATE the words without the GIN index",
    "UPDATE bench_gin_t t SET search_tokens = c.search_tokens FROM cases_case c WHERE c.id = t.id")
for memory in ("64MB", "512MB"):
    conn.execute(f"SET maintenance_work_mem = '{memory}'")
    run(f"CREATE INDEX gin afterwards, maintenance_work_mem {memory}",
        "CREATE INDEX bench_gin_i ON bench_gin_t USING gin (search_tokens)")
    conn.execute("DROP INDEX bench_gin_i")
conn.execute("DROP TABLE bench_gin_t")
