"""The province data set of every province-scale bench (issue 17): the org tree and N cases.

    XINFANG_MODE=demo .venv/bin/python bench/province_data.py --db xf_province --cases 1000000 --workers 2

Creates the PostgreSQL database `--db` afresh (BENCH_PG, default postgres://root@127.0.0.1:5432),
migrates it, then writes in bulk (COPY, ids given here, no engine call per case):

- the org tree: 1 province, 21 cities, 120 counties, 1,700 townships (14-15 per county), each
  government with its petition bureau (信访局) and the usual departments (`DEPARTMENTS`), and a
  registrar, handler and approver in every unit above the townships (handler and approver in
  the townships), a leader in every government; staff accounts cannot log in (no password);
- `--cases` cases received over the last five years, dealt round the 120 counties, as COPY text by
  bench/province_copy.py (bench/pages_data.py's statuses, paths and clocks: every status with the
  steps, hash-chained events, clocks, accesses, opinions, ratings, search words and encrypted
  petitioners that lead to it), their titles and texts drawn from the real messages of
  /work/shared/data/teddy2020 (SHARED_DATA) when present, else placeholders; written in
  transactions of `--chunk` cases so memory stays flat, by `--workers` processes;
- the jurisdiction index (cases/reach.py) from the access rows, in one statement after the load;
- the shared duplicate index (triage/dupindex.py): each case's postings and record, each
  distinct text's keys computed once, the scopes from the case's access rows, and the index's
  state, as `manage.py build_dup_index --rebuild` would leave it (`--no-dup-index`: not written);
- the secondary indexes, unique and foreign-key constraints of the tables written (and the
  postings' primary key) are dropped before the load and created after it (`--keep-indexes`:
  left in place).

The data is generated (the texts are real messages, the cases and people are not). Prints (and
writes to `--json`) the load's wall time, the generator's and its PostgreSQL backends' CPU per
case, the index build's wall and CPU, the size of the database and of its largest tables (with
their indexes); ANALYZE at the end, and VACUUM of the tables the queue reads index-only.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

CITIES, COUNTIES, TOWNSHIPS = 21, 120, 1700
YEARS = 5
# (name, code suffix, unit type) of each government's departments besides its petition bureau
DEPARTMENTS = [
    ("住房和城乡建设局", "ZJ", "department"), ("人力资源和社会保障局", "RS", "department"),
    ("教育局", "JY", "department"), ("卫生健康委员会", "WJ", "department"),
    ("生态环境局", "HB", "department"), ("交通运输局", "JT", "department"),
    ("自然资源局", "ZR", "department"), ("市场监督管理局", "SJ", "department"),
    ("公安局", "GA", "political_legal"), ("委政法委", "ZF", "political_legal"),
    ("纪委监委", "JW", "discipline"),
]
STAFF = ("registrar", "handler", "approver")
LABEL = {"registrar": "登记员", "handler": "承办人", "approver": "审批人", "leader": "领导"}


def shared_texts(root: Path | None = None) -> list[tuple[str, str, str]]:
    """(title, request, facts) of the shared real messages (titled ones; the body's last sentence
    that asks for something is the request); empty when the data is absent."""
    root = root or Path(os.environ.get("SHARED_DATA", "/work/shared/data")) / "teddy2020"
    out = []
    for name in ("messages_labelled.csv", "messages_with_votes.csv", "messages_with_replies.csv"):
        path = root / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                title = (row.get("留言主题") or "").strip()
                body = (row.get("留言详情") or "").strip()
                if not title or len(body) < 10:
                    continue
                asks = [s for s in body.replace("！", "。").split("。")
                        if any(w in s for w in ("希望", "请求", "恳请", "要求", "请"))]
                request = (asks[-1].strip() + "。") if asks else "请求有关部门调查处理。"
                out.append((title[:200], request, body))
    return out


def build_province(w: object) -> list[dict]:
    """The org tree written in bulk; the counties as bench/pages_data.build takes them."""
    from django.db import transaction

    from xinfang.orgs.models import StaffRole, Unit, User

    role_id = dict(StaffRole.objects.values_list("code", "pk"))
    through = User.roles.through
    areas: list[dict] = []

    def unit(name: str, code: str, level: int, kind: str, parent: Unit | None,
             short: str = "") -> Unit:
        u = w.new(Unit, name=name, code=code, level=level, unit_type=kind,
                  parent_id=parent.pk if parent else None, short_name=short[:20])
        u.path = f"{parent.path if parent else '/'}{u.pk}/"
        return w.add(u)

    def staff(u: Unit, roles: tuple[str, ...]) -> dict[str, User]:
        out = {}
        for role in roles:
            user = w.add(w.new(User, username=f"{u.code.lower()}_{role}", unit_id=u.pk,
                               password="!province",
                               display_name=f"{u.short_name or u.name[:6]}{LABEL[role]}"))
            w.add(w.new(through, user_id=user.pk, staffrole_id=role_id[role]))
            out[role] = user
        return out

    def government(name: str, code: str, level: int, parent: Unit | None) -> tuple[Unit, dict]:
        """A government with its staff (and leader), its bureau and departments with theirs."""
        gov = unit(f"{name}委{name}政府", code, level, "party_gov", parent, name)
        people = {gov.pk: staff(gov, (*STAFF, "leader"))}
        bureau = unit(f"{name}信访局", f"{code}XF", level, "bureau", gov, f"{name[:4]}信")
        depts = [unit(f"{name}{d}", f"{code}{suffix}", level, kind, gov, f"{name[:4]}{d[:2]}")
                 for d, suffix, kind in DEPARTMENTS]
        for u in (bureau, *depts):
            people[u.pk] = staff(u, STAFF)
        return gov, {"bureau": bureau, "departments": depts, "staff": people}

    with transaction.atomic():
        province, _ = government("某省", "P", 1, None)
        per_county, extra = divmod(TOWNSHIPS, COUNTIES)
        k = 0
        for ci in range(CITIES):
            city, _ = government(f"第{ci + 1}市", f"C{ci + 1:02d}", 2, province)
            n_counties = COUNTIES // CITIES + (1 if ci < COUNTIES % CITIES else 0)
            for xi in range(n_counties):
                code = f"C{ci + 1:02d}X{xi + 1:02d}"
                county, g = government(f"第{ci + 1}市第{xi + 1}县", code, 3, city)
                people = g["staff"]
                townships = []
                for ti in range(per_county + (1 if k < extra else 0)):
                    t = unit(f"第{ci + 1}市第{xi + 1}县第{ti + 1}镇", f"{code}T{ti + 1:02d}", 4,
                             "party_gov", county, f"{xi + 1}县{ti + 1}镇")
                    people[t.pk] = staff(t, ("handler", "approver"))
                    townships.append(t)
                k += 1
                areas.append({"bureau": g["bureau"], "county": county, "townships": townships,
                              "holders": [*g["departments"], *townships],
                              "registrar": people[g["bureau"].pk]["registrar"],
                              "approver": {pk: p["approver"] for pk, p in people.items()},
                              "handler": {pk: p["handler"] for pk, p in people.items()}})
        w.flush([Unit, User, through])
    w.finish([Unit, User, through])
    return areas


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="xf_province", help="PostgreSQL database, dropped and re-created")
    ap.add_argument("--cases", type=int, default=10_000_000)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--chunk", type=int, default=5000, help="cases per transaction")
    ap.add_argument("--workers", type=int, default=1,
                    help="builder processes (each with its own connection and block of ids)")
    ap.add_argument("--keep-indexes", action="store_true",
                    help="load with the secondary indexes and constraints in place (a comparison)")
    ap.add_argument("--index-workers", type=int, default=2,
                    help="connections building the indexes after the load")
    ap.add_argument("--no-dup-index", action="store_true",
                    help="leave the shared duplicate index empty (manage.py build_dup_index)")
    ap.add_argument("--json", type=Path, help="write the figures to this file too")
    args = ap.parse_args()

    from benchdb import fresh_database

    fresh_database("postgres", args.db)
    import pages_data
    import province_copy
    import psycopg
    from tqdm import tqdm

    from xinfang.cases.models import Case, CaseEvent
    from xinfang.deadlines.models import Deadline

    out: dict = {"cases": args.cases, "workers": args.workers, "chunk": args.chunk,
                 "keep_indexes": args.keep_indexes, "db": args.db,
                 "dup_index": not args.no_dup_index}
    t0 = time.perf_counter()
    areas = build_province(pages_data.Writer())
    out["org_s"] = round(time.perf_counter() - t0, 1)
    texts = shared_texts()
    if not texts:
        print("shared messages absent (SHARED_DATA): placeholder texts", file=sys.stderr)
    t0, c0 = time.perf_counter(), _cpu()
    pool = province_copy.TextPool(texts, workers=max(2, args.workers)) if texts else None
    out["texts"] = len(texts)
    out["texts_s"] = round(time.perf_counter() - t0, 1)
    out["texts_cpu_s"] = round(_cpu() - c0, 1)
    from django.db import connection

    create = []
    if not args.keep_indexes:
        with connection.cursor() as cur:
            create = province_copy.drop_indexes(cur)
    connection.close()
    load0 = os.getloadavg()
    t1, c1 = time.perf_counter(), _cpu()
    kwargs = {"areas": areas, "days": YEARS * 365, "pool": pool, "chunk": args.chunk,
              "dup": not args.no_dup_index}
    with tqdm(total=args.cases, desc="cases", unit="case", mininterval=5) as bar:
        if args.workers > 1:
            stats = province_copy.build_parallel(args.cases, args.seed, args.workers, bar.update,
                                                 **kwargs)
        else:
            stats = {}
            province_copy.build(args.cases, args.seed, bar.update, stats=stats, **kwargs)
    t_cases = time.perf_counter() - t1
    out.update(load_s=round(t_cases, 1), load_cpu_s=round(_cpu() - c1, 1),
               generator_cpu_s=round(stats["cpu"], 1), pg_cpu_s=round(stats["pg_cpu"], 1),
               cases_per_s=round(args.cases / t_cases),
               generator_ms_per_case=round(stats["cpu"] * 1000 / args.cases, 3),
               pg_ms_per_case=round(stats["pg_cpu"] * 1000 / args.cases, 3),
               load_average_before=load0, load_average_after=os.getloadavg())
    if not args.no_dup_index:
        mark_dup_index()
    t_reach = time.perf_counter()
    from xinfang.cases import reach  # the jurisdiction index, from the access rows (one statement)

    out["reach_rows"] = reach.rebuild()
    out["reach_s"] = round(time.perf_counter() - t_reach, 1)
    connection.close()
    dsn = connection.settings_dict
    url = os.environ["DATABASE_URL"]
    if create:
        t2 = time.perf_counter()
        out["indexes"] = province_copy.restore_indexes(
            create, lambda: psycopg.connect(url), workers=args.index_workers)
        out["indexes"]["wall_s"] = round(time.perf_counter() - t2, 1)
        out["indexes"]["load_average"] = os.getloadavg()
    t3 = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")
        if not args.no_dup_index:  # the postings' visibility map: checks read them index-only
            conn.execute("VACUUM triage_dupposting")
        # the cases' and the jurisdiction rows' visibility maps, as autovacuum leaves a live server's:
        # the queue's counts and date ranges read them index-only (46 s at 3,000,000 cases; unvacuumed,
        # the province's category + channel count was a parallel scan of the rows, 378 ms against 68)
        conn.execute("VACUUM cases_case")
        conn.execute("VACUUM cases_casereach")
        out["analyze_s"] = round(time.perf_counter() - t3, 1)
        out["size"] = conn.execute("SELECT pg_size_pretty(pg_database_size(%s))",
                                   [dsn["NAME"]]).fetchone()[0]
        out["size_bytes"] = conn.execute("SELECT pg_database_size(%s)", [dsn["NAME"]]).fetchone()[0]
        out["tables_mib"] = table_sizes(conn)
    events, clocks = CaseEvent.objects.count(), Deadline.objects.count()
    out.update(events=events, clocks=clocks, cases_in_db=Case.objects.count(),
               total_s=round(time.perf_counter() - t0, 1),
               peak_rss_mib=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
               rows_per_s=round((args.cases + events + clocks) / t_cases))
    print(json.dumps(out, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1))


def mark_dup_index() -> None:
    """The duplicate index's state as `dupindex.build` leaves it: every case and access seen."""
    from django.db.models import Max

    from xinfang.cases.models import Case, CaseAccess
    from xinfang.core import clock
    from xinfang.triage import dupindex
    from xinfang.triage.models import DupState

    DupState.objects.update_or_create(pk=1, defaults={
        "version": dupindex.version(),
        "last_case": Case.objects.aggregate(m=Max("pk"))["m"] or 0,
        "last_access": CaseAccess.objects.aggregate(m=Max("pk"))["m"] or 0,
        "synced_at": clock.now()})


def table_sizes(conn: object, top: int = 12) -> dict[str, float]:
    """MiB on disk (pg_total_relation_size: heap, indexes, TOAST) of the `top` largest tables."""
    rows = conn.execute(
        "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n "
        "ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public' "
        "ORDER BY 2 DESC LIMIT %s", [top]).fetchall()
    return {name: round(size / 2**20, 1) for name, size in rows}


def _cpu() -> float:
    """CPU seconds of this process and its finished children."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
