"""Measure xinfang.documents.compliance on real government message-board replies (Teddy Cup 2020, problem C).

    .venv/bin/python bench/reply_compliance.py [--data DIR] [--limit N] [--min-parts 3] [--json out.json]

Reports
  1. how often each Art. 32 part (and the 复查 remedy) is present over all replies, outcomes, scores;
  2. agreement with the hand labels (replies_quality_labelled.csv, 100 rows, binary 完整性指标 / 可解释性指标):
     completeness = at least --min-parts of the four Art. 32 parts present (compliance.completeness_prediction),
     accuracy, Cohen's kappa (95% bootstrap interval), confusion table, Spearman of the 0-4 score; the legal basis
     part against 可解释性指标; reply length as a naive reference;
  3. reply delay (message time to reply time, days): median, p90, share over 15 and 60 days;
  4. throughput of check_opinion (replies per second, one thread).
Data folder: --data, else $XINFANG_SHARED_DATA/teddy2020, else <repo>/../shared/data/teddy2020.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy.stats import spearmanr  # noqa: E402
from sklearn.metrics import accuracy_score, cohen_kappa_score, confusion_matrix  # noqa: E402
from tqdm import tqdm  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from xinfang.documents.compliance import (  # noqa: E402
    COMPLETE_MIN_PARTS,
    CORE_PARTS,
    LEGAL_BASIS,
    PART_LABELS,
    PARTS,
    check_opinion,
    completeness_prediction,
    teddy2020_dir,
)


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def bootstrap_kappa(
    y: np.ndarray, p: np.ndarray, n: int = 2000, seed: int = 0
) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    vals = []
    for _ in range(n):
        idx = rng.integers(0, len(y), len(y))
        if len(set(y[idx])) < 2 and len(set(p[idx])) < 2:
            continue
        vals.append(cohen_kappa_score(y[idx], p[idx]))
    return float(np.nanpercentile(vals, 2.5)), float(np.nanpercentile(vals, 97.5))


def agreement(name: str, y: np.ndarray, p: np.ndarray) -> dict:
    k = cohen_kappa_score(y, p)
    lo, hi = bootstrap_kappa(y, p)
    cm = confusion_matrix(y, p, labels=[0, 1])
    out = {
        "n": int(len(y)),
        "accuracy": round(float(accuracy_score(y, p)), 3),
        "majority_baseline": round(float(max(y.mean(), 1 - y.mean())), 3),
        "kappa": round(float(k), 3),
        "kappa_95ci": [round(lo, 3), round(hi, 3)],
        "confusion": {
            "label0_pred0": int(cm[0, 0]),
            "label0_pred1": int(cm[0, 1]),
            "label1_pred0": int(cm[1, 0]),
            "label1_pred1": int(cm[1, 1]),
        },
    }
    print(
        f"\n{name}: n={out['n']} accuracy={out['accuracy']} (majority {out['majority_baseline']}) "
        f"kappa={out['kappa']} 95% CI [{lo:.3f}, {hi:.3f}]"
    )
    print("            pred 0  pred 1")
    print(f"  label 0   {cm[0, 0]:6d}  {cm[0, 1]:6d}")
    print(f"  label 1   {cm[1, 0]:6d}  {cm[1, 1]:6d}")
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", help="teddy2020 folder (default: see above)")
    ap.add_argument(
        "--limit", type=int, help="only the first N replies (the labelled rows are the first 100)"
    )
    ap.add_argument(
        "--min-parts",
        type=int,
        default=COMPLETE_MIN_PARTS,
        help="parts needed to call a reply complete",
    )
    ap.add_argument("--repeat", type=int, default=3, help="timing runs (best is reported)")
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args(argv)

    folder = teddy2020_dir(args.data)
    df = pd.read_csv(folder / "messages_with_replies.csv")
    lab = pd.read_csv(folder / "replies_quality_labelled.csv")
    if args.limit:
        df = df.head(args.limit)
    assert (lab["留言编号"].head(len(df)).values == df["留言编号"].values).all(), (
        "files are not aligned"
    )
    replies = df["答复意见"].fillna("").astype(str).tolist()
    subjects = df["留言主题"].fillna("").astype(str).tolist()
    print(
        f"data: {folder}  replies: {len(replies)}  date: {date.today()}  "
        f"python {platform.python_version()}  cpus: {os.cpu_count()}"
    )

    # 1. distribution --------------------------------------------------------------------------------
    reports = [
        check_opinion(t, request=s)
        for t, s in tqdm(zip(replies, subjects, strict=True), total=len(replies), desc="check")
    ]
    n = len(reports)
    parts = {}
    print("\n1. parts present over all replies (request restatement also from the message subject)")
    for name in PARTS:
        k = sum(r.part(name).present for r in reports)
        parts[name] = {"present": k, "share": round(k / n, 4)}
        print(f"  {name:18s} {PART_LABELS[name]:12s} present {k:5d} / {n}  {pct(k / n):>6s}")
    weak_legal = sum(
        (not r.part(LEGAL_BASIS).present) and bool(r.part(LEGAL_BASIS).evidence) for r in reports
    )
    other_remedy = sum(
        (not r.part("remedy").present)
        and any(s.kind == "其他救济途径" for s in r.part("remedy").evidence)
        for r in reports
    )
    partial_remedy = sum(
        (not r.part("remedy").present)
        and any(s.kind == "复查告知" for s in r.part("remedy").evidence)
        for r in reports
    )
    informal = sum(r.part("decision").present and bool(r.part("decision").notes) for r in reports)
    outcomes = Counter(r.outcome.value for r in reports)
    scores = Counter(r.score for r in reports)
    ok_strict = sum(r.ok for r in reports)
    ok_core = sum(r.score == 4 for r in reports)
    print(f"  legal basis only generic ('按照相关规定'): {weak_legal} ({pct(weak_legal / n)})")
    print(f"  decision inferred from informal wording: {informal} ({pct(informal / n)})")
    print(
        f"  remedy: 复查 offered but incomplete {partial_remedy}; only other routes (复议/诉讼/仲裁) {other_remedy}"
    )
    print(f"  outcome: {dict(outcomes.most_common())}")
    print(f"  Art. 32 score (0-4): {dict(sorted(scores.items()))}")
    print(
        f"  all four Art. 32 parts: {ok_core} ({pct(ok_core / n)});  ok incl. remedy: {ok_strict} ({pct(ok_strict / n)})"
    )
    messages = Counter(m.split("：")[0] for r in reports for m in r.messages)
    print(f"  missing-part messages: {dict(messages.most_common())}")

    # 2. agreement with hand labels ----------------------------------------------------------------------
    labelled = lab.head(len(df))
    mask = labelled["完整性指标"].notna().values
    idx = np.flatnonzero(mask)
    result2 = {}
    if len(idx):
        y = labelled["完整性指标"].values[idx].astype(int)
        print(
            f"\n2. agreement with hand labels (rows with 完整性指标: {len(idx)}; label 1 share {y.mean():.2f})"
        )
        print(
            f"   mapping: complete = at least {args.min_parts} of the 4 Art. 32 parts present (remedy ignored)"
        )
        pred = np.array([completeness_prediction(reports[i], args.min_parts) for i in idx])
        result2["completeness"] = agreement("完整性指标 vs completeness_prediction", y, pred)
        for m in (2, 3, 4):
            pm = np.array([completeness_prediction(reports[i], m) for i in idx])
            print(
                f"   min_parts={m}: accuracy {accuracy_score(y, pm):.3f} kappa {cohen_kappa_score(y, pm):.3f}"
            )
            result2[f"min_parts_{m}"] = {
                "accuracy": round(float(accuracy_score(y, pm)), 3),
                "kappa": round(float(cohen_kappa_score(y, pm)), 3),
            }
        score = np.array([reports[i].score for i in idx])
        rho, pval = spearmanr(score, y)
        length = np.array([len(replies[i]) for i in idx])
        rho_len, p_len = spearmanr(length, y)
        print(
            f"   Spearman(score 0-4, 完整性指标) = {rho:.3f} (p={pval:.2g});  reference: Spearman(reply length, label) = {rho_len:.3f}"
        )
        per_part = {}
        for name in CORE_PARTS + ("remedy",):
            has = np.array([reports[i].part(name).present for i in idx])
            r1 = y[has].mean() if has.any() else float("nan")
            r0 = y[~has].mean() if (~has).any() else float("nan")
            per_part[name] = {
                "present": int(has.sum()),
                "label1_if_present": round(float(r1), 3),
                "label1_if_missing": round(float(r0), 3),
            }
            print(
                f"   {name:18s} present in {has.sum():3d}: label-1 share {r1:.2f} if present, {r0:.2f} if missing"
            )
        result2.update(
            spearman_score=round(float(rho), 3),
            spearman_p=float(pval),
            spearman_length=round(float(rho_len), 3),
            per_part=per_part,
        )
        if "可解释性指标" in labelled:
            y2 = labelled["可解释性指标"].values[idx].astype(int)
            p2 = np.array([int(reports[i].part(LEGAL_BASIS).present) for i in idx])
            result2["explainability_vs_legal_basis"] = agreement(
                "可解释性指标 vs legal_basis present", y2, p2
            )

    # 3. delay -----------------------------------------------------------------------------------------
    t0 = pd.to_datetime(df["留言时间"], format="mixed", errors="coerce")
    t1 = pd.to_datetime(df["答复时间"], format="mixed", errors="coerce")
    days = ((t1 - t0).dt.total_seconds() / 86400).dropna()
    neg = int((days < 0).sum())
    d = days[days >= 0]
    result3 = {
        "parsed": int(len(days)),
        "negative_dropped": neg,
        "median_days": round(float(d.median()), 2),
        "mean_days": round(float(d.mean()), 2),
        "p90_days": round(float(d.quantile(0.9)), 2),
        "max_days": round(float(d.max()), 1),
        "over_15_days": round(float((d > 15).mean()), 4),
        "over_60_days": round(float((d > 60).mean()), 4),
    }
    print(
        f"\n3. reply delay over {len(d)} replies (parsed {len(days)}, {neg} with reply before message dropped)"
    )
    print(
        f"   median {result3['median_days']} d, mean {result3['mean_days']} d, p90 {result3['p90_days']} d, "
        f"max {result3['max_days']} d; over 15 d {pct(result3['over_15_days'])}, over 60 d {pct(result3['over_60_days'])}"
    )

    # 4. throughput ------------------------------------------------------------------------------------
    best = float("inf")
    for _ in range(max(1, args.repeat)):
        start = time.perf_counter()
        for t, s in zip(replies, subjects, strict=True):
            check_opinion(t, request=s)
        best = min(best, time.perf_counter() - start)
    chars = sum(map(len, replies))
    result4 = {
        "seconds": round(best, 3),
        "replies_per_second": round(n / best, 1),
        "chars_per_second": round(chars / best),
    }
    print(
        f"\n4. throughput (best of {args.repeat}, one thread): {n} replies in {best:.2f} s = "
        f"{n / best:.0f} replies/s, {chars / best / 1e6:.2f} M chars/s"
    )

    figures = {
        "date": str(date.today()),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "n": n,
        "parts": parts,
        "outcomes": dict(outcomes),
        "scores": {str(k): v for k, v in scores.items()},
        "all_core_parts": ok_core,
        "ok_with_remedy": ok_strict,
        "generic_legal_only": weak_legal,
        "informal_decision": informal,
        "remedy_partial": partial_remedy,
        "remedy_other_routes": other_remedy,
        "agreement": result2,
        "delay": result3,
        "throughput": result4,
    }
    if args.json:
        Path(args.json).write_text(
            json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return figures


if __name__ == "__main__":
    main()
