"""Hot-issue mining: group petition messages about the same matter and rank them.

Pure Python (jieba, numpy, scikit-learn); no Django imports.

Pipeline (details and measured results in docs/warning.md):

1. **Entities.**  Each message's title and body are scanned for named things:
   names ending in an estate / company / school / hospital / case / road /
   place suffix (XX小区, XX花园, XX新城, XX苑, XX公司, XX集团, XX学校, XX路,
   XX街道, XX车贷案 ...), water bodies (水体: XX河, XX湖, XX溪, XX港, XX浦, XX渠, XX塘,
   XX水库, XX江, XX泾, XX荡, XX浜), names in quotes (“XX”, 「XX」, 《XX》 except laws and
   forms) and frequent distinctive n-grams of titles (e.g. ``58车贷``).  The left
   boundary of a suffix name is chosen from the corpus itself: a candidate is
   extended one character to the left while the longer string still occurs in
   at least ``max(2, 0.6 x)`` of the ``x`` messages holding the shorter one
   (so ``…区丽发新城`` stops at ``丽发新城``).  Generic names (我们小区,
   物业公司, 有限公司, 市政府 …) are rejected: a name whose part before the
   suffix is a common dictionary word (jieba frequency >= 150) or a function
   word is extended further if the corpus allows, else dropped.
2. **Grouping.**  Each message gets one *primary* entity (weights: estate,
   company, school, hospital, case, water > n-gram > place > quoted > road; x2 in the
   title; never dropped for being frequent).  Messages sharing a primary entity form a group; a smaller group is
   merged into a larger one when at least half of the messages naming the
   smaller group's entity also name the larger one's (伊景园 + 滨河苑,
   丽发新城 + 搅拌站).
3. **Text similarity.**  Messages left without a group (no entity, or a
   singleton) join the group whose TF-IDF centroid (character 2-3-grams of
   title + body) is most similar if the cosine is >= ``attach_sim``; the rest
   are linked to each other when cosine >= ``dup_sim`` (near-duplicate
   complaints without a name).
4. **Heat** (see :func:`heat_score`) and a name built from the key entity and
   the top distinctive title words; issues ranked by size (messages), then heat.
"""

from __future__ import annotations

import csv
import datetime as _dt
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from xinfang.core.conf import get

__all__ = [
    "Message",
    "HotIssue",
    "find_hot_issues",
    "heat_score",
    "extract_entities",
    "primary_entities",
    "shared_data_dir",
    "load_messages",
]


# --------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    """One citizen message (columns of messages_with_votes.csv)."""

    id: str
    user: str
    title: str
    body: str
    time: _dt.datetime | _dt.date
    likes: int = 0  # 点赞数
    dislikes: int = 0  # 反对数

    @property
    def day(self) -> _dt.date:
        t = self.time
        return t.date() if isinstance(t, _dt.datetime) else t


@dataclass
class HotIssue:
    name: str
    entity: str | None
    keywords: list[str]
    message_ids: list[str]
    n_messages: int
    n_petitioners: int
    support: int  # sum of 点赞数 (likes) minus sum of 反对数 (dislikes)
    growth: float
    heat: float
    first_date: _dt.date
    last_date: _dt.date
    likes: int = 0
    dislikes: int = 0


def shared_data_dir(path: str | os.PathLike | None = None) -> Path:
    """Folder holding the Teddy-Cup 2020 CSVs.

    ``path`` wins; else ``$XINFANG_SHARED_DATA/teddy2020`` (the variable points
    at the ``shared/data`` folder); else ``<repo>/../shared/data/teddy2020``."""
    if path is not None:
        return Path(path)
    return Path(get("XINFANG_SHARED_DATA")) / "teddy2020"


def _parse_time(s: str) -> _dt.datetime:
    s = s.strip()
    for fmt in ("%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%Y-%m-%d"):
        try:
            # board times are local (China Standard Time) wall-clock times
            return _dt.datetime.strptime(s, fmt)  # noqa: DTZ007
        except ValueError:
            pass
    raise ValueError(f"unparseable time {s!r}")


def load_messages(path: str | os.PathLike | None = None) -> list[Message]:
    """Read messages_with_votes.csv (``path`` may be the CSV or its folder).
    Raises FileNotFoundError when absent."""
    p = Path(path) if path is not None else shared_data_dir()
    if p.is_dir():
        p = p / "messages_with_votes.csv"
    out = []
    with open(p, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out.append(
                Message(
                    id=row["留言编号"].strip(),
                    user=row["留言用户"].strip(),
                    title=row["留言主题"].strip(),
                    body=row["留言详情"].strip(),
                    time=_parse_time(row["留言时间"]),
                    likes=int(row.get("点赞数") or 0),
                    dislikes=int(row.get("反对数") or 0),
                )
            )
    return out


# --------------------------------------------------------------------------
# entity extraction
# --------------------------------------------------------------------------

# anonymised places ("A市", "A2区", "K9县"), the province, and run breakers
# A code glued between a name and a non-name character (五矿万境K9县的…,
# 北三角洲C2区) is the anonymiser's replacement of part of that name and is
# kept (see _SUFFIX_TYPES["estate"]); other codes are places and become "|".
_PLACE = re.compile(r"西地省|[A-Z]\d*市|[A-Z]\d+[区县]")


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _place_sub(m: re.Match) -> str:
    t, s, e = m.string, m.start(), m.end()
    code = m.group(0)
    if code[-1] in "区县" and s > 0 and e <= len(t):
        prev = t[s - 1]
        if _is_cjk(prev) and prev not in "省市区县在到至是与和的于给从往向对":
            return code
    return "|"


_SEP = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]")
# characters a name is not extended across (function words, pronouns)
_STOP_CHARS = set("的了在是与及向到请求望对给把被从由将让或等说我他她你这那该此本其每各个有和跟在于")

