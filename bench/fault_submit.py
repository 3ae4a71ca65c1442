"""Fault benchmark: petitions filed through the API and the portal while the servers are SIGKILLed.

    .venv/bin/python bench/fault_submit.py                  # 500 API + 500 portal submissions
    .venv/bin/python bench/fault_submit.py --n 200 --json /tmp/fault.json

Issue 13: "N submissions through API and portal against the production server on PostgreSQL while
workers and the queue consumer are killed with SIGKILL; report submitted, acknowledged, stored,
duplicated, lost". What runs is what the container runs (compose.yaml, deploy/entrypoint.sh), in
**production mode** with keys generated for the run:

- a fresh PostgreSQL database (``--db-name``, server from BENCH_PG), migrated; the bench's
  organisations built with ``build_county`` (bureau, departments, townships and their staff), the first
  administrator made by ``manage.py bootstrap_admin`` as ``make setup-prod`` does, and an API token for
  the bureau's registrar;
- gunicorn with config/gunicorn.conf.py (``--workers``, default 3), Redis as cache (rate limits) and task
  queue (``XINFANG_CACHE=redis``, ``XINFANG_HUEY=redis``, a queue name of its own), and the queue
  consumer ``manage.py run_huey`` (the container's ``worker``: job outbox, the minute tick);
- client threads (``--clients``) send the submissions, interleaved: POST /api/v1/cases/ with a unique
  ``Idempotency-Key``, and the portal's form (GET the form, solve its arithmetic challenge, POST it with
  its form token and CSRF token). On a connection error, a timeout or a 5xx a client sends the *same*
  request again (same key, same form token), as a real client does, until it gets an answer;
- a killer thread SIGKILLs a random gunicorn worker every ``--worker-kill`` seconds (the master starts a
  new one) and the consumer ``--consumer-kill`` seconds after each (re)start (the bench restarts it, as
  the container's ``restart: unless-stopped`` does). A kill also waits for progress since the previous
  one (a submission acknowledged; a job done by this consumer), so that a loaded machine is not killed
  faster than its processes can start, and the consumer is always killed while it works.

The production defaults are not relaxed. The portal allows 10 submissions per address per hour: each
portal submission comes from its own loopback address (127.1.x.y; Linux routes all of 127/8 to lo), as
petitioners come from their own addresses, and its own phone number; the counters an earlier run left
for those addresses and phones (exactly those keys) are deleted at start.
The only settings changed are the outbox's grace and lease (``XINFANG_JOBS_GRACE_MINUTES`` /
``XINFANG_JOBS_LEASE_MINUTES``: 1 minute instead of 5 and 10), so that jobs handed to a consumer that was
killed are re-sent within the run instead of ten minutes later.

When every submission has an answer the killing stops and the consumer drains the outbox (``--drain``
seconds at most). Then the database is read: each submission carries a unique marker in its title, so
``stored`` counts the submissions with a case, ``duplicated`` the cases beyond the first for one
submission, ``lost`` the acknowledged submissions (201 from the API, the receipt page with its query
code from the portal) without a case, ``mismatched`` acknowledgements naming another case number than
the stored one; for the background work, one ``triage.propose`` outbox job and one triage proposal per
stored case: ``lost jobs`` are cases without a done job or without a proposal after the drain. Finally
``manage.py verify_timeline`` checks the hash chain of every timeline. A table is printed, ``--json``
writes the numbers; the exit code is 1 when anything was lost, duplicated or mismatched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchdb import ROOT, fresh_database

HOST = "xinfang.bench"  # the Host header the bureau's TLS proxy would pass on (XINFANG_ALLOWED_HOSTS)
MARKER = re.compile(r"〔(FB-[0-9a-f]{6}-[AP]\d{5})〕")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NUMBER = re.compile(r'id="case-number">([^<]+)<')

#: a few kinds of matter, so that the triage assistant sees a mix (not thousands of one text)
MATTERS = [
    ("工地拖欠农民工工资", "请求督促施工单位支付拖欠的工资。",
     "我在城关镇某小区工地干了八个月木工，包工头拖欠工资两万三千元，多次讨要无果。"),
    ("小区楼道漏水长期无人维修", "请求督促物业尽快维修楼道漏水。",
     "本人居住的小区三号楼楼道自今年三月起漏水，多次向物业反映无果。"),
    ("夜间施工噪音扰民", "请求查处夜间施工噪音。",
     "小区旁工地每天夜里十一点后仍在施工，噪音很大，老人孩子无法休息。"),
    ("村道损毁影响出行", "请求尽快修复村道。", "村里通往镇上的水泥路去年雨季冲毁了一段，至今没有修，雨天无法通行。"),
    ("低保资格被取消", "请求复核低保资格。", "我家两口人均无劳动能力，今年低保被取消，村里没有说明理由。"),
    ("企业排放废气", "请求环保部门检查。", "镇东头的塑料厂每天傍晚排放刺鼻气体，附近居民咳嗽头痛。"),
]


@dataclass
class Outcome:
    """What one client saw for one submission."""

    marker: str
    channel: str  # api / portal
    attempts: int = 0
    status: int | None = None  # the final HTTP status (None: never answered)
    acknowledged: bool = False
    number: str = ""  # the case number the answer named
    replayed: bool = False  # the API's Idempotent-Replayed header
    sent_at: float = 0.0  # when the last attempt was sent (time.time())
    errors: Counter = field(default_factory=Counter)
    detail: str = ""


@dataclass
class Kills:
    workers: int = 0
    consumer: int = 0
    log: list = field(default_factory=list)


# --- the servers ------------------------------------------------------------------------------------

def production_env(args: argparse.Namespace, var_dir: str, run: str) -> dict[str, str]:
    """Production mode with fresh keys, Redis cache and queue, the host of a TLS-terminating proxy."""
    from cryptography.fernet import Fernet

    return {
        "XINFANG_MODE": "production",
        "XINFANG_SECRET_KEY": secrets.token_urlsafe(50),
        "XINFANG_FIELD_KEYS": Fernet.generate_key().decode(),
        "XINFANG_INDEX_KEY": secrets.token_urlsafe(50),
        "XINFANG_ALLOWED_HOSTS": HOST,
        "XINFANG_PROXY_SSL_HEADER": "1",  # the bench plays the proxy: X-Forwarded-Proto: https
        "XINFANG_VAR_DIR": var_dir,
        "XINFANG_CACHE": "redis",
        "XINFANG_HUEY": "redis",
        "XINFANG_HUEY_NAME": f"xinfang-fault-{run}",
        "REDIS_URL": args.redis,
        "XINFANG_WORKERS": str(args.workers),
        "XINFANG_LOG_LEVEL": "WARNING",
        "XINFANG_JOBS_GRACE_MINUTES": "1",
        "XINFANG_JOBS_LEASE_MINUTES": "1",
        "XINFANG_ADMIN_USERNAME": "bench_admin",
        "XINFANG_ADMIN_PASSWORD": secrets.token_urlsafe(18),
    }


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    """The live child processes of `pid` (gunicorn's workers), read from /proc."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(entry.name))
    return out


class Consumer:
    """The queue consumer (`manage.py run_huey`, the container's worker), restartable after a kill."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.env, self.log = env, log_path.open("ab")
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "manage.py", "run_huey"], cwd=ROOT, env=self.env,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        self.starts += 1

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


def jobs_done() -> int:
    from django.db import connection

    from xinfang.core.models import Job

    try:
        return Job.objects.filter(done_at__isnull=False).count()
    finally:
        connection.close()


def killer(stop: threading.Event, master: subprocess.Popen, consumer: Consumer, kills: Kills,
           args: argparse.Namespace, rng: random.Random, acked: list[int]) -> None:
    """SIGKILL a random gunicorn worker every `--worker-kill` s, the consumer `--consumer-kill` s after
    its (re)start. Each kill also waits for progress since the previous one (a submission acknowledged,
    a job done by the new consumer), so that on a loaded machine the servers are not killed faster than
    they can start and nothing at all gets through; a consumer is thus always killed while working."""
    t0 = time.monotonic()
    next_worker = t0 + rng.uniform(*args.worker_kill)
    next_consumer = t0 + rng.uniform(*args.consumer_kill)
    acked_at_kill, done_at_start = acked[0], jobs_done()
    while not stop.wait(0.05):
        now = time.monotonic()
        if now >= next_worker and acked[0] > acked_at_kill:
            workers = children(master.pid)
            if workers:
                pid = rng.choice(workers)
                try:
                    os.kill(pid, signal.SIGKILL)
                    kills.workers += 1
                    kills.log.append((round(now - t0, 2), "worker", pid))
                    acked_at_kill = acked[0]
                except ProcessLookupError:
                    pass
            next_worker = now + rng.uniform(*args.worker_kill)
        if now >= next_consumer:
            if jobs_done() <= done_at_start:
                next_consumer = now + 1
                continue
            consumer.kill()
            kills.consumer += 1
            kills.log.append((round(now - t0, 2), "consumer", consumer.proc.pid))
            stop.wait(rng.uniform(0.2, 1.0))  # restart: unless-stopped
            done_at_start = jobs_done()
            consumer.start()
            next_consumer = time.monotonic() + rng.uniform(*args.consumer_kill)


# --- the clients ------------------------------------------------------------------------------------

class Retry(Exception):
    """Send the same request again (connection lost, timeout, 5xx)."""


def request(port: int, method: str, path: str, *, body: bytes | None = None, headers: dict | None = None,
            source: str = "127.0.0.1", timeout: float = 30) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        conn.request(method, path, body=body, headers={
            "Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})})
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        head = {k.lower(): v for k, v in response.getheaders()}
        if "set-cookie" in head:
            head["set-cookie"] = "; ".join(v for k, v in response.getheaders() if k.lower() == "set-cookie")
    except (OSError, http.client.HTTPException) as exc:  # reset, refused, timeout, bad status line
        raise Retry(exc.__class__.__name__) from exc
    finally:
        conn.close()
    if response.status >= 500:
        raise Retry(f"http {response.status}")
    return response.status, head, text


ABORT = threading.Event()  # the bench is being stopped (SIGTERM, Ctrl-C): clients stop retrying


def persist(outcome: Outcome, attempt, args: argparse.Namespace) -> None:  # noqa: ANN001
    """Call `attempt()` until it returns; every Retry is counted and the same request sent again."""
    deadline = time.monotonic() + args.give_up
    while not ABORT.is_set():
        outcome.attempts += 1
        try:
            attempt()
            return
        except Retry as exc:
            outcome.errors[str(exc)] += 1
            if time.monotonic() > deadline:
                outcome.detail = f"no answer after {outcome.attempts} attempts"
                return
            time.sleep(random.uniform(0.05, 0.4) * min(outcome.attempts, 5))


def id_number(i: int) -> str:
    from xinfang.cases.forms import resident_id_check_digit

    born = dt.date(1950, 1, 1) + dt.timedelta(days=(i * 37) % 18000)
    body = f"110105{born:%Y%m%d}{i % 1000:03d}"
    return body + resident_id_check_digit(body)


def matter(i: int, marker: str) -> tuple[str, str, str]:
    title, req, facts = MATTERS[i % len(MATTERS)]
    return f"{title}〔{marker}〕", req, facts


def api_submit(i: int, marker: str, ctx: dict, args: argparse.Namespace) -> Outcome:
    out = Outcome(marker=marker, channel="api")
    title, req, facts = matter(i, marker)
    body = json.dumps({
        "channel": "letter", "purpose": "request", "problem_unit": ctx["township"], "title": title,
        "request": req, "facts_reasons": facts, "headcount": 1, "is_first_time": True,
        "petitioners": [{"name": f"信访人{i}", "id_type": "resident", "id_number": id_number(i),
                         "phone": f"138{i:08d}", "address": "城关镇东街1号", "origin": "mainland"}],
    }, ensure_ascii=False).encode()
    headers = {"Authorization": f"Token {ctx['token']}", "Content-Type": "application/json",
               "Idempotency-Key": marker}

    def attempt() -> None:
        out.sent_at = time.time()
        status, head, text = request(ctx["port"], "POST", "/api/v1/cases/", body=body, headers=headers,
                                     timeout=args.timeout)
        out.status = status
        if status == 201:
            out.acknowledged, out.number = True, json.loads(text)["number"]
            out.replayed = head.get("idempotent-replayed") == "true"
        else:
            out.detail = text[:300]

    persist(out, attempt, args)
    return out


def _cookies(head: dict[str, str], jar: dict[str, str]) -> None:
    for part in head.get("set-cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name in {"csrftoken", "sessionid"}:
            jar[name] = value


def portal_submit(i: int, marker: str, ctx: dict, args: argparse.Namespace) -> Outcome:
    """GET the form, solve it, POST it (the same body again on every retry)."""
    from xinfang.portal.tests.conftest import CODE, FORM_TOKEN, challenge, petition_form

    out = Outcome(marker=marker, channel="portal")
    source = portal_address(i)
    jar: dict[str, str] = {}
    form: dict[str, str] = {}

    def get_form() -> None:
        status, head, html = request(ctx["port"], "GET", "/portal/submit/", source=source,
                                     timeout=args.timeout)
        if status != 200:
            raise Retry(f"form {status}")
        _cookies(head, jar)
        form.update({"token": FORM_TOKEN.search(html).group(1), **challenge(html),
                     "csrfmiddlewaretoken": CSRF.search(html).group(1)})

    persist(out, get_form, args)
    if not form:
        return out
    title, req, facts = matter(i, marker)
    data = {**form, **petition_form(ctx["county"], phone=portal_phone(i), id_number=id_number(i + 500000),
                                    name=f"网上信访人{i}", title=title, request=req, facts_reasons=facts)}
    data["problem_unit"] = ctx["township"]
    body = urllib.parse.urlencode(data).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"https://{HOST}",
               "Referer": f"https://{HOST}/portal/submit/",
               "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())}

    def attempt() -> None:
        out.sent_at = time.time()
        status, _head, html = request(ctx["port"], "POST", "/portal/submit/", body=body, headers=headers,
                                      source=source, timeout=args.timeout)
        out.status = status
        code = CODE.search(html)
        number = NUMBER.search(html)
        if status == 200 and code:
            out.acknowledged = True
            out.number = number.group(1).strip() if number else ""
            out.detail = code.group(1)  # the query code
        else:
            out.detail = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))[:300]

    out.attempts = 0
    persist(out, attempt, args)
    return out


# --- the run ----------------------------------------------------------------------------------------

def progress(total: int):  # noqa: ANN201
    try:
        from tqdm import tqdm

        return tqdm(total=total, unit="submission", file=sys.stderr, mininterval=2)
    except ImportError:  # pragma: no cover - tqdm is a runtime dependency
        return None


def seed(env: dict[str, str]) -> dict:
    """The bench's organisations and users, in production mode (keys set in os.environ)."""
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from xinfang.cases.scenarios import build_county
    from xinfang.orgs.models import Role

    call_command("bootstrap_admin", stdout=open(os.devnull, "w"))  # noqa: SIM115 - as `make setup-prod`
    county = build_county("FB", name="压测")
    registrar = county.user(county.bureau, Role.REGISTRAR)
    token = Token.objects.create(user=registrar)
    return {"county": county, "token": token.key, "township": str(county.township.pk)}


def portal_address(i: int) -> str:
    return f"127.1.{i // 250}.{i % 250 + 1}"  # one address per petitioner (10 per address an hour)


def portal_phone(i: int) -> str:
    return f"139{i:08d}"


def clear_rate_limits(n: int) -> None:
    """Delete the portal's counters for the bench's addresses and phones left by an earlier run (in
    Redis for an hour / a day): exactly those keys, nothing else in the shared cache."""
    from django.core.cache import cache

    from xinfang.portal import abuse, codes

    cache.delete_many([abuse._key("submit_per_ip", portal_address(i)) for i in range(n)]
                      + [abuse._key("submit_per_phone", codes.normalise_phone(portal_phone(i)))
                         for i in range(n)])


def drain(args: argparse.Namespace, consumer: Consumer) -> dict:
    """Wait until every bench case's outbox job is done and it has its proposal (or `--drain` s)."""
    from django.db import connection

    from xinfang.core.models import Job

    started = time.monotonic()
    while True:
        if consumer.proc.poll() is not None:
            consumer.start()
        pending = Job.objects.filter(done_at__isnull=True, failed_at__isnull=True).count()
        if pending == 0 or time.monotonic() - started > args.drain:
            break
        print(f"  drain: {pending} jobs pending after {time.monotonic() - started:.0f} s", file=sys.stderr)
        connection.close()
        time.sleep(5)
    return {"seconds": round(time.monotonic() - started, 1), "pending_at_end": pending}


def count(outcomes: list[Outcome]) -> dict:
    """Compare what the clients were told with what the database holds."""
    from django.db.models import Count

    from xinfang.cases.models import Case
    from xinfang.core.models import Job
    from xinfang.triage.models import TriageProposal

    cases: dict[str, list[tuple[int, str]]] = {}
    registered: dict[str, float] = {}
    for pk, number, title, at in Case.objects.values_list("pk", "number", "title", "registered_at"):
        if m := MARKER.search(title):
            cases.setdefault(m.group(1), []).append((pk, number))
            registered[m.group(1)] = at.timestamp()
    jobs: dict[int, list[tuple[bool, bool, int]]] = {}
    for args_, done, failed, attempts in Job.objects.filter(name="triage.propose").values_list(
            "args", "done_at", "failed_at", "attempts"):
        jobs.setdefault(args_.get("case"), []).append((done is not None, failed is not None, attempts))
    proposals = dict(TriageProposal.objects.values_list("case_id").annotate(n=Count("pk")))
    report: dict = {}
    for channel in ("api", "portal"):
        mine = [o for o in outcomes if o.channel == channel]
        stored = [o for o in mine if o.marker in cases]
        acked = [o for o in mine if o.acknowledged]
        report[channel] = {
            "submitted": len(mine),
            "acknowledged": len(acked),
            # answered by a retry after an earlier attempt had committed (the case is older than the
            # attempt that got the answer); the API also says so in its Idempotent-Replayed header
            "answered by a replay": sum(o.marker in registered and registered[o.marker] < o.sent_at
                                        for o in acked),
            "replay header": sum(o.replayed for o in mine) if channel == "api" else None,
            "retried": sum(o.attempts > 1 for o in mine),
            "refused (4xx)": sum(not o.acknowledged and o.status is not None for o in mine),
            "no answer": sum(o.status is None for o in mine),
            "stored": len(stored),
            "duplicated": sum(len(cases[o.marker]) - 1 for o in stored),
            "lost": sum(o.marker not in cases for o in acked),
            "stored, not acknowledged": sum(not o.acknowledged for o in stored),
            "mismatched": sum(1 for o in acked if o.marker in cases and o.number
                              and o.number not in {n for _, n in cases[o.marker]}),
        }
    case_pks = [pk for rows in cases.values() for pk, _ in rows]
    job_rows = [row for pk in case_pks for row in jobs.get(pk, [])]
    report["jobs"] = {
        "expected (1 per case)": len(case_pks),
        "written": len(job_rows),
        "done": sum(done for done, _, _ in job_rows),
        "failed": sum(failed for _, failed, _ in job_rows),
        "run more than once": sum(attempts > 1 for _, _, attempts in job_rows),
        "proposals": sum(min(proposals.get(pk, 0), 1) for pk in case_pks),
        "duplicated": sum(max(len(jobs.get(pk, [])) - 1, 0) for pk in case_pks),
        "lost": sum(1 for pk in case_pks if not any(done for done, _, _ in jobs.get(pk, []))
                    or not proposals.get(pk)),
    }
    return report


def verify_timeline(env: dict[str, str]) -> dict:
    run = subprocess.run([sys.executable, "manage.py", "verify_timeline"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=1800)
    return {"exit": run.returncode, "output": (run.stdout + run.stderr).strip().splitlines()[-1:]}


def table(report: dict, meta: dict) -> str:
    rows = [f"{'':28}{'API':>10}{'portal':>10}{'total':>10}"]
    for key in report["api"]:
        a, p = report["api"][key], report["portal"][key]
        total = "-" if p is None else a + p
        rows.append(f"{key:28}{a:>10}{'-' if p is None else p:>10}{total:>10}")
    rows.append("")
    rows += [f"jobs: {key:22}{value:>10}" for key, value in report["jobs"].items()]
    rows.append("")
    rows.append(f"kills: {meta['kills']['workers']} gunicorn workers, {meta['kills']['consumer']} consumers "
                f"(SIGKILL) in {meta['submit_seconds']} s of submissions "
                f"({meta['submissions_per_second']} acknowledged/s); {meta['jobs_done_while_killing']} jobs "
                f"done meanwhile; drain {meta['drain']['seconds']} s; "
                f"timeline chain: {'intact' if meta['timeline']['exit'] == 0 else 'BROKEN'}")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="submissions per channel (API, portal)")
    parser.add_argument("--clients", type=int, default=8, help="client threads")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--worker-kill", type=float, nargs=2, default=(0.5, 2.0), metavar=("MIN", "MAX"),
                        help="seconds between two SIGKILLs of a gunicorn worker")
    parser.add_argument("--consumer-kill", type=float, nargs=2, default=(5.0, 15.0), metavar=("MIN", "MAX"),
                        help="seconds from a (re)start of the queue consumer to its SIGKILL")
    parser.add_argument("--timeout", type=float, default=30, help="client timeout per request (s)")
    parser.add_argument("--give-up", type=float, default=300,
                        help="a client stops retrying one submission after this many seconds")
    parser.add_argument("--drain", type=float, default=600, help="seconds to wait for the outbox to drain")
    parser.add_argument("--db-name", default="xinfang_fault")
    parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/0"))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", type=Path, help="write the numbers to this file")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    run = secrets.token_hex(3)  # markers, queue name: never those of an earlier run
    var_dir = tempfile.mkdtemp(prefix="xinfang-fault-")
    env = production_env(args, var_dir, run)
    os.environ.update(env)
    fresh_database("postgres", name=args.db_name)
    env = {**os.environ}  # with DATABASE_URL
    ctx = seed(env)
    from django.db import connection

    connection.close()
    clear_rate_limits(args.n)
    ctx["port"] = port = free_port()
    env["XINFANG_BIND"] = f"127.0.0.1:{port}"
    logs = Path(var_dir)
    server = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "-c", "config/gunicorn.conf.py",
                               "config.wsgi"], cwd=ROOT, env=env, stdout=(logs / "gunicorn.log").open("wb"),
                              stderr=subprocess.STDOUT)
    consumer = Consumer(env, logs / "consumer.log")
    consumer.start()

    def terminate(signum: int, frame) -> None:  # noqa: ANN001, ARG001
        ABORT.set()
        raise KeyboardInterrupt  # the servers are stopped in `finally`

    signal.signal(signal.SIGTERM, terminate)
    kills, stop = Kills(), threading.Event()
    outcomes: list[Outcome] = []
    try:
        for _ in range(600):
            try:
                if request(port, "GET", "/healthz", timeout=5)[0] == 200:
                    break
            except Retry:
                pass
            time.sleep(0.2)
        else:
            raise SystemExit(f"gunicorn did not answer /healthz; see {logs / 'gunicorn.log'}")
        work = [("api", i) for i in range(args.n)] + [("portal", i) for i in range(args.n)]
        rng.shuffle(work)
        print(f"run {run}: {len(work)} submissions, {args.clients} clients, {args.workers} gunicorn workers, "
              f"logs in {logs}", file=sys.stderr)
        bar = progress(len(work))
        acked, lock = [0], threading.Lock()
        chaos = threading.Thread(target=killer, args=(stop, server, consumer, kills, args, rng, acked),
                                 daemon=True)
        started = time.monotonic()
        chaos.start()

        def one(item: tuple[str, int]) -> Outcome:
            channel, i = item
            marker = f"FB-{run}-{channel[0].upper()}{i:05d}"
            outcome = (api_submit if channel == "api" else portal_submit)(i, marker, ctx, args)
            with lock:  # the killer's progress gate
                acked[0] += outcome.acknowledged
            if bar is not None:
                bar.update()
            return outcome

        with ThreadPoolExecutor(args.clients) as pool:
            outcomes = list(pool.map(one, work))
        submit_seconds = time.monotonic() - started
        stop.set()
        chaos.join()
        if bar is not None:
            bar.close()
        if server.poll() is not None:
            raise SystemExit("the gunicorn master died")
        from xinfang.core.models import Job

        done_while_killing = Job.objects.filter(done_at__isnull=False).count()
        drained = drain(args, consumer)
    except KeyboardInterrupt:
        ABORT.set()
        raise
    finally:
        stop.set()
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        consumer.stop()
    report = count(outcomes)
    acked = report["api"]["acknowledged"] + report["portal"]["acknowledged"]
    meta = {
        "run": run, "db": "postgresql", "mode": "production", "python": platform.python_version(),
        "cpus": os.cpu_count(), "n_per_channel": args.n, "clients": args.clients, "workers": args.workers,
        "worker_kill_every_s": list(args.worker_kill), "consumer_kill_every_s": list(args.consumer_kill),
        "submit_seconds": round(submit_seconds, 1),
        "submissions_per_second": round(acked / submit_seconds, 1),
        "kills": {"workers": kills.workers, "consumer": kills.consumer, "consumer_starts": consumer.starts},
        "jobs_done_while_killing": done_while_killing, "drain": drained,
        "timeline": verify_timeline(env),
        "client_errors": dict(sum((o.errors for o in outcomes), Counter())),
        "load_average": os.getloadavg(),
    }
    print(table(report, meta))
    problems = [o for o in outcomes if not o.acknowledged]
    for o in problems[:10]:
        print(f"  not acknowledged: {o.marker} status={o.status} attempts={o.attempts} {o.detail[:200]}",
              file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps({**meta, **report, "not_acknowledged": [
            {**asdict(o), "errors": dict(o.errors)} for o in problems[:50]]},
            ensure_ascii=False, indent=2, default=str))
    bad = sum(report[c][k] for c in ("api", "portal") for k in ("lost", "duplicated", "mismatched"))
    bad += report["jobs"]["lost"] + report["jobs"]["duplicated"] + (meta["timeline"]["exit"] != 0)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
