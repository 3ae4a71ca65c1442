"""Petition text classifier: cross-validated quality, speed on one core, size, confidence thresholds.

    .venv/bin/python bench/triage_classifier.py [--data-dir DIR] [--folds 5] [--seed 0]
                                                [--grouped] [--experiments] [--variants]

Data: messages_labelled.csv (4,216 messages, title + body → 7 first-level labels). Stratified k-fold
cross-validation; everything (vectoriser vocabulary, IDF, SVM, calibration) is fitted inside each
training fold by xinfang.triage.textmodel.train. The data has no exact duplicate texts; near duplicates
(cosine ≥ 0.8 of char 1-2-gram TF-IDF, e.g. the same letter with and without its title) are counted and,
with --grouped, kept in the same fold (StratifiedGroupKFold) to show how much they inflate the score.
--experiments also runs the alternatives compared in docs/triage.md (slower: a few minutes).

Reported: accuracy and macro-F1 (mean ± sd over folds), per-class F1, training time, prediction speed
on one core (batch predict() with evidence, label-only fast path, and one message at a time), model
size on disk, calibration (expected calibration error), and the coverage / accuracy table: for each
confidence threshold, the share of messages handled automatically and the accuracy on them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402
from scipy.sparse.csgraph import connected_components  # noqa: E402
from sklearn.metrics import accuracy_score, f1_score  # noqa: E402
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold  # noqa: E402
from tqdm import tqdm  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from xinfang.triage.textdata import message_text, teddy_data_dir  # noqa: E402
from xinfang.triage.textfeatures import CharNgramVectorizer  # noqa: E402
from xinfang.triage.textmodel import (  # noqa: E402
    DEFAULT_THRESHOLD,
    TextClassifier,
    accuracy_by_threshold,
    load_labelled_messages,
    train,
)

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def near_duplicate_groups(texts: list[str], threshold: float = 0.8) -> tuple[np.ndarray, int]:
    x = CharNgramVectorizer((1, 2), min_df=1).fit_transform(texts)
    sim = (x @ x.T).tocsr()
    sim.data[sim.data < threshold] = 0
    sim.eliminate_zeros()
    n_groups, groups = connected_components(sim, directed=False)
    pairs = (sim.nnz - len(texts)) // 2
    return groups, pairs


def ece(conf: np.ndarray, ok: np.ndarray, bins: int = 10) -> float:
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            total += m.mean() * abs(conf[m].mean() - ok[m].mean())
    return total


def run_cv(texts: list[str], labels: list[str], splits, progress: bool = True) -> dict:
    y = np.array(labels)
    classes = sorted(set(labels))
    oof_label = np.empty(len(y), dtype=object)
    oof_conf = np.zeros(len(y))
    f1s, accs, per_class, train_s, pred_rate, label_rate = [], [], [], [], [], []
    model = None
    for _k, (tr, te) in enumerate(tqdm(splits, desc="folds", unit="fold", disable=not progress)):
        t0 = time.perf_counter()
        model = train([texts[i] for i in tr], [labels[i] for i in tr])
        train_s.append(time.perf_counter() - t0)
        test = [texts[i] for i in te]
        t0 = time.perf_counter()
        preds = model.predict(test)
        pred_rate.append(len(test) / (time.perf_counter() - t0))
        t0 = time.perf_counter()
        model.predict_labels(test)
        label_rate.append(len(test) / (time.perf_counter() - t0))
        p = np.array([q.label for q in preds])
        oof_label[te] = p
        oof_conf[te] = [q.confidence for q in preds]
        f1s.append(f1_score(y[te], p, average="macro"))
        accs.append(accuracy_score(y[te], p))
        per_class.append(f1_score(y[te], p, labels=classes, average=None))
    return {
        "classes": classes,
        "f1": np.array(f1s),
        "acc": np.array(accs),
        "per_class": np.array(per_class),
        "train_s": np.array(train_s),
        "pred_rate": np.array(pred_rate),
        "label_rate": np.array(label_rate),
        "oof_label": oof_label,
        "oof_conf": oof_conf,
        "last_model": model,
        "y": y,
    }


def report(name: str, r: dict) -> None:
    print(f"\n== {name} ==")
    print(f"accuracy  {r['acc'].mean():.4f} ± {r['acc'].std():.4f}")
    print(
        f"macro-F1  {r['f1'].mean():.4f} ± {r['f1'].std():.4f}   (folds: {', '.join(f'{v:.3f}' for v in r['f1'])})"
    )
    print("per-class F1:")
    for c, v in zip(r["classes"], r["per_class"].mean(axis=0), strict=True):
        n = int((r["y"] == c).sum())
        print(f"  {c:8s} {v:.3f}  (n={n})")
    print(f"train time per fold: {r['train_s'].mean():.1f} s (incl. 3-fold calibration)")
    print(
        f"predict() with evidence: {r['pred_rate'].mean():,.0f} messages/s;"
        f" label only: {r['label_rate'].mean():,.0f} messages/s (one core, batches of one fold)"
    )
    ok = r["oof_label"] == r["y"]
    print(
        f"calibration: mean confidence {r['oof_conf'].mean():.3f} vs accuracy {ok.mean():.3f};"
        f" ECE {ece(r['oof_conf'], ok):.3f}"
    )
    print("coverage / accuracy by confidence threshold (out-of-fold):")
    print("  threshold  automatic  accuracy(automatic)  to a human")
    for row in accuracy_by_threshold(r["oof_conf"], ok, THRESHOLDS):
        mark = "  <- DEFAULT_THRESHOLD" if abs(row["threshold"] - DEFAULT_THRESHOLD) < 1e-9 else ""
        print(
            f"    {row['threshold']:.1f}      {row['coverage']:6.1%}      {row['accuracy']:.4f}"
            f"            {row['to_human']:6.1%}{mark}"
        )


def experiments(texts: list[str], labels: list[str], splits) -> None:
    """The alternatives compared before choosing the model (docs/triage.md, 'what was tried')."""
    import jieba
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression, SGDClassifier
    from sklearn.naive_bayes import ComplementNB
    from sklearn.svm import LinearSVC

    jieba.setLogLevel(60)
    y = np.array(labels)
    toks = [jieba.lcut(t) for t in tqdm(texts, desc="jieba", mininterval=2)]

    def char13():
        return TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, sublinear_tf=True)

    def words():
        return TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True)

    configs = {
        "sklearn char 1-3 + LinearSVC C=1": ([("t", char13)], lambda: LinearSVC(C=1)),
        "sklearn char 1-3 + jieba words + LinearSVC C=1": (
            [("t", char13), ("w", words)],
            lambda: LinearSVC(C=1),
        ),
        "char 1-3 + words + LogisticRegression C=30": (
            [("t", char13), ("w", words)],
            lambda: LogisticRegression(C=30, max_iter=2000),
        ),
        "char 1-3 + words + SGD modified_huber": (
            [("t", char13), ("w", words)],
            lambda: SGDClassifier(loss="modified_huber", alpha=2e-5, random_state=0),
        ),
        "char 1-3 + words + ComplementNB": (
            [("t", char13), ("w", words)],
            lambda: ComplementNB(alpha=0.1),
        ),
        "numpy char 1-2 + LinearSVC C=2 (chosen, uncalibrated)": (
            [("f", lambda: CharNgramVectorizer((1, 2), 2))],
            lambda: LinearSVC(C=2),
        ),
        "numpy char 1-3 + LinearSVC C=1": (
            [("f", lambda: CharNgramVectorizer((1, 3), 2))],
            lambda: LinearSVC(C=1),
        ),
        "numpy char 1-2 + LinearSVC C=2 class_weight=balanced": (
            [("f", lambda: CharNgramVectorizer((1, 2), 2))],
            lambda: LinearSVC(C=2, class_weight="balanced"),
        ),
        "numpy char 1-2 + LinearSVC C=1": (
            [("f", lambda: CharNgramVectorizer((1, 2), 2))],
            lambda: LinearSVC(C=1),
        ),
        "numpy char 1-2 + LinearSVC C=4": (
            [("f", lambda: CharNgramVectorizer((1, 2), 2))],
            lambda: LinearSVC(C=4),
        ),
        "numpy char 1-2, first 300 characters + LinearSVC C=2": (
            [("f", lambda: CharNgramVectorizer((1, 2), 2, max_len=300))],
            lambda: LinearSVC(C=2),
        ),
    }
    print("\n== alternatives (same folds; uncalibrated; fit inside folds) ==")
    print(f"  {'model':58s} accuracy  macro-F1 ± sd")
    for name, (feats, mk) in configs.items():
        f1s, accs = [], []
        for tr, te in tqdm(splits, desc=name[:30], leave=False):
            xtr, xte = [], []
            for kind, make in feats:
                v = make()
                src = toks if kind == "w" else texts
                xtr.append(v.fit_transform([src[i] for i in tr]))
                xte.append(v.transform([src[i] for i in te]))
            clf = mk().fit(hstack(xtr).tocsr(), y[tr])
            p = clf.predict(hstack(xte).tocsr())
            f1s.append(f1_score(y[te], p, average="macro"))
            accs.append(accuracy_score(y[te], p))
        print(f"  {name:58s} {np.mean(accs):.4f}    {np.mean(f1s):.4f} ± {np.std(f1s):.4f}")


def variants(texts: list[str], labels: list[str], data: Path, skf, sgk) -> None:
    """Issue-3 follow-up: more variants, each on the plain AND the grouped folds (uncalibrated).

    Title as a separate feature block, char 1-4 grams with max_df, vocabulary/IDF fitted with the
    unlabelled messages of messages_with_votes.csv + messages_with_replies.csv, pseudo-labelling of those
    messages, LogisticRegression, an SVM + LR ensemble, and fastText (only if ``fasttext`` is importable:
    ``pip install fasttext-wheel``; not a project dependency). Takes about 16 minutes on one core.
    """
    from scipy.sparse import hstack, vstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    from xinfang.triage.textdata import LABELLED_FILE, VOTES_FILE, _rows
    from xinfang.triage.textfeatures import normalize_text

    y = np.array(labels)
    titles = [normalize_text(r.get("留言主题")) or "_" for r in _rows(data / LABELLED_FILE)]
    unl = [
        message_text(r.get("留言主题"), r.get("留言详情"))
        for f in (VOTES_FILE, "messages_with_replies.csv")
        for r in _rows(data / f)
    ]
    norm = [normalize_text(t) for t in texts]
    print(
        f"\n== variants (same folds, plain and grouped; uncalibrated) — {len(unl)} unlabelled messages =="
    )
    print(f"  {'model':58s} plain macro-F1     grouped macro-F1")

    def char12(min_df: int = 2) -> CharNgramVectorizer:
        return CharNgramVectorizer((1, 2), min_df)

    def body_title(c: float, w: float = 1.0):
        def fp(tr, te):
            v1, v2 = char12(), char12(1)
            a = v1.fit_transform([texts[i] for i in tr])
            b = v2.fit_transform([titles[i] for i in tr])
            clf = LinearSVC(C=c).fit(hstack([a, w * b]).tocsr(), y[tr])
            xte = hstack(
                [v1.transform([texts[i] for i in te]), w * v2.transform([titles[i] for i in te])]
            )
            return clf.predict(xte.tocsr())

        return fp

    def sk_char(lo: int, hi: int, c: float):
        def fp(tr, te):
            v = TfidfVectorizer(
                analyzer="char", ngram_range=(lo, hi), min_df=2, max_df=0.5, sublinear_tf=True
            )
            clf = LinearSVC(C=c).fit(v.fit_transform([norm[i] for i in tr]), y[tr])
            return clf.predict(v.transform([norm[i] for i in te]))

        return fp

    def unlabelled_idf(tr, te):
        v = char12().fit([texts[i] for i in tr] + unl)
        clf = LinearSVC(C=2).fit(v.transform([texts[i] for i in tr]), y[tr])
        return clf.predict(v.transform([texts[i] for i in te]))

    def pseudo(margin: float):
        def fp(tr, te):
            v = char12().fit([texts[i] for i in tr] + unl)
            xtr, xu = v.transform([texts[i] for i in tr]), v.transform(unl)
            clf = LinearSVC(C=2).fit(xtr, y[tr])
            d = clf.decision_function(xu)
            s = np.sort(d, axis=1)
            keep = (s[:, -1] - s[:, -2]) > margin
            yu = clf.classes_[d.argmax(axis=1)][keep]
            clf2 = LinearSVC(C=2).fit(vstack([xtr, xu[keep]]).tocsr(), np.concatenate([y[tr], yu]))
            return clf2.predict(v.transform([texts[i] for i in te]))

        return fp

    def linear(kind: str):
        def fp(tr, te):
            v = char12()
            xtr, xte = v.fit_transform([texts[i] for i in tr]), v.transform([texts[i] for i in te])
            lr = LogisticRegression(C=100, max_iter=3000).fit(xtr, y[tr])
            if kind == "lr":
                return lr.predict(xte)
            svm = LinearSVC(C=2).fit(xtr, y[tr])
            # average of the two models' softmaxed scores (scales fitted roughly: SVM margins x5)
            from scipy.special import softmax

            p = softmax(5 * svm.decision_function(xte), axis=1) + lr.predict_proba(xte)
            return svm.classes_[p.argmax(axis=1)]

        return fp

    configs = {
        "numpy char 1-2 + LinearSVC C=2 (shipped, uncalibrated)": body_title(2, 0.0),
        "+ title (留言主题) as a separate char 1-2 block, C=2": body_title(2),
        "+ title block, C=1": body_title(1),
        "+ title block, C=4": body_title(4),
        "+ title block x0.5, C=2": body_title(2, 0.5),
        "+ title block x1.5, C=2": body_title(2, 1.5),
        "sklearn char 1-3, max_df 0.5 + LinearSVC C=1": sk_char(1, 3, 1),
        "sklearn char 1-4, max_df 0.5 + LinearSVC C=1": sk_char(1, 4, 1),
        "sklearn char 2-4, max_df 0.5 + LinearSVC C=1": sk_char(2, 4, 1),
        "char 1-2, vocabulary + IDF also from unlabelled, C=2": unlabelled_idf,
        "char 1-2 + pseudo-labelled unlabelled (margin > 1.0)": pseudo(1.0),
        "char 1-2 + pseudo-labelled unlabelled (margin > 0.5)": pseudo(0.5),
        "char 1-2 + LogisticRegression C=100": linear("lr"),
        "char 1-2 + (LinearSVC C=2 + LogisticRegression C=100) avg": linear("ens"),
    }
    try:
        import fasttext  # noqa: F401

        chars = [" ".join(ch for ch in t if not ch.isspace()) for t in norm]

        def ft(ng: int):
            def fp(tr, te):
                with tempfile.NamedTemporaryFile(
                    "w", suffix=".txt", delete=False, encoding="utf-8"
                ) as fh:
                    for i in tr:
                        fh.write(f"__label__{labels[i]} {chars[i]}\n")
                m = fasttext.train_supervised(
                    fh.name,
                    dim=100,
                    epoch=25,
                    lr=0.5,
                    wordNgrams=ng,
                    minCount=1,
                    thread=1,
                    seed=0,
                    verbose=0,
                    bucket=500_000,
                )
                os.unlink(fh.name)
                # m.f.predict: FastText.predict() breaks on numpy 2 (np.array(copy=False))
                return np.array([m.f.predict(chars[i], 1, 0.0, "strict")[0][1][9:] for i in te])

            return fp

        configs["fastText (chars, wordNgrams=2, dim 100, 25 epochs)"] = ft(2)
        configs["fastText (chars, wordNgrams=3, dim 100, 25 epochs)"] = ft(3)
    except ImportError:
        print("  (fastText rows skipped: pip install fasttext-wheel to run them)")
    for name, fp in configs.items():
        cells = []
        for splits in (skf, sgk):
            f1s = [f1_score(y[te], fp(tr, te), average="macro") for tr, te in splits]
            cells.append(f"{np.mean(f1s):.4f} ± {np.std(f1s):.4f}")
        print(f"  {name:58s} {cells[0]}    {cells[1]}", flush=True)


def holdout(path: Path, model_path: Path) -> None:
    """Score the shipped (or given) model on a separate labelled file, e.g. a hold-out set."""
    from xinfang.triage.textdata import _rows, message_text

    rows = _rows(path)
    texts = [message_text(r.get("留言主题"), r.get("留言详情")) for r in rows]
    y = np.array([(r.get("一级标签") or "").strip() for r in rows])
    model = TextClassifier.load(model_path)
    t0 = time.perf_counter()
    preds = model.predict(texts)
    rate = len(texts) / (time.perf_counter() - t0)
    p = np.array([q.label for q in preds])
    print(f"# hold-out {path} ({len(texts)} messages) with {model_path}")
    print(
        f"accuracy {accuracy_score(y, p):.4f}  macro-F1 {f1_score(y, p, average='macro'):.4f}"
        f"  ({rate:,.0f} messages/s with evidence, one core)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--data-dir",
        default=None,
        help="teddy2020 folder (default: $XINFANG_SHARED_DATA/teddy2020)",
    )
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--grouped",
        action="store_true",
        help="also run with near-duplicate groups kept in one fold",
    )
    ap.add_argument("--experiments", action="store_true", help="also run the alternatives table")
    ap.add_argument(
        "--variants",
        action="store_true",
        help="only the issue-3 variants table (plain and grouped folds; ~16 min) and stop",
    )
    ap.add_argument(
        "--holdout",
        help="only score a model on this CSV (留言主题, 留言详情, 一级标签) and stop",
    )
    ap.add_argument(
        "--model",
        default=str(Path(__file__).resolve().parents[1] / "xinfang/triage/model/classifier.joblib"),
        help="model file for --holdout (default: the shipped one)",
    )
    args = ap.parse_args()
    if args.holdout:
        holdout(Path(args.holdout), Path(args.model))
        return
    data = teddy_data_dir(args.data_dir)
    print(
        f"# triage_classifier  {dt.datetime.now():%Y-%m-%d %H:%M}  {platform.machine()}  cores={os.cpu_count()}"
        f"  python {platform.python_version()}  data={data}"
    )
    texts, labels = load_labelled_messages(data)
    y = np.array(labels)
    if args.variants:
        groups, _ = near_duplicate_groups(texts)
        skf = list(
            StratifiedKFold(args.folds, shuffle=True, random_state=args.seed).split(texts, y)
        )
        sgk = list(
            StratifiedGroupKFold(args.folds, shuffle=True, random_state=args.seed).split(
                texts, y, groups
            )
        )
        variants(texts, labels, data, skf, sgk)
        return
    print(
        f"{len(texts)} messages, {len(set(labels))} labels; exact duplicate texts: {len(texts) - len(set(texts))}"
    )
    groups, n_pairs = near_duplicate_groups(texts)
    in_groups = int((np.bincount(groups)[groups] > 1).sum())
    skf = list(StratifiedKFold(args.folds, shuffle=True, random_state=args.seed).split(texts, y))
    fold_of = np.empty(len(y), int)
    for k, (_, te) in enumerate(skf):
        fold_of[te] = k
    cross = sum(
        len(set(fold_of[groups == g])) > 1 for g in np.unique(groups) if (groups == g).sum() > 1
    )
    print(
        f"near-duplicate pairs (cosine ≥ 0.8): {n_pairs}; messages in such groups: {in_groups};"
        f" groups split across folds by plain stratified CV: {cross}"
    )

    r = run_cv(texts, labels, skf)
    report(
        f"chosen model: char 1-2-gram TF-IDF + LinearSVC (C=2), temperature-calibrated; stratified {args.folds}-fold",
        r,
    )

    # one message at a time, and size on disk of a model trained on everything
    model = train(texts, labels, data_source=f"{data}/messages_labelled.csv")
    sample = texts[:300]
    t0 = time.perf_counter()
    for t in sample:
        model.predict([t])
    single = (time.perf_counter() - t0) / len(sample) * 1e3
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "classifier.joblib"
        t0 = time.perf_counter()
        model.save(path)
        size = path.stat().st_size
        TextClassifier.load(path)
        io_s = time.perf_counter() - t0
    print(f"\none message at a time: {single:.2f} ms per predict() call ({1e3 / single:,.0f}/s)")
    print(
        f"model trained on all {len(texts)}: {model.coef.shape[1]:,} features, {size / 2**20:.1f} MiB on disk"
        f" (joblib, compressed); save+load {io_s:.1f} s"
    )

    if args.grouped:
        sgk = list(
            StratifiedGroupKFold(args.folds, shuffle=True, random_state=args.seed).split(
                texts, y, groups
            )
        )
        report(
            f"same model, StratifiedGroupKFold ({args.folds} folds, near-duplicate groups kept together)",
            run_cv(texts, labels, sgk),
        )
    if args.experiments:
        experiments(texts, labels, skf)


if __name__ == "__main__":
    main()