_SUFFIX_TYPES = {
    "estate": r"(?<=[\u4e00-\u9fff])[A-Z]\d+[区县]|小区|花园|新城|家园|公寓|山庄|华庭|华府|大厦|广场|(?<![公校乐果菜田墓陵庄动植物])苑"
    r"|(?<![公校乐果菜田墓陵庄家花动植物])园(?![区林艺长丁])|(?<![政学首官王地冥])府(?![门])"
    r"|(?<![港海台])湾|(?<![县省京都全满进入出回古老主外内新])城(?![市管区乡镇际建中里外内东西南北墙])",
    "company": r"公司|集团|物业(?![费管公服])|银行|酒店|超市|商场|4S店",
    "school": r"学校|小学|中学|大学|学院|幼儿园",
    "hospital": r"医院|卫生院",
    "case": r"(?<![立办报涉备答方结查审破本此该])案(?![件子例由])|项目|工程",
    "road": r"大道|(?<![线马道公铁网思套水])路(?![口段边面上灯况线费政由过])|(?<![大])街(?![道头])|巷|大桥|高速",
    "place": r"公园|村(?![民委组])",
    "area": r"(?<![城乡])镇(?![政长上])|社区|街道(?![办])",
    # 水体: rivers, lakes, streams, canals, ponds, reservoirs.  Not before a name-continuing
    # character (滨河苑, 翠湖花园, 清水塘路 and 泉塘街道 are estates, roads, areas); not the
    # provinces 河南/河北/湖南/湖北/江苏/江西/浙江/黑龙江, 香港/港澳/港口/港币, 浦东/浦西,
    # 渠道 (a channel), 动荡/扫荡/游荡 (verbs), 泾渭.  湾 stays an estate suffix (XX湾 is far
    # more often a housing estate than a bay in complaints).
    "water": r"水库|(?:(?<![银天星运])河(?![南北])|湖(?![南北])|(?<![香])港(?![口澳台币股务区])"
    r"|浦(?![东西口])|渠(?![道])|(?<![浙龙])江(?![苏西湖山])|溪|塘|泾(?![渭])|(?<![扫动晃游放浩震激飘回摇闯空])荡(?![漾])|浜)"
    r"(?![苑园府城小花家庄湾院校厂站路街巷镇乡村区县市省大广桥洲岛]|公寓)",
}
_SUFFIX_RE = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _SUFFIX_TYPES.items()))
# generic company words dropped before 公司 (A市XX房地产开发有限公司 -> XX公司)
_COMPANY_FILLER = re.compile(
    r"(?:房地产|地产|置业|开发|建设|建筑|投资|实业|科技|物业服务|物业管理|物业|管理|服务|发展|劳务|工程"
    r"|贸易|文化|传媒|网络|信息|技术|咨询|股份|有限|责任|集团|控股|商贸|汽车|环保|能源|教育|培训)+公司"
)
_QUOTE_RE = re.compile(r"[“\"「『《]([\u4e00-\u9fffA-Za-z0-9]{2,12})[”\"」』》]")
_QUOTE_BAD_END = re.compile(r"(法|条例|规定|规范|办法|通知|意见|决定|方案|标准|合同|协议|细则|制度|表|书|证|函|单|令|规划|公告|通告|纲要|报告)$")

TYPE_WEIGHT = {
    "estate": 3.0,
    "company": 3.0,
    "school": 3.0,
    "hospital": 3.0,
    "case": 3.0,
    "ngram": 2.0,
    "place": 1.5,
    "quoted": 1.0,
    "road": 1.0,
    "area": 0.0,  # 街道/镇/社区 are administrative areas, never the matter itself
    "water": 3.0,  # 水体: a river or lake is the matter itself (pollution, flooding, dredging)
}

#: the type names shown to people (entity type 水体 etc.)
TYPE_LABEL = {
    "estate": "小区", "company": "单位", "school": "学校", "hospital": "医院", "case": "案件/项目",
    "ngram": "名称", "place": "地点", "quoted": "名称", "road": "道路", "area": "行政区域",
    "water": "水体",
}

# characters a water body's name does not extend across (沿长江, 靠近清溪河, 这条月河, 门前小河)
_WATER_STOP = set("沿临近靠环跨条片个座处段边旁门往入进出排倒流向经过穿绕")
_WATER_CHARS = set("河湖江溪港浦渠塘泾荡浜")
_WATER_PARTS = set("段道边岸堤面水里")
# words after a water body's name that make it the name of an area, estate or road instead
_WATER_AREA_NEXT = (r"(?:新区|片区|街道|街|社区|镇|乡|村|新城|板块|地区|商圈|区域|一期|二期|三期|小区|花园"
                    r"|家园|苑|园|城|国际|广场|路|大道|地铁站|站|中学|小学|学校|医院|湾)")
