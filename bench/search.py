"""Case search at province scale (issue 17): number, ID number, phone and Chinese full text.

    XINFANG_MODE=demo .venv/bin/python bench/province_data.py --db xf_province1m --cases 1000000 --workers 1
    XINFANG_MODE=demo .venv/bin/python bench/search.py --db xf_province1m [--prepare] [--runs 3]

On the PostgreSQL database `--db` (server BENCH_PG, default postgres://root@127.0.0.1:5432), made by
bench/province_data.py:

1. `--prepare` (once): the indexes of migration cases 0017 built one by one and timed (pg_trgm GIN on
   title, request, facts), `migrate`, then the jieba words of every case
   (`search.backfill`, what `manage.py backfill_search_tokens` runs; timed, with this process's CPU)
   and their GIN index built after them (timed); ANALYZE. The indexes' sizes on disk.
2. the queries, as the search page runs them (`case_search`, the capped count, the first page of 30
   with the petitioners), as a province, a city and a county bureau's registrar:
   by case number (whole, and a prefix), ID number, phone (of random cases' petitioners: decrypted
   here), and ~30 words of the shared real messages (frequent words of 2-4 characters by document
   frequency, and rare ones) with each full-text method (`XINFANG_SEARCH_TEXT` = jieba, trigram);
   `--runs` times each; wall p50/p95 and the statements per search (pinned: `STATEMENTS`).
3. recall of the jieba method against the exact substring match (`ILIKE`, what the trigram method
   and SQLite return) over the whole province, word by word, uncapped.
4. EXPLAIN (ANALYZE, BUFFERS) of each query path's page query saved to `--explain`, checked: the
   case table is never read by a Seq Scan (a path that does is reported, not hidden).

The data are generated (texts: the real messages, which repeat ~90 times per 1,000,000 cases).
Prints the load average at the start and end: the machine is shared.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: statements of one search (page 1): the people's cases, the capped count, the page, the
#: petitioners of the page (prefetch: parties, then petitioners)
STATEMENTS = 5
USERS = {"province": "pxf_registrar", "city": "c01xf_registrar", "county": "c01x01xf_registrar"}
INDEX_USED = re.compile(r"(?:Index (?:Only )?Scan (?:Backward )?using|Bitmap Index Scan on) (\w+)")
SEQ_CASE = re.compile(r"Seq Scan on cases_case(?!\w)")
METHODS = ("bigram", "jieba", "trigram")
INDEXES = ("case_title_trgm", "case_request_trgm", "case_facts_trgm", "case_search_tokens",
           "cases_case_number_980c9551_like")


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


def ms(xs: list[float]) -> dict[str, float]:
    return {"n": len(xs), "p50_ms": round(pct(xs, 50) * 1000, 1), "p95_ms": round(pct(xs, 95) * 1000, 1),
            "max_ms": round(max(xs) * 1000, 1) if xs else float("nan")}


def setup(db: str) -> None:
    base = os.environ.get("BENCH_PG", "postgres://root@127.0.0.1:5432")
    os.environ["DATABASE_URL"] = f"{base}/{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def words_of_messages(n_frequent: int, n_rare: int, seed: int) -> list[str]:
    """Frequent words (2-4 characters, by the number of messages holding them, spread over the
    top 300) and rare ones (in 2-5 messages) of the shared real messages."""
    from xinfang.cases.search import query_words

    root = Path(os.environ.get("SHARED_DATA", "/work/shared/data")) / "teddy2020"
    df: collections.Counter = collections.Counter()
    for name in ("messages_labelled.csv", "messages_with_votes.csv", "messages_with_replies.csv"):
        path = root / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                text = (row.get("留言主题") or "") + (row.get("留言详情") or "")
                df.update({w for w in query_words(text) if 2 <= len(w) <= 4 and not w.isascii()})
    ranked = [w for w, _ in df.most_common(300)]
    frequent = ranked[:: max(1, len(ranked) // n_frequent)][:n_frequent]
    rare = sorted(w for w, c in df.items() if 2 <= c <= 5)
    rng = random.Random(seed)
    must = [w for w in ("噪音", "拆迁") if w not in frequent]
    return must + frequent + rng.sample(rare, min(n_rare, len(rare)))


def main() -> None:  # noqa: C901, PLR0915
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="xf_province1m")
    ap.add_argument("--prepare", action="store_true", help="build the indexes and the words (once)")
    ap.add_argument("--runs", type=int, default=3, help="times each query is run")
    ap.add_argument("--ids", type=int, default=20, help="random cases whose number/ID/phone are searched")
    ap.add_argument("--frequent", type=int, default=20)
    ap.add_argument("--rare", type=int, default=10)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--explain", default=str(ROOT / "bench" / "data" / "search_explain.txt"))
    ap.add_argument("--out", default=None, help="write the figures as JSON here too")
    args = ap.parse_args()
    setup(args.db)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    from xinfang.cases import search
    from xinfang.cases.models import Case, Petitioner
    from xinfang.cases.selectors import case_search
    from xinfang.orgs.models import User

    out: dict = {"db": args.db, "load_start": os.getloadavg(),
                 "cases": Case.objects.count()}
    print(f"{out['cases']:,} cases in {args.db}; load average {out['load_start']}", flush=True)
    if args.prepare:
        out["prepare"] = do_prepare(connection, search)
        print(json.dumps(out["prepare"], ensure_ascii=False), flush=True)
    out["index_mib"] = index_sizes(connection)
    print("index sizes (MiB):", out["index_mib"], flush=True)

    rng = random.Random(args.seed)
    users = {k: User.objects.select_related("unit").get(username=v) for k, v in USERS.items()}
    top = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    sample_ids = [rng.randint(1, top) for _ in range(args.ids * 3)]
    cases = list(Case.objects.filter(pk__in=sample_ids).prefetch_related("parties__petitioner")[:args.ids])
    people = [p.petitioner for c in cases for p in c.parties.all()]
    numbers = [c.number for c in cases]
    prefixes = sorted({n.rsplit("-", 1)[0] + "-" for n in numbers})[: args.ids]
    id_numbers = [p.id_number for p in people if p.id_number][: args.ids]
    phones = [p.phone for p in people if p.phone][: args.ids]
    words = words_of_messages(args.frequent, args.rare, args.seed)
    out["words"] = words
    print("words:", " ".join(words), flush=True)
    assert Petitioner  # the petitioners above were read through the model (decrypted)

    def run(user: User, query: str) -> tuple[float, int, int]:
        with CaptureQueriesContext(connection) as cq:
            t0 = time.perf_counter()
            page = search.CappedPaginator(
                case_search(user, query).select_related("holding_unit", "category")
                .prefetch_related("parties__petitioner"), 30).get_page(1)
            rows = list(page)
            n = page.paginator.count
            wall = time.perf_counter() - t0
        return wall, len(cq.captured_queries), n if rows or n == 0 else -1

    timings: dict = {}
    statements: collections.Counter = collections.Counter()
    per_word: dict = collections.defaultdict(dict)
    paths = {"number": numbers, "number_prefix": prefixes, "id_number": id_numbers, "phone": phones}
    cpu0 = cpu()
    for who, user in users.items():
        for path, queries in paths.items():
            xs = []
            for q in queries:
                for _ in range(args.runs):
                    wall, nq, _n = run(user, q)
                    xs.append(wall)
                    statements[(path, nq)] += 1
            timings[f"{who} {path}"] = ms(xs)
            print(who, path, timings[f"{who} {path}"], flush=True)
        for method in METHODS:
            with override_settings(XINFANG_SEARCH_TEXT=method):
                for kind, chosen in (("words", words),):
                    xs = []
                    for w in chosen:
                        ws = []
                        for _ in range(args.runs):
                            wall, nq, n = run(user, w)
                            ws.append(wall)
                            statements[(f"words/{method}", nq)] += 1
                        per_word[f"{who} {method}"][w] = {"found": n, "p50_ms": round(pct(ws, 50) * 1000, 1)}
                        xs += ws
                    timings[f"{who} {kind} {method}"] = ms(xs)
                    short = [x for w in chosen if len(w) <= 2 for x in [per_word[f"{who} {method}"][w]["p50_ms"]]]
                    timings[f"{who} {kind} {method}"]["p50_of_2char_words_max_ms"] = max(short) if short else None
                    print(who, kind, method, timings[f"{who} {kind} {method}"], flush=True)
    out["query_cpu_s"] = round(cpu() - cpu0, 1)
    out["timings"] = timings
    out["per_word"] = per_word
    out["statements"] = {f"{k[0]}: {k[1]}": v for k, v in sorted(statements.items())}
    print("statements per search:", out["statements"], flush=True)

    out["recall"] = recall(connection, words)
    print("recall (vs ILIKE, province, uncapped; jieba-only over the messages):", json.dumps(out["recall"], ensure_ascii=False),
          flush=True)
    out["explain"] = explain(users, numbers[0], id_numbers[0], phones[0], prefixes[0], words, args.explain)
    print("explain:", json.dumps(out["explain"], ensure_ascii=False), flush=True)
    out["load_end"] = os.getloadavg()
    print(f"load average at the end {out['load_end']}", flush=True)
    if args.out:
        Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


def index_sizes(connection) -> dict:  # noqa: ANN001
    with connection.cursor() as cur:
        cur.execute("SELECT indexrelid::regclass::text, pg_relation_size(indexrelid) FROM pg_index "
                    "WHERE indrelid = 'cases_case'::regclass")
        sizes = {name: round(size / 2**20, 1) for name, size in cur.fetchall()}
        cur.execute("SELECT pg_relation_size('cases_case'), pg_total_relation_size('cases_case')")
        heap, total = cur.fetchone()
    return {**{k: sizes.get(k) for k in INDEXES}, "cases_case heap": round(heap / 2**20, 1),
            "cases_case total (heap, toast, all indexes)": round(total / 2**20, 1)}


def do_prepare(connection, search) -> dict:  # noqa: ANN001
    """What migration cases 0017 does, step by step and timed, in the order a large table wants:
    the column, the words of every case (before any GIN index, so the UPDATE maintains none), then
    each index; the migration is then recorded as applied (its statements are IF NOT EXISTS)."""
    from django.core.management import call_command

    mig = __import__("xinfang.cases.migrations.0017_case_search", fromlist=["INDEXES"])
    done: dict = {}
    with connection.cursor() as cur:
        cur.execute("ALTER TABLE cases_case ADD COLUMN IF NOT EXISTS search_tokens tsvector NULL")
    t0, c0 = time.perf_counter(), cpu()
    filled = search.backfill(connection, batch=5000)
    done["backfill cases"] = filled
    done["backfill s"] = round(time.perf_counter() - t0, 1)
    done["backfill CPU s (this process: jieba, bigrams)"] = round(cpu() - c0, 1)
    print("backfill", filled, done["backfill s"], "s", flush=True)
    with connection.cursor() as cur:
        cur.execute("VACUUM cases_case")
        cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cur.execute("SET maintenance_work_mem = '256MB'")
        for sql in mig.INDEXES:
            name = sql.split(" ON ")[0].rsplit(" ", 1)[1]
            t0 = time.perf_counter()
            cur.execute(sql)
            done[f"{name} build s"] = round(time.perf_counter() - t0, 1)
            print(name, done[f"{name} build s"], "s", flush=True)
        cur.execute("VACUUM ANALYZE cases_case")
    call_command("migrate", "cases", "0017", fake=True, verbosity=0)
    call_command("migrate", verbosity=0)
    return done


def recall(connection, words: list[str]) -> dict:  # noqa: ANN001
    """Per word: the cases holding it as a substring (ILIKE on the three texts) and, of those, the
    ones the `bigram` lexemes find; the whole province, no cap. Then the jieba words alone (what the
    `jieba` method would find with a column of jieba words only), over the distinct real messages:
    the messages holding the word, and those whose jieba words include the word's."""
    from xinfang.cases.search import case_text, jieba_words, query_lexemes, query_words

    res = {}
    like = "(title ILIKE %s OR request ILIKE %s OR facts_reasons ILIKE %s)"
    texts = [case_text(*t).lower() for t in messages()]
    cut = [None] * len(texts)
    with connection.cursor() as cur:
        cur.execute("SET max_parallel_workers_per_gather = 0")
        for w in words:
            pattern = f"%{w}%"
            tsq = " & ".join("'" + x.replace("'", "''") + "'" for x in query_lexemes(w, "bigram"))
            cur.execute(f"SELECT count(*), count(*) FILTER (WHERE search_tokens @@ %s::tsquery) "  # noqa: S608
                        f"FROM cases_case WHERE {like}", [tsq, pattern, pattern, pattern])
            total, found = cur.fetchone()
            holding = [i for i, t in enumerate(texts) if w in t]
            need = set(query_words(w))
            hit = 0
            for i in holding:
                if cut[i] is None:
                    cut[i] = jieba_words(texts[i])
                hit += need <= cut[i]
            res[w] = {"cases holding": total, "bigram found": found,
                      "bigram recall": round(found / total, 4) if total else None,
                      "messages holding": len(holding), "jieba-only found": hit,
                      "jieba-only recall": round(hit / len(holding), 4) if holding else None}
    return res


