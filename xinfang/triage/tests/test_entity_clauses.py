"""`dedup.extract_entities` segments only the clauses that hold a suffix: the same entities (names,
kinds, counts, order) as segmenting the whole text, on every shared message and on made-up texts
built from the characters and words where the two could differ.

`whole_text_entities` below is the extraction as it was before (jieba over the whole text, with the
same walk back from each suffix), kept here only as the reference the faster one is checked against."""

from __future__ import annotations

import csv
import random
import re
from typing import Any

import pytest

from xinfang.triage import dedup
from xinfang.triage.dedup import Entity, extract_entities, key_entity, normalize_text
from xinfang.triage.textdata import teddy_data_dir

SHARED_FILES = ("messages_labelled.csv", "messages_with_votes.csv", "messages_with_replies.csv",
                "replies_quality_labelled.csv")


def whole_text_entities(text: str) -> list[Entity]:
    """The reference: the names of the whole (area-masked) text segmented in one jieba pass, as
    before this change, through the same walk (`_clause_names`, its cache left out)."""
    found: dict[str, list[Any]] = {}
    masked = dedup._note_areas(normalize_text(text), found)
    for name, kind, pos in dedup._clause_names.__wrapped__(masked):
        dedup._note(found, name, kind, pos)
    return dedup._entities(found)


def whole_text_key_entity(text: str) -> Entity | None:
    return dedup.most_about(whole_text_entities(text))


def _shared_rows() -> list[dict[str, str]]:
    folder = teddy_data_dir()
    if not all((folder / f).is_file() for f in SHARED_FILES):
        pytest.skip(f"the shared messages are not in {folder} (set XINFANG_SHARED_DATA)")
    rows: list[dict[str, str]] = []
    for name in SHARED_FILES:
        with (folder / name).open(encoding="utf-8", newline="") as f:
            rows.extend(csv.DictReader(f))
    return rows


def shared_messages() -> list[str]:
    """Each distinct shared message as an import's row gives it: "<title> <body>" (skips when absent)."""
    seen: dict[str, None] = {}
    for row in _shared_rows():
        seen.setdefault(f"{(row.get('留言主题') or '').strip()} {(row.get('留言详情') or '').strip()}", None)
    return list(seen)


def shared_texts() -> list[str]:
    """Every distinct title, body and reply of the shared messages (skips when they are absent)."""
    seen: dict[str, None] = {}
    for row in _shared_rows():
        for column in ("留言主题", "留言详情", "答复意见"):
            if row.get(column):
                seen.setdefault(row[column], None)
        title, body = (row.get("留言主题") or "").strip(), (row.get("留言详情") or "").strip()
        if title and body:  # as the districts are derived: title and body glued
            seen.setdefault(f"{title}{body}".replace(" ", ""), None)
    return list(seen)


# the pieces where clause-wise and whole-text segmentation could part: punctuation and white space
# (clause ends), characters jieba yields alone but the walk goes over (é, 〇, rare CJK, Greek), the
# non-letters jieba keeps inside a run (+#&._%-), district codes (masked), suffixes, generic and stop
# words, canonical estate names (X园小区), digits
PIECES = [
    "丽发新城", "小区", "伊景园", "滨河苑", "魅力之城", "和平", "公园", "幼儿园", "华庭", "大厦", "公寓",
    "同发投资", "有限公司", "公司", "集团", "银行", "58车贷", "阳光健身", "俱乐部", "4s店", "厂",
    "实验", "小学", "一中", "附中", "培训机构", "人民", "医院", "卫生服务中心", "诊所",
    "星沙东六", "路", "大道", "街", "巷", "高速", "立交桥", "桃花岭", "社区", "村", "镇", "乡", "街道",
    "广场", "市场", "火车站", "地铁站", "景区", "书院", "政府", "区政府", "县城", "校园", "物业",
    "开发商", "的", "在", "我们", "位于", "附近", "门口", "投诉", "反映", "业主", "居民", "这个",
    "A2区", "a5区", "K8市", "B县", "A市", "区长", "12", "2019年", "3栋", "号",
    "，", "。", "、", "！", "？", "：", "；", "（", "）", "“", "”", "《", "》", "…", "—", "~", "/", ",",
    " ", "  ", "\t", "\r\n", "\n", "\u3000",
    "é", "〇", "㐀", "α", "Ⅷ", "①", "_", "-", "+", "#", "&", ".", "%", "·", "@", "$",
    "ｂ", "Ａ２区", "６",
]