_WATER_AREA_SHARE = 0.3
# the last two characters of a water body's name (every name ends with a water suffix)
_WATER_PAIR = re.compile(r"(?=(.[河湖港浦渠江溪塘泾荡浜库]))", re.S)
# one-character prefixes that make no name (小河, 这河, 池塘, 鱼塘, 水渠, 沟渠, 河塘)
_WATER_BAD1 = set("小大这那此该一条片个老新的内外上下里中河湖江溪水池鱼沟山城运护污臭死野荷藕门屋村岸堤坝桥路街在到")
# two-character prefixes that make no name (污水河, 黑臭河, 一条河, 家门口的河)
_WATER_GENERIC = set("污水 黑臭 臭水 小区 村里 屋后 村前 这片 这条 那条 整条 一条 门口 附近 旁边 周边 "
                     "城市 城区 农村 乡村 人工 天然 景观 排水 灌溉 防洪 内河 河道 沟渠 池塘 鱼塘 水塘".split())

# common words that are not names when they stand before a suffix
_GENERIC_PREFIXES = set(
    "物业 自来水 供水 燃气 电力 公交 移动 联通 电信 保险 城投 配套 公办 民办 公立 私立 普惠 普惠性 安置 住宅 "
    "小区 居民 周边 附近 整个 这个 那个 一个 我们 他们 你们 现在 所在 老旧 商品房 高档 新建 原来 开发 建筑 "
    "房地产 地产 置业 有限 有限责任 集团 实验 附属 专科 综合 中心 人民 二期 三期 一期 四期 改造 建设 工程 "
    "道路 马路 线路 公路 高速 快速 城际 乡村 农村 城中 全体 当地 各个 这些 那些 该 本 此 其他 其它 相关 "
    "不予 刑事 诈骗 集资 涉嫌 重点 民生 市政 装修 拆迁 棚改 开发商 业主 学生 孩子 外国语 职业 技术 职业技术 "
    "培训 附近 省 市 区 县 镇 乡 街道 社区 村".split()
)
_GENERIC_FREQ = 150  # jieba dictionary frequency above which a prefix is a common word


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


_VERBISH = set(
    "联系 督促 要求 通过 收取 缴纳 进入 导致 影响 设立 开设 设置 建设 修建 新建 开办 规划 作为 感谢 相信 希望 "
    "进出 开展 位于 属于 包括 还有 离开 前往 来到 回到 住在 搬进 购买 入住 投诉 反映 举报".split()
)


def _prefix_kind(prefix: str) -> str:
    """'ok' (looks like part of a name), 'modifier' (a common noun such as
    国际/人民/物业 that also appears inside names: only accepted when the name
    extends further left) or 'bad' (verb, function word, pronoun ...)."""
    if len(prefix) < 2 or prefix.isdigit() or prefix[0] in _STOP_CHARS:
        return "bad"
    if prefix in _VERBISH:
        return "bad"
    jb = _jieba()
    tag = _word_tags().get(prefix)
    freq = jb.dt.FREQ.get(prefix, 0)
    if prefix in _GENERIC_PREFIXES:
        return "modifier"
    if tag and tag[0] in "vdpcurqf" and freq >= 20:
        return "bad"
    if freq >= _GENERIC_FREQ:
        return "modifier"
    return "ok"


@lru_cache(maxsize=1)
def _word_tags() -> dict:
    _jieba()
    import jieba.posseg as ps

    return ps.dt.word_tag_tab


def _clean(text: str) -> str:
    return _PLACE.sub(_place_sub, text)


@dataclass
class _Match:
    run: str  # text ending with the suffix, left part bounded by separators
    prefix_len: int  # characters available left of the suffix
    suffix: str
    typ: str
    in_title: bool


def _suffix_matches(text: str, in_title: bool, max_prefix: int = 8) -> list[_Match]:
    out = []
    for m in _SUFFIX_RE.finditer(text):
        s, e = m.start(), m.end()
        typ = m.lastgroup
        suffix = text[s:e]
        run_text = text
        if typ == "company" and suffix == "公司":
            # drop filler words: XX房地产开发有限公司 -> XX公司
            j = s
            seg_start = max(0, s - 20)
            seg = text[seg_start:e]
            fm = None
            for fm_ in _COMPANY_FILLER.finditer(seg):
                if seg_start + fm_.end() == e:
                    fm = fm_
            if fm is not None:
                j = seg_start + fm.start()
                run_text = text[:j] + "公司"
                s, e = j, j + 2
        j = s
        while j > 0 and s - j < max_prefix:
            c = run_text[j - 1]
            if _SEP.match(c) or c in _STOP_CHARS or (typ == "water" and c in _WATER_STOP):
                break
            j -= 1
        if typ == "water":
            if s > 0 and run_text[s - 1] == suffix[0] and run_text[e:e + 1] in _WATER_PARTS:
                continue  # the 河 of 清溪河河段 (the name ended one character earlier)
            nxt = run_text[e:e + 2]
            if nxt[:1] in _WATER_CHARS and not (nxt[:1] == suffix[-1] and nxt[1:] in _WATER_PARTS):
                continue  # the 溪 of 清溪河: the name goes on (but 清溪河|河段 ends at the first 河)
        if s - j < 2 and not (typ == "water" and s - j == 1 and run_text[s - 1] not in _WATER_BAD1
                              and _is_cjk(run_text[s - 1])):
            continue
        out.append(_Match(run_text[j:e], s - j, suffix, typ, in_title))
    return out


