"""Compare spike-detection methods on real daily petition series with injected outbreaks.

    .venv/bin/python bench/warning_outbreaks.py [--data DIR] [--reps 3000] [--seed 2020]
                                                [--target-fa 6] [--json out.json]

Real series (messages_with_votes.csv, days 2019-01-01 .. 2020-01-07 = 372 days; the file thins out
after 2020-01-08):
  * overall daily count (1 series, ~11/day);
  * per district: the first "A<n>区/县" in title + body (A1..A8; 1,696 messages name none), 8 series,
    0.3 .. 2/day;
  * per first-level category (7 classes: 城乡建设, 劳动和社会保障, ...): messages_with_votes has no label, so
    a TF-IDF (character 1-3-grams) + LinearSVC model trained on messages_labelled.csv (4,216 labelled
    messages) assigns one; 7 series, 0.5 .. 3/day.
Injection (fixed seed): each replication takes one of the 16 series at random, a start day uniform in
[100, 372 - d), a duration d in {1, 3, 7, 14}, a shape (flat; ramp up linearly; spike then halve each
day) and a size c in {1, 2, 3}: c * sd(series) * d extra cases in total (at least 1 per outbreak day),
spread over the days by the shape (multinomial).  All methods see the same injected matrix.
Per method: detection rate (any alarm on an outbreak day), median days from outbreak start to the
first alarm (0 = first day), and false alarms per series-year = alarms on evaluated days (>= day 100)
outside the outbreak, per 365 such days.  Real bursts in the data (e.g. 丽发新城 in A2区) also count as
"false" here, so these are upper bounds.
Two runs: CDC/default thresholds, then thresholds calibrated so each method gives --target-fa alarms
per series-year on the un-injected series (same evaluated days), i.e. compared at equal false-alarm rate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from xinfang.warning import detection as D  # noqa: E402
from xinfang.warning.hotissues import shared_data_dir  # noqa: E402

START, END = dt.date(2019, 1, 1), dt.date(2020, 1, 7)
BURN_IN = 100
DURATIONS = (1, 3, 7, 14)
SHAPES = ("flat", "ramp", "decay")
SIZES = (1, 2, 3)


def real_series(data_dir: Path):
    v = pd.read_csv(data_dir / "messages_with_votes.csv")
    v["day"] = pd.to_datetime(v["留言时间"], format="mixed").dt.date
    text = (v["留言主题"].fillna("") + "。" + v["留言详情"].fillna("")).tolist()
    v["district"] = [(re.search(r"A\d+[区县]", t) or [None])[0] for t in text]
    lab = pd.read_csv(data_dir / "messages_labelled.csv")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    ltext = (lab["留言主题"].fillna("") + "。" + lab["留言详情"].fillna("")).str[:400]
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True, max_features=200000)
    clf = LinearSVC(C=0.5).fit(vec.fit_transform(ltext), lab["一级标签"])
    v["category"] = clf.predict(vec.transform([t[:400] for t in text]))
    days = pd.date_range(START, END).date
    idx = {d: i for i, d in enumerate(days)}
    v = v[v["day"].isin(idx)]
    names, rows = [], []

    def add(name, sub):
        y = np.zeros(len(days), dtype=np.int64)
        for d, c in sub["day"].value_counts().items():
            y[idx[d]] = c
        names.append(name)
        rows.append(y)

    add("all", v)
    for dname in sorted(x for x in v["district"].dropna().unique()):
        add(f"district:{dname}", v[v["district"] == dname])
    for c in sorted(v["category"].unique()):
        add(f"category:{c}", v[v["category"] == c])
    return list(days), names, np.array(rows)


def inject(Y, reps, seed):
    rng = np.random.default_rng(seed)
    n_s, T = Y.shape
    sd = Y[:, BURN_IN:].std(axis=1)
    X = np.empty((reps, T), dtype=np.int64)
    meta = []
    for r in range(reps):
        s = int(rng.integers(n_s))
        d = int(rng.choice(DURATIONS))
        shape = str(rng.choice(SHAPES))
        c = int(rng.choice(SIZES))
        start = int(rng.integers(BURN_IN, T - d))
        total = max(d, int(round(c * sd[s] * d)))
        if shape == "flat":
            w = np.ones(d)
        elif shape == "ramp":
            w = np.arange(1, d + 1, dtype=float)
        else:
            w = 0.5 ** np.arange(d)
        extra = 1 + rng.multinomial(total - d, w / w.sum())
        X[r] = Y[s]
        X[r, start:start + d] += extra
        meta.append(dict(series=s, d=d, shape=shape, size=c, start=start, total=total))
    return X, meta


def evaluate(res, meta, T):
    n = len(meta)
    detected = np.zeros(n, dtype=bool)
    delay = np.full(n, np.nan)
    fa = np.zeros(n)
    fa_days = np.zeros(n)
    ev = np.zeros(T, dtype=bool)
    ev[BURN_IN:] = True
    for r, m in enumerate(meta):
        a = res.alarm[r]
        win = slice(m["start"], m["start"] + m["d"])
        hits = np.flatnonzero(a[win])
        if hits.size:
            detected[r] = True
            delay[r] = hits[0]
        outside = ev.copy()
        outside[win] = False
        fa[r] = (a & outside).sum()
        fa_days[r] = outside.sum()
    return detected, delay, fa.sum() / fa_days.sum() * 365.0


def summarise(name, det, delay, fa_rate, meta):
    out = dict(
        method=name,
        detection_rate=float(det.mean()),
        median_days_to_detect=float(np.nanmedian(delay)) if det.any() else None,
        mean_days_to_detect=float(np.nanmean(delay)) if det.any() else None,
        false_alarms_per_series_year=float(fa_rate),
    )
    for key, vals in (("size", SIZES), ("d", DURATIONS), ("shape", SHAPES)):
        for val in vals:
            sel = np.array([m[key] == val for m in meta])
            out[f"det_{key}={val}"] = float(det[sel].mean())
    return out


def run(Y, X, meta, dates, params_by_method):
    rows = []
    for name, params in params_by_method.items():
        t0 = time.perf_counter()
        res = D.detect_matrix(X, dates, name, **params)
        det, delay, fa = evaluate(res, meta, X.shape[1])
        row = summarise(name, det, delay, fa, meta)
        row["params"] = params
        row["seconds"] = round(time.perf_counter() - t0, 2)
        rows.append(row)
    return rows


def print_table(title, rows):
    print(f"\n## {title}")
    print(f"{'method':6} {'param':>14} {'det%':>6} {'med d':>5} {'mean d':>6} {'FA/yr':>6}  "
          f"{'det% size=1/2/3':>17}  {'det% d=1/3/7/14':>20}  {'s':>5}")
    for r in rows:
        p = ",".join(f"{k}={v:.3g}" for k, v in r["params"].items()) or "default"
        sz = "/".join(f"{100 * r[f'det_size={s}']:.0f}" for s in SIZES)
        du = "/".join(f"{100 * r[f'det_d={d}']:.0f}" for d in DURATIONS)
        med = r["median_days_to_detect"]
        mean = r["mean_days_to_detect"]
        print(f"{r['method']:6} {p:>14} {100 * r['detection_rate']:6.1f} {med if med is not None else float('nan'):5.1f} "
              f"{mean if mean is not None else float('nan'):6.2f} {r['false_alarms_per_series_year']:6.1f}  {sz:>17}  {du:>20}  "
              f"{r['seconds']:5.1f}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=None)
    ap.add_argument("--reps", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=2020)
    ap.add_argument("--target-fa", type=float, default=6.0, help="false alarms per series-year for calibration")
    ap.add_argument("--json", default=None)
    a = ap.parse_args(argv)
    t_all = time.perf_counter()
    dates, names, Y = real_series(shared_data_dir(a.data))
    print(f"# {len(names)} real series x {len(dates)} days ({dates[0]} .. {dates[-1]}), evaluated from day {BURN_IN}; "
          f"{a.reps} replications, seed {a.seed}; {platform.machine()} {os.cpu_count()} cores, {dt.date.today()}")
    for n_, y in zip(names, Y, strict=True):
        print(f"#   {n_:24} mean {y[BURN_IN:].mean():5.2f}/day  sd {y[BURN_IN:].std():5.2f}")
    X, meta = inject(Y, a.reps, a.seed)

    # clean-series false-alarm rates with default thresholds
    ev = np.zeros(Y.shape[1], dtype=bool)
    ev[BURN_IN:] = True
    print("\n## un-injected real series, default thresholds: alarms per series-year (all alarms count)")
    for m in D.METHODS:
        r = D.false_alarm_rate(Y, dates, m, exclude=~ev)
        print(f"  {m:6} {r.per_year:6.1f}   ({r.n_alarms} alarms / {r.n_days} series-days)")

    defaults = {m: {} for m in D.METHODS}
    rows_default = run(Y, X, meta, dates, defaults)
    print_table("default thresholds (CDC C1/C2 3, C3 2; CUSUM k=0.5 h=4; GLM alpha=0.01)", rows_default)

    calibrated = {}
    for m, spec in D.METHODS.items():
        calibrated[m] = {spec.sensitivity: D.calibrate_threshold(Y, dates, m, a.target_fa, exclude=~ev)}
    rows_cal = run(Y, X, meta, dates, calibrated)
    print_table(f"thresholds calibrated to {a.target_fa:g} false alarms per series-year on the un-injected series", rows_cal)
    print(f"\n# total {time.perf_counter() - t_all:.0f} s")
    if a.json:
        Path(a.json).write_text(json.dumps(dict(default=rows_default, calibrated=rows_cal, series=names,
                                                reps=a.reps, seed=a.seed), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
