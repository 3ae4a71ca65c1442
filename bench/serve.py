"""Latency and throughput of the production server (gunicorn, config/gunicorn.conf.py) on this machine.

    .venv/bin/python bench/serve.py [--workers 2] [--requests 300]

Migrates a fresh file SQLite database in a temp directory (demo mode), starts gunicorn on a free loopback
port, then times /healthz and the login page: sequential requests (p50/p95) and 8 concurrent clients
(requests per second). Not a unit test; the numbers go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def get(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=20) as response:
        response.read()
        return (time.perf_counter() - started) * 1000, response.status


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {**os.environ, "XINFANG_MODE": "demo", "XINFANG_VAR_DIR": tmp,
               "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3", "XINFANG_BIND": f"127.0.0.1:{port}",
               "XINFANG_WORKERS": str(args.workers), "XINFANG_LOG_LEVEL": "WARNING"}
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen([str(gunicorn), "-c", "config/gunicorn.conf.py", "config.wsgi"],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    get(base + "/healthz")
                    break
                except OSError:
                    time.sleep(0.2)
            for path in ("/healthz", "/accounts/login/"):
                for _ in range(10):
                    get(base + path)
                times = sorted(get(base + path)[0] for _ in range(args.requests))
                p50, p95 = times[len(times) // 2], times[int(len(times) * 0.95)]
                started = time.perf_counter()
                with ThreadPoolExecutor(8) as pool:
                    results = list(pool.map(get, [base + path] * args.requests))
                rate = args.requests / (time.perf_counter() - started)
                ok = all(status == 200 for _, status in results)
                print(f"{path:18} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  8 clients {rate:6.0f} req/s  "
                      f"all 200: {ok}")
        finally:
            server.terminate()
            server.wait(timeout=60)


if __name__ == "__main__":
    main()
