"""What the test suite's notice renderer saves (issue 14): `render.fill` against the suite's
xinfang/documents/tests/fastfill.py, per notice and per case carried to 复核.

    XINFANG_MODE=demo .venv/bin/python bench/suite_renderer.py [--rounds 4] [--reps 30]

A fresh SQLite database (bench/benchdb.py, migrated; not timed) and a county (scenarios.build_county).
Measured in CPU seconds of this process (time.process_time), so that the figures hold on a machine
shared with other work; wall time would mostly measure the neighbours.
  * fill: each default template filled `--reps` times by each renderer (ms per notice);
  * case: `--rounds` rounds, each carrying two cases to RECHECKED (10 steps, 3 answers with their
    deliveries, 5 notices) with the real renderer, then two with the fast one (s per case).
Prints one JSON line per measurement.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

from benchdb import fresh_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--reps", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("XINFANG_LOG_LEVEL", "WARNING")  # not one log line per SMS
    fresh_database("sqlite")

    from xinfang.cases.scenarios import build_county, drive_to
    from xinfang.cases.states import Status
    from xinfang.documents import render
    from xinfang.documents.defaults import build
    from xinfang.documents.kinds import DocumentKind
    from xinfang.documents.tests import fastfill

    renderers = {"real": fastfill.real_fill, "fast": fastfill.fill}
    per_notice = {side: [] for side in renderers}
    for kind in DocumentKind:
        template = build(kind)
        values = {name: f"{name}的内容" for name in render.placeholders(template)}
        for side, fill in renderers.items():
            fill(template, values)  # the fast one reads the template's parts once
            started = time.process_time()
            for _ in range(args.reps):
                fill(template, values)
            per_notice[side].append((time.process_time() - started) / args.reps * 1000)
    for side, values in per_notice.items():
        print(json.dumps({"measure": "fill", "renderer": side, "templates": len(values),
                          "cpu_ms_per_notice_median": round(statistics.median(values), 2)}))

    county = build_county("A")
    drive_to(county, Status.RECHECKED)  # warm: imports, first queries
    per_case = {side: [] for side in renderers}
    for _ in range(args.rounds):
        for side, fill in renderers.items():
            render.fill = fill
            started = time.process_time()
            for _ in range(2):
                drive_to(county, Status.RECHECKED)
            per_case[side].append((time.process_time() - started) / 2)
    render.fill = fastfill.real_fill
    for side, values in per_case.items():
        print(json.dumps({"measure": "case to RECHECKED", "renderer": side, "rounds": args.rounds,
                          "cpu_s_per_case_median": round(statistics.median(values), 3),
                          "cpu_s_per_case_min": round(min(values), 3)}))


if __name__ == "__main__":
    main()
