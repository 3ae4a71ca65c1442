"""Benchmark: import N rows of hotline and message-board exports into PostgreSQL, end to end (issue 16).

    XINFANG_MODE=demo .venv/bin/python bench/import_cases.py --rows 100000
    XINFANG_MODE=demo .venv/bin/python bench/import_cases.py                  # 1,000,000 rows
    XINFANG_MODE=demo .venv/bin/python bench/import_cases.py --rows 2000 --generate-only --out /tmp/x

1. **Files like real exports** (not timed), built from the real messages in
   /work/shared/data/teddy2020 (titles, bodies, official replies; README there), half the rows each:
   - `hotline_12345.xlsx`, the 12345 style (工单编号/来电时间/来电类型/诉求内容/所属区县/办理单位/
     办结时间/回复内容): a title row above the header, a second sheet of export notes, no caller
     names, 所属区县 missing on about a third of the rows (the district is then only in the text or
     the handling unit), a 举报 label on some rows;
   - `messages_teddy.csv`, the Teddy-Cup style (留言编号/留言用户/留言主题/留言时间/留言详情/答复意见/
     答复时间), bodies with the scraper's leading whitespace;
   - dates spread over the five years before today, ascending as exports are; the last two months
     partly still open (no 办结时间 / 答复时间);
   - defects at fixed rates (DEFECTS): rows repeated further down the file, unreadable dates, empty
     content, very long text. The generator counts them (`manifest.json`), so the run checks that
     every row ends up imported, skipped as a repeat or on the error sheet: nothing silently dropped.
   - `units.xlsx`: the city's unit tree (名称/上级单位/类型/代码): the city, its bureau, the nine
     districts/counties and their bureaus, the city's departments that handle complaints.
2. **A fresh PostgreSQL database** `xf_importbench` (server from BENCH_PG, default
   postgres://root@127.0.0.1:5432), migrated (not timed); the unit tree imported with
   `import_cases units.xlsx --units`.
3. **The import, timed end to end**: `manage.py import_cases FILE --preset ... --source ...` in a
   child process per file (reading the file, mapping, validation, cases, events with their hash
   chain, indexes all in place), wall time, rows/s and the child's peak resident memory
   (`os.wait4` → `ru_maxrss`). Then the first file again: an idempotent re-run that creates nothing.
   The import runs with `--defer`: the derivation of missing districts (word segmentation, ~4 ms
   a row) and the duplicate index are left to the batch step. Besides the child's CPU
   (`cpu_seconds`), the CPU of the PostgreSQL backends serving the bench database while it ran
   (`backend_cpu_seconds`, from /proc; `per_cpu_second_with_backend`).
4. **Afterwards, in batch, timed separately**: `import_finish BATCH` per file (the districts
   derived with their evidence, the cases added to the duplicate index, the search words of the
   cases still without them; the command prints each part's wall and CPU), triage proposals for the
   imported matters still open (`triage_pending`) and the warnings (`compute_warnings`).

Targets (issue 16): at least 2,000 rows/s end to end, peak memory under 2 GiB. Prints one JSON line
per measurement and a summary; docs/benchmarks.md holds the results.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("XINFANG_SHARED_DATA", "/work/shared/data")) / "teddy2020"
MESSAGE_FILES = ("messages_with_replies.csv", "messages_with_votes.csv", "messages_labelled.csv")

#: the anonymised city of the shared messages: its districts and counties (as the texts name them)
CITY = "A市"
DISTRICTS = ("A1区", "A2区", "A3区", "A4区", "A5区", "A6区", "A7县", "A8县", "A9市")
#: the city's departments that handle complaints (办理单位), each with its unit code
DEPARTMENTS = {"住房和城乡建设局": "ZJ", "自然资源和规划局": "ZR", "生态环境局": "HB",
               "城市管理和综合执法局": "CG", "人力资源和社会保障局": "RS", "教育局": "JY",
               "交通运输局": "JT", "卫生健康委员会": "WJ", "市场监督管理局": "SJ", "公安局": "GA"}
#: 来电类型 of a 12345 export, with their shares (举报 is a label, not a 揭发控告 with an accused unit)
CALL_TYPES = (("投诉", 0.45), ("求助", 0.2), ("咨询", 0.15), ("举报", 0.1), ("建议", 0.1))
#: defect rates per row (each row has at most one)
DEFECTS = {"duplicate": 0.01, "bad_date": 0.003, "empty_content": 0.002, "long_text": 0.0005}
BAD_DATES = ("2021-13-45", "待定", "0000-00-00 00:00", "20210231", "昨天下午")
DISTRICT_RE = re.compile(r"A[1-9](?:区|县|市)")

HOTLINE_HEADERS = ["工单编号", "来电时间", "来电类型", "诉求内容", "所属区县", "办理单位", "办结时间", "回复内容"]
TEDDY_HEADERS = ["留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "答复意见", "答复时间"]


@dataclass
class Message:
    title: str
    body: str
    reply: str


@dataclass
class Manifest:
    """What the generator put in a file: the rows, and how many carry each defect."""

    path: str
    style: str
    rows: int = 0
    defects: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DEFECTS, 0))
    open_rows: int = 0
    without_district: int = 0
    reports: int = 0  # rows labelled 举报

    @property
    def importable(self) -> int:
        """Rows that should become cases: all but the repeats and the rows with a fatal defect."""
        d = self.defects
        # a message-board row with an empty body still has its title: the title is the request
        fatal_empty = d["empty_content"] if self.style == "12345" else 0
        return self.rows - d["duplicate"] - d["bad_date"] - fatal_empty


def load_messages() -> list[Message]:
    """The shared real messages (title, body, reply where one was given), bodies stripped."""
    if not DATA.exists():
        raise SystemExit(f"the shared messages are not at {DATA}: the bench draws its texts from them "
                         "(set XINFANG_SHARED_DATA)")
    seen: set[str] = set()
    out: list[Message] = []
    for name in MESSAGE_FILES:
        with (DATA / name).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                body = " ".join((row.get("留言详情") or "").split())
                if len(body) < 10 or body in seen:
                    continue
                seen.add(body)
                out.append(Message(title=(row.get("留言主题") or "").strip(), body=body,
                                   reply=" ".join((row.get("答复意见") or "").split())))
    return out


def _dates(n: int, rng: random.Random, today: dt.date) -> list[dt.datetime]:
    """n call times over the five years before today, ascending (exports are sorted by time)."""
    start = dt.datetime.combine(today - dt.timedelta(days=5 * 365), dt.time(8))
    span = (dt.datetime.combine(today, dt.time(8)) - start).total_seconds()
    secs = sorted(rng.random() * span for _ in range(n))
    return [start + dt.timedelta(seconds=s) for s in secs]


def _defect(rng: random.Random) -> str | None:
    x = rng.random()
    for name, rate in DEFECTS.items():
        if x < rate:
            return name
        x -= rate
    return None


def _closed_at(at: dt.datetime, today: dt.date, rng: random.Random) -> dt.datetime | None:
    """Closed 1-40 days later; a matter whose closing day would be after today is still open."""
    closed = at + dt.timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 8))
    return None if closed.date() >= today or rng.random() < 0.01 else closed


def hotline_rows(n: int, messages: list[Message], rng: random.Random, today: dt.date,
                 manifest: Manifest):
    """Rows of a 12345 export (lists of cell values), defects counted into the manifest."""
    types, weights = zip(*CALL_TYPES, strict=True)
    earlier: list[list] = []
    for i, at in enumerate(_dates(n, rng, today)):
        defect = _defect(rng)
        if defect == "duplicate" and earlier:
            row = list(rng.choice(earlier[-5000:]))  # the same ticket exported twice
        else:
            defect = None if defect == "duplicate" else defect
            m = rng.choice(messages)
            content = m.body if not m.title else f"{m.title}。{m.body}"
            found = DISTRICT_RE.search(content)
            district = f"{CITY}{found.group(0)}" if found else f"{CITY}{rng.choice(DISTRICTS)}"
            dept = rng.choice(list(DEPARTMENTS))
            unit = (f"{CITY}{dept}" if rng.random() < 0.6
                    else f"{district.removeprefix(CITY)}{dept}")
            closed = _closed_at(at, today, rng)
            if rng.random() < 0.35:
                district = ""
                manifest.without_district += 1
            call_type = rng.choices(types, weights)[0]
            manifest.reports += call_type == "举报"
            when = at.strftime("%Y-%m-%d %H:%M:%S")
            if defect == "bad_date":
                when = rng.choice(BAD_DATES)
            elif defect == "empty_content":
                content = ""
            elif defect == "long_text":
                content = (content + " ") * (20000 // max(len(content), 1) + 1)
            manifest.open_rows += closed is None and defect not in ("bad_date", "empty_content")
            row = [f"GD{at:%Y%m%d}{i:07d}", when, call_type, content, district, unit,
                   closed.strftime("%Y-%m-%d %H:%M:%S") if closed else "",
                   (m.reply or "已转相关单位办理，并电话回复来电人。") if closed else ""]
            earlier.append(row)
        if defect:
            manifest.defects[defect] += 1
        manifest.rows += 1
        yield row


def teddy_rows(n: int, messages: list[Message], rng: random.Random, today: dt.date,
               manifest: Manifest):
    """Rows of a Teddy-Cup style message-board export, defects counted into the manifest."""
    earlier: list[list] = []
    for i, at in enumerate(_dates(n, rng, today)):
        defect = _defect(rng)
        if defect == "duplicate" and earlier:
            row = list(rng.choice(earlier[-5000:]))
        else:
            defect = None if defect == "duplicate" else defect
            m = rng.choice(messages)
            body = "\n\t\t\t\t\t\n\t\t\t\t\t" + m.body + "\n\t\t\t\t\t\n"  # as scraped
            title = m.title or m.body[:20]
            closed = _closed_at(at, today, rng)
            when = f"{at.year}/{at.month}/{at.day} {at.hour}:{at.minute:02d}:{at.second:02d}"
            if defect == "bad_date":
                when = rng.choice(BAD_DATES)
            elif defect == "empty_content":
                body = ""
            elif defect == "long_text":
                body = (m.body + " ") * (20000 // len(m.body) + 1)
            manifest.without_district += not DISTRICT_RE.search(title + body)
            manifest.open_rows += closed is None and defect not in ("bad_date", "empty_content")
            row = [str(i + 1), f"A{rng.randint(10**7, 10**9):09d}", title, when, body,
                   (m.reply or "网友：您好！您的留言已收悉，现将有关情况回复如下：已转相关部门处理。")
                   if closed else "",
                   f"{closed:%Y/%m/%d %H:%M:%S}" if closed else ""]
            earlier.append(row)
        if defect:
            manifest.defects[defect] += 1
        manifest.rows += 1
        yield row


def write_hotline(path: Path, n: int, messages: list[Message], rng: random.Random,
                  today: dt.date) -> Manifest:
    """The 12345 export as .xlsx: a title row, the header, the rows, and a sheet of export notes."""
    from openpyxl import Workbook

    manifest = Manifest(path=str(path), style="12345")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("工单明细")
    ws.append([f"{CITY}12345政务服务便民热线工单导出（{today.year - 5}年至{today.year}年）"])
    ws.append(HOTLINE_HEADERS)
    for row in hotline_rows(n, messages, rng, today, manifest):
        ws.append(row)
    notes = wb.create_sheet("导出说明")
    notes.append(["说明"])
    notes.append(["本表由12345热线系统导出，来电号码已按规定隐去。"])
    wb.save(path)
    return manifest


def write_teddy(path: Path, n: int, messages: list[Message], rng: random.Random,
                today: dt.date) -> Manifest:
    """The message-board export as UTF-8 CSV (with a BOM, as Excel saves it)."""
    manifest = Manifest(path=str(path), style="teddy")
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(TEDDY_HEADERS)
        w.writerows(teddy_rows(n, messages, rng, today, manifest))
    return manifest


def write_units(path: Path) -> int:
    """The city's unit tree as a sheet (名称/上级单位/类型/代码), parents before children."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "单位"
    ws.append(["名称", "上级单位", "类型", "代码"])
    rows = [[CITY, "", "党委政府", "A"], [f"{CITY}信访局", CITY, "信访部门", "AXF"]]
    rows += [[f"{CITY}{d}", CITY, "职能部门", f"A{code}"] for d, code in DEPARTMENTS.items()]
    for k, district in enumerate(DISTRICTS, start=1):
        name = f"{CITY}{district}"
        rows.append([name, CITY, "党委政府", f"A{k}"])
        rows.append([f"{district}信访局", name, "信访部门", f"A{k}XF"])
        rows += [[f"{district}{d}", name, "职能部门", f"A{k}{code}"] for d, code in DEPARTMENTS.items()]
    for row in rows:
        ws.append(row)
    wb.save(path)
    return len(rows)


