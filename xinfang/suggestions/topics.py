"""Suggestions grouped by topic, so the deciding unit sees topics with counts (Art. 29: 归集和提炼).

No new text model: the character n-gram TF-IDF of the triage app (`triage.textfeatures.
CharNgramVectorizer`, the same features its classifier and duplicate index use) over each
suggestion's topic (twice: it is the proposer's own summary) and text; two suggestions are linked
when the cosine of their vectors is at least `LINK` (0.4, chosen on the demo set in
docs/suggestions.md), and a topic is a connected group of links. The topic is named by its most
central suggestion (the highest summed similarity to the others) and its heaviest shared n-grams.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from xinfang.triage.textfeatures import CharNgramVectorizer

from .models import Suggestion

LINK = 0.4  # cosine at or above which two suggestions are on the same topic


@dataclass
class Topic:
    name: str  # the most central suggestion's topic line
    keywords: list[str]  # the heaviest n-grams the group shares
    suggestions: list[Suggestion]

    @property
    def count(self) -> int:
        return len(self.suggestions)


# The formula words of a suggestion (建议……, 关于……的建议, 希望……): every suggestion has them, so
# they say nothing about its topic.
# Punctuation goes too: an n-gram across it is not a word.
BOILERPLATE = re.compile(r"建议|关于|希望|提议|请求|恳请|我们|有关|的|[^\w]+")


def _doc(s: Suggestion) -> str:
    return BOILERPLATE.sub(" ", f"{s.topic}。{s.topic}。{s.text[:300]}")


def _keywords(vec: CharNgramVectorizer, centroid: np.ndarray, top: int = 3) -> list[str]:
    """The heaviest n-grams of the centroid, none sharing two characters with one already taken
    (泉星公 and 星公园 are one word, shown once)."""
    out: list[str] = []
    for col in np.argsort(-centroid):
        if centroid[col] <= 0 or len(out) >= top:
            break
        term = vec.terms_[col]
        pairs = {term[i:i + 2] for i in range(len(term) - 1)}
        if len(term.strip()) < len(term) or any(p in k for p in pairs for k in out):
            continue
        out.append(term)
    return out


def group_by_topic(suggestions: Sequence[Suggestion], *, link: float = LINK) -> list[Topic]:
    """The suggestions in topics, the largest first (then the newest)."""
    items = list(suggestions)
    if not items:
        return []
    vec = CharNgramVectorizer(ngram_range=(2, 3), min_df=2)
    docs = [_doc(s) for s in items]
    vec.fit(docs)
    if len(vec.vocab_) == 0:  # nothing shared at all: each its own topic
        return [Topic(name=s.topic, keywords=[], suggestions=[s]) for s in items]
    from scipy.sparse.csgraph import connected_components

    x = vec.transform(docs)
    sim = (x @ x.T).tocsr()
    sim.data[sim.data < link] = 0
    sim.eliminate_zeros()
    _n, labels = connected_components(sim, directed=False)
    topics = []
    for label in np.unique(labels):
        idx = np.flatnonzero(labels == label)
        block = sim[idx][:, idx]
        central = idx[int(np.argmax(np.asarray(block.sum(axis=1)).ravel()))]
        centroid = np.asarray(x[idx].mean(axis=0)).ravel() if len(idx) > 1 else np.zeros(0)
        topics.append(Topic(name=items[central].topic,
                            keywords=_keywords(vec, centroid) if len(idx) > 1 else [],
                            suggestions=[items[i] for i in idx]))
    topics.sort(key=lambda t: (-t.count, -max(s.submitted_on.toordinal() for s in t.suggestions)))
    return topics
