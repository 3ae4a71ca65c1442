"""Near-duplicate and same-matter detection for petition texts, plus key-entity extraction.

* :class:`DuplicateIndex` stores petitions as pruned TF-IDF vectors of character n-grams (by default
  1-2 grams, the ``max_terms`` = 100 highest-weighted per text) in an inverted index (sorted posting arrays in
  numpy, organised in segments that are merged as they grow). A query scores every stored text sharing a
  term by cosine similarity of the pruned vectors, in one ``np.bincount`` per segment, so it costs time in
  proportion to the posting lists of the query's (rare, high-IDF) terms, not to the number of stored texts.
* :func:`extract_entities` finds the named things a petition is about — estates (XX小区/花园/苑/新城),
  companies (XX公司/集团/银行), schools, hospitals, roads, villages/towns, anonymised districts (A2区) —
  with jieba tokens and suffix rules, segmenting only the clauses that hold a suffix (the same entities
  as the whole text, 29 % of its characters on the shared messages). :func:`same_entity` compares two
  names (伊景园滨河苑 ~ 滨河苑).
* :class:`Match` ``kind``: ``near_duplicate`` (nearly the same text: a resubmission or copy),
  ``same_topic`` (same matter: a shared named entity and similar wording, or very similar wording),
  ``similar`` (above ``min_score`` only). Thresholds were chosen on a labelled sample of real message
  pairs: see ``docs/triage.md`` and ``bench/triage_duplicates.py``.

No Django imports here.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import joblib
import numpy as np

from .textfeatures import HASH_BITS, HASH_MASK, ngram_hashes, normalize_text

FORMAT_VERSION = 1
INDEX_KIND = "xinfang.triage.DuplicateIndex"

#: cosine (pruned char 1-2-gram TF-IDF) at or above which two texts are near-duplicates
NEAR_DUPLICATE_THRESHOLD = 0.65
#: cosine at or above which two texts sharing a named entity are about the same matter
SAME_TOPIC_WITH_ENTITY = 0.12
#: cosine at or above which two texts are about the same matter even without a shared entity
SAME_TOPIC_WITHOUT_ENTITY = 0.27
DEFAULT_MIN_SCORE = 0.1

__all__ = [
    "DuplicateIndex",
    "Entity",
    "Match",
    "extract_entities",
    "key_entity",
    "same_entity",
]


# ---------------------------------------------------------------------------------------------
# entities
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Entity:
    """A named thing in a text: ``name`` as written (normalised), ``kind`` one of estate, company,
    school, hospital, road, village, area, place; ``count`` occurrences in the text."""

    name: str
    kind: str
    count: int = 1


# (suffix, kind), longest suffixes first when matching
_SUFFIXES: list[tuple[str, str]] = [
    *[
        (s, "estate")
        for s in (
            "小区",
            "花园",
            "家园",
            "新城",
            "山庄",
            "公寓",
            "大厦",
            "华庭",
            "公馆",
            "楼盘",
            "名苑",
            "安置区",
            "苑",
            "园",
            "城",
            "府",
            "湾",
            "郡",
        )
    ],
    *[
        (s, "company")
        for s in (
            "有限公司",
            "公司",
            "集团",
            "银行",
            "酒店",
            "宾馆",
            "超市",
            "商场",
            "驾校",
            "加油站",
            "网吧",
            "饭店",
            "车贷",
            "金服",
            "4s店",
            "健身房",
            "健身中心",
            "健身会所",
            "俱乐部",
            "厂",
        )
    ],
    *[
        (s, "school")
        for s in (
            "幼儿园",
            "小学",
            "中学",
            "大学",
            "学院",
            "学校",
            "职校",
            "一中",
            "二中",
            "三中",
            "附中",
            "高中",
            "初中",
            "培训机构",
        )
    ],
    *[(s, "hospital") for s in ("医院", "卫生院", "诊所", "保健院", "卫生服务中心")],
    *[
        (s, "road")
        for s in ("大道", "路", "街", "巷", "大桥", "隧道", "高速", "国道", "省道", "立交桥")
    ],
    *[(s, "village") for s in ("村", "社区", "街道", "镇", "乡")],
    *[(s, "place") for s in ("公园", "广场", "市场", "火车站", "汽车站", "地铁站", "机场", "景区")],
]
_SUFFIXES.sort(key=lambda sk: -len(sk[0]))
# the same list as a lookup: the kind of each suffix (the first, i.e. longest-first, entry wins) and
# the suffix lengths to try, longest first: one dict probe per length instead of ~90 endswith calls
_SUFFIX_KIND: dict[str, str] = {}
for _suffix, _kind in _SUFFIXES:
    _SUFFIX_KIND.setdefault(_suffix, _kind)
_SUFFIX_LENGTHS = sorted({len(s) for s in _SUFFIX_KIND}, reverse=True)
# tokens that end with a suffix but are not names
_GENERIC_TOKENS = frozenset(
    "县城 省城 进城 全城 满城 城里 校园 家园 田园 菜园 果园 庄园 乐园 公园 道路 公路 马路 思路 出路 走路 线路 门路 套路 "
    "水泥路 小路 大路 上路 一路 沿路 上街 逛街 沿街 临街 满街 大街 农村 乡村 城乡 下乡 老乡 家乡 故乡 回乡 本村 全村 该村 "
    "我村 同村 邻村 本镇 全镇 该镇 乡镇 城镇 村镇 小镇 工厂 厂 本厂 全厂 该厂 建厂 进厂 我厂 学校 本校 母校 该校 我校 "
    "全校 大学 小学 中学 公司 总公司 分公司 子公司 本公司 该公司 我公司 物业公司 开发公司 集团 大集团 银行 医院 "
    "本院 我院 该院 住院 出院 小区 社区 该小区 本小区 新城 城 园 苑 府 湾 郡 街 路 村 镇 乡 街道 海湾 港湾 政府 "
    "市政府 区政府 县政府 省政府 镇政府 乡政府 首府 学府 官府 王府 市场 广场 商场 超市 酒店 机场 景区 车贷 "
    "大厦 公寓 高速 立交桥 培训机构 幼儿园 高中 初中 诊所 卫生院 驾校 网吧 饭店 宾馆".split()
)
# tokens that stop the leftward extension of a name
_STOP_TOKENS = frozenset(
    "的 了 是 在 和 与 及 或 也 都 就 而 对 把 被 给 向 从 到 至 于 为 由 将 让 使 因 因为 所以 但 但是 如果 "
    "我 你 他 她 它 我们 你们 他们 她们 本人 业主 居民 村民 家长 学生 市民 群众 老百姓 职工 员工 "
    "这 那 这个 那个 这里 那里 该 本 此 其 每 各 个 一个 一名 一家 一所 多 几 些 "
    "位于 地处 坐落 座落 住 住在 居住 入住 购买 买 卖 租 投诉 反映 举报 关于 请问 咨询 要求 希望 建议 请 "
    "请求 恳请 强烈 严重 问题 情况 附近 旁边 门口 周边 对面 隔壁 里面 内 外 上 下 前 后 中 旁 边 "
    "市 区 县 省 州 镇 乡 村 组 号 栋 楼 单元 室 期 "
    "开发商 物业 领导 部门 政府 书记 市长 局长 您好 你好 尊敬 谢谢 有 成 叫 名叫 称 即 等 还 又 再 没有 已经 "
    "正在 这家 那家 整个 所在 属于 作为 就是 还是 包括 以及 及其 其他 其它 别的 人员 商品房 定向 "
    "新建 在建 修建 建设 开发 过 能 找 去 听 看 说 来 走 跑 进 出 做 要 会 想 问 往 当 小孩 孩子 老人 附属 所属 名下 旗下 整治 改造 门前 楼下 楼上 路边 路口".split()
)
# names that are only a generic word (物业公司, 开发商小区)
_GENERIC_NAMES = frozenset(
    "物业 开发 开发商 房地产 地产 建筑 装修 劳务 物流 保安 投资 科技 电力 电信 移动 联通 自来水 燃气 "
    "这个 那个 我们 你们 他们 整个 周边 附近 新建 老旧 安置 拆迁 商品房 其他 其它 别的 所有 很多 一些 "
    "农村 城市 城区 市区 县城 本地 当地 外地".split()
)
# trade words jieba tags as verbs that still belong to a business name (阳光健身俱乐部, 美美美容院)
_TRADE_WORDS = frozenset("健身 培训 美容 美发 养老 装饰 餐饮 洗浴 游泳 教育 托管 维修".split())
_COMMON_WORD_FREQ = (
    15000  # multi-character jieba words more frequent than this end a name (人员, 以及)
)
_CODE_TOKEN = re.compile(r"^[a-z]\d{0,2}$")  # anonymised city/district codes: a, a2, k8
_AREA_RE = re.compile(r"(?<![a-z0-9])([a-z]\d{0,2}(?:市|区|县))")
_PUNCT_TOKEN = re.compile(r"^[\W_]+$")
_ESTATE_TAIL = "城园苑府庭湾郡厦寓"
_SPECIFIC = {
    "estate": 0,
    "company": 0,
    "school": 0,
    "hospital": 0,
    "place": 1,
    "village": 1,
    "road": 2,
    "area": 3,
}
_MAX_NAME = 8
_jieba = None
_tags: dict[str, str] | None = None
# dictionary part-of-speech tags that end a name when met leftwards: verbs, adverbs, prepositions,
# conjunctions, pronouns, particles, interjections, onomatopoeia, locatives (报道, 何时, 其他, 旁边)
_STOP_TAGS = frozenset(
    {"v", "vd", "d", "p", "c", "r", "u", "ud", "ug", "uj", "ul", "uv", "uz", "y", "e", "o", "f"}
)


def _tokens(text: str) -> list[str]:
    global _jieba
    if _jieba is None:
        import jieba

        jieba.setLogLevel(60)
        _jieba = jieba
    return _jieba.lcut(text, HMM=False)


def tokens(text: str) -> list[str]:
    """jieba words of ``text`` (dictionary only, no HMM), concatenating back to ``text``."""
    return _tokens(text)


def _word_freq(token: str) -> int:
    return int(_jieba.dt.FREQ.get(token) or 0) if _jieba is not None else 0


def _word_tag(token: str) -> str:
    """Part-of-speech tag of a dictionary word (jieba's dictionary; no tagging pass)."""
    global _tags
    if _tags is None:
        import jieba.posseg

        _tags = jieba.posseg.dt.word_tag_tab
    return _tags.get(token, "")


def _suffix_of(token: str) -> tuple[str, str] | None:
    for n in _SUFFIX_LENGTHS:
        if len(token) >= n:
            kind = _SUFFIX_KIND.get(token[-n:])
            if kind is not None:
                return token[-n:], kind
    return None


def _ends_entity(token: str) -> bool:
    """A token that closes a previous name (南路, 小区, 街道, 村): a new name starts after it."""
    hit = _suffix_of(token)
    return hit is not None and (len(token) >= 2 or hit[1] in ("road", "village", "area"))


def _canonical(name: str, kind: str) -> str:
    # 魅力之城小区 → 魅力之城, 裕园小区 → 裕园 (the name already ends like an estate); 和平小区 stays
    if kind == "estate" and name.endswith("小区") and len(name) >= 4 and name[-3] in _ESTATE_TAIL:
        return name[:-2]
    return name


def extract_entities(text: str, *, within: Callable[[str], bool] | None = None) -> list[Entity]:
    """Named entities of ``text`` in order of first appearance, with occurrence counts.

    >>> [e.name for e in extract_entities("我是A2区丽发新城小区的业主，投诉同发投资有限公司")]
    ['a2区', '丽发新城', '同发投资有限公司']

    Only the clauses that hold one of the suffixes are segmented (`_clauses`, `_clause_names`):
    the same entities as segmenting the whole text, at 40 % of the cost on the shared messages.
    ``within``: segment only the clauses it accepts. A name lies inside one clause, so a name whose
    every clause (every clause holding it) is accepted comes out as without ``within``: same kind,
    count and place in the order; the district codes (a2区) always do.
    """
    found: dict[str, list[Any]] = {}
    masked = _note_areas(normalize_text(text), found)
    for start, clause in _clauses(masked):
        if within is not None and not within(clause):
            continue
        for name, kind, pos in _clause_names(clause):
            _note(found, name, kind, start + pos)
    return _entities(found)


def _note(found: dict[str, list[Any]], name: str, kind: str, pos: int) -> None:
    """One occurrence of a name: its first place and kind, and its count."""
    if name in found:
        found[name][2] += 1
    else:
        found[name] = [pos, kind, 1]


def _note_areas(norm: str, found: dict[str, list[Any]]) -> str:
    """Note the district codes (a5区) of the normalised text; the text with them blanked out, so
    that they do not glue onto the next word (区长房 → 区长)."""
    for m in _AREA_RE.finditer(norm):
        _note(found, m.group(1), "area", m.start())
    return _AREA_RE.sub(lambda m: " " * len(m.group(1)), norm) if found else norm


def _entities(found: dict[str, list[Any]]) -> list[Entity]:
    """The noted names as entities, in order of first appearance."""
    ordered = sorted(found.items(), key=lambda kv: kv[1][0])
    return [Entity(name, kind, count) for name, (_, kind, count) in ordered]


# A text's clauses: the runs between the characters that jieba (`cut`, HMM off) yields as a token of
# their own (every character outside its `re_han_default`: CJK, a-z, 0-9 and +#&._%-) and that stop
# the walk back from a suffix (punctuation, white space: `_PUNCT_TOKEN`). jieba segments each run of
# its characters by itself, so the tokens of a text are those of its clauses with these characters in
# between, and a name never spans two clauses: the entities of a text are those of its clauses, in
# order. (Outside the run but not punctuation, such as é or 〇, jieba also yields one character, but
# the walk goes on over it: such characters stay inside a clause.) A clause without a suffix (the
# names end with one) holds no entity and is not segmented. Tested character by character against
# jieba's pattern, and entity by entity against segmenting whole texts (test_dedup.py).
_CLAUSE = re.compile(r"[\w+#&.%\-]+")
_SUFFIX_IN = re.compile("|".join(re.escape(s) for s in sorted(_SUFFIX_KIND, key=len, reverse=True)))


def _clauses(masked: str) -> list[tuple[int, str]]:
    """(start, clause) of the clauses of ``masked`` that hold a suffix, in order."""
    return [(m.start(), m.group()) for m in _CLAUSE.finditer(masked) if _SUFFIX_IN.search(m.group())]


@functools.lru_cache(maxsize=1 << 17)
def _clause_names(clause: str) -> tuple[tuple[str, str, int], ...]:
    """(name, kind, start in the clause) of each name found in one clause, in the order found.
    Cached: exports repeat their phrases and an import derives the districts of similar texts."""
    out: list[tuple[str, str, int]] = []
    toks = _tokens(clause)
    pos = 0
    starts = []
    for tok in toks:
        starts.append(pos)
        pos += len(tok)
    for i, tok in enumerate(toks):
        hit = _suffix_of(tok)
        if hit is None:
            continue
        suffix, kind = hit
        if tok in _GENERIC_TOKENS and (tok != suffix or i == 0 or toks[i - 1] in _STOP_TOKENS):
            continue  # 县城, 校园; or a bare 小区 with nothing naming it
        name_part = tok[: -len(suffix)]
        j = i - 1
        n_tokens = 0
        while j >= 0 and n_tokens < 6:
            prev = toks[j]
            if (
                prev in _STOP_TOKENS
                or _PUNCT_TOKEN.match(prev)
                or _CODE_TOKEN.match(prev)
                or prev.isspace()
                or len(prev) + len(name_part) > _MAX_NAME
                or (
                    len(prev) > 1
                    and prev not in _TRADE_WORDS
                    and (_word_freq(prev) > _COMMON_WORD_FREQ or _word_tag(prev) in _STOP_TAGS)
                )
                or _ends_entity(prev)
            ):
                break
            name_part = prev + name_part
            j -= 1
            n_tokens += 1
        if (
            len(name_part) < 2
            or (name_part.isdigit() and kind != "company")
            or name_part in _GENERIC_NAMES
        ):
            continue
        out.append((_canonical(name_part + suffix, kind), kind, starts[j + 1]))
    return tuple(out)


def key_entity(text: str) -> Entity | None:
    """The entity the text is most about: the most specific kind (estate/company/school/hospital before
    place/village, before road, before district), then the most mentioned, then the first."""
    return most_about(extract_entities(text))


def most_about(ents: list[Entity]) -> Entity | None:
    """Of a text's entities (in order of appearance), the one `key_entity` picks."""
    if not ents:
        return None
    order = {e.name: i for i, e in enumerate(ents)}
    return min(ents, key=lambda e: (_SPECIFIC.get(e.kind, 9), -e.count, order[e.name]))


def _tails(name: str, min_len: int = 3) -> list[str]:
    return [name[i:] for i in range(0, max(len(name) - min_len + 1, 1))]


def same_entity(a: str, b: str) -> bool:
    """Whether two entity names denote the same thing: equal, or one is a tail of the other of at least
    three characters (伊景园滨河苑 ~ 滨河苑, 万科魅力之城 ~ 魅力之城)."""
    a, b = normalize_text(a), normalize_text(b)
    if not a or not b:
        return False
    return a == b or (len(b) >= 3 and a.endswith(b)) or (len(a) >= 3 and b.endswith(a))


def _stable_hash(s: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little", signed=True
    )


def _entity_keys(entities: Iterable[Entity]) -> tuple[list[int], list[int]]:
    """(hashes of the full names, hashes of every tail of ≥3 characters) of the matchable entities.

    Districts (a2区) are left out: sharing a district says nothing about sharing a matter."""
    full, tails = [], []
    for e in entities:
        if e.kind == "area":
            continue
        full.append(_stable_hash(e.name))
        tails.extend(_stable_hash(t) for t in _tails(e.name))
    return full, sorted(set(tails))


# ---------------------------------------------------------------------------------------------
# index
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Match:
    """A stored text similar to the query. ``score`` is the cosine similarity in [0, 1]; ``kind`` is
    ``near_duplicate``, ``same_topic`` or ``similar``; ``shared_entities`` the query's entity names
    also found in the stored text."""

    doc_id: Hashable
    score: float
    kind: str
    shared_entities: tuple[str, ...] = field(default=())


class _Segment:
    """Immutable block of documents: postings sorted by term, plus entity keys per document."""

    __slots__ = (
        "base",
        "n",
        "terms",
        "ptr",
        "docs",
        "weights",
        "ent_full_ptr",
        "ent_full",
        "ent_tail_ptr",
        "ent_tail",
    )

    def __init__(
        self,
        base: int,
        n: int,
        doc_local: np.ndarray,
        term: np.ndarray,
        weight: np.ndarray,
        ent_full: tuple[np.ndarray, np.ndarray],
        ent_tail: tuple[np.ndarray, np.ndarray],
    ):
        self.base, self.n = base, n
        order = np.lexsort((doc_local, term))
        term, doc_local, weight = term[order], doc_local[order], weight[order]
        self.terms, first = np.unique(term, return_index=True)
        self.ptr = np.append(first, len(term)).astype(np.int64)
        self.docs = doc_local.astype(np.int32)
        self.weights = weight.astype(np.float32)
        self.ent_full_ptr, self.ent_full = ent_full
        self.ent_tail_ptr, self.ent_tail = ent_tail

    @property
    def nbytes(self) -> int:
        return sum(
            getattr(self, a).nbytes
            for a in (
                "terms",
                "ptr",
                "docs",
                "weights",
                "ent_full_ptr",
                "ent_full",
                "ent_tail_ptr",
                "ent_tail",
            )
        )

    def postings(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(local doc, term, weight) triples, for merging."""
        counts = np.diff(self.ptr)
        return self.docs.astype(np.int64), np.repeat(self.terms, counts), self.weights

    def scores(self, q_terms: np.ndarray, q_weights: np.ndarray) -> np.ndarray:
        pos = np.searchsorted(self.terms, q_terms)
        pos[pos >= len(self.terms)] = 0
        hit = self.terms[pos] == q_terms
        if not hit.any():
            return np.zeros(0)
        starts, ends = self.ptr[pos[hit]], self.ptr[pos[hit] + 1]
        qw = q_weights[hit]
        lens = ends - starts
        idx = np.repeat(starts - np.cumsum(np.r_[0, lens[:-1]]), lens) + np.arange(lens.sum())
        return np.bincount(
            self.docs[idx], weights=self.weights[idx] * np.repeat(qw, lens), minlength=self.n
        )


def _pack(lists: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    ptr = np.zeros(len(lists) + 1, dtype=np.int64)
    ptr[1:] = np.cumsum([len(x) for x in lists])
    flat = np.fromiter((v for x in lists for v in x), dtype=np.int64, count=int(ptr[-1]))
    return ptr, flat


def _concat_packed(
    a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    return np.concatenate([a[0], b[0][1:] + a[0][-1]]), np.concatenate([a[1], b[1]])


class DuplicateIndex:
    """Inverted index of stored petition texts for near-duplicate / same-matter queries.

    ``ngram_range`` character n-grams, TF-IDF weighted with document frequencies counted over everything
    added so far (hashed into ``2**df_bits`` counters), pruned to the ``max_terms`` heaviest terms per text.
    Vectors are frozen when added: add a representative batch with :meth:`add_many` first (or pass
    ``background`` texts) so early documents get meaningful IDF weights.
    """

    def __init__(
        self,
        *,
        ngram_range: tuple[int, int] = (1, 2),
        max_terms: int = 100,
        df_bits: int = 23,
        buffer_size: int = 2048,
        background: Iterable[str] | None = None,
    ):
        self.ngram_range = ngram_range
        self.max_terms = max_terms
        self.df_bits = df_bits
        self.buffer_size = buffer_size
        self.df = np.zeros(1 << df_bits, dtype=np.int32)
        self.n_df = 0  # documents counted in df
        self.doc_ids: list[Hashable] = []
        self._segments: list[_Segment] = []
        self._buffer: list[
            tuple[np.ndarray, np.ndarray, list[int], list[int]]
        ] = []  # terms, weights, ents
        self._buffer_seg: _Segment | None = None
        if background is not None:
            self._count_df([normalize_text(t) for t in background])

    # -- featurisation -------------------------------------------------------------------------
    @property
    def _ns(self) -> tuple[int, ...]:
        return tuple(range(self.ngram_range[0], self.ngram_range[1] + 1))

    def _doc_terms(self, docs: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Unique (doc, term) pairs with term counts."""
        h, d = ngram_hashes(docs, self._ns)
        key, cnt = np.unique((d << HASH_BITS) | h, return_counts=True)
        return key, cnt

    def _count_df(self, docs: Sequence[str]) -> None:
        if not docs:
            return
        key, _ = self._doc_terms(docs)
        buckets = (key & HASH_MASK) & ((1 << self.df_bits) - 1)
        if len(buckets) > (1 << self.df_bits) // 8:
            self.df += np.bincount(buckets, minlength=1 << self.df_bits).astype(np.int32)
        else:
            np.add.at(self.df, buckets, 1)
        self.n_df += len(docs)

    def _vectors(self, docs: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(doc, term, weight) of the pruned, L2-normalised TF-IDF vectors of ``docs``."""
        key, cnt = self._doc_terms(docs)
        doc = key >> HASH_BITS
        term = key & HASH_MASK
        df = self.df[term & ((1 << self.df_bits) - 1)]
        idf = np.log((self.n_df + 1) / (df + 1.0)) + 1.0
        w = (1.0 + np.log(cnt)) * idf
        order = np.lexsort((-w, doc))
        doc, term, w = doc[order], term[order], w[order]
        first = np.searchsorted(doc, doc, side="left")
        keep = (np.arange(len(doc)) - first) < self.max_terms
        doc, term, w = doc[keep], term[keep], w[keep]
        norm = np.sqrt(np.bincount(doc, weights=w * w, minlength=len(docs)))
        w = w / np.where(norm[doc] > 0, norm[doc], 1.0)
        return doc, term, w

    # -- adding ----------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.doc_ids)

    def add(self, doc_id: Hashable, text: str, entities: Sequence[Entity] | None = None) -> None:
        """Store one text under ``doc_id`` (ids are not checked for uniqueness)."""
        self.add_many([(doc_id, text)], entities=None if entities is None else [entities])

    def add_many(
        self,
        items: Iterable[tuple[Hashable, str]],
        *,
        entities: Sequence[Sequence[Entity]] | None = None,
        batch_size: int = 20000,
        progress: bool = False,
    ) -> None:
        """Store many ``(doc_id, text)`` pairs. Document frequencies are updated with the whole batch
        before weighting it. ``entities`` (one list per item) skips entity extraction, e.g. when the
        caller already has them."""
        items = list(items)
        if not items:
            return
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=2 * len(items), desc="index", unit="doc")
        docs = []
        for start in range(0, len(items), batch_size):
            chunk = [normalize_text(t) for _, t in items[start : start + batch_size]]
            self._count_df(chunk)
            docs.append(chunk)
            if bar:
                bar.update(len(chunk))
        offset = 0
        for chunk in docs:
            ents = (
                entities[offset : offset + len(chunk)]
                if entities is not None
                else [extract_entities(t) for t in chunk]
            )
            keys = [_entity_keys(e) for e in ents]
            doc, term, w = self._vectors(chunk)
            base = len(self.doc_ids)
            self.doc_ids.extend(doc_id for doc_id, _ in items[offset : offset + len(chunk)])
            if len(chunk) >= self.buffer_size:
                self._flush()
                self._segments.append(
                    _Segment(
                        base,
                        len(chunk),
                        doc,
                        term,
                        w,
                        _pack([k[0] for k in keys]),
                        _pack([k[1] for k in keys]),
                    )
                )
                self._maybe_merge()
            else:
                bounds = np.searchsorted(doc, np.arange(len(chunk) + 1))
                for i in range(len(chunk)):
                    sl = slice(bounds[i], bounds[i + 1])
                    self._buffer.append((term[sl], w[sl], keys[i][0], keys[i][1]))
                self._buffer_seg = None
                if len(self._buffer) >= self.buffer_size:
                    self._flush()
                    self._maybe_merge()
            offset += len(chunk)
            if bar:
                bar.update(len(chunk))
        if bar:
            bar.close()

    def _buffer_segment(self) -> _Segment | None:
        if not self._buffer:
            return None
        if self._buffer_seg is None:
            base = len(self.doc_ids) - len(self._buffer)
            lens = [len(b[0]) for b in self._buffer]
            doc = np.repeat(np.arange(len(self._buffer)), lens)
            term = (
                np.concatenate([b[0] for b in self._buffer]) if sum(lens) else np.zeros(0, np.int64)
            )
            w = np.concatenate([b[1] for b in self._buffer]) if sum(lens) else np.zeros(0)
            self._buffer_seg = _Segment(
                base,
                len(self._buffer),
                doc,
                term,
                w,
                _pack([b[2] for b in self._buffer]),
                _pack([b[3] for b in self._buffer]),
            )
        return self._buffer_seg

    def _flush(self) -> None:
        seg = self._buffer_segment()
        if seg is not None:
            self._segments.append(seg)
        self._buffer, self._buffer_seg = [], None

    def _maybe_merge(self, force: bool = False) -> None:
        """Keep few segments: merge the newest ones while one is at least half the size of its
        predecessor (so each document is re-merged O(log n) times)."""
        segs = self._segments
        while len(segs) > 1 and (force or segs[-1].n * 2 >= segs[-2].n):
            b, a = segs.pop(), segs.pop()
            segs.append(_merge(a, b))

    def compact(self) -> None:
        """Flush the buffer and merge everything into one segment (done before saving)."""
        self._flush()
        self._maybe_merge(force=True)

    # -- querying --------------------------------------------------------------------------------
    def query(
        self,
        text: str,
        k: int = 5,
        min_score: float = DEFAULT_MIN_SCORE,
        *,
        exclude: Iterable[Hashable] = (),
    ) -> list[Match]:
        """The ``k`` stored texts most similar to ``text`` with score ≥ ``min_score``, best first."""
        norm = normalize_text(text)
        if not norm or not self.doc_ids:
            return []
        _, q_terms, q_w = self._vectors([norm])
        order = np.argsort(q_terms)
        q_terms, q_w = q_terms[order], q_w[order]
        q_ents = [e for e in extract_entities(norm) if e.kind != "area"]
        excluded = set(exclude)
        cands: list[tuple[float, int, _Segment]] = []
        segs = list(self._segments)
        buf = self._buffer_segment()
        if buf is not None:
            segs.append(buf)
        for seg in segs:
            s = seg.scores(q_terms, q_w)
            if len(s) == 0:
                continue
            take = min(len(s), k + len(excluded))
            top = np.argpartition(-s, take - 1)[:take] if take < len(s) else np.arange(len(s))
            for i in top:
                if s[i] >= min_score:
                    cands.append((float(s[i]), int(i), seg))
        cands.sort(key=lambda c: -c[0])
        out: list[Match] = []
        for score, local, seg in cands:
            doc_id = self.doc_ids[seg.base + local]
            if doc_id in excluded:
                continue
            shared = _shared(q_ents, seg, local)
            out.append(
                Match(doc_id, min(score, 1.0), classify_pair(score, bool(shared)), tuple(shared))
            )
            if len(out) == k:
                break
        return out

    def compare(self, text_a: str, text_b: str) -> Match:
        """Score two texts against each other with this index's weights (neither needs to be stored);
        ``doc_id`` of the result is None."""
        docs = [normalize_text(text_a), normalize_text(text_b)]
        doc, term, w = self._vectors(docs)
        wa = dict(zip(term[doc == 0].tolist(), w[doc == 0].tolist(), strict=True))
        score = float(
            sum(
                wa.get(t, 0.0) * x
                for t, x in zip(term[doc == 1].tolist(), w[doc == 1].tolist(), strict=True)
            )
        )
        ents_a = [e for e in extract_entities(docs[0]) if e.kind != "area"]
        ents_b = [e for e in extract_entities(docs[1]) if e.kind != "area"]
        shared = tuple(e.name for e in ents_a if any(same_entity(e.name, f.name) for f in ents_b))
        return Match(None, min(score, 1.0), classify_pair(score, bool(shared)), shared)

    # -- persistence -----------------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the index (compacted) to ``path``."""
        self.compact()
        seg = self._segments[0] if self._segments else None
        state = {
            "format_version": FORMAT_VERSION,
            "kind": INDEX_KIND,
            "params": {
                "ngram_range": tuple(self.ngram_range),
                "max_terms": self.max_terms,
                "df_bits": self.df_bits,
                "buffer_size": self.buffer_size,
            },
            "df": self.df,
            "n_df": self.n_df,
            "doc_ids": self.doc_ids,
            "segment": None if seg is None else {a: getattr(seg, a) for a in _Segment.__slots__},
        }
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump(state, p, compress=3)
        return p

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> DuplicateIndex:
        """Read an index written by :meth:`save`; refuses unknown formats."""
        state = joblib.load(Path(path))
        if not isinstance(state, dict) or state.get("kind") != INDEX_KIND:
            raise ValueError(f"{path} is not a {INDEX_KIND} file")
        if state.get("format_version") != FORMAT_VERSION:
            raise ValueError(
                f"{path} has index format {state.get('format_version')}, this code reads {FORMAT_VERSION}"
            )
        p = state["params"]
        idx = cls(
            ngram_range=tuple(p["ngram_range"]),
            max_terms=p["max_terms"],
            df_bits=p["df_bits"],
            buffer_size=p["buffer_size"],
        )
        idx.df = state["df"]
        idx.n_df = state["n_df"]
        idx.doc_ids = list(state["doc_ids"])
        if state["segment"] is not None:
            seg = _Segment.__new__(_Segment)
            for a, v in state["segment"].items():
                setattr(seg, a, v)
            idx._segments = [seg]
        return idx

    def stats(self) -> dict[str, int]:
        """Sizes, for monitoring: documents, postings, bytes held in arrays."""
        segs = list(self._segments)
        buf = self._buffer_segment()
        if buf is not None:
            segs.append(buf)
        return {
            "documents": len(self.doc_ids),
            "segments": len(segs),
            "postings": int(sum(len(s.docs) for s in segs)),
            "array_bytes": int(self.df.nbytes + sum(s.nbytes for s in segs)),
        }


def classify_pair(score: float, shares_entity: bool) -> str:
    """Kind of a pair from its cosine score and whether the texts share a named entity."""
    if score >= NEAR_DUPLICATE_THRESHOLD:
        return "near_duplicate"
    if score >= SAME_TOPIC_WITHOUT_ENTITY or (shares_entity and score >= SAME_TOPIC_WITH_ENTITY):
        return "same_topic"
    return "similar"


def _shared(q_ents: list[Entity], seg: _Segment, local: int) -> list[str]:
    if not q_ents:
        return []
    full = set(seg.ent_full[seg.ent_full_ptr[local] : seg.ent_full_ptr[local + 1]].tolist())
    tails = set(seg.ent_tail[seg.ent_tail_ptr[local] : seg.ent_tail_ptr[local + 1]].tolist())
    out = []
    for e in q_ents:
        if _stable_hash(e.name) in tails or any(_stable_hash(t) in full for t in _tails(e.name)):
            out.append(e.name)
    return out


def _merge(a: _Segment, b: _Segment) -> _Segment:
    da, ta, wa = a.postings()
    db, tb, wb = b.postings()
    return _Segment(
        a.base,
        a.n + b.n,
        np.concatenate([da, db + a.n]),
        np.concatenate([ta, tb]),
        np.concatenate([wa, wb]),
        _concat_packed((a.ent_full_ptr, a.ent_full), (b.ent_full_ptr, b.ent_full)),
        _concat_packed((a.ent_tail_ptr, a.ent_tail), (b.ent_tail_ptr, b.ent_tail)),
    )