def generate(out: Path, rows: int, seed: int, *, reuse: bool = False) -> tuple[list[Manifest], int]:
    done = out / "manifest.json"
    if reuse and done.exists():  # files written by an earlier --generate-only of the same size and seed
        manifests = [Manifest(**m) for m in json.loads(done.read_text())]
        if sum(m.rows for m in manifests) == rows and json.loads(
                (out / "seed.json").read_text() if (out / "seed.json").exists() else "null") == seed:
            return manifests, write_units(out / "units.xlsx")
    rng = random.Random(seed)
    messages = load_messages()
    today = dt.date.today()
    out.mkdir(parents=True, exist_ok=True)
    units = write_units(out / "units.xlsx")
    half = rows // 2
    manifests = [write_hotline(out / "hotline_12345.xlsx", half, messages, rng, today),
                 write_teddy(out / "messages_teddy.csv", rows - half, messages, rng, today)]
    (out / "seed.json").write_text(json.dumps(seed))
    done.write_text(json.dumps([asdict(m) for m in manifests], ensure_ascii=False, indent=1))
    return manifests, units


# ---- running ---------------------------------------------------------------------------------------

class BackendCpu:
    """The CPU seconds of the PostgreSQL backends serving the bench's database while a child runs
    (other databases' backends, the WAL writer and the checkpointer are not counted): their pids
    from pg_stat_activity, their utime + stime from /proc/PID/stat, sampled every half second (the
    last half second of a backend that exits between two samples is missed)."""

    def __init__(self, database: str) -> None:
        self.database, self.cpu, self.stop = database, {}, None

    def _sample(self, conn: object) -> None:
        tick = os.sysconf("SC_CLK_TCK")
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> "
                            "pg_backend_pid()", [self.database]).fetchall()
        for (pid,) in rows:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            self.cpu[pid] = (int(fields[11]) + int(fields[12])) / tick

    def __enter__(self) -> BackendCpu:
        import threading

        import psycopg

        base = os.environ.get("BENCH_PG", "postgres://root@127.0.0.1:5432")
        self.stop = threading.Event()

        def loop() -> None:
            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                while not self.stop.wait(0.5):
                    self._sample(conn)
                self._sample(conn)
        self.thread = threading.Thread(target=loop, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    @property
    def seconds(self) -> float:
        return round(sum(self.cpu.values()), 1)


DATABASE = "xf_importbench"


def manage(*args: str) -> dict:
    """Run `manage.py ARGS` in a child process; wall time, the child's own peak resident memory
    (os.wait4 reaps exactly that child and gives its rusage), the CPU of the database backends that
    served it, the end of its output."""
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
            BackendCpu(DATABASE) as backend:
        start = time.perf_counter()
        profile = []  # BENCH_PROFILE=DIR: each child under cProfile, DIR/<n>-<command>.prof (slower)
        if folder := os.environ.get("BENCH_PROFILE"):
            n = len(list(Path(folder).glob("*.prof")))
            profile = ["-m", "cProfile", "-o", str(Path(folder) / f"{n}-{Path(args[1]).stem}.prof")]
        proc = subprocess.Popen([sys.executable, *profile, str(ROOT / "manage.py"), *args], cwd=ROOT,
                                stdout=out, stderr=err, text=True)
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        text, errors = out.read(), err.read()
    if proc.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed ({proc.returncode}):\n"
                         f"{text[-3000:]}\n{errors[-3000:]}")
    # cpu_seconds: the child's own CPU time, steadier than the wall clock on a shared machine (the
    # database server's work is not in it)
    # overlap: (child CPU + backend CPU) / wall; 1 when the two run one after the other on an idle
    # machine, up to 2 on two cores when they run side by side; a loaded machine lowers it
    cpu = usage.ru_utime + usage.ru_stime
    return {"seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
            "backend_cpu_seconds": backend.seconds,
            "overlap": round((cpu + backend.seconds) / max(seconds, 0.1), 2),
            "load": [round(load_start, 1), round(os.getloadavg()[0], 1)],
            "peak_mib": round(usage.ru_maxrss / 1024, 1),
            "output": [line for line in text.strip().splitlines() if line.strip()][-6:]}