def _quoted(text: str, in_title: bool) -> list[tuple[str, str, bool]]:
    out = []
    for q in _QUOTE_RE.findall(text):
        if _QUOTE_BAD_END.search(q) or q.isdigit():
            continue
        out.append((q, "quoted", in_title))
    return out


# names made of Latin letters / a number and Chinese (58车贷, 5G基站, K9县 is an
# anonymisation artefact and is removed with the places)
_NGRAM_NAME = re.compile(r"(?<![A-Za-z0-9.])([A-Za-z0-9]{2,6}[\u4e00-\u9fff]{2,3})")
_NGRAM_UNIT = re.compile(r"^[A-Z]\d+[区县市]|^[A-Za-z0-9]+[年月日号栋楼层期户元万亿点分秒岁米天次个周多余路号届级平套层名人辆条栋台家所项件公斤吨度]")


def _title_ngrams(title: str) -> set[str]:
    return {g for g in _NGRAM_NAME.findall(title) if not _NGRAM_UNIT.match(g)}


class _EntityModel:
    """Corpus statistics used to settle entity boundaries."""

    def __init__(self, titles: Sequence[str], bodies: Sequence[str], rho: float = 0.6, min_ngram_df: int = 3):
        self.rho = rho
        self.titles = [_clean(t) for t in titles]
        self.bodies = [_clean(b) for b in bodies]
        self.matches: list[list[_Match]] = []
        df: Counter[str] = Counter()
        for t, b in zip(self.titles, self.bodies, strict=True):
            ms = _suffix_matches(t, True) + _suffix_matches(b, False)
            self.matches.append(ms)
            seen = set()
            for m in ms:
                n = len(m.run)
                sl = len(m.suffix) if not (m.typ == "company" and m.run.endswith("公司")) else 2
                for k in range(1 if m.typ == "water" else 2, m.prefix_len + 1):
                    seen.add(m.run[n - sl - k :])
            df.update(seen)
        self.df = df
        # distinctive title n-grams (e.g. 58车贷) with df >= min_ngram_df
        gdf: Counter[str] = Counter()
        for t in self.titles:
            gdf.update(_title_ngrams(t))
        cand = {g: c for g, c in gdf.items() if c >= min_ngram_df}
        # keep the shortest form of nested names (58车贷 rather than 58车贷案)
        keep = {}
        # by length, then by the n-gram itself: not in the order of a set of strings, which
        # changes with the process's hash seed (PYTHONHASHSEED) and moved ties between runs
        for g, c in sorted(cand.items(), key=lambda x: (len(x[0]), x[0])):
            if any(h in g for h in keep):
                continue
            keep[g] = c
        self.ngrams = keep
        self._docs: list[str] = []
        self._water_docs: dict[str, list[int]] | None = None
        self._water_kind: dict[str, str] = {}

    def water_type(self, name: str) -> str:
        """"water", or "area" when the corpus mostly uses the name as a district, estate or road
        (梅溪湖片区, 泉塘街道, 楚江新区, 月湖花园): at least ``_WATER_AREA_SHARE`` of its
        occurrences are followed by an area, estate or road word. A river that gives its name to a
        road now and then (清溪河路) stays a river."""
        kind = self._water_kind.get(name)
        if kind is None:
            # counted in the documents that hold the name's last two characters (an index built
            # once): the same counts as over the whole corpus, as neither the name nor the words
            # after it span two documents, without scanning the corpus once per name
            docs = [self._docs[i] for i in self._water_index().get(name[-2:], ())]
            total = sum(d.count(name) for d in docs)
            pat = re.compile(re.escape(name) + _WATER_AREA_NEXT)
            marked = sum(len(pat.findall(d)) for d in docs)
            kind = "area" if total and marked >= _WATER_AREA_SHARE * total else "water"
            self._water_kind[name] = kind
        return kind

    def _water_index(self) -> dict[str, list[int]]:
        """Documents (titles then bodies) by each pair of characters ending in a water suffix."""
        if self._water_docs is None:
            self._docs = self.titles + self.bodies
            index: dict[str, list[int]] = defaultdict(list)
            for i, d in enumerate(self._docs):
                for pair in set(_WATER_PAIR.findall(d)):
                    index[pair].append(i)
            self._water_docs = index
        return self._water_docs

    def _choose_water(self, m: _Match) -> str | None:
        """A water body's name: one character (长江, 汉江, 淮河) or two (清溪河, 松雅湖) before the
        suffix, extended left while the corpus agrees (rho rule); common words and generic
        prefixes (小河, 污水河, 一条河) are no name."""
        n, sl = len(m.run), len(m.suffix)
        if m.prefix_len == 1:
            return m.run
        k = 2
        cur = m.run[n - sl - k:]
        head = cur[:-sl]
        if head in _WATER_GENERIC or _prefix_kind(head) == "bad":
            return None
        tag = _word_tags().get(head) or ""
        first = _word_tags().get(head[0]) or ""
        if tag[:1] in ("m", "s", "r", "f", "q") or first[:1] in ("f", "m", "r") or head[-1] in "小大":
            return None
        return self._grow(m, n, sl, k, cur)

    def _grow(self, m: _Match, n: int, sl: int, k: int, cur: str) -> str:
        """Extend the name leftwards, one character at a time, while the longer form is still
        frequent enough (≥ 2 messages and ≥ rho × the shorter form's)."""
        while k < m.prefix_len:
            nxt = m.run[n - sl - k - 1:]
            if self.df[nxt] >= max(2, self.rho * self.df[cur]):
                k += 1
                cur = nxt
            else:
                break
        return cur

    def choose(self, m: _Match) -> str | None:
        if m.typ == "water":
            return self._choose_water(m)
        n = len(m.run)
        sl = len(m.suffix) if not (m.typ == "company" and m.run.endswith("公司")) else 2
        if m.typ == "company" and m.run.endswith("公司"):
            sl = 2
        k = 2
        cur = m.run[n - sl - k :]
        kind = _prefix_kind(cur[:-sl])
        if kind == "bad":
            return None
        if kind == "modifier":
            # a common-noun prefix (国际城, 人民医院) must extend to a real name:
            # at least two more characters, themselves not a function word
            k0 = k
            head0 = cur[:-sl]
            if (m.typ in ("estate", "road") and m.suffix not in ("小区", "城")
                    and head0 not in _GENERIC_PREFIXES
                    and (_word_tags().get(head0) or "")[:1] not in ("m", "r", "q", "f", "s")
                    and (m.typ == "road" or _jieba().dt.FREQ.get(head0, 0) < 5000)
                    and self.df[cur] >= 5
                    and (k >= m.prefix_len
                         or self.df[m.run[n - sl - k - 1:]] < self.rho * self.df[cur])):
                # an estate or road named with a common word (锦绣花园, 阳光家园, 凤凰路, 人民路)
                # that the corpus uses on its own, after many different characters (反映, 我家住在,
                # 关于 ...); not a generic name (安置小区, 国际城, 实验学校, 公交公司, 一条路), which
                # must extend to a real name
                return cur
            while True:
                if k >= m.prefix_len:
                    return None
                nxt = m.run[n - sl - k - 1 :]
                if self.df[nxt] < 2:
                    return None
                k += 1
                cur = nxt
                head = cur[: k - k0]
                if len(head) >= 2 and _prefix_kind(head) != "bad":
                    break
        return self._grow(m, n, sl, k, cur)

    def entities(self, i: int) -> list[tuple[str, str, bool]]:
        out = []
        for m in self.matches[i]:
            e = self.choose(m)
            if e:
                typ = self.water_type(e) if m.typ == "water" else m.typ
                out.append((e, typ, m.in_title))
        out += _quoted(self.titles[i], True) + _quoted(self.bodies[i], False)
        for g in self.ngrams:
            if g in self.titles[i]:
                out.append((g, "ngram", True))
            elif g in self.bodies[i]:
                out.append((g, "ngram", False))
        return out