def made_up_texts(n: int, seed: int = 16) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40))) for _ in range(n)]


def _as_tuples(ents: list[Entity] | Entity | None) -> Any:
    if ents is None or isinstance(ents, Entity):
        return ents and (ents.name, ents.kind, ents.count)
    return [(e.name, e.kind, e.count) for e in ents]


def test_a_clause_ends_where_jieba_yields_a_character_that_stops_the_walk() -> None:
    # given every character of the basic plane and some beyond (jieba's own pattern decides what it
    # segments in runs; the walk back from a suffix stops at punctuation and white space)
    jieba = pytest.importorskip("jieba")
    dedup._tokens("预热")
    inside = re.compile(r"[\w+#&.%\-]")
    for code in [*range(0x10000), *range(0x20000, 0x20100), 0x1F600]:
        c = chr(code)
        stops = not jieba.re_han_default.match(c) and bool(dedup._PUNCT_TOKEN.match(c) or c.isspace())
        # then a clause character is exactly one that is not such a stop
        assert bool(inside.match(c)) == (not stops), (hex(code), c)


@pytest.mark.parametrize("text", [
    "我是A2区丽发新城小区的业主，投诉同发投资有限公司",
    "，小区，公司。和平小区\r\n和平小区",
    "é和平小区〇伊景园滨河苑α实验小学",
    "A5区魅力之城小区楼下的烧烤店A5区魅力之城",
    "区长房在和平路_新华路-东风路.人民路%中山路",
    "",
    "。。。",
    "小区",
])
def test_edge_cases_give_the_whole_texts_entities(text: str) -> None:
    # given a text / when its entities are extracted clause by clause / then as from the whole text
    assert _as_tuples(extract_entities(text)) == _as_tuples(whole_text_entities(text))
    assert _as_tuples(key_entity(text)) == _as_tuples(whole_text_key_entity(text))


def test_made_up_texts_give_the_whole_texts_entities() -> None:
    # given 5,000 texts glued from the pieces where the two ways could differ
    texts = made_up_texts(5000)
    # when extracted both ways (cache cleared: nothing carried over from other tests)
    dedup._clause_names.cache_clear()
    differ = [t for t in texts if _as_tuples(extract_entities(t)) != _as_tuples(whole_text_entities(t))]
    # then every text gives the same entities, kinds, counts and order; and they do find entities
    assert differ == []
    assert sum(1 for t in texts if whole_text_entities(t)) > 2000


def test_every_shared_message_gives_the_whole_texts_entities() -> None:
    # given every distinct title, body, reply and title+body of the shared real messages
    texts = shared_texts()
    dedup._clause_names.cache_clear()
    # when extracted both ways / then the same entities and key entity for every one of them
    differ = [t for t in texts if _as_tuples(extract_entities(t)) != _as_tuples(whole_text_entities(t))]
    assert differ == []
    differ = [t for t in texts if _as_tuples(key_entity(t)) != _as_tuples(whole_text_key_entity(t))]
    assert differ == []
    assert len(texts) > 20000


def test_within_segments_only_the_accepted_clauses() -> None:
    # given a text whose estate is named in two clauses and a company in a third
    text = "我住在丽发新城小区，丽发新城小区门口有个摊，投诉同发投资有限公司。"
    seen: list[str] = []

    def estates_only(clause: str) -> bool:
        seen.append(clause)
        return "小区" in clause

    # when only the clauses naming an estate are accepted
    got = extract_entities(text, within=estates_only)
    # then the estate comes out as from the whole text (kind, both mentions), the company not at all,
    # and only the clauses holding a suffix were offered
    assert _as_tuples(got) == [("丽发新城", "estate", 2)]
    assert ("丽发新城", "estate", 2) in _as_tuples(whole_text_entities(text))
    assert seen == ["我住在丽发新城小区", "丽发新城小区门口有个摊", "投诉同发投资有限公司"]