def batch_of(result: dict) -> int:
    """The batch number the import printed (导入完成（批次N）)."""
    for line in result["output"]:
        if found := re.search(r"导入完成（批次(\d+)）", line):
            return int(found.group(1))
    raise SystemExit(f"no batch number in {result['output']}")


def bureau_admin() -> str:
    """The city and its petition bureau (the rest of the tree comes from units.xlsx) and the bureau's
    administrator who imports; returns the username."""
    from xinfang.orgs.models import Level, Role, UnitType
    from xinfang.orgs.services import staff_create, unit_create

    city = unit_create(name=CITY, code="A", level=Level.CITY, unit_type=UnitType.PARTY_GOVERNMENT)
    bureau = unit_create(name=f"{CITY}信访局", code="AXF", level=Level.CITY,
                         unit_type=UnitType.PETITION_BUREAU, parent=city)
    staff_create(username="axf_import", unit=bureau, roles=[Role.ADMINISTRATOR, Role.REGISTRAR],
                 display_name="A市信访局数据管理员")
    return "axf_import"


def counts() -> dict:
    from xinfang.cases.models import Case, CaseEvent

    return {"cases": Case.objects.count(), "events": CaseEvent.objects.count()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in all (half per file)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--out", type=Path, default=None, help="where the files go (default: a temporary folder)")
    parser.add_argument("--generate-only", action="store_true", help="write the files and stop")
    parser.add_argument("--reuse", action="store_true",
                        help="use the files already in --out when they have the same rows and seed")
    parser.add_argument("--database", default="xf_importbench")
    parser.add_argument("--triage-limit", type=int, default=None,
                        help="proposals made in the timed batch (default: every open imported case)")
    parser.add_argument("--imports-only", action="store_true",
                        help="stop after the two imports (no batch steps, no re-import): to compare "
                             "importer versions")
    args = parser.parse_args()
    os.environ.setdefault("XINFANG_MODE", "demo")
    # the 500,000-row CSV of a 1,000,000-row run is ~760 MB, over the 512 MiB default upload limit
    os.environ.setdefault("XINFANG_IMPORT_MAX_BYTES", str(2 * 1024 ** 3))

    out = args.out or Path(tempfile.mkdtemp(prefix="import-bench-"))
    t0 = time.perf_counter()
    if args.generate_only:
        manifests, units = generate(out, args.rows, args.seed, reuse=args.reuse)
    else:
        # generated in a child process: ru_maxrss of each manage.py child counts the address space
        # it inherits at fork, so a bench holding 1,000,000 generated rows (~740 MiB) would show as
        # every child's peak memory
        subprocess.run([sys.executable, __file__, "--rows", str(args.rows), "--seed", str(args.seed),
                        "--out", str(out), "--generate-only", *(["--reuse"] if args.reuse else [])],
                       check=True, stdout=subprocess.DEVNULL)
        manifests, units = generate(out, args.rows, args.seed, reuse=True)
    gen = {"step": "generate", "rows": args.rows, "seconds": round(time.perf_counter() - t0, 1),
           "out": str(out), "files": {Path(m.path).name: os.path.getsize(m.path) for m in manifests},
           "manifests": [{k: v for k, v in asdict(m).items() if k != "path"} for m in manifests]}
    print(json.dumps(gen, ensure_ascii=False), flush=True)
    if args.generate_only:
        return

    sys.path.insert(0, str(ROOT / "bench"))
    from benchdb import fresh_database

    global DATABASE  # noqa: PLW0603  (the sampler of manage() watches this database's backends)
    DATABASE = args.database
    fresh_database("postgres", args.database)  # environment (DATABASE_URL...) inherited by the children
    from django.db import connection

    meta = {"db": connection.vendor, "python": platform.python_version(), "cores": os.cpu_count(),
            "load_before": [round(x, 2) for x in os.getloadavg()]}
    user = bureau_admin()
    results = [{"step": "units", "units": units, **manage("import_cases", str(out / "units.xlsx"),
                                                          "--units", "--user", user)}]
    print(json.dumps(results[-1], ensure_ascii=False), flush=True)

    presets = {"12345": ("12345", f"{CITY}12345热线"), "teddy": ("teddy", f"{CITY}网上留言板")}
    total_rows = total_seconds = total_cpu = 0.0
    peak = peak_after = 0.0
    batches: list[int] = []
    for m in manifests:
        preset, source = presets[m.style]
        before = counts()
        # --defer: the district derivation and the duplicate index are the batch step after it
        r = manage("import_cases", m.path, "--preset", preset, "--source", source, "--user", user,
                   "--defer")
        after = counts()
        created = after["cases"] - before["cases"]
        r.update(step=f"import {m.style}", rows=m.rows, per_second=round(m.rows / r["seconds"], 1),
                 per_cpu_second=round(m.rows / max(r["cpu_seconds"], 0.1), 1),
                 per_cpu_second_with_backend=round(
                     m.rows / max(r["cpu_seconds"] + r["backend_cpu_seconds"], 0.1), 1),
                 created=created, events=after["events"] - before["events"],
                 expected_created=m.importable, defects=m.defects)
        total_rows += m.rows
        total_seconds += r["seconds"]
        total_cpu += r["cpu_seconds"] + r["backend_cpu_seconds"]
        peak = max(peak, r["peak_mib"])
        results.append(r)
        print(json.dumps(r, ensure_ascii=False), flush=True)
        batches.append(batch_of(r))

    finishing = [] if args.imports_only else list(zip(manifests, batches, strict=True))
    for m, batch in finishing:  # afterwards, in batch, timed apart
        r = manage("import_finish", str(batch))
        r.update(step=f"import_finish (districts, duplicate index, search words) {m.style}", rows=m.rows,
                 per_cpu_second=round(m.rows / max(r["cpu_seconds"], 0.1), 1))
        peak_after = max(peak_after, r["peak_mib"])
        results.append(r)
        print(json.dumps(r, ensure_ascii=False), flush=True)

    summary = {"step": "summary", "rows": int(total_rows), "seconds": round(total_seconds, 1),
               "per_second": round(total_rows / total_seconds, 1),
               "cpu_seconds_with_backend": round(total_cpu, 1),
               "per_cpu_second_with_backend": round(total_rows / max(total_cpu, 0.1), 1),
               "overlap": round(total_cpu / max(total_seconds, 0.1), 2),
               "peak_mib": peak, "target_per_second": 2000, "target_peak_mib": 2048,
               "met": total_rows / total_seconds >= 2000 and peak < 2048, **meta}
    if args.imports_only:
        print(json.dumps({**summary, "load_after": [round(x, 2) for x in os.getloadavg()]},
                         ensure_ascii=False), flush=True)
        return
    before = counts()
    again = manage("import_cases", manifests[0].path, "--preset", "12345", "--source",
                   presets["12345"][1], "--user", user, "--defer")
    again.update(step="re-import 12345 (idempotent)", rows=manifests[0].rows,
                 per_second=round(manifests[0].rows / again["seconds"], 1),
                 created=counts()["cases"] - before["cases"])
    results.append(again)
    print(json.dumps(again, ensure_ascii=False), flush=True)

    triage_limit = args.triage_limit or args.rows
    for step, cmd in ((f"triage proposals (batch, up to {triage_limit})",
                       ["triage_pending", "--limit", str(triage_limit)]),
                      ("warnings (batch)", ["compute_warnings", "--quiet"])):
        r = manage(*cmd)
        r["step"] = step
        peak_after = max(peak_after, r["peak_mib"])
        results.append(r)
        print(json.dumps(r, ensure_ascii=False), flush=True)

    summary.update(peak_mib_batch_steps=peak_after, load_after=[round(x, 2) for x in os.getloadavg()])
    print(json.dumps(summary, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
