"""Benchmark: the work queue (工作台) with filters, and its Excel export, on a large database.

    .venv/bin/python bench/queue_filters.py --db sqlite   --cases 100000
    .venv/bin/python bench/queue_filters.py --db postgres --cases 100000   # BENCH_PG as benchdb.py

A fresh database (benchdb.py) gets a county (build_county) with a 3×3×3 category tree and
`--cases` cases written in bulk (not through case_register: 100,000 registrations would take an
hour and the page reads the same rows): a status among the open ones (10 % finished), a holding
unit among the county's seven, a channel, a level-3 category, a received date in the last 400 days,
one access row (the bureau) plus the holder's, one legal clock whose state follows its due date
(open / due soon / overdue; 5 % breached then extended), one petitioner with encrypted ID and
phone, and an open 督办 on 1 % of the cases. Then the bureau's registrar GETs /queue/ through
Django's full stack (test client, in-process), `--repeat` times per filter set, and exports the
filtered list of one month's visits. Prints one JSON line per measurement (ms: median, p95).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import statistics
import time
from urllib.parse import urlencode

from benchdb import fresh_database

FILTERS = {
    "default (mine)": {},
    "all open": {"scope": "all"},
    "all open, page 50": {"scope": "all", "page": "50"},
    "overdue": {"scope": "all", "deadline": "overdue"},
    "category L1 + channel": {"scope": "all", "category": "L1", "channel": "visit"},
    "unit + status×2": {"scope": "all", "unit": "HOUSING", "status": ["accepted", "transferred"]},
    "supervised": {"scope": "all", "supervised": "yes"},
    "date range + sort by status": {"scope": "every", "received_from": "D-90", "received_to": "D-30",
                                    "sort": "status"},
    "everything combined": {"scope": "every", "category": "L1", "channel": "letter",
                            "deadline": "running", "supervised": "no", "sort": "-received"},
}


def build(n: int, seed: int):  # noqa: ANN201
    from django.db import transaction

    from xinfang.cases import reach
    from xinfang.cases.models import Case, CaseAccess, CasePetitioner, Category, Petitioner
    from xinfang.cases.scenarios import build_county
    from xinfang.cases.states import Status
    from xinfang.core import clock
    from xinfang.deadlines.models import Deadline, DeadlineState
    from xinfang.orgs.models import Role
    from xinfang.orgs.services import staff_create
    from xinfang.resolution.models import SupervisionOrder

    rng = random.Random(seed)
    c = build_county("Q")
    registrar = c.user(c.bureau, Role.REGISTRAR)
    supervisor = staff_create(username="q_dc", unit=c.bureau, roles=[Role.SUPERVISOR])
    leaves, tops = [], []
    for i in range(3):
        top = Category.objects.create(name=f"一级{i}", level=1)
        tops.append(top)
        for j in range(3):
            mid = Category.objects.create(name=f"二级{i}{j}", level=2, parent=top)
            leaves += [Category.objects.create(name=f"三级{i}{j}{k}", level=3, parent=mid)
                       for k in range(3)]
    holders = [c.bureau, c.housing, c.township, c.county, c.political_legal, c.discipline,
               c.village]
    open_statuses = [Status.REGISTERED, Status.TRANSFERRED, Status.ASSIGNED, Status.ACCEPTED,
                     Status.ANSWERED, Status.DUTY, Status.REVIEW_REQUESTED]
    today = clock.today()
    now = clock.now()
    chunk = 5000
    for start in range(0, n, chunk):
        with transaction.atomic():
            cases = []
            for i in range(start, min(n, start + chunk)):
                received = today - dt.timedelta(days=rng.randint(0, 400))
                status = (rng.choice([Status.CLOSED, Status.NOT_ACCEPTED]) if rng.random() < 0.1
                          else rng.choice(open_statuses))
                holder = c.bureau if rng.random() < 0.3 else rng.choice(holders)
                cases.append(Case(
                    number=f"QXF-2026-{i:06d}", status=status, channel=rng.choice(
                        ["letter", "visit", "online", "phone"]), purpose="request",
                    category=rng.choice(leaves), problem_unit=c.township, title=f"楼道漏水（{i}）",
                    request="请求维修。", facts_reasons="三号楼楼道漏水。", received_on=received,
                    registered_at=now - (today - received), registered_unit=c.bureau,
                    registered_by=registrar, holding_unit=holder,
                    sending_unit=c.bureau if holder != c.bureau else None))
            Case.objects.bulk_create(cases)
            cases = list(Case.objects.filter(number__in=[x.number for x in cases]))
            access = [CaseAccess(case=x, unit=c.bureau, reason="registered") for x in cases]
            access += [CaseAccess(case=x, unit_id=x.holding_unit_id, reason="transfer")
                       for x in cases if x.holding_unit_id != c.bureau.pk]
            CaseAccess.objects.bulk_create(access)
            reach.rebuild([x.pk for x in cases])  # the jurisdiction index of the rows written in bulk
            clocks = []
            for x in cases:
                started = x.received_on + dt.timedelta(days=rng.randint(0, 10))
                due = started + dt.timedelta(days=60)
                state = (DeadlineState.OVERDUE if due < today else DeadlineState.DUE_SOON
                         if (due - today).days <= 5 else DeadlineState.OPEN)
                if x.status in (Status.CLOSED, Status.NOT_ACCEPTED):
                    state = DeadlineState.MET
                clocks.append(Deadline(
                    case=x, kind="handling", unit_id=x.holding_unit_id, started_on=started,
                    days=60, day_unit="calendar", due_on=due, state=state, article="第34条",
                    breached_on=due if state == DeadlineState.OPEN and rng.random() < 0.05
                    else None))
            Deadline.objects.bulk_create(clocks)
            people = Petitioner.objects.bulk_create([
                Petitioner(name=f"张{x.pk}", id_number="11010519491231002X",
                           phone=f"139{x.pk:08d}", address="城关镇东街1号") for x in cases])
            CasePetitioner.objects.bulk_create([
                CasePetitioner(case=x, petitioner=p) for x, p in zip(cases, people, strict=True)])
            SupervisionOrder.objects.bulk_create([
                SupervisionOrder(case=x, kind="duban", status="open", issuing_unit=c.bureau,
                                 issued_by=supervisor, target_unit_id=x.holding_unit_id,
                                 issued_on=today, instructions="请办结并回复",
                                 due_on=today + dt.timedelta(days=15))
                for x in cases if rng.random() < 0.01])
    return c, registrar, tops


def query_for(spec: dict, c, tops) -> dict:  # noqa: ANN001
    from xinfang.core import clock

    out = {}
    for k, v in spec.items():
        if v == "L1":
            v = str(tops[0].pk)
        elif v == "HOUSING":
            v = str(c.housing.pk)
        elif isinstance(v, str) and v.startswith("D-"):
            v = (clock.today() - dt.timedelta(days=int(v[2:]))).isoformat()
        out[k] = v
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    fresh_database(args.db)

    from django.db import connection
    from django.http import QueryDict
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from xinfang.web.queue import QueueFilterForm, queue_filtered

    t0 = time.perf_counter()
    c, registrar, tops = build(args.cases, args.seed)
    print(json.dumps({"db": args.db, "cases": args.cases, "build_s": round(time.perf_counter() - t0, 1),
                      "python": platform.python_version()}), flush=True)
    if args.db == "postgres":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    client = Client()
    client.force_login(registrar)
    for label, spec in FILTERS.items():
        query = query_for(spec, c, tops)
        response = client.get("/queue/", query)  # warm-up
        form = QueueFilterForm(QueryDict(urlencode(query, doseq=True)), user=registrar)
        assert response.status_code == 200 and form.is_valid(), label
        total = queue_filtered(registrar, form.cleaned_data).count()
        samples = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                client.get("/queue/", query)
                samples.append(time.perf_counter() - start)
        samples.sort()
        print(json.dumps({"db": args.db, "page": label, "matching": total,
                          "queries": len(queries.captured_queries),
                          "median_ms": round(statistics.median(samples) * 1000, 1),
                          "p95_ms": round(samples[int(0.95 * (len(samples) - 1))] * 1000, 1)},
                         ensure_ascii=False), flush=True)
    from xinfang.core import clock

    month = {"scope": "every", "channel": "visit",
             "received_from": (clock.today() - dt.timedelta(days=60)).isoformat(),
             "received_to": (clock.today() - dt.timedelta(days=30)).isoformat()}
    for label, query in (("export: one month's visits", month),
                         ("export: all open in the jurisdiction", {"scope": "all"})):
        start = time.perf_counter()
        response = client.get("/queue/export.xlsx", query)
        seconds = time.perf_counter() - start
        print(json.dumps({"db": args.db, "export": label, "status": response.status_code,
                          "bytes": len(response.content), "seconds": round(seconds, 2)},
                         ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
