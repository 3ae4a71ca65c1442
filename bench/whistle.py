"""吹哨报到 at scale: the cost of a whistle's steps, the hourly sweep and the list page.

    XINFANG_MODE=demo DATABASE_URL=sqlite:////tmp/xf_whistle_demo.sqlite3 \
        .venv/bin/python bench/whistle.py [--n 500]

On a database made by `manage.py migrate` and `manage.py seed_demo` (it needs the demo county's
township registrar `qht1_registrar` and its departments' handlers; it ADDS `--n` whistles to it):
`--n` whistles are raised 3 days ago to two departments with a 24-hour limit; one department reports
and acts on half of them. Then the sweep (`whistle.tasks.escalate_overdue`, every open whistle has an
overdue report), and the list page for a whistled department (figures over every whistle it sees).
Wall and CPU time (this process: the database server's CPU is not in it for PostgreSQL), and the
load average at the start and end: the machine is shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from xinfang.core import clock  # noqa: E402
from xinfang.orgs.models import User  # noqa: E402
from xinfang.whistle.models import Grid  # noqa: E402
from xinfang.whistle.states import WhistleAction  # noqa: E402
from xinfang.whistle.tasks import escalate_overdue  # noqa: E402
from xinfang.whistle.workflow import whistle_create, whistle_transition  # noqa: E402


def timed(label: str, n: int, fn):  # noqa: ANN001, ANN201
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    print(f"{label}: wall {wall:.2f}s, CPU {cpu:.2f}s" + (
        f" ({1000 * wall / n:.1f} ms wall, {1000 * cpu / n:.1f} ms CPU each)" if n > 1 else ""))
    return out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=500)
    n = p.parse_args().n
    print("load average at start:", os.getloadavg())
    worker = User.objects.get(username="qht1_registrar")
    housing = User.objects.get(username="qhzj_handler")
    legal = User.objects.get(username="qhzf_handler")
    grid = Grid.objects.filter(unit__path__startswith=worker.unit.path).first()
    start = clock.now() - dt.timedelta(days=3)

    def raise_all() -> list:
        with clock.frozen(start):
            return [whistle_create(actor=worker, params={
                "grid": grid.pk, "place": f"测试地点{i}", "text": "井盖破损下陷，需维修。",
                "units": [housing.unit_id, legal.unit_id], "hours": 24}) for i in range(n)]

    made = timed(f"raise {n} (2 departments each)", n, raise_all)

    def steps() -> None:
        with clock.frozen(start + dt.timedelta(hours=2)):
            for w in made[: n // 2]:
                whistle_transition(whistle_id=w.pk, action=WhistleAction.REPORT, actor=legal)
                whistle_transition(whistle_id=w.pk, action=WhistleAction.ACT, actor=legal,
                                   params={"action_taken": "已到场处置完毕。"})

    timed(f"report + act on {n // 2} ({n} steps)", n, steps)
    print(timed("sweep", 1, escalate_overdue))
    client = Client(HTTP_HOST="localhost")
    client.force_login(housing)
    r = timed("list page for the housing department", 1, lambda: client.get("/whistle/"))
    print("status", r.status_code)
    print("load average at end:", os.getloadavg())


if __name__ == "__main__":
    main()
