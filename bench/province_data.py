"""The province data set of every province-scale bench (issue 17): the org tree and N cases.

    XINFANG_MODE=demo .venv/bin/python bench/province_data.py --db xf_province --cases 1000000

Creates the PostgreSQL database `--db` afresh (BENCH_PG, default postgres://root@127.0.0.1:5432),
migrates it, then writes in bulk (COPY, ids given here, no engine call per case):

- the org tree: 1 province, 21 cities, 120 counties, 1,700 townships (14-15 per county), each
  government with its petition bureau (信访局) and the usual departments (`DEPARTMENTS`), and a
  registrar, handler and approver in every unit above the townships (handler and approver in
  the townships), a leader in every government; staff accounts cannot log in (no password);
- `--cases` cases received over the last five years, dealt round the 120 counties, by the same
  builder as bench/pages.py (bench/pages_data.py: every status with the steps, hash-chained
  events, clocks, accesses, opinions, ratings and encrypted petitioners that lead to it), their
  titles and texts drawn from the real messages of /work/shared/data/teddy2020 (SHARED_DATA) when
  present, else placeholders; written in transactions of `--chunk` cases so memory stays flat.

The data is generated (the texts are real messages, the cases and people are not). Prints the
time, the rows per second and the process's CPU time; ANALYZE at the end.
"""

from __future__ import annotations

import argparse
import csv
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
    args = ap.parse_args()

    from benchdb import fresh_database

    fresh_database("postgres", args.db)
    import pages_data
    from tqdm import tqdm

    from xinfang.cases.models import Case, CaseEvent
    from xinfang.deadlines.models import Deadline

    t0 = time.perf_counter()
    areas = build_province(pages_data.Writer())
    t_org = time.perf_counter() - t0
    texts = shared_texts()
    if not texts:
        print("shared messages absent (SHARED_DATA): placeholder texts", file=sys.stderr)
    t1 = time.perf_counter()
    with tqdm(total=args.cases, desc="cases", unit="case", mininterval=5) as bar:
        if args.workers > 1:
            pages_data.build_parallel(args.cases, args.seed, args.workers, bar.update, areas=areas,
                                      days=YEARS * 365, texts=texts, chunk=args.chunk)
        else:
            pages_data.build(args.cases, args.seed, progress=bar.update, areas=areas,
                             days=YEARS * 365, texts=texts, chunk=args.chunk)
    t_cases = time.perf_counter() - t1
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    cpu = time.process_time()
    if args.workers > 1:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu += children.ru_utime + children.ru_stime
    events, clocks = CaseEvent.objects.count(), Deadline.objects.count()
    rows = args.cases + events + clocks
    print(f"org tree {t_org:.1f} s; {args.cases:,} cases, {events:,} events, {clocks:,} clocks in "
          f"{t_cases:.0f} s: {args.cases / t_cases:,.0f} cases/s, {rows / t_cases:,.0f} rows/s "
          f"(cases+events+clocks); generator CPU {cpu:.0f} s, peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB; "
          f"load average {os.getloadavg()}; {Case.objects.count():,} cases in {args.db}")


if __name__ == "__main__":
    main()
