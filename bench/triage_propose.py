"""Benchmark: how long a triage proposal takes in a jurisdiction that already holds N cases.

    .venv/bin/python bench/triage_propose.py --db sqlite   --n 10000 --m 100
    .venv/bin/python bench/triage_propose.py --db postgres --n 10000 --m 100

Fresh database (benchdb.fresh_database), build_county("A"), and N background cases registered through
the real `case_register` service (the proposal-on-registration hook switched off for them), with the
real messages of the shared data as their text (title + body of messages_labelled, messages_with_votes
and messages_with_replies, ~11,000 distinct texts; N is capped there), spread over the two years before
today. Then M new petitions, also real texts not among the N, are registered and proposed for:

- cold: the first proposal of a process (loads the model; the shared duplicate index in the database
  was brought up to date by `dupindex.build()` first, as `manage.py build_dup_index` does);
- warm: each later proposal (the check catches up on the one new case, then asks the index);
- on_register: registration with the proposal made right after commit (Huey in-process mode, as
  `make run`): what a registrar waits for on the "登记" button.

Prints one JSON line per measurement (mean / p50 / p95 in milliseconds).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import time

from benchdb import fresh_database
from tqdm import tqdm


def summary(name: str, samples: list[float], **extra) -> None:  # noqa: ANN003
    samples = sorted(samples)
    print(json.dumps({
        "bench": name, "n": len(samples), "mean_ms": round(statistics.mean(samples) * 1000, 1),
        "p50_ms": round(samples[len(samples) // 2] * 1000, 1),
        "p95_ms": round(samples[max(int(len(samples) * 0.95) - 1, 0)] * 1000, 1), **extra,
    }, ensure_ascii=False), flush=True)


def real_texts() -> list[tuple[str, str]]:
    from xinfang.triage.textdata import _rows, require_file

    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for name in ("messages_labelled.csv", "messages_with_votes.csv", "messages_with_replies.csv"):
        for row in _rows(require_file(name)):
            title = (row.get("留言主题") or "").strip()
            body = (row.get("留言详情") or "").strip()
            if len(body) >= 20 and body not in seen:
                seen.add(body)
                out.append((title or body[:30], body))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    ap.add_argument("--n", type=int, default=10000, help="cases already in the jurisdiction")
    ap.add_argument("--m", type=int, default=100, help="new petitions proposed for")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    fresh_database(args.db)

    from django.conf import settings
    from django.db import transaction

    from xinfang.cases.forms import resident_id_check_digit
    from xinfang.cases.scenarios import build_county, petition_data, petitioner_data
    from xinfang.cases.services import case_register
    from xinfang.core import clock
    from xinfang.orgs.models import Role
    from xinfang.triage import dupindex
    from xinfang.triage.models import DupIndexed
    from xinfang.triage.services import triage_propose

    texts = real_texts()
    random.Random(args.seed).shuffle(texts)
    n = min(args.n, len(texts) - 3 * args.m)
    background, fresh = texts[:n], texts[n:]
    county = build_county("A")
    registrar = county.user(county.bureau, Role.REGISTRAR)
    now = clock.now()
    rng = random.Random(args.seed)

    def register(title: str, body: str, serial: int, at: dt.datetime | None = None):  # noqa: ANN202
        data = petition_data(county, title=title[:200], request=title[:200], facts_reasons=body)
        born = dt.date(1950, 1, 1) + dt.timedelta(days=serial % 20000)
        body17 = f"110105{born:%Y%m%d}{serial // 20000 % 1000:03d}"
        person = petitioner_data(name=f"信访人{serial}", phone=f"139{serial:08d}",
                                 id_number=body17 + resident_id_check_digit(body17))
        with clock.frozen(at or clock.now()):
            return case_register(actor=registrar, data=data, petitioners=[person])

    settings.XINFANG_TRIAGE_ON_REGISTER = False
    t0 = time.perf_counter()
    stamps = sorted(now - dt.timedelta(seconds=rng.randint(3600, 729 * 86400)) for _ in background)
    for i, ((title, body), at) in enumerate(tqdm(list(zip(background, stamps, strict=True)),
                                                  desc="background cases", unit="case")):
        with transaction.atomic():
            register(title, body, i, at)
    load_s = time.perf_counter() - t0
    print(json.dumps({"bench": "setup", "db": args.db, "cases": n, "load_s": round(load_s, 1),
                      "machine": platform.machine(), "cores": os.cpu_count()}), flush=True)

    dupindex.build()  # the shared duplicate index (manage.py build_dup_index)
    new_cases = [register(t, b, 100000 + i) for i, (t, b) in enumerate(fresh[: args.m])]
    t0 = time.perf_counter()
    triage_propose(case=new_cases[0])
    summary("cold", [time.perf_counter() - t0], db=args.db, cases=n,
            indexed=DupIndexed.objects.count())
    warm = []
    for case in tqdm(new_cases[1:], desc="warm", unit="proposal"):
        t0 = time.perf_counter()
        triage_propose(case=case)
        warm.append(time.perf_counter() - t0)
    summary("warm", warm, db=args.db, cases=n)

    settings.XINFANG_TRIAGE_ON_REGISTER = True
    from xinfang.triage.models import TriageProposal

    both = []
    for i, (title, body) in enumerate(tqdm(fresh[args.m: 2 * args.m], desc="on_register",
                                           unit="case")):
        t0 = time.perf_counter()
        case = register(title, body, 200000 + i)
        both.append(time.perf_counter() - t0)
        assert TriageProposal.objects.filter(case=case).exists(), "no proposal after registration"
    summary("on_register", both, db=args.db, cases=n)


if __name__ == "__main__":
    main()
