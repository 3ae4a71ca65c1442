"""Grouping suggestions by topic (xinfang.suggestions.topics) on real citizens' messages.

    XINFANG_MODE=demo .venv/bin/python bench/suggestion_topics.py [--data DIR] [--n 200 1000 2000] [--all]

The Teddy Cup 2020 message board (messages_with_votes.csv, real messages to a city's leaders) has
no separate suggestion box; its messages whose title contains 建议 are the nearest real thing. Each
is taken as a suggestion (title = topic, body = text, unsaved) and the newest N are grouped as the
topics page groups them (it groups at most 2,000). Prints wall and CPU time, the load average,
the number of topics, and the five largest with their keywords.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from xinfang.suggestions.models import Suggestion  # noqa: E402
from xinfang.suggestions.topics import group_by_topic  # noqa: E402
from xinfang.warning.hotissues import load_messages, shared_data_dir  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=None)
    ap.add_argument("--n", type=int, nargs="+", default=[200, 1000, 2000])
    ap.add_argument("--all", action="store_true",
                    help="every message, not only those titled 建议 (for timing at larger N)")
    a = ap.parse_args(argv)
    msgs = [m for m in load_messages(shared_data_dir(a.data)) if a.all or "建议" in m.title]
    msgs.sort(key=lambda m: m.time, reverse=True)
    print(f"{len(msgs)} messages{'' if a.all else ' with 建议 in the title'}")
    for n in a.n:
        items = [Suggestion(topic=m.title[:100], text=m.body, submitted_on=m.day) for m in msgs[:n]]
        load = os.getloadavg()[0]
        w0, c0 = time.perf_counter(), time.process_time()
        topics = group_by_topic(items)
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        multi = [t for t in topics if t.count > 1]
        print(f"n={len(items)}: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU, load {load:.1f}; "
              f"{len(topics)} topics, {len(multi)} with 2+ suggestions "
              f"({sum(t.count for t in multi)} suggestions)")
        for t in topics[:5]:
            print(f"   {t.count:>3}  {t.name[:40]}  [{'、'.join(t.keywords)}]")


if __name__ == "__main__":
    main()
