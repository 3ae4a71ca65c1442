"""Petition text → category classifier (first-level category, or any other label set).

Model: TF-IDF over character 1-2 grams (hashed, vectorised in numpy: see :mod:`.textfeatures`) and a
linear SVM (one-vs-rest ``LinearSVC``). Its decision scores are turned into probabilities by a softmax
whose single scale parameter is fitted on out-of-fold scores (temperature scaling), so ``confidence`` is
calibrated and :func:`needs_human` can route uncertain messages to a registrar. ``evidence`` lists the
text spans whose n-grams pushed most toward the chosen label. Why this model and not a bigger one, with
the measured numbers, is in ``docs/triage.md``.

The saved file holds only plain data (numpy arrays, lists, dicts) with a format version, the label set
and training metadata, so it can be loaded across refactorings of this module. No Django imports here.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax, softmax
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from .conf import DEFAULT_THRESHOLD  # confidence below which a person classifies
from .textdata import load_labelled_messages as _load_labelled
from .textfeatures import CharNgramVectorizer, normalize_text

FORMAT_VERSION = 1
MODEL_KIND = "xinfang.triage.TextClassifier"
DEFAULT_SCALE = 5.0  # softmax scale used when there is too little data to calibrate
_MAX_SPAN = 8  # longest evidence span built by joining touching n-grams
# function characters and punctuation trimmed off evidence spans; anonymised place codes (a3区, k9县) dropped
_EDGE_JUNK = re.compile(
    r"^[\s\W_的了是在和与及或也都就而对把被给向从我你他她它们]+|[\s\W_的了是在和与及或也都就而对把被给向从我你他她它们]+$"
)
_PLACE_CODE = re.compile(r"[a-z]?\d*[省市区县镇]?[a-z]?\d*[省市区县镇]?")

__all__ = [
    "DEFAULT_THRESHOLD",
    "FORMAT_VERSION",
    "Prediction",
    "TextClassifier",
    "load_labelled_messages",
    "needs_human",
    "train",
]


@dataclass(frozen=True)
class Prediction:
    """One classified text.

    ``confidence`` is the calibrated probability of ``label``; ``alternatives`` the next most likely
    labels with their probabilities; ``evidence`` short spans of the (normalised) text that pushed most
    toward ``label``, strongest first — readable reasons for a registrar.
    """

    label: str
    confidence: float
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


def needs_human(pred: Prediction, threshold: float = DEFAULT_THRESHOLD) -> bool:
    """True when the prediction is not confident enough to be used without a person checking it."""
    return pred.confidence < threshold


def load_labelled_messages(
    data_dir: str | os.PathLike[str] | None = None,
) -> tuple[list[str], list[str]]:
    """``(texts, labels)`` of the public labelled messages (title + body → 一级标签).

    ``data_dir`` defaults to ``$XINFANG_SHARED_DATA/teddy2020`` or ``<repo>/../shared/data/teddy2020``;
    raises ``FileNotFoundError`` when the file is absent.
    """
    return _load_labelled(data_dir)


class TextClassifier:
    """A trained classifier. Build with :func:`train` or :meth:`load`."""

    def __init__(
        self,
        vectorizer: CharNgramVectorizer,
        classes: Sequence[str],
        coef: np.ndarray,
        intercept: np.ndarray,
        scale: float,
        metadata: dict[str, Any] | None = None,
    ):
        self.vectorizer = vectorizer
        self.classes: list[str] = list(classes)
        self.coef = np.asarray(coef, dtype=np.float32)  # (n_classes, n_features)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.scale = float(scale)
        self.metadata: dict[str, Any] = dict(metadata or {})
        # for evidence: each class's weights relative to the mean of the other classes
        k = len(self.classes)
        total = self.coef.sum(axis=0, keepdims=True)
        self._contrast = self.coef - (total - self.coef) / max(k - 1, 1)

    # -- scoring -------------------------------------------------------------------------------
    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        """Raw SVM scores, shape (n_texts, n_classes)."""
        x = self.vectorizer.transform(list(texts))
        return np.asarray(x @ self.coef.T) + self.intercept

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated class probabilities, columns in the order of :attr:`classes`."""
        return softmax(self.scale * self.decision_function(texts), axis=1)

    def predict_labels(self, texts: Sequence[str]) -> list[str]:
        """Just the labels (fast path, no evidence)."""
        d = self.decision_function(texts)
        return [self.classes[i] for i in d.argmax(axis=1)]

    def predict(
        self, texts: Sequence[str] | str, *, n_alternatives: int = 2, n_evidence: int = 5
    ) -> list[Prediction]:
        """Classify ``texts`` (a single string is accepted too) with confidence, alternatives, evidence."""
        if isinstance(texts, str):
            texts = [texts]
        docs = [normalize_text(t) for t in texts]
        if self.vectorizer.max_len:
            docs = [d[: self.vectorizer.max_len] for d in docs]
        if not docs:
            return []
        x = self.vectorizer.transform_normalized(docs)
        proba = softmax(self.scale * (np.asarray(x @ self.coef.T) + self.intercept), axis=1)
        order = np.argsort(-proba, axis=1)
        out: list[Prediction] = []
        for i, doc in enumerate(docs):
            best = int(order[i, 0])
            alts = [(self.classes[j], float(proba[i, j])) for j in order[i, 1 : 1 + n_alternatives]]
            row = x.getrow(i)
            evidence = (
                self._evidence(doc, row.indices, row.data, best, n_evidence) if n_evidence else []
            )
            out.append(Prediction(self.classes[best], float(proba[i, best]), alts, evidence))
        return out

    def _evidence(
        self, doc: str, cols: np.ndarray, vals: np.ndarray, cls: int, n: int
    ) -> list[str]:
        """Spans of ``doc`` whose n-grams contribute most toward class ``cls`` (vs. the other classes).

        Overlapping contributing n-grams are merged (社保 + 保卡 → 社保卡), so a registrar sees words,
        not character fragments.
        """
        if len(cols) == 0:
            return []
        contrib = vals * self._contrast[cls, cols]
        top = np.argsort(-contrib)[: 4 * n]
        terms = self.vectorizer.terms_
        intervals: list[tuple[int, int, int, float]] = []  # start, end, feature, score
        unigrams: list[tuple[float, str]] = []
        for j in top:
            score = float(contrib[j])
            if score <= 0:
                break
            term = terms[int(cols[j])]
            if len(term) < 2:
                unigrams.append((score, term))
                continue
            start = doc.find(term)
            hits = 0
            while start >= 0 and hits < 3:
                intervals.append((start, start + len(term), int(cols[j]), score))
                start = doc.find(term, start + 1)
                hits += 1
        spans: dict[str, float] = {}
        if intervals:
            intervals.sort()
            cur_s, cur_e, feats = (
                intervals[0][0],
                intervals[0][1],
                {intervals[0][2]: intervals[0][3]},
            )
            for s, e, f, sc in intervals[1:]:
                if s < cur_e or (
                    s == cur_e and e - cur_s <= _MAX_SPAN
                ):  # overlapping/touching: one span
                    cur_e = max(cur_e, e)
                    feats[f] = sc
                else:
                    self._add_span(spans, doc[cur_s:cur_e], sum(feats.values()))
                    cur_s, cur_e, feats = s, e, {f: sc}
            self._add_span(spans, doc[cur_s:cur_e], sum(feats.values()))
        if not spans:
            for sc, term in unigrams:
                spans[term] = max(spans.get(term, 0.0), sc)
        ranked = sorted(spans.items(), key=lambda kv: -kv[1])
        out: list[str] = []
        for span, _ in ranked:
            if any(span in kept or kept in span for kept in out):
                continue  # 环保 after 市环保局: no news for the reader
            out.append(span)
            if len(out) == n:
                break
        return out

    @staticmethod
    def _add_span(spans: dict[str, float], text: str, score: float) -> None:
        text = _EDGE_JUNK.sub("", text)
        if len(text) >= 2 and not _PLACE_CODE.fullmatch(text):
            spans[text] = max(spans.get(text, 0.0), score)

    # -- persistence ---------------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the model (plain arrays + metadata, compressed) to ``path``."""
        v = self.vectorizer
        state = {
            "format_version": FORMAT_VERSION,
            "kind": MODEL_KIND,
            "classes": list(self.classes),
            "coef": self.coef,
            "intercept": self.intercept,
            "scale": self.scale,
            "vectorizer": {
                "ngram_range": tuple(v.ngram_range),
                "min_df": v.min_df,
                "max_len": v.max_len,
                "vocab": v.vocab_,
                "idf": v.idf_,
                "terms": list(v.terms_),
            },
            "metadata": self.metadata,
        }
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump(state, p, compress=3)
        return p

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> TextClassifier:
        """Read a model written by :meth:`save`; refuses unknown formats."""
        state = joblib.load(Path(path))
        if not isinstance(state, dict) or state.get("kind") != MODEL_KIND:
            raise ValueError(f"{path} is not a {MODEL_KIND} file")
        if state.get("format_version") != FORMAT_VERSION:
            raise ValueError(
                f"{path} has model format {state.get('format_version')}, this code reads {FORMAT_VERSION}"
            )
        vs = state["vectorizer"]
        vec = CharNgramVectorizer(tuple(vs["ngram_range"]), vs["min_df"], vs["max_len"])
        vec.vocab_ = np.asarray(vs["vocab"], dtype=np.int64)
        vec.idf_ = np.asarray(vs["idf"], dtype=np.float64)
        vec.terms_ = list(vs["terms"])
        return cls(
            vec,
            state["classes"],
            state["coef"],
            state["intercept"],
            state["scale"],
            state["metadata"],
        )

    def __repr__(self) -> str:
        return f"TextClassifier(labels={self.classes!r}, features={self.coef.shape[1]}, n={self.metadata.get('n')})"