def extract_entities(messages: Sequence[Message]) -> list[list[tuple[str, str, bool]]]:
    """Entities of each message as ``(name, type, in_title)`` tuples, with the
    corpus ``messages`` used to settle name boundaries."""
    model = _EntityModel([m.title for m in messages], [m.body for m in messages])
    return [_canonical(model.entities(i)) for i in range(len(messages))]


_TRAILING_GENERIC = re.compile(r"(小区|社区|项目|二期|三期|一期|四期|物业)$")


def _canonical(ents: list[tuple[str, str, bool]]) -> list[tuple[str, str, bool]]:
    """Within a message: 丽发新城小区 -> 丽发新城 when 丽发新城 is also found;
    drop names contained in a longer found name of the same type."""
    names = {e for e, _, _ in ents}
    out = []
    for e, t, ti in ents:
        base = _TRAILING_GENERIC.sub("", e)
        if base != e and base in names:
            e = base
        out.append((e, t, ti))
    return out


# --------------------------------------------------------------------------
# keywords
# --------------------------------------------------------------------------

_KW_STOP = set(
    "问题 反映 关于 投诉 咨询 建议 请求 要求 希望 情况 相关 部门 政府 领导 解决 处理 为何 为什么 什么 怎么 如何 "
    "是否 能否 可以 没有 不能 严重 一直 目前 现在 已经 我们 他们 小区 业主 居民 市民 进行 存在 导致 "
    "恳请 请问 呼吁 尽快 及时 何时 给予 予以 有关 一下 一个 这个 还是 还有 以及 对于 由于 因为 所以 但是 "
    "市 区 县 镇 省 号 年 月 日".split()
)


_CODE = re.compile(r"^[A-Z]\d*[区县市]?$")


def _keywords(titles: list[str], bodies: list[str], exclude: str | None, idf: dict[str, float], top: int = 4,
              words: Sequence[set[str]] | None = None) -> list[str]:
    """`words`: the word set of each title, when the caller has cut them already."""
    jb = _jieba()
    tf: Counter[str] = Counter()
    if words is None:
        words = [set(jb.lcut(_clean(t))) for t in titles]
    for ws in words:
        for w in ws:
            if len(w) >= 2 and w not in _KW_STOP and not _SEP.search(w) and not w.isdigit() and not _CODE.match(w):
                if exclude and (w in exclude or exclude in w):
                    continue
                tf[w] += 1
    # ties by the word: the counter was filled from sets of words, whose order changes with the
    # process's hash seed, so equal scores came out in another order in another process
    scored = sorted(tf.items(), key=lambda x: (-(x[1] * idf.get(x[0], idf.get("__max__", 5.0))), x[0]))
    return [w for w, c in scored[:top] if c >= 1]


