"""Cost of anchoring the case timelines and of checking them against the anchors.

    .venv/bin/python bench/timeline_anchor.py [--cases 20000] [--events 10] [--moved 0.02]
        [--db sqlite|postgres]

What it does (XINFANG_MODE=demo is set for it):
 1. a fresh migrated database (bench/benchdb.py); one county and one registered case, copied to
    `--cases` cases, each with a properly hash-chained timeline of `--events` events (bulk-loaded);
 2. `anchor_timeline` into a temporary file: the first line holds every head;
 3. one more event on `--moved` of the cases, then a second anchor: only the moved heads;
 4. `verify_timeline` alone, then `verify_timeline --anchors FILE` (the chain check and the anchors in one
    pass over the events).
Prints the time of each step and the size of each anchor line.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("XINFANG_MODE", "demo")

from benchdb import fresh_database  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--events", type=int, default=10)
    parser.add_argument("--moved", type=float, default=0.02)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    fresh_database(args.db)

    from django.core.management import call_command

    from xinfang.cases.anchors import anchor_timeline
    from xinfang.cases.chain import event_hash
    from xinfang.cases.models import Case, CaseEvent, EventKind
    from xinfang.cases.scenarios import build_county, register
    from xinfang.core import clock

    county = build_county("A")
    model = register(county)
    template = {k: v for k, v in Case.objects.filter(pk=model.pk).values()[0].items() if k != "id"}
    actor = county.user(county.bureau, "registrar")
    now = clock.now()

    def events_for(case_id: int, prev: str, count: int) -> list:
        out = []
        for i in range(count):
            event = CaseEvent(case_id=case_id, kind=EventKind.NOTE, actor_id=actor.pk,
                              unit_id=county.bureau.pk, at=now, note=f"记录{i}", data={"i": i})
            event.prev_hash = prev
            event.hash = prev = event_hash(event, prev)
            out.append(event)
        return out

    started = time.perf_counter()
    cases = Case.objects.bulk_create(
        [Case(**{**template, "number": f"BENCH-{i:07d}"}) for i in range(args.cases)],
        batch_size=2000)
    batch = []
    for case in cases:
        batch.extend(events_for(case.pk, "", args.events))
        if len(batch) >= 20000:
            CaseEvent.objects.bulk_create(batch, batch_size=2000)
            batch = []
    CaseEvent.objects.bulk_create(batch, batch_size=2000)
    total = CaseEvent.objects.count()
    print(f"loaded {len(cases) + 1} cases, {total} events in {time.perf_counter() - started:.1f} s")

    path = Path(tempfile.mkdtemp()) / "anchors.jsonl"
    started = time.perf_counter()
    first = anchor_timeline(path=path)
    size_first = path.stat().st_size
    print(f"first anchor: {time.perf_counter() - started:.2f} s, {first['cases']} heads, "
          f"line {size_first / 1024:.0f} KiB")

    moved = cases[:: max(1, round(1 / args.moved))] if args.moved else []
    for case in moved:
        last = CaseEvent.objects.filter(case_id=case.pk).order_by("-pk").values_list("hash", flat=True)[0]
        CaseEvent.objects.bulk_create(events_for(case.pk, last, 1))
    started = time.perf_counter()
    second = anchor_timeline(path=path)
    size_second = path.stat().st_size - size_first
    print(f"second anchor: {time.perf_counter() - started:.2f} s, {len(second['heads'])} moved heads, "
          f"line {size_second / 1024:.1f} KiB")

    for label, extra in (("verify_timeline", []), ("verify_timeline --anchors", ["--anchors", str(path)])):
        out = StringIO()
        started = time.perf_counter()
        try:
            call_command("verify_timeline", "--no-progress", *extra, stdout=out)
            code = 0
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        print(f"{label}: {time.perf_counter() - started:.1f} s, exit {code}: "
              f"{out.getvalue().strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
