"""Entity extraction clause by clause against the whole text, on the shared messages (no database):
CPU of each way over every distinct title, body and reply (and title+body as the districts see
them), whether they agree, the share of characters segmented, the clause cache's size and memory, and
how many texts have an entity of the most specific kinds (estate, company, school, hospital).

    .venv/bin/python bench/entity_clauses.py

The whole-text reference is the one the tests use (xinfang/triage/tests/test_entity_clauses.py).
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("XINFANG_MODE", "demo")

import django  # noqa: E402

django.setup()

from xinfang.triage import dedup  # noqa: E402
from xinfang.triage.tests.test_entity_clauses import shared_texts, whole_text_entities  # noqa: E402


def rss_mib() -> float:
    return int(Path(f"/proc/{os.getpid()}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    texts = shared_texts()
    dedup._tokens("预热")  # the dictionary loaded before timing
    dedup._word_tag("的")
    norms = [dedup.normalize_text(t) for t in texts]
    total = sum(len(n) for n in norms)
    in_clauses = sum(len(c) for n in norms for _, c in dedup._clauses(n))
    out: dict = {"texts": len(texts), "characters": total,
                 "in_suffix_clauses": round(in_clauses / total, 3)}

    t0 = time.process_time()
    whole = [[(e.name, e.kind, e.count) for e in whole_text_entities(t)] for t in texts]
    out["whole_text_cpu"] = round(time.process_time() - t0, 2)

    cached = dedup._clause_names
    dedup._clause_names = cached.__wrapped__
    t0 = time.process_time()
    plain = [[(e.name, e.kind, e.count) for e in dedup.extract_entities(t)] for t in texts]
    out["clauses_no_cache_cpu"] = round(time.process_time() - t0, 2)
    dedup._clause_names = cached

    cached.cache_clear()
    r0 = rss_mib()
    t0 = time.process_time()
    with_cache = [[(e.name, e.kind, e.count) for e in dedup.extract_entities(t)] for t in texts]
    out["clauses_cached_cpu"] = round(time.process_time() - t0, 2)
    out["cache"] = cached.cache_info()._asdict()
    out["rss_growth_mib_with_cache"] = round(rss_mib() - r0, 1)
    out["differ"] = sum(a != b or a != c for a, b, c in zip(whole, plain, with_cache, strict=True))

    specific = [s for s, k in dedup._SUFFIX_KIND.items() if dedup._SPECIFIC[k] == 0]
    specific_re = re.compile("|".join(re.escape(s) for s in sorted(specific, key=len, reverse=True)))
    in_specific = sum(len(c) for n in norms for _, c in dedup._clauses(n) if specific_re.search(c))
    out["suffix_clause_chars_with_specific_suffix"] = round(in_specific / max(in_clauses, 1), 3)
    out["texts_with_specific_entity"] = round(
        sum(any(dedup._SPECIFIC[k] == 0 for _, k, _ in e) for e in whole) / len(texts), 3)
    out["load"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