# --------------------------------------------------------------------------
# heat
# --------------------------------------------------------------------------


def heat_score(n_messages: int, n_petitioners: int, likes: int, dislikes: int, growth: float) -> float:
    """Heat of a cluster::

        heat = ln(1 + P)                    # distinct petitioners (留言用户)
             + 0.5 ln(1 + V - P)            # repeat messages by the same people
             + 0.5 ln(1 + L + 0.5 D)        # 点赞数 L, 反对数 D (attention)
             + 0.5 clip(g, -1, 2)           # growth, see find_hot_issues

    Breadth (how many different people) counts most; repeated messages by the
    same user count half and on a log scale, so one very active petitioner
    cannot dominate; votes count on a log scale (one post with 2,000 likes is
    worth about as much as 50 distinct petitioners, not 2,000); dislikes count
    half; recent growth adds at most +1 and removes at most 0.5.
    """
    V, P = n_messages, n_petitioners
    return (
        math.log1p(P)
        + 0.5 * math.log1p(max(V - P, 0))
        + 0.5 * math.log1p(max(likes, 0) + 0.5 * max(dislikes, 0))
        + 0.5 * max(-1.0, min(2.0, growth))
    )


# --------------------------------------------------------------------------
# clustering
# --------------------------------------------------------------------------


