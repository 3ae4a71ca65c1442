"""Hashed vs vocabulary character TF-IDF for hot-issue text similarity (hotissues._tfidf).

    .venv/bin/python bench/warning_tfidf_hashing.py [N=6000]

N messages drawn (seed 1) from messages_with_votes.csv, documents as in hotissues._tfidf; prints
the time of each variant and how far the cosines of 2,000 random pairs differ.
"""
import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")
import random

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import time

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer, TfidfVectorizer

from xinfang.warning.hotissues import _clean, load_messages

msgs = load_messages()
rng = random.Random(1)
n = int(sys.argv[1]) if len(sys.argv) > 1 else 6000
sample = [rng.choice(msgs) for _ in range(n)]
docs = [(_clean(m.title) + "。") * 2 + _clean(m.body)[:300] for m in sample]
t = time.perf_counter()
A = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), min_df=2, sublinear_tf=True, max_df=0.2).fit_transform(docs)
t1 = time.perf_counter()
H = HashingVectorizer(analyzer="char", ngram_range=(2, 3), n_features=2**22, alternate_sign=False, norm=None).transform(docs)
H = H.tocsc()
df = np.diff(H.indptr)
keep = np.flatnonzero((df >= 2) & (df <= 0.2 * n))
H = H[:, keep].tocsr()
B = TfidfTransformer(sublinear_tf=True).fit_transform(H)
t2 = time.perf_counter()
print(f"n={n} tfidf {t1-t:.2f}s hashing {t2-t1:.2f}s shapes {A.shape} {B.shape}")
# compare cosine sims on random pairs
idx = np.random.default_rng(0).integers(n, size=(2000, 2))
sa = np.asarray(A[idx[:,0]].multiply(A[idx[:,1]]).sum(1)).ravel()
sb = np.asarray(B[idx[:,0]].multiply(B[idx[:,1]]).sum(1)).ravel()
print("max abs diff of cosine", np.abs(sa-sb).max(), "corr", np.corrcoef(sa, sb)[0,1])
