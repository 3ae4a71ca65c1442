"""Time to recompute all warnings for one million cases (one core).

    .venv/bin/python bench/warning_scale.py [--data DIR] [--cases 1000000] [--seed 7]
                                            [--methods glm,c1,c2,c3,cusum] [--min-count 3] [--chunk 20000]

Synthesis of the case rows (date, category, place, entity) from the real data
(messages_with_votes.csv, 4,326 messages):
  * each synthetic case copies a real message drawn at random (bootstrap), which fixes jointly its
    first-level category (TF-IDF + LinearSVC trained on messages_labelled.csv, as in
    warning_outbreaks.py), its district (first "A<n>区/县" in the text, else "unknown") and its primary
    entity (xinfang.warning.hotissues.primary_entities; about half the messages have one);
  * the category is refined to a third-level category of taxonomy.csv under that first-level label,
    Zipf-weighted (p ~ 1/rank) -- the real messages carry no finer label;
  * the place is the district plus one of 15 streets, Zipf-weighted;
  * a city with a million cases has more estates than the sample: each real entity is split into 20
    variants (uniform), e.g. 丽发新城#7;
  * the date is drawn from the real daily distribution of 2019-01-01 .. 2020-01-07 (372 days; keeps
    the weekday and holiday profile).
Series: every (category, place, entity) leaf (entity may be empty), plus the roll-ups category,
district, (first-level category, district) and entity.  A series whose total is below --min-count
cannot alarm (alarms need >= min-count cases that day) and is skipped -- exact, not an approximation.
Each method runs on all kept series in chunks of --chunk rows.  Peak memory = peak RSS of the process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import resource
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from xinfang.warning import detection as D  # noqa: E402
from xinfang.warning.hotissues import load_messages, primary_entities, shared_data_dir  # noqa: E402

START, END = dt.date(2019, 1, 1), dt.date(2020, 1, 7)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def real_rows(data_dir: Path):
    msgs = load_messages(data_dir)
    text = [m.title + "。" + m.body for m in msgs]
    district = [(re.search(r"A\d+[区县]", t) or ["unknown"])[0] for t in text]
    lab = pd.read_csv(data_dir / "messages_labelled.csv")
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    ltext = (lab["留言主题"].fillna("") + "。" + lab["留言详情"].fillna("")).str[:400]
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True, max_features=200000)
    clf = LinearSVC(C=0.5).fit(vec.fit_transform(ltext), lab["一级标签"])
    cat1 = clf.predict(vec.transform([t[:400] for t in text]))
    ent = primary_entities(msgs)
    days = [m.day for m in msgs]
    return cat1, np.array(district), ent, days


def synthesize(n, seed, data_dir):
    rng = np.random.default_rng(seed)
    cat1, district, ent, mdays = real_rows(data_dir)
    tax = pd.read_csv(data_dir / "taxonomy.csv")
    days = pd.date_range(START, END).date
    T = len(days)
    dix = {d: i for i, d in enumerate(days)}
    day_counts = np.bincount([dix[d] for d in mdays if d in dix], minlength=T).astype(float)

    pick = rng.integers(len(cat1), size=n)
    # category -> third level, Zipf within the first-level label
    cat1_names = sorted(set(cat1))
    cat_names: list[str] = []
    cat = np.empty(n, dtype=np.int32)
    c1_of_pick = np.array([cat1_names.index(c) for c in cat1])[pick]
    c1_code = c1_of_pick.astype(np.int16)
    for k, c1 in enumerate(cat1_names):
        kids = tax.loc[tax["一级分类"] == c1, "三级分类"].drop_duplicates().tolist() or [c1]
        w = 1.0 / np.arange(1, len(kids) + 1)
        sel = np.flatnonzero(c1_of_pick == k)
        cat[sel] = len(cat_names) + rng.choice(len(kids), size=sel.size, p=w / w.sum())
        cat_names += [f"{c1}/{x}" for x in kids]
    # place = district x street (Zipf over 15)
    dnames = sorted(set(district))
    d_code = np.array([dnames.index(x) for x in district], dtype=np.int16)[pick]
    w = 1.0 / np.arange(1, 16)
    street = rng.choice(15, size=n, p=w / w.sum()).astype(np.int16)
    place = d_code.astype(np.int32) * 15 + street
    # entity: real primary entity x 20 variants; -1 = none
    enames = sorted({e for e in ent if e})
    e_of_msg = np.array([enames.index(e) if e else -1 for e in ent], dtype=np.int32)
    e_pick = e_of_msg[pick]
    entity = np.where(e_pick >= 0, e_pick * 20 + rng.integers(20, size=n), -1).astype(np.int32)
    day = rng.choice(T, size=n, p=day_counts / day_counts.sum()).astype(np.int16)
    info = dict(n_categories=len(cat_names), n_places=len(dnames) * 15, n_entities=len(enames) * 20,
                share_with_entity=float((entity >= 0).mean()))
    return dict(day=day, cat=cat, c1=c1_code, district=d_code, place=place, entity=entity), list(days), info


def series_matrix(keys: np.ndarray, day: np.ndarray, T: int, min_count: int):
    """Daily counts for every distinct key; drop series with total < min_count."""
    uniq, inv = np.unique(keys, return_inverse=True)
    totals = np.bincount(inv, minlength=uniq.size)
    keep = totals >= min_count
    remap = np.full(uniq.size, -1, dtype=np.int64)
    remap[keep] = np.arange(keep.sum())
    r = remap[inv]
    ok = r >= 0
    counts = np.bincount(r[ok] * T + day[ok], minlength=int(keep.sum()) * T).reshape(-1, T)
    return counts, int(uniq.size)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=None)
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--methods", default="glm,glm-pooled,c1,c2,c3,cusum")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--chunk", type=int, default=20000)
    a = ap.parse_args(argv)
    data_dir = shared_data_dir(a.data)
    print(f"# {platform.machine()} {os.cpu_count()} cores, one thread (OMP_NUM_THREADS=1), {dt.date.today()}")

    t0 = time.perf_counter()
    cols, dates, info = synthesize(a.cases, a.seed, data_dir)
    T = len(dates)
    t_syn = time.perf_counter() - t0
    print(f"synthesis of {a.cases:,} cases over {T} days: {t_syn:.1f} s (incl. entity extraction and the "
          f"category model on the real data); {info}")

    t1 = time.perf_counter()
    c, p, e, d = (cols[k].astype(np.int64) for k in ("cat", "place", "entity", "day"))
    E = int(e.max()) + 2
    P = int(p.max()) + 1
    levels = {
        "leaf (category, place, entity)": (c * P + p) * E + (e + 1),
        "category": c,
        "district": cols["district"].astype(np.int64),
        "(first-level category, district)": cols["c1"].astype(np.int64) * 100 + cols["district"],
        "entity": np.where(e >= 0, e, -1),
    }
    mats, n_all = [], 0
    for name, k in levels.items():
        if name == "entity":
            sel = e >= 0
            m, nu = series_matrix(k[sel], d[sel], T, a.min_count)
        else:
            m, nu = series_matrix(k, d, T, a.min_count)
        n_all += nu
        mats.append(m)
        print(f"  {name:34} {nu:8,} series, {m.shape[0]:8,} with >= {a.min_count} cases")
    Y = np.concatenate(mats).astype(np.float64)
    del mats
    t_agg = time.perf_counter() - t1
    print(f"aggregation: {t_agg:.1f} s; {n_all:,} series in all, {Y.shape[0]:,} evaluated "
          f"({Y.nbytes / 2**20:.0f} MiB as float64); peak RSS so far {peak_mb():.0f} MiB")

    for method in a.methods.split(","):
        name, params = method, {"min_count": a.min_count}
        if method == "glm-pooled":
            name, params = "glm", {**params, "pooled": True}
        t2 = time.perf_counter()
        n_alarm = n_today = 0
        for s in range(0, Y.shape[0], a.chunk):
            res = D.detect_matrix(Y[s:s + a.chunk], dates, name, **params)
            n_alarm += int(res.alarm.sum())
            n_today += int(res.alarm[:, -1].sum())
            del res
        dt_m = time.perf_counter() - t2
        print(f"{method:11} {dt_m:7.1f} s  ({dt_m / Y.shape[0] * 1e3:.2f} ms/series)  alarms {n_alarm:,} over {T} days, "
              f"{n_today:,} on the last day; peak RSS {peak_mb():.0f} MiB")
    print(f"# total {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