def _block_rows(width: int, cells: int = 20_000_000) -> int:
    """Rows per block of a similarity matrix `width` wide: about `cells` entries (160 MB dense)."""
    return max(1, cells // max(width, 1))


class _UnionFind:
    def __init__(self, n):
        self.p = list(range(n))

    def find(self, a):
        while self.p[a] != a:
            self.p[a] = self.p[self.p[a]]
            a = self.p[a]
        return a

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            self.p[b] = a


def _tfidf(messages: Sequence[Message], names: Iterable[str] = ()):
    """Character 2-3-gram TF-IDF (sublinear tf, smooth idf, l2 rows), terms in at least 2 and at
    most 20% of the documents, except the n-grams of the found entity ``names``, which are kept
    however common (the hottest place is named in most messages: its name is the topic, not a stop
    word). The n-grams are hashed into 2^22 columns instead of being counted into a vocabulary:
    4.6x faster on 6,000 messages, cosines within 0.011 of the exact ones (correlation 0.9998; see
    docs/warning.md)."""
    from scipy import sparse as sp
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

    docs = [(_clean(m.title) + "。") * 2 + _clean(m.body)[:300] for m in messages]
    hv = HashingVectorizer(analyzer="char", ngram_range=(2, 3), n_features=2**22,
                           alternate_sign=False, norm=None)
    H = hv.transform(docs)  # CSR, each row's columns sorted and distinct (sum_duplicates)
    # the document frequency of the columns that occur (not of all 2^22: a small corpus would
    # spend most of its time on the empty ones)
    cols, df = np.unique(H.indices, return_counts=True)
    ok = (df >= 2) & (df <= 0.2 * len(docs))
    names = [e for e in names if len(e) >= 2]
    if names:
        ok |= np.isin(cols, hv.transform(names).indices)
        ok &= df >= 2
    keep = cols[ok]
    if len(keep) == 0:  # tiny corpus: every term
        keep = cols
    # H[:, keep] with the kept columns renumbered 0..len(keep)-1, row by row in the same order
    pos = np.searchsorted(keep, H.indices)
    hit = pos < len(keep)
    hit[hit] = keep[pos[hit]] == H.indices[hit]
    indptr = np.concatenate([[0], np.cumsum(hit)])[H.indptr]
    sub = sp.csr_matrix((H.data[hit], pos[hit], indptr), shape=(H.shape[0], len(keep)))
    return TfidfTransformer(sublinear_tf=True).fit_transform(sub)


def _primary(msgs: Sequence[Message]):
    ents = extract_entities(msgs)
    n = len(msgs)
    docs_of: dict[str, set[int]] = defaultdict(set)
    for i, es in enumerate(ents):
        for e, _, _ in es:
            docs_of[e].add(i)
    # No frequency cap: a name found in many messages is the hottest topic, not a stop word (a
    # cap at a quarter of the messages hid the three rivers of a city's hotline export). Generic
    # words never become entities in the first place (_GENERIC_PREFIXES, _prefix_kind, ...).
    cap = n
    primary: list[str | None] = []
    for es in ents:
        best, best_s = None, 0.0
        cnt = Counter(e for e, _, _ in es)
        for e, t, ti in es:
            if TYPE_WEIGHT[t] <= 0:
                continue
            s = (
                TYPE_WEIGHT[t]
                * (2.0 if ti else 1.0)
                * (1.0 + math.log(cnt[e]))
                * (1.0 + 0.1 * math.log(len(docs_of[e])))
            )
            if s > best_s or (s == best_s and best is not None and len(e) > len(best)):
                best, best_s = e, s
        primary.append(best)
    return ents, docs_of, primary, cap


def primary_entities(messages: Sequence[Message]) -> list[str | None]:
    """The one entity each message is mainly about (None if no name found):
    highest ``TYPE_WEIGHT[type] x (2 if in title) x (1 + ln count in message)
    x (1 + 0.1 ln corpus frequency)``; administrative areas are never primary.
    A name is never skipped for being frequent (the hottest place is named in most messages)."""
    return _primary(list(messages))[2]


_MATTER_TYPES = {"estate", "company", "school", "hospital", "case"}


def _split_roads(clusters, ents, primary, X, sim: float, min_messages: int):  # noqa: ANN001, ANN202
    """A road is a place, not a matter: a group led by a road is split into the matters in it.

    Within the group, two messages are linked when their primary entity is the same estate,
    company, school, hospital or case, or when their TF-IDF cosine is at least `sim`; linked
    components of at least `min_messages` messages become groups of their own, the rest stays the
    road's group ("other complaints about this road"). Returns the groups and, for each group cut
    from a road, the road's name (used when the part has no dominant name of its own)."""
    type_of = {e: t for es in ents for e, t, _ in es}
    out: dict[int, list[int]] = {}
    road_of: dict[int, str] = {}
    for root, members in clusters.items():
        lead = Counter(primary[i] for i in members if primary[i] is not None)
        road = lead.most_common(1)[0][0] if lead else None
        if len(members) < 2 * min_messages or type_of.get(road) != "road":
            out[root] = members
            continue
        uf = _UnionFind(len(members))
        by_name: dict[str, int] = {}
        for k, i in enumerate(members):
            e = primary[i]
            if e is not None and type_of.get(e) in _MATTER_TYPES:
                if e in by_name:
                    uf.union(by_name[e], k)
                else:
                    by_name[e] = k
        S = (X[members] @ X[members].T).tocoo()
        for a, b, v in zip(S.row, S.col, S.data, strict=True):
            if a < b and v >= sim:
                uf.union(int(a), int(b))
        parts: dict[int, list[int]] = defaultdict(list)
        for k, i in enumerate(members):
            parts[uf.find(k)].append(i)
        rest: list[int] = []
        for part in parts.values():
            if min_messages <= len(part) < len(members):
                out[part[0]] = part
                road_of[part[0]] = road
            else:
                rest += part
        if rest:
            out[rest[0]] = rest
            road_of[rest[0]] = road
    return out, road_of


def find_hot_issues(
    messages: Iterable[Message],
    *,
    as_of: _dt.date | None = None,
    window_days: int | None = None,
    top: int = 20,
    min_messages: int = 2,
    growth_days: int = 30,
    attach_sim: float = 0.35,
    dup_sim: float = 0.55,
    merge_overlap: float = 0.5,
    road_split_sim: float | None = 0.3,
    rank_by: str = "size",
) -> list[HotIssue]:
    """Cluster messages about the same matter and rank clusters by size (``rank_by="size"``:
    messages, then heat) or by heat (``rank_by="heat"``: heat, then messages).

    Only messages dated ``<= as_of`` (default: the latest message) and, if
    ``window_days`` is given, ``> as_of - window_days`` are used.  Clusters
    with fewer than ``min_messages`` messages are dropped.

    Growth ``g = ln((1 + r) / (1 + q))`` where ``r`` is the number of the
    cluster's messages in the last ``growth_days`` days up to ``as_of`` and
    ``q`` the number in the ``growth_days`` days before that.  Heat is
    :func:`heat_score` (``ln(1+P) + 0.5 ln(1+V-P) + 0.5 ln(1+L+0.5D) +
    0.5 clip(g,-1,2)``).  Support is ``sum(点赞数) - sum(反对数)``.
    """
    msgs = list(messages)
    if not msgs:
        return []
    if as_of is None:
        as_of = max(m.day for m in msgs)
    lo = as_of - _dt.timedelta(days=window_days) if window_days is not None else None
    msgs = [m for m in msgs if m.day <= as_of and (lo is None or m.day > lo)]
    n = len(msgs)
    if n == 0:
        return []

    # 1. entities
    ents, docs_of, primary, cap = _primary(msgs)

    # 2. groups by primary entity, merged by co-mention
    groups: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(primary):
        if e is not None:
            groups[e].append(i)
    order = sorted(groups, key=lambda e: (-len(groups[e]), -len(docs_of[e]), e))
    target: dict[str, str] = {}
    for idx, e in enumerate(order):
        de = docs_of[e]
        best, best_r = None, 0.0
        if len(de) >= 2:
            for f in order[:idx]:
                if f in target:
                    continue
                r = len(de & docs_of[f]) / len(de)
                if r > best_r:
                    best, best_r = f, r
        if best is not None and best_r >= merge_overlap:
            target[e] = best
    uf = _UnionFind(n)
    root_entity: dict[int, str] = {}
    for e in order:
        f = e
        while f in target:
            f = target[f]
        members = groups[e]
        lead = groups[f][0]
        for i in members:
            uf.union(lead, i)
        root_entity.setdefault(uf.find(lead), f)

    # 3. text similarity for the rest
    X = _tfidf(msgs, (e for e, ds in docs_of.items() if len(ds) >= 2))
    sizes = Counter(uf.find(i) for i in range(n))
    in_group = np.array([primary[i] is not None and sizes[uf.find(i)] >= 2 for i in range(n)])
    loose = np.flatnonzero(~in_group)
    if len(loose):
        roots = sorted({uf.find(i) for i in np.flatnonzero(in_group)})
        if roots:
            from scipy import sparse

            r_index = {r: k for k, r in enumerate(roots)}
            rows = [r_index[uf.find(i)] for i in np.flatnonzero(in_group)]
            M = sparse.csr_matrix(
                (np.ones(len(rows)), (rows, np.flatnonzero(in_group))), shape=(len(roots), n)
            )
            C = M @ X
            norms = np.sqrt(np.asarray(C.multiply(C).sum(axis=1))).ravel()
            norms[norms == 0] = 1.0
            C = sparse.diags(1.0 / norms) @ C
            CT = C.T.tocsr()
            XL = X[loose]
            # in blocks of rows (each row's cosines are computed alone: the same values as the
            # whole matrix at once), so memory stays at one block of loose x groups
            step = _block_rows(len(roots))
            for lo in range(0, len(loose), step):
                S = (XL[lo:lo + step] @ CT).toarray()
                best = S.argmax(axis=1)
                top_sim = S[np.arange(len(best)), best]
                for li in np.flatnonzero(top_sim >= attach_sim).tolist():
                    uf.union(roots[best[li]], loose[lo + li])
        still = [i for i in loose if sizes[uf.find(i)] < 2 and uf.find(i) == i]
        if len(still) > 1:
            Y = X[still]
            YT = Y.T.tocsr()
            # near-duplicates among the rest, in blocks of rows, keeping only the pairs above the
            # threshold (a board of copied complaints makes this matrix dense: ~n^2 entries); the
            # groups are the connected components of those pairs, whatever the order of the unions
            step = _block_rows(len(still))
            for lo in range(0, len(still), step):
                S = (Y[lo:lo + step] @ YT).tocoo()
                keep = (S.data >= dup_sim) & (S.row + lo < S.col)
                for a, b in zip((S.row[keep] + lo).tolist(), S.col[keep].tolist(), strict=True):
                    uf.union(still[a], still[b])

    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        clusters[uf.find(i)].append(i)
    road_of: dict[int, str] = {}
    if road_split_sim is not None:
        clusters, road_of = _split_roads(clusters, ents, primary, X, road_split_sim, min_messages)

    # idf over titles for keywords
    jb = _jieba()
    dfw: Counter[str] = Counter()
    title_words = [set(jb.lcut(_clean(m.title))) for m in msgs]  # cut once, for idf and keywords
    for ws in title_words:
        dfw.update(ws)
    idf = {w: math.log((1 + n) / (1 + c)) + 1 for w, c in dfw.items()}
    idf["__max__"] = math.log(1 + n) + 1

    g0 = as_of - _dt.timedelta(days=growth_days)
    g1 = as_of - _dt.timedelta(days=2 * growth_days)
    issues = []
    for root, members in clusters.items():
        if len(members) < min_messages:
            continue
        ms = [msgs[i] for i in members]
        # key entity: most frequent primary entity of members, else most mentioned
        ec = Counter(primary[i] for i in members if primary[i] is not None)
        if not ec:
            ec = Counter(e for i in members for e in sorted({x for x, _, _ in ents[i]}) if len(docs_of[e]) <= cap)
            ec = Counter({e: c for e, c in ec.items() if c >= 2})
        entity = None
        if ec:
            top_e = max(ec.items(), key=lambda x: (x[1], len(docs_of[x[0]]), len(x[0])))[0]
            entity = top_e
        if root in road_of and (entity is None or ec[entity] < 0.4 * len(members)):
            entity = road_of[root]  # a part of a road's group without a dominant name of its own
        users = {m.user for m in ms if m.user}
        likes = sum(m.likes for m in ms)
        dislikes = sum(m.dislikes for m in ms)
        r = sum(1 for m in ms if m.day > g0)
        q = sum(1 for m in ms if g1 < m.day <= g0)
        growth = math.log((1 + r) / (1 + q))
        heat = heat_score(len(ms), len(users), likes, dislikes, growth)
        kws = _keywords([m.title for m in ms], [m.body for m in ms], entity, idf,
                        words=[title_words[i] for i in members])
        name = (entity + " · " if entity else "") + " ".join(kws[:3] if entity else kws[:4])
        days = [m.day for m in ms]
        ms_sorted = sorted(ms, key=lambda m: (m.time if isinstance(m.time, _dt.datetime) else _dt.datetime.combine(m.time, _dt.time())))
        issues.append(
            HotIssue(
                name=name.strip(),
                entity=entity,
                keywords=kws,
                message_ids=[m.id for m in ms_sorted],
                n_messages=len(ms),
                n_petitioners=len(users),
                support=likes - dislikes,
                growth=round(growth, 4),
                heat=round(heat, 4),
                first_date=min(days),
                last_date=max(days),
                likes=likes,
                dislikes=dislikes,
            )
        )
    if rank_by == "heat":
        issues.sort(key=lambda h: (-h.heat, -h.n_messages, h.name))
    elif rank_by == "size":
        issues.sort(key=lambda h: (-h.n_messages, -h.heat, h.name))
    else:
        raise ValueError(f"rank_by must be 'size' or 'heat', not {rank_by!r}")
    return issues[:top]
