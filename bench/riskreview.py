"""Time the assessment's draw and the decision page on the demo database (docs/riskreview.md).

Run: XINFANG_MODE=demo .venv/bin/python manage.py shell < bench/riskreview.py
CPU is this process's user + system time (SQLite runs in-process); report the load average too.
"""

import os
import resource
import time

from django.test import Client

from xinfang.cases.models import Case
from xinfang.core import clock
from xinfang.orgs.models import User
from xinfang.riskreview.models import Decision
from xinfang.riskreview.selectors import draw


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def timed(fn, n: int) -> tuple[float, float, object]:  # noqa: ANN001
    fn()  # warm
    walls, cpus, out = [], [], None
    for _ in range(n):
        t0, c0 = time.perf_counter(), cpu()
        out = fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(cpu() - c0)
    return sorted(walls)[n // 2] * 1000, sorted(cpus)[n // 2] * 1000, out


d = Decision.objects.get(title__contains="东街片区")
user = User.objects.get(username="qhxf_handler")
wall, spent, snap = timed(lambda: draw(d, user, today=clock.today(), days=365), 20)
print(f"draw: {Case.objects.count()} cases, {snap['total']} counted, "
      f"p50 wall {wall:.1f} ms, CPU {spent:.1f} ms")
client = Client()
client.force_login(user)
url = f"/riskreview/d/{d.number}/"
wall, spent, page = timed(lambda: client.get(url, HTTP_HOST="127.0.0.1"), 10)
print(f"page: {page.status_code}, {len(d.snapshot.get('cases', []))} in the snapshot, "
      f"p50 wall {wall:.1f} ms, CPU {spent:.1f} ms; load average {os.getloadavg()}")
