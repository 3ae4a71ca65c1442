"""Hot-issue mining on the real message board (Teddy Cup 2020, messages_with_votes.csv).

    .venv/bin/python bench/warning_hotissues.py [--data DIR] [--top 15] [--window-days N] [--as-of YYYY-MM-DD]

Prints the top hot issues found by xinfang.warning.hotissues.find_hot_issues (name, entity,
messages, distinct petitioners, support, date range, heat) and, as a reader's check, how many
messages mention each of the matters the data set is known for (丽发新城, 伊景园, 魅力之城, 58车贷,
...) by plain substring search, and at which rank the method puts them.
Data folder: --data, else $XINFANG_SHARED_DATA/teddy2020, else <repo>/../shared/data/teddy2020.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from xinfang.warning.hotissues import find_hot_issues, load_messages, shared_data_dir  # noqa: E402

KNOWN = ["丽发新城", "伊景园", "滨河苑", "魅力之城", "58车贷", "五矿万境", "搅拌站", "东四路", "绿地海外滩"]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=None)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--window-days", type=int, default=None)
    ap.add_argument("--as-of", default=None)
    a = ap.parse_args(argv)
    msgs = load_messages(shared_data_dir(a.data))
    as_of = dt.date.fromisoformat(a.as_of) if a.as_of else None
    t0 = time.perf_counter()
    issues = find_hot_issues(msgs, as_of=as_of, window_days=a.window_days, top=max(a.top, 100))
    elapsed = time.perf_counter() - t0
    print(f"# {len(msgs)} messages, {min(m.day for m in msgs)} .. {max(m.day for m in msgs)}; "
          f"clustering + ranking {elapsed:.1f} s on {platform.machine()} ({os.cpu_count()} cores), "
          f"{dt.date.today()}")
    print(f"{'#':>2} {'heat':>5} {'n':>3} {'pet':>3} {'support':>7}  {'first':10} {'last':10}  entity | name")
    for r, h in enumerate(issues[: a.top], 1):
        print(f"{r:2d} {h.heat:5.2f} {h.n_messages:3d} {h.n_petitioners:3d} {h.support:7d}  "
              f"{h.first_date} {h.last_date}  {h.entity} | {h.name}")
    print("\n# reader's check: messages whose title or body contains the string (grep), "
          "and the best-ranked issue (of the top 100) whose messages include them")
    for k in KNOWN:
        ids = {m.id for m in msgs if k in m.title or k in m.body}
        best = None
        for r, h in enumerate(issues, 1):
            share = len(ids & set(h.message_ids))
            if share and share >= 0.3 * len(ids):
                best = (r, h, share)
                break
        if best:
            r, h, share = best
            print(f"{k:6} grep {len(ids):3d}  -> rank {r:3d} '{h.entity}' holds {share}/{len(ids)} "
                  f"(cluster n={h.n_messages})")
        else:
            print(f"{k:6} grep {len(ids):3d}  -> no issue in the top 100 holds >= 30% of them")


if __name__ == "__main__":
    main()
