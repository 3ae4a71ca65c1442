"""The production path of the task queue: a Huey consumer on Redis runs the project's tasks against
PostgreSQL (principle 1). A separate `manage.py run_huey` process picks up a proposal task enqueued by
another process and writes the proposal to the database this test reads."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from xinfang.triage.models import TriageProposal

from .helpers import petition

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _redis():  # noqa: ANN202
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}: start it (see docs/configuration.md) to test the queue")
    return client


def _env(queue: str) -> dict[str, str]:
    db = connection.settings_dict
    url = (f"postgres://{db['USER'] or ''}{':' + db['PASSWORD'] if db['PASSWORD'] else ''}"
           f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}")
    return {**os.environ, "DATABASE_URL": url, "XINFANG_HUEY": "redis", "XINFANG_HUEY_NAME": queue,
            "REDIS_URL": REDIS_URL, "PYTHONUNBUFFERED": "1"}


def test_a_consumer_on_redis_makes_the_proposal(county, settings) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs the PostgreSQL test database (SQLite's lives in this process's memory); "
                    "CI runs it in its PostgreSQL pass")
    client = _redis()
    settings.XINFANG_TRIAGE_ON_REGISTER = False  # nothing in-process: only the consumer may propose
    case = petition(county, "工地拖欠农民工工资", "请求督促施工单位支付拖欠的工资。",
                    "我在城关镇某小区工地干了八个月木工，包工头拖欠工资两万三千元，多次讨要无果。")
    assert not TriageProposal.objects.filter(case=case).exists()
    queue = f"xinfang-test-{uuid.uuid4().hex[:8]}"
    env = _env(queue)
    consumer = subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--workers", "1", "--no-periodic"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c",
             f"from xinfang.triage.tasks import propose_after_registration as t; t({case.pk})"],
            cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and consumer.poll() is None:
            if TriageProposal.objects.filter(case=case).exists():
                break
            time.sleep(0.5)
        proposal = TriageProposal.objects.filter(case=case).first()
    finally:
        consumer.terminate()
        try:
            output, _ = consumer.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            consumer.kill()
            output, _ = consumer.communicate()
        for key in client.scan_iter(f"*{queue}*"):
            client.delete(key)
    assert proposal is not None, f"the consumer made no proposal; its output:\n{output}"
    assert proposal.reasons
    assert "propose_after_registration" in output
