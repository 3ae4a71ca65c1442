"""What written notices cost: filling a template, issuing inside a workflow step, making the PDF.

    .venv/bin/python bench/documents_render.py [--cases 30] [--reps 200] [--no-pdf]

Runs against a fresh SQLite database in a temporary folder (migrated first; not timed), with the
default templates. Reports medians and p90 in milliseconds:
  * fill: `render.fill` + `render.docx_text` of each default template (pure, no database);
  * issue: `case_transition` ACCEPT and ANSWER on cases of a fresh county, which now number, fill and
    store the notice, record the events and queue the SMS (compared with TRIAGE, a step without a
    notice, on a registered case);
  * check: `check_opinion` on a rendered 信访处理意见书;
  * pdf: LibreOffice conversion of one notice (first call starts a new profile; then warm) and of
    all kinds in one run.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["XINFANG_VAR_DIR"] = tempfile.mkdtemp(prefix="xinfang-bench-docs-")
os.environ.setdefault("XINFANG_LOG_LEVEL", "WARNING")


def ms(samples: list[float]) -> str:
    s = sorted(samples)
    p90 = s[min(len(s) - 1, int(round(0.9 * (len(s) - 1))))]
    return f"median {statistics.median(s) * 1000:7.1f} ms   p90 {p90 * 1000:7.1f} ms   (n={len(s)})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=30)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from xinfang.cases.scenarios import act, build_county, drive_to
    from xinfang.cases.states import Action, Status
    from xinfang.documents import render
    from xinfang.documents.compliance import check_opinion
    from xinfang.documents.defaults import build
    from xinfang.documents.kinds import DocumentKind as K
    from xinfang.documents.models import Document
    from xinfang.documents.pdf import converter, docx_to_pdf, docx_to_pdfs

    print(f"python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} cpus, load {os.getloadavg()[0]:.2f}")
    values = {"unit_name": "清河县住房和城乡建设局", "petitioner_name": "张三", "request": "请求维修" * 10,
              "opinion_text": "经调查，反映的楼道漏水属实，已责成物业于十日内维修。" * 3}
    fill = []
    for kind in K:
        content = build(kind)
        for _ in range(args.reps // len(K) + 1):
            t = time.perf_counter()
            render.docx_text(render.fill(content, values))
            fill.append(time.perf_counter() - t)
    print(f"fill + text, all {len(K)} templates: {ms(fill)}")

    county = build_county("B")
    steps: dict[str, list[float]] = {"accept": [], "answer": [], "triage": []}
    for _ in range(args.cases):
        case = drive_to(county, Status.TRANSFERRED)
        t = time.perf_counter()
        case = act(county, case, Action.ACCEPT)
        steps["accept"].append(time.perf_counter() - t)
        t = time.perf_counter()
        act(county, case, Action.ANSWER)
        steps["answer"].append(time.perf_counter() - t)
        other = drive_to(county, Status.REGISTERED)
        t = time.perf_counter()
        act(county, other, Action.TRIAGE)
        steps["triage"].append(time.perf_counter() - t)
    print(f"ACCEPT (issues 受理告知书):       {ms(steps['accept'])}")
    print(f"ANSWER (check + 信访处理意见书):   {ms(steps['answer'])}")
    print(f"TRIAGE (no notice, for comparison): {ms(steps['triage'])}")

    opinion = Document.objects.filter(kind=K.OPINION).first()
    checks = []
    for _ in range(args.reps):
        t = time.perf_counter()
        check_opinion(opinion.text, request=opinion.case.request)
        checks.append(time.perf_counter() - t)
    print(f"check_opinion on a rendered opinion: {ms(checks)}")

    if args.no_pdf or converter() is None:
        print("pdf: skipped (" + ("--no-pdf" if args.no_pdf else "soffice not installed") + ")")
        return
    docs = {k: build(k) for k in K}
    filled = [render.fill(c, values) for c in docs.values()]
    t = time.perf_counter()
    docx_to_pdf(filled[0])
    print(f"pdf, one notice, new LibreOffice profile: {(time.perf_counter() - t) * 1000:.0f} ms")
    warm = []
    for content in filled[:5]:
        t = time.perf_counter()
        docx_to_pdf(content)
        warm.append(time.perf_counter() - t)
    print(f"pdf, one notice, warm profile: {ms(warm)}")
    t = time.perf_counter()
    pdfs = docx_to_pdfs(filled)
    total = time.perf_counter() - t
    print(f"pdf, {len(pdfs)} notices in one run: {total * 1000:.0f} ms ({total / len(pdfs) * 1000:.0f} ms each), "
          f"{sum(map(len, pdfs)) / len(pdfs) / 1024:.0f} KiB per PDF")


if __name__ == "__main__":
    main()
