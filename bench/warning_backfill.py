"""Backfill of warnings over five years of daily history (issue 16): time and peak memory.

    .venv/bin/python bench/warning_backfill.py [--cases 1000000] [--years 5] [--hot-every 7]
        [--db xinfang_backfill_bench] [--seed 7] [--extract-entities]

What it does (PostgreSQL; server from BENCH_PG, default postgres://root@127.0.0.1:5432):
 1. a fresh database (bench/benchdb.py), a unit tree (city, 8 districts of 15 streets each) and a
    two-level taxonomy of 24 categories;
 2. `--cases` Case rows bulk-loaded with COPY, received over `--years` years ending 2025-12-31,
    all registered "today" as an import is: a daily rate with a weekly shape, a yearly season and
    a slow trend; categories Zipf-distributed; each case about one of ~cases/50 named things
    (estates, roads, companies: Zipf, each in one street); plus 60 outbreaks (one thing, one
    street, 12-40 extra complaints over 1-3 days) at random days: what the backfill should find;
 3. the cases' primary entities (warning.CaseEntity) loaded with them, as the import's batch step
    leaves them (`--extract-entities`: leave them out, the backfill extracts them: much slower);
 4. `manage.py compute_warnings --from <first day> --to <last day> --hot-every N` twice
    (warnings_backfill): the first run raises the warnings, the second shows the idempotent
    re-run; hot issues are not clustered by default (`--hot-every 0`): one clustering is timed on
    its own on `--hot-days` days (a backfill with `--hot-every 7` does it 261 times in five years).

Prints each step's time, the warnings raised, how many outbreaks were found on their own day,
and the peak resident memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import resource
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402

END = dt.date(2025, 12, 31)
TOPICS = [
    ("城乡建设", ["物业管理", "违章建筑", "房屋质量", "拆迁安置", "供水供气", "电梯安全"]),
    ("环境保护", ["噪音扰民", "油烟污染", "水体污染", "垃圾清运"]),
    ("交通运输", ["道路破损", "路灯损坏", "停车管理", "公交线路"]),
    ("劳动和社会保障", ["拖欠工资", "社保缴纳", "劳动合同"]),
    ("教育文体", ["入学划片", "校外培训", "学校收费"]),
    ("商贸旅游", ["预付卡退费", "价格欺诈", "食品安全", "市场管理"]),
]
KINDS = [("小区", "物业不作为，{c}问题长期得不到解决"), ("路", "{c}，行人出行困难"),
         ("有限公司", "{c}，多次反映无果"), ("花园", "{c}，业主意见很大"), ("河", "{c}，周边居民反映强烈")]
SYLLABLES = list("阳光翠湖金桂银杏锦绣华府明珠丽景东方新城碧水蓝天紫荆滨江枫林雅苑怡和康乐")


def cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def synthesize(n: int, years: int, seed: int):  # noqa: ANN201
    rng = np.random.default_rng(seed)
    start = END - dt.timedelta(days=365 * years + years // 4 - 1)
    n_days = (END - start).days + 1
    t = np.arange(n_days)
    dates = [start + dt.timedelta(days=int(i)) for i in t]
    weekday = np.array([d.weekday() for d in dates])
    rate = (1.0 + 0.3 * np.sin(2 * np.pi * t / 365.25)) * np.where(weekday >= 5, 0.55, 1.15)
    rate *= 1.0 + 0.4 * t / n_days
    n_out, out_rng = 60, np.random.default_rng(seed + 1)
    base_n = n - sum(int(x) for x in out_rng.integers(12, 41, size=n_out))
    day = rng.choice(n_days, size=base_n, p=rate / rate.sum())
    n_ent = max(n // 50, 20)
    ent_p = 1.0 / np.arange(1, n_ent + 1) ** 1.05
    ent = rng.choice(n_ent, size=base_n, p=ent_p / ent_p.sum())
    ent_street = rng.integers(0, 120, size=n_ent)
    ent_topic = rng.integers(0, sum(len(x) for _, x in TOPICS), size=n_ent)
    # 70% of complaints about a thing are in its own topic, the rest anywhere (Zipf)
    n_topics = sum(len(x) for _, x in TOPICS)
    top_p = 1.0 / np.arange(1, n_topics + 1) ** 0.8
    topic = np.where(rng.random(base_n) < 0.7, ent_topic[ent],
                     rng.choice(n_topics, size=base_n, p=top_p / top_p.sum()))
    # outbreaks: a rarely mentioned thing, many complaints on 1-3 days
    o_day, o_ent, o_topic, outbreaks = [], [], [], []
    sizes = out_rng.integers(12, 41, size=n_out)
    for k in range(n_out):
        e = int(out_rng.integers(n_ent // 2, n_ent))
        d0 = int(out_rng.integers(400, n_days - 3))
        spread = int(out_rng.integers(1, 4))
        days = d0 + out_rng.integers(0, spread, size=int(sizes[k]))
        o_day += days.tolist()
        o_ent += [e] * int(sizes[k])
        o_topic += [int(ent_topic[e])] * int(sizes[k])
        outbreaks.append((e, dates[d0]))
    day = np.concatenate([day, o_day]).astype(np.int64)
    ent = np.concatenate([ent, o_ent]).astype(np.int64)
    topic = np.concatenate([topic, o_topic]).astype(np.int64)
    return dates, day, ent, topic, ent_street, outbreaks


def ent_name(e: int) -> str:
    a = SYLLABLES[e % len(SYLLABLES)] + SYLLABLES[(e // len(SYLLABLES)) % len(SYLLABLES)]
    return f"{a}{e // (len(SYLLABLES) ** 2) or ''}{KINDS[e % len(KINDS)][0]}"


def load(args, dates, day, ent, topic, ent_street) -> None:  # noqa: ANN001, PLR0913
    from django.db import connection

    from xinfang.cases.models import Case, Category
    from xinfang.orgs.models import Level, UnitType
    from xinfang.orgs.services import staff_create, unit_create

    city = unit_create(name="某市", code="BC", level=Level.CITY, unit_type=UnitType.PARTY_GOVERNMENT)
    user = staff_create(username="bench", unit=city, roles=["registrar"], password=None)
    streets = []
    for d in range(8):
        county = unit_create(name=f"第{d + 1}区", code=f"BX{d}", level=Level.COUNTY, parent=city,
                             unit_type=UnitType.PARTY_GOVERNMENT)
        streets += [unit_create(name=f"第{d + 1}区第{s + 1}街道", code=f"BT{d}_{s}",
                                level=Level.TOWNSHIP, parent=county,
                                unit_type=UnitType.PARTY_GOVERNMENT).pk for s in range(15)]
    leaves, labels = [], []
    for top, kids in TOPICS:
        parent = Category.objects.create(name=top, level=1)
        for k in kids:
            leaves.append(Category.objects.create(name=k, level=2, parent=parent).pk)
            labels.append(k)
    now = dt.datetime.now(dt.UTC).isoformat()
    fields = [f for f in Case._meta.concrete_fields if f.column != "id"]
    names = [f.column for f in fields]
    connection.ensure_connection()
    raw = connection.connection
    t = time.perf_counter()
    buf = io.StringIO()
    with raw.cursor() as cur, cur.copy(f"COPY cases_case ({', '.join(names)}) FROM STDIN") as cp:
        for i in range(len(day)):
            e, c = int(ent[i]), int(topic[i])
            name = ent_name(e)
            kind_text = KINDS[e % len(KINDS)][1].format(c=labels[c])
            row = {
                "number": f"B{i:08d}", "status": "registered", "channel": "platform",
                "purpose": "request", "category_id": leaves[c],
                "problem_unit_id": streets[int(ent_street[e])],
                "title": f"{name}{labels[c]}", "request": f"请求解决{name}{labels[c]}问题。",
                "facts_reasons": f"{name}{kind_text}。", "headcount": 1, "is_collective": "false",
                "is_first_time": "true", "simplified": "false",
                "received_on": dates[int(day[i])].isoformat(), "registered_at": now,
                "registered_unit_id": city.pk, "registered_by_id": user.pk,
                "holding_unit_id": city.pk, "handling_unit_id": None, "sending_unit_id": None,
                "legal_route": "", "accused_unit_id": None, "accused_person": "",
                "extended": "false", "outcome": "", "updated_at": now,
                "assigned_officer_id": None, "merged_into_id": None, "next_due": None,
                "import_source": "", "external_id": "",
            }
            buf.write("\t".join("\\N" if row.get(n) is None else str(row[n]) for n in names) + "\n")
            if i % 50000 == 49999:
                cp.write(buf.getvalue())
                buf = io.StringIO()
        cp.write(buf.getvalue())
    print(f"COPY {len(day):,} cases: {time.perf_counter() - t:.1f} s")
    if not args.extract_entities:
        t = time.perf_counter()
        with raw.cursor() as cur:
            cur.execute("select id from cases_case order by number")
            ids = [r[0] for r in cur.fetchall()]
            buf = io.StringIO()
            for cid, e in zip(ids, ent.tolist(), strict=True):
                buf.write(f"{cid}\t{ent_name(e)}\n")
            with cur.copy("COPY warning_caseentity (case_id, entity) FROM STDIN") as cp:
                cp.write(buf.getvalue())
        print(f"COPY cached entities: {time.perf_counter() - t:.1f} s")
    with connection.cursor() as cur:
        cur.execute("analyze")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--hot-every", type=int, default=0,
                    help="cluster hot issues every N days in the backfill (0: not; see --hot-days)")
    ap.add_argument("--hot-days", type=int, default=3,
                    help="days on which one hot-issue clustering is timed on its own")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", default="xinfang_backfill_bench")
    ap.add_argument("--extract-entities", action="store_true")
    args = ap.parse_args()

    from benchdb import fresh_database

    fresh_database("postgres", args.db)
    t = time.perf_counter()
    dates, day, ent, topic, ent_street, outbreaks = synthesize(args.cases, args.years, args.seed)
    print(f"synthesis: {len(day):,} cases over {len(dates)} days "
          f"({dates[0]} .. {dates[-1]}), {len(outbreaks)} outbreaks: {time.perf_counter() - t:.1f} s")
    load(args, dates, day, ent, topic, ent_street)

    from django.core.management import call_command

    from xinfang.warning.models import Warning, WarningKind

    for run in (1, 2):
        t, cpu = time.perf_counter(), cpu_s()
        call_command("compute_warnings", "--from", dates[0].isoformat(), "--to",
                     dates[-1].isoformat(), "--hot-every", str(args.hot_every), "--quiet")
        print(f"backfill run {run}: {time.perf_counter() - t:.1f} s wall, "
              f"{cpu_s() - cpu:.1f} s CPU of this process; peak RSS {peak_mb():.0f} MiB; "
              f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    from xinfang.warning.conf import policy
    from xinfang.warning.services import _Tree, hot_issue_signals

    cfg, tree = policy(), _Tree()
    for k in range(args.hot_days):
        day = dates[-1] - dt.timedelta(days=365 * k)
        t = time.perf_counter()
        found = hot_issue_signals(today=day, cfg=cfg, tree=tree)
        print(f"hot issues as of {day}: {time.perf_counter() - t:.1f} s, {len(found)} issues "
              f"(one clustering of the last {cfg['hot_days']} days)")
    spikes = Warning.objects.filter(kind=WarningKind.SPIKE)
    found = 0
    for e, d0 in outbreaks:
        found += spikes.filter(label__startswith=ent_name(e), raised_on__gte=d0,
                               raised_on__lte=d0 + dt.timedelta(days=3)).exists()
    print(f"warnings: {Warning.objects.count():,} ({spikes.count():,} spikes, "
          f"{Warning.objects.filter(kind=WarningKind.HOT_ISSUE).count():,} hot issues), all "
          f"backfilled: {not Warning.objects.filter(backfilled=False).exists()}; outbreaks found "
          f"as a spike of their own thing raised within 3 days of their start: {found}/{len(outbreaks)}")
    print(f"peak RSS {peak_mb():.0f} MiB")


if __name__ == "__main__":
    main()
