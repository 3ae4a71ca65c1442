"""Fast character n-gram features for Chinese petition text (pure Python + numpy/scipy).

Chinese has no spaces, so character n-grams (1-3 characters) are the robust, dictionary-free unit:
bigrams already cover most two-character words (社保, 小区, 噪音). scikit-learn's ``analyzer='char'``
builds the n-grams in a Python loop (about 1,700 messages/s for 1-3 grams here); this module does the same
work vectorised in numpy over the Unicode code points of a whole batch (about 4,000-10,000 messages/s on
one core), which is what lets the classifier meet its speed bar without a native extension.

Each n-gram is identified by a 40-bit hash of its code points (collisions are negligible at the vocabulary
sizes involved). :class:`CharNgramVectorizer` keeps a fitted vocabulary (sorted hash array + the n-gram
strings, for readable evidence) and IDF weights; :func:`ngram_hashes` is also used by the duplicate index,
which works with an open vocabulary.

No Django imports here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

HASH_BITS = 40
HASH_MASK = (1 << HASH_BITS) - 1
_MULT = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(29)
_WS = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Canonical form used everywhere: NFKC (full-width → half-width), lower case, export artefacts
    (``_x000D_``) removed, runs of whitespace collapsed to one space."""
    text = (text or "").replace("_x000D_", " ")
    text = unicodedata.normalize("NFKC", text).lower()
    return _WS.sub(" ", text).strip()


def _codes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    arrs = [np.frombuffer(t.encode("utf-32-le"), dtype=np.uint32) for t in texts]
    lens = np.fromiter((len(a) for a in arrs), dtype=np.int64, count=len(arrs))
    codes = (
        np.concatenate(arrs).astype(np.uint64) if arrs and lens.sum() else np.zeros(0, np.uint64)
    )
    doc = np.repeat(np.arange(len(texts), dtype=np.int64), lens)
    return codes, doc


def ngram_hashes(
    texts: Sequence[str], ns: Sequence[int] = (1, 2), *, with_positions: bool = False
) -> tuple[np.ndarray, ...]:
    """All character n-grams (for each n in ``ns``) of already-normalised ``texts``.

    Returns ``(hashes, doc_index)`` as int64 arrays (one entry per occurrence; n-grams never cross
    document boundaries); with ``with_positions`` also ``(starts, lengths)`` into the concatenated
    code-point array, which :func:`ngram_strings` turns back into strings.
    """
    codes, doc = _codes(texts)
    hs, ds, ps, ls = [], [], [], []
    for n in ns:
        m = len(codes) - n + 1
        if m <= 0:
            continue
        h = np.full(m, np.uint64(n * 1_000_003), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for j in range(n):
                h = (h * _MULT) ^ codes[j : j + m]
                h ^= h >> _SHIFT
        valid = doc[:m] == doc[n - 1 : n - 1 + m]
        hs.append((h[valid] & np.uint64(HASH_MASK)).astype(np.int64))
        ds.append(doc[:m][valid])
        if with_positions:
            ps.append(np.nonzero(valid)[0])
            ls.append(np.full(int(valid.sum()), n, dtype=np.int64))
    empty = np.zeros(0, np.int64)
    out: tuple[np.ndarray, ...] = (
        np.concatenate(hs) if hs else empty,
        np.concatenate(ds) if ds else empty,
    )
    if with_positions:
        out += (np.concatenate(ps) if ps else empty, np.concatenate(ls) if ls else empty)
    return out


class CharNgramVectorizer:
    """TF-IDF over hashed character n-grams with a fitted vocabulary.

    Same weighting as ``TfidfVectorizer(analyzer='char', sublinear_tf=True, smooth_idf=True)``:
    ``(1 + log tf) * idf``, rows L2-normalised.
    """

    def __init__(
        self, ngram_range: tuple[int, int] = (1, 2), min_df: int = 2, max_len: int | None = None
    ):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_len = max_len  # characters kept per text (None = all)
        self.vocab_: np.ndarray = np.zeros(0, np.int64)  # sorted hashes
        self.idf_: np.ndarray = np.zeros(0, np.float64)
        self.terms_: list[str] = []  # n-gram string of each column

    @property
    def ns(self) -> tuple[int, ...]:
        return tuple(range(self.ngram_range[0], self.ngram_range[1] + 1))

    def _prep(self, texts: Sequence[str]) -> list[str]:
        out = [normalize_text(t) for t in texts]
        if self.max_len:
            out = [t[: self.max_len] for t in out]
        return out

    def fit(self, texts: Sequence[str]) -> CharNgramVectorizer:
        docs = self._prep(texts)
        h, d, pos, ln = ngram_hashes(docs, self.ns, with_positions=True)
        key = (d << HASH_BITS) | h
        key_u, first = np.unique(key, return_index=True)  # one entry per (doc, n-gram)
        hashes = key_u & HASH_MASK
        vocab, idx, df = np.unique(hashes, return_index=True, return_counts=True)
        keep = df >= self.min_df
        self.vocab_ = vocab[keep]
        n = len(docs)
        self.idf_ = np.log((n + 1) / (df[keep] + 1)) + 1.0
        # a representative occurrence of each kept n-gram, to recover its string
        occ = first[idx[keep]]
        codes, _ = _codes(docs)
        starts, lens = pos[occ], ln[occ]
        self.terms_ = [
            codes[s : s + k].astype(np.uint32).tobytes().decode("utf-32-le")
            for s, k in zip(starts, lens, strict=True)
        ]
        return self

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        docs = self._prep(texts)
        return self.transform_normalized(docs)

    def transform_normalized(self, docs: Sequence[str]) -> sp.csr_matrix:
        vsize = len(self.vocab_)
        if vsize == 0:
            raise RuntimeError("vectorizer is not fitted")
        h, d = ngram_hashes(docs, self.ns)
        idx = np.searchsorted(self.vocab_, h)
        idx[idx >= vsize] = 0
        ok = self.vocab_[idx] == h
        key = d[ok] * vsize + idx[ok]
        uniq, cnt = np.unique(key, return_counts=True)
        rows, cols = uniq // vsize, uniq % vsize
        vals = (1.0 + np.log(cnt)) * self.idf_[cols]
        x = sp.csr_matrix((vals, (rows, cols)), shape=(len(docs), vsize))
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ x)

    def fit_transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        return self.fit(texts).transform(texts)

    def column_of(self, ngram: str) -> int | None:
        """Column index of an n-gram string, or None if not in the vocabulary."""
        norm = normalize_text(ngram)
        if not norm:
            return None
        hashes, _ = ngram_hashes([norm], (len(norm),))
        h = hashes[0]
        i = int(np.searchsorted(self.vocab_, h))
        return i if i < len(self.vocab_) and self.vocab_[i] == h else None
