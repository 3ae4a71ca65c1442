"""kill -9 of a real Huey consumer on Redis mid-stream loses no job (PostgreSQL only, like
xinfang/triage/tests/test_redis_queue.py): registrations write their triage jobs, a `run_huey` consumer
works through them and is SIGKILLed after the first proposals; the relay (run here, as the minute tick
would after the lease) finishes every job that was queued, in flight or never handed over: each case
ends with exactly one proposal."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
import time
import uuid

import pytest
from django.db import connection

from xinfang.core import clock, jobs
from xinfang.core.models import Job
from xinfang.triage.models import TriageProposal
from xinfang.triage.tests.helpers import petition
from xinfang.triage.tests.test_redis_queue import ROOT, _env, _redis

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("triage_job_only")]  # the acknowledgement job is followed elsewhere

N = 12
TEXTS = [("工地拖欠农民工工资", "请求督促施工单位支付拖欠的工资。",
          "我在城关镇某小区工地干了八个月木工，包工头拖欠工资两万三千元，多次讨要无果。"),
         ("小区噪音扰民", "请求查处夜间施工噪音。", "小区旁工地每天夜里十一点后仍在施工，噪音很大，无法休息。")]


def test_consumer_killed_with_sigkill_mid_stream_loses_no_job(county, monkeypatch) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs the PostgreSQL test database (SQLite's lives in this process's memory); "
                    "CI runs it in its PostgreSQL pass")
    client = _redis()
    monkeypatch.setattr(jobs, "_hand_over", lambda pk: None)  # registered here, handed over below
    cases = [petition(county, *TEXTS[i % 2], who=i + 1) for i in range(N)]
    monkeypatch.undo()
    pks = list(Job.objects.filter(name="triage.propose").values_list("pk", flat=True))
    assert len(pks) == N
    queue = f"xinfang-test-{uuid.uuid4().hex[:8]}"
    env = _env(queue)
    # The first two jobs' hand-over is "lost" (process killed after commit): only N-2 reach Redis.
    subprocess.run([sys.executable, "manage.py", "shell", "-c",
                    f"from xinfang.core.tasks import run_job\nfor pk in {pks[2:]}: run_job(pk)"],
                   cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    consumer = subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--workers", "1", "--no-periodic"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and consumer.poll() is None:
            if TriageProposal.objects.filter(case__in=cases).count() >= 2:
                break
            time.sleep(0.05)
        consumer.send_signal(signal.SIGKILL)
        output, _ = consumer.communicate(timeout=20)
        done_at_kill = Job.objects.filter(pk__in=pks, done_at__isnull=False).count()
        in_flight = Job.objects.filter(pk__in=pks, done_at__isnull=True,
                                       claimed_at__isnull=False).count()
        assert 0 < done_at_kill < N, f"killed too late or too early ({done_at_kill}):\n{output}"
        # The minute tick after the lease: everything still pending is run (here, in-process).
        with clock.frozen(clock.now() + dt.timedelta(minutes=11)):
            relayed = jobs.jobs_relay()
    finally:
        if consumer.poll() is None:
            consumer.kill()
        for key in client.scan_iter(f"*{queue}*"):
            client.delete(key)
    assert relayed == N - done_at_kill
    assert Job.objects.filter(pk__in=pks, done_at__isnull=True).count() == 0, "lost jobs"
    for case in cases:
        assert TriageProposal.objects.filter(case=case).count() == 1
    print(f"\nkill -9: {done_at_kill}/{N} done before the kill, {in_flight} in flight, "
          f"{relayed} recovered by the relay, 0 lost")
