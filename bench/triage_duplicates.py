"""Duplicate / same-matter detection: quality on labelled real pairs, and speed at one million texts.

    .venv/bin/python bench/triage_duplicates.py [--data-dir DIR] [--pairs bench/data/dup_pairs.csv]
                                                [--scale 1000000] [--queries 300] [--seed 7]

1. Quality. bench/data/dup_pairs.csv holds 410 pairs of messages_with_votes.csv (by 留言编号) labelled
   near_duplicate / same_topic / different (how they were drawn and labelled: docs/triage.md). The index
   is built over all 4,326 messages (so IDF is realistic) and every pair is scored with
   DuplicateIndex.compare at the module's thresholds. Reported: 3-way confusion, precision / recall of
   "near duplicate" and of "same matter" (= near_duplicate or same_topic), a threshold sweep, and a
   2-fold estimate (thresholds chosen on one half of the pairs, measured on the other) because the
   module's thresholds were chosen on this same sample. Then retrieval: for each same-matter pair, is
   the partner among query(text_a, k=5)?
2. Scale. --scale stored texts are synthesised from the real messages (votes, labelled, replies:
   ~11,000 distinct texts): each copies a random real text, splices in a random stretch of another real
   text half of the time, substitutes 5 % of its characters by characters drawn from the corpus's
   character distribution and drops a random tail. Each source text appears ~90 times, so rare n-grams
   have ~90x longer posting lists than in a real archive of that size: query times are pessimistic.
   Entities are extracted once per source text and passed to add_many (jieba at ~450 texts/s would
   take ~40 min for a million). Then --queries lightly perturbed real texts are checked one at a time:
   latency per query, with and without the entity extraction of the query text. Memory: the index's
   arrays and the process's peak RSS. All on one core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from tqdm import tqdm  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from xinfang.triage import dedup as D  # noqa: E402
from xinfang.triage.textdata import load_vote_messages, message_text, require_file, teddy_data_dir  # noqa: E402

KINDS = ["near_duplicate", "same_topic", "different"]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def prf(pred: np.ndarray, pos: np.ndarray) -> tuple[float, float, float]:
    tp = int((pred & pos).sum())
    p = tp / max(int(pred.sum()), 1)
    r = tp / max(int(pos.sum()), 1)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def classify(
    score: np.ndarray, shared: np.ndarray, nd: float, t_ent: float, t_plain: float
) -> np.ndarray:
    return np.where(
        score >= nd,
        "near_duplicate",
        np.where((score >= t_plain) | (shared & (score >= t_ent)), "same_topic", "different"),
    )


def quality(texts: dict[str, str], pairs: pd.DataFrame) -> None:
    print(f"\n== quality on {len(pairs)} labelled pairs ==")
    idx = D.DuplicateIndex()
    t0 = time.perf_counter()
    idx.add_many(list(texts.items()), progress=True)
    print(
        f"index of {len(idx)} messages built in {time.perf_counter() - t0:.1f} s (incl. entity extraction)"
    )
    ms = [
        idx.compare(texts[a], texts[b])
        for a, b in tqdm(zip(pairs.id_a, pairs.id_b, strict=True), total=len(pairs), desc="pairs")
    ]
    score = np.array([m.score for m in ms])
    shared = np.array([bool(m.shared_entities) for m in ms])
    y = pairs.label.to_numpy()
    kind = np.array([m.kind for m in ms])
    kind[kind == "similar"] = "different"
    print("labels:", {k: int((y == k).sum()) for k in KINDS})
    print(
        "mean score by label:",
        {k: round(float(score[y == k].mean()), 3) for k in KINDS},
        " shared entity:",
        {k: round(float(shared[y == k].mean()), 2) for k in KINDS},
    )
    print(
        "\nconfusion (rows = label, columns = predicted kind) at thresholds",
        f"near_dup>={D.NEAR_DUPLICATE_THRESHOLD}, same_topic>={D.SAME_TOPIC_WITHOUT_ENTITY}"
        f" or >={D.SAME_TOPIC_WITH_ENTITY} with a shared entity",
    )
    print(
        pd.crosstab(pd.Series(y, name="label"), pd.Series(kind, name="predicted"))
        .reindex(index=KINDS, columns=KINDS, fill_value=0)
        .to_string()
    )
    p, r, f = prf(kind == "near_duplicate", y == "near_duplicate")
    print(f"near duplicate : precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    p, r, f = prf(kind != "different", y != "different")
    print(
        f"same matter    : precision {p:.3f} recall {r:.3f} F1 {f:.3f}   (near_duplicate or same_topic)"
    )
    rnd = (pairs.candidate_source == "random").to_numpy()
    print(
        f"random pairs called same matter: {int((kind != 'different')[rnd].sum())} of {int(rnd.sum())}"
    )

    print("\nthreshold sweep (score only, no entity rule)")
    print(" threshold | near-dup P    R     | same-matter P    R")
    for th in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.8, 0.9):
        p1, r1, _ = prf(score >= th, y == "near_duplicate")
        p2, r2, _ = prf(score >= th, y != "different")
        print(f"   {th:5.2f}   |   {p1:.3f}   {r1:.3f}   |   {p2:.3f}   {r2:.3f}")

    # 2-fold: choose the three thresholds on one half by F1, measure on the other
    rng = np.random.default_rng(0)
    half = rng.permutation(len(y)) % 2 == 0
    grid_nd = np.arange(0.3, 0.95, 0.01)
    grid = [
        (tp, te)
        for tp in np.arange(0.1, 0.6, 0.01)
        for te in np.arange(0.04, 0.3, 0.02)
        if te <= tp
    ]
    res = []
    for fit in (half, ~half):
        ev = ~fit
        nd = max(grid_nd, key=lambda t: prf(score[fit] >= t, y[fit] == "near_duplicate")[2])
        tp, te = max(
            grid,
            key=lambda g: prf(
                ((score >= g[0]) | (shared & (score >= g[1])))[fit], (y != "different")[fit]
            )[2],
        )
        k = classify(score[ev], shared[ev], nd, te, tp)
        res.append(
            prf(k == "near_duplicate", y[ev] == "near_duplicate")
            + prf(k != "different", y[ev] != "different")
        )
    r = np.mean(res, axis=0)
    print(
        f"\n2-fold (thresholds fitted on the other half): near dup P {r[0]:.3f} R {r[1]:.3f} F1 {r[2]:.3f};"
        f" same matter P {r[3]:.3f} R {r[4]:.3f} F1 {r[5]:.3f}"
    )

    # retrieval: does query() surface the partner?
    pos = pairs[pairs.label != "different"]
    hits = {"near_duplicate": [0, 0, 0], "same_topic": [0, 0, 0]}
    for a, b, lab in zip(pos.id_a, pos.id_b, pos.label, strict=True):
        for src, dst in ((a, b), (b, a)):
            found = [m.doc_id for m in idx.query(texts[src], k=20, exclude=[src])]
            hits[lab][0] += dst in found[:5]
            hits[lab][1] += dst in found
            hits[lab][2] += 1
    for lab, (h5, h20, n) in hits.items():
        print(
            f"retrieval ({n} queries, both directions): {lab:14s} partner in top 5 of query(): {h5 / n:.3f},"
            f" in top 20: {h20 / n:.3f}"
        )


def synth(real: list[str], n: int, rng: np.random.Generator) -> tuple[list[str], np.ndarray]:
    chars = np.frombuffer("".join(real).encode("utf-32-le"), dtype=np.uint32)
    out = []
    src = rng.integers(0, len(real), n)
    for i in tqdm(range(n), desc="synthesise", unit="doc", mininterval=2):
        t = real[src[i]]
        if rng.random() < 0.5:
            other = real[rng.integers(0, len(real))]
            s = int(rng.integers(0, max(len(other) - 60, 1)))
            cut = int(rng.integers(0, len(t) + 1))
            t = t[:cut] + other[s : s + int(rng.integers(20, 120))] + t[cut:]
        a = np.frombuffer(t.encode("utf-32-le"), dtype=np.uint32).copy()
        m = rng.random(len(a)) < 0.05
        a[m] = chars[rng.integers(0, len(chars), int(m.sum()))]
        keep = int(len(a) * rng.uniform(0.6, 1.0)) if len(a) > 40 else len(a)
        out.append(a[:keep].tobytes().decode("utf-32-le"))
    return out, src


def scale(real: list[str], n: int, n_queries: int, seed: int) -> None:
    print(f"\n== scale: {n:,} stored texts, {n_queries} queries, one core ==")
    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    ents_real = [
        D.extract_entities(t) for t in tqdm(real, desc="entities of source texts", mininterval=2)
    ]
    print(f"entity extraction: {len(real) / (time.perf_counter() - t0):.0f} texts/s")
    docs, src = synth(real, n, rng)
    rss0 = peak_mb()
    idx = D.DuplicateIndex()
    t0 = time.perf_counter()
    idx.add_many(list(enumerate(docs)), entities=[ents_real[s] for s in src], progress=True)
    idx.compact()
    build = time.perf_counter() - t0
    st = idx.stats()
    del docs
    print(
        f"build: {build:.0f} s ({n / build:,.0f} texts/s, entities given); postings {st['postings']:,};"
        f" index arrays {st['array_bytes'] / 2**20:,.0f} MiB; process peak RSS {peak_mb():,.0f} MiB"
        f" (before building: {rss0:,.0f} MiB)"
    )

    # queries: real texts lightly perturbed (so each has near-duplicates stored)
    qsrc = rng.integers(0, len(real), n_queries)
    queries = []
    for s in qsrc:
        a = np.frombuffer(real[s].encode("utf-32-le"), dtype=np.uint32).copy()
        m = rng.random(len(a)) < 0.02
        a[m] = ord("某")
        queries.append(a.tobytes().decode("utf-32-le"))
    idx.query(queries[0])  # warm up (jieba dictionary)
    lat, lat_ent = [], []
    found = 0
    for q, s in tqdm(list(zip(queries, qsrc, strict=True)), desc="query", unit="q"):
        t1 = time.perf_counter()
        D.extract_entities(q)
        t2 = time.perf_counter()
        res = idx.query(q, k=5)
        t3 = time.perf_counter()
        lat.append(t3 - t2 - (t2 - t1))  # query() extracts entities itself: subtract that part
        lat_ent.append(t3 - t2)
        found += any(src[m.doc_id] == s for m in res)
    lat_ms, ent_ms = np.array(lat) * 1e3, np.array(lat_ent) * 1e3
    print(
        f"query latency incl. entity extraction: mean {ent_ms.mean():.1f} ms, median {np.median(ent_ms):.1f},"
        f" p95 {np.percentile(ent_ms, 95):.1f}, max {ent_ms.max():.1f}"
    )
    print(
        f"  of which index search (approx.): mean {lat_ms.mean():.1f} ms, median {np.median(lat_ms):.1f},"
        f" p95 {np.percentile(lat_ms, 95):.1f}"
    )
    print(f"  a stored variant of the query's source text in the top 5: {found}/{n_queries}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--data-dir",
        default=None,
        help="teddy2020 folder (default: $XINFANG_SHARED_DATA/teddy2020)",
    )
    ap.add_argument("--pairs", default=str(Path(__file__).parent / "data" / "dup_pairs.csv"))
    ap.add_argument(
        "--scale", type=int, default=1_000_000, help="stored texts for the speed test (0: skip)"
    )
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--skip-quality", action="store_true", help="only the speed test")
    args = ap.parse_args()
    data = teddy_data_dir(args.data_dir)
    print(
        f"# triage_duplicates  {dt.datetime.now():%Y-%m-%d %H:%M}  {platform.processor() or platform.machine()}"
        f"  cores={os.cpu_count()}  python {platform.python_version()}  data={data}"
    )
    rows = load_vote_messages(data)
    texts = {r["留言编号"]: message_text(r["留言主题"], r["留言详情"]) for r in rows}
    pairs = pd.read_csv(args.pairs, dtype={"id_a": str, "id_b": str})
    if not args.skip_quality:
        quality(texts, pairs)
    if args.scale:
        real = list(texts.values())
        for name in ("messages_labelled.csv", "messages_with_replies.csv"):
            try:
                extra = pd.read_csv(require_file(name, data))
            except FileNotFoundError:
                continue
            real += [
                message_text(t if isinstance(t, str) else "", b)
                for t, b in zip(extra["留言主题"], extra["留言详情"], strict=True)
            ]
        real = list(dict.fromkeys(real))
        print(f"\n{len(real):,} distinct real texts as sources")
        scale(real, args.scale, args.queries, args.seed)


if __name__ == "__main__":
    main()