def _fit_svm(x, y: np.ndarray, classes: list[str], c: float) -> tuple[np.ndarray, np.ndarray]:
    svm = LinearSVC(C=c)
    svm.fit(x, y)
    coef, intercept = svm.coef_, svm.intercept_
    if len(classes) == 2:  # sklearn keeps one row for binary problems: expand to one row per class
        coef = np.vstack([-coef[0], coef[0]])
        intercept = np.array([-intercept[0], intercept[0]])
    return coef, intercept


def _fit_scale(scores: np.ndarray, y_idx: np.ndarray) -> float:
    """Softmax scale minimising the log-loss of out-of-fold scores (temperature scaling)."""

    def nll(log_a: float) -> float:
        lp = log_softmax(np.exp(log_a) * scores, axis=1)
        return float(-lp[np.arange(len(y_idx)), y_idx].mean())

    res = minimize_scalar(nll, bounds=(np.log(0.1), np.log(100.0)), method="bounded")
    return float(np.exp(res.x))


def train(
    texts: list[str],
    labels: list[str],
    *,
    progress: bool = False,
    c: float = 2.0,
    ngram_range: tuple[int, int] = (1, 2),
    min_df: int = 2,
    calibration_folds: int = 3,
    data_source: str = "",
    metadata: dict[str, Any] | None = None,
) -> TextClassifier:
    """Train a classifier on ``texts`` → ``labels`` (any label set with at least two labels).

    ``c`` is the SVM regularisation (2.0 was best by 5-fold CV on the public data). Calibration uses
    ``calibration_folds``-fold out-of-fold scores; with fewer than 2 examples in some label it falls back
    to a fixed scale. ``min_df`` is lowered to 1 automatically for tiny training sets (< 200 texts).
    """
    texts = list(texts)
    labels = [str(label) for label in labels]
    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
    classes = sorted(set(labels))
    if len(classes) < 2:
        raise ValueError("need at least two different labels")
    y = np.array(labels)
    y_idx = np.searchsorted(np.array(classes), y)
    eff_min_df = min_df if len(texts) >= 200 else 1

    counts = np.bincount(y_idx, minlength=len(classes))
    folds = int(min(calibration_folds, counts.min()))
    steps = ["fit"] + [f"calibrate {k + 1}/{folds}" for k in range(folds if folds >= 2 else 0)]
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(steps), desc="train", unit="step")

    vec = CharNgramVectorizer(ngram_range, eff_min_df)
    x = vec.fit_transform(texts)
    coef, intercept = _fit_svm(x, y, classes, c)
    if bar:
        bar.update(1)

    scale = DEFAULT_SCALE
    if folds >= 2:
        oof = np.zeros((len(texts), len(classes)))
        skf = StratifiedKFold(folds, shuffle=True, random_state=0)
        for tr, te in skf.split(texts, y):
            inner = CharNgramVectorizer(ngram_range, eff_min_df)
            xtr = inner.fit_transform([texts[i] for i in tr])
            tr_classes = sorted(set(y[tr]))
            w, b = _fit_svm(xtr, y[tr], tr_classes, c)
            scores = np.full((len(te), len(classes)), -10.0)
            cols = np.searchsorted(np.array(classes), np.array(tr_classes))
            scores[:, cols] = np.asarray(inner.transform([texts[i] for i in te]) @ w.T) + b
            oof[te] = scores
            if bar:
                bar.update(1)
        scale = _fit_scale(oof, y_idx)
    if bar:
        bar.close()

    meta: dict[str, Any] = {
        "n": len(texts),
        "n_per_label": {cl: int(n) for cl, n in zip(classes, counts, strict=True)},
        "trained_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "data_source": data_source,
        "params": {
            "c": c,
            "ngram_range": list(ngram_range),
            "min_df": eff_min_df,
            "calibration_folds": folds,
        },
        "softmax_scale": scale,
    }
    meta.update(metadata or {})
    return TextClassifier(vec, classes, coef, intercept, scale, meta)


def accuracy_by_threshold(
    confidences: Iterable[float], correct: Iterable[bool], thresholds: Sequence[float]
) -> list[dict[str, float]]:
    """For each threshold: share of messages kept automatic (confidence ≥ threshold), accuracy on them,
    and share referred to a human. Used by the bench to build the coverage/accuracy table."""
    conf = np.asarray(list(confidences), dtype=float)
    ok = np.asarray(list(correct), dtype=bool)
    rows = []
    for th in thresholds:
        keep = conf >= th
        rows.append(
            {
                "threshold": float(th),
                "coverage": float(keep.mean()) if len(conf) else 0.0,
                "accuracy": float(ok[keep].mean()) if keep.any() else float("nan"),
                "to_human": float((~keep).mean()) if len(conf) else 0.0,
            }
        )
    return rows
