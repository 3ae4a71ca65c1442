"""Schema-driven fuzzing of the REST API with schemathesis, against the running application.

    python bench/fuzz_api.py --examples 250        # as in CI: > 2,000 generated cases

What it does: a fresh file SQLite database in a temporary directory (migrated; `run(database=...)`
starts from a copy of an already migrated one, as the test suite passes its own), a county with staff
(scenarios.build_county) and a few registered cases, an API token for a registrar; then
`manage.py runserver --noreload` on a free loopback port and `schemathesis run` against
/api/schema/ with the checks `not_a_server_error` and `response_schema_conformance` on every
operation. Exit code 0 only when schemathesis found nothing; the last line is a JSON summary
({"cases": N, "failures": M, ...}).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from rest_framework.authtoken.models import Token
from xinfang.cases.scenarios import build_county, drive_to, register
from xinfang.cases.states import Status
county = build_county("F")
user = county.user(county.bureau, "registrar")
cases = [register(county), drive_to(county, Status.ACCEPTED), drive_to(county, Status.ANSWERED)]
print(Token.objects.create(user=user).key, ",".join(c.number for c in cases))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def schemathesis_bin() -> str:
    here = Path(sys.executable).parent / "schemathesis"
    found = here if here.exists() else shutil.which("schemathesis")
    if not found:
        raise SystemExit("schemathesis is not installed (pip install -r requirements-dev.txt)")
    return str(found)


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the application did not answer at {url}")


def run(examples: int, seed: int, workers: int, keep: bool = False,
        database: Path | None = None) -> dict:
    """`database`: a freshly migrated SQLite file to start from (copied; `migrate` then has
    nothing to apply) instead of migrating an empty one."""
    base = Path(tempfile.mkdtemp(prefix="xinfang-fuzz-"))
    if database is not None:
        shutil.copyfile(database, base / "db.sqlite3")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings",
           "DATABASE_URL": f"sqlite:///{base / 'db.sqlite3'}", "XINFANG_VAR_DIR": str(base),
           "XINFANG_ALLOWED_HOSTS": "127.0.0.1,localhost", "XINFANG_DEBUG": "0",
           "XINFANG_API_LIST_RATE": "1000000/hour",  # the fuzzer is one user reading all day
           "XINFANG_MODE": "demo",  # a throw-away database on the public development keys
           "PYTHONPATH": str(ROOT)}
    for name in ("XINFANG_CACHE", "REDIS_URL", "XINFANG_LOCAL_SETTINGS"):
        env.pop(name, None)
    setup = subprocess.run([sys.executable, "-c", SETUP], env=env, cwd=ROOT, text=True,
                           capture_output=True, timeout=300, check=False)
    if setup.returncode:
        raise SystemExit(f"set-up failed:\n{setup.stderr[-3000:]}")
    token, numbers = setup.stdout.strip().splitlines()[-1].split()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(base / "server.log", "w"))  # noqa: SIM115
    try:
        origin = f"http://127.0.0.1:{port}"
        wait_for(f"{origin}/api/schema/?format=json")
        command = [
            schemathesis_bin(), "run", f"{origin}/api/schema/?format=json", "--url", origin,
            "-H", f"Authorization: Token {token}",
            "--checks", "not_a_server_error,response_schema_conformance",
            "--max-examples", str(examples), "--seed", str(seed), "--workers", str(workers),
            "--generation-database", "none", "--no-color", "--request-timeout", "30",
            "--report", "ndjson", "--report-ndjson-path", str(base / "events.ndjson"),
        ]
        started = time.monotonic()
        result = subprocess.run(command, env=env, cwd=base, text=True, capture_output=True,
                                check=False)
        seconds = round(time.monotonic() - started, 1)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    output = result.stdout + result.stderr
    cases = _count_cases(base / "events.ndjson", output)
    server_log = (base / "server.log").read_text(errors="replace")
    summary = {"cases": cases, "exit_code": result.returncode, "seconds": seconds,
               "examples_per_operation": examples, "seed": seed,
               "server_errors_logged": server_log.count("Internal Server Error"),
               "case_numbers": numbers.split(",")}
    if result.returncode or keep:
        summary["output"] = output[-8000:]
        summary["server_log_tail"] = server_log[-4000:]
    if not keep:
        shutil.rmtree(base, ignore_errors=True)
    return summary


def _count_cases(ndjson: Path, output: str) -> int:
    """Generated test cases: from schemathesis' event stream, else its summary line."""
    total = 0
    if ndjson.exists():
        for line in ndjson.read_text(errors="replace").splitlines():
            if '"ScenarioFinished"' in line:
                try:
                    event = json.loads(line)["ScenarioFinished"]
                except (ValueError, KeyError):
                    continue
                recorder = event.get("recorder") or {}
                total += len(recorder.get("cases") or {})
    if total:
        return total
    found = re.search(r"Test cases:\s*(\d+)", output)
    return int(found.group(1)) if found else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=250, help="fuzzed cases per operation")
    parser.add_argument("--seed", type=int, default=20241126)
    # One worker: schemathesis' threads parse lambdas with ast.parse concurrently, which CPython
    # 3.11.7 can abort with "SystemError: AST constructor recursion depth mismatch" (a crash of the
    # tool, not a finding); the same cases run, one after the other.
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the database and logs")
    args = parser.parse_args()
    summary = run(args.examples, args.seed, args.workers, keep=args.keep)
    print(summary.pop("output", ""), file=sys.stderr)
    print(summary.pop("server_log_tail", ""), file=sys.stderr)
    print(json.dumps(summary, ensure_ascii=False))
    raise SystemExit(0 if summary["exit_code"] == 0 and summary["server_errors_logged"] == 0
                     else 1)


if __name__ == "__main__":
    main()