def messages() -> list[tuple[str, str, str]]:
    sys.path.insert(0, str(ROOT / "bench"))
    from province_data import shared_texts

    return list(dict.fromkeys(shared_texts()))


def explain(users: dict, number: str, id_number: str, phone: str, prefix: str, words: list[str],
            path: str) -> dict:
    """EXPLAIN (ANALYZE, BUFFERS) of the page query of each path; whether the case table is ever
    read by a Seq Scan."""
    from django.test.utils import override_settings

    from xinfang.cases.selectors import case_search

    two = next(w for w in words if len(w) == 2)
    longer = next(w for w in words if len(w) >= 3)
    checks, lines = {}, []
    for who in ("province", "county"):
        user = users[who]
        for method in METHODS:
            with override_settings(XINFANG_SEARCH_TEXT=method):
                for label, q in (("number", number), ("number prefix", prefix), ("ID number", id_number),
                                 ("phone", phone), (f"2-char word {two}", two),
                                 (f"longer word {longer}", longer)):
                    if method != "bigram" and label in ("number", "number prefix", "ID number", "phone"):
                        continue  # the same query whatever the method
                    qs = case_search(user, q)[:30]
                    plan = qs.explain(analyze=True, buffers=True)
                    key = f"{who} {method} {label}"
                    seq = bool(SEQ_CASE.search(plan))
                    checks[key] = {"seq scan on cases_case": seq,
                                   "indexes": sorted(set(INDEX_USED.findall(plan)))}
                    shown = q if label.startswith(("2-char", "longer", "number")) else "(masked)"
                    lines += [f"== {key} ({shown})", plan.replace(q, "…") if shown == "(masked)" else plan, ""]
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text("\n".join(lines), encoding="utf-8")
    return checks


if __name__ == "__main__":
    main()
