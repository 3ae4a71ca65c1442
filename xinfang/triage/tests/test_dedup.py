"""Tests of duplicate / same-matter detection and entity extraction (no database needed)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from xinfang.triage.dedup import (
    DuplicateIndex,
    Match,
    classify_pair,
    extract_entities,
    key_entity,
    same_entity,
)
from xinfang.triage.textdata import load_vote_messages, message_text, teddy_data_dir

# Full-data measurements take tens of seconds: bench/ runs them; opt in with XINFANG_RUN_SLOW=1.
RUN_SLOW = pytest.mark.skipif(not os.environ.get("XINFANG_RUN_SLOW"),
                              reason="full shared data set: set XINFANG_RUN_SLOW=1 (or run bench/triage_*.py)")

STORED = {
    "p1": "我是A2区丽发新城小区的业主，开发商在小区旁边不到一百米的地方建了一个搅拌站，每天噪音很大，灰尘满天飞，请政府尽快处理。",
    "p2": "A7县星沙东六路的红绿灯坏了三天了，早高峰车辆乱闯，行人过马路非常危险，请交警部门尽快维修。",
    "p3": "A3区实验小学今年划片入学政策突然改变，我们小区的孩子不能就近入学，家长意见很大。",
    "p4": "广铁集团职工定向商品房伊景园滨河苑要求购房必须捆绑购买12万元的车位，不买就取消购房资格。",
    "p5": "A5区魅力之城小区楼下的烧烤店油烟直排，每天营业到凌晨三点，居民无法休息。",
    "p6": "西地省某某科技有限公司拖欠我们三个月工资，劳动监察大队一直没有处理结果。",
    "p7": "A4区德雅路的路灯坏了半年了，晚上一片漆黑，老人小孩出门很不安全。",
    "p8": "我在A1区购买的商品房一直办不了房产证，开发商说是土地款没有交清。",
}


@pytest.fixture(scope="module")
def index() -> DuplicateIndex:
    idx = DuplicateIndex()
    idx.add_many(list(STORED.items()))
    return idx


def test_near_duplicate_is_found(index: DuplicateIndex) -> None:
    resubmitted = "我是A2区丽发新城小区的业主，开发商在小区旁边不到100米的地方建了一个搅拌站，每天噪音很大，灰尘满天飞，请政府尽快处理！！"
    matches = index.query(resubmitted, k=3)
    assert matches and matches[0].doc_id == "p1"
    assert matches[0].kind == "near_duplicate"
    assert matches[0].score > 0.8
    assert "丽发新城" in matches[0].shared_entities


def test_same_matter_in_other_words(index: DuplicateIndex) -> None:
    other_words = (
        "丽发新城附近的搅拌厂晚上也在生产，粉尘和噪声让居民睡不着觉，这个搅拌厂是谁批准的？"
    )
    matches = index.query(other_words, k=3)
    assert matches and matches[0].doc_id == "p1"
    assert matches[0].kind == "same_topic"
    assert matches[0].shared_entities == ("丽发新城",)


def test_unrelated_text_is_not_matched(index: DuplicateIndex) -> None:
    unrelated = "请问退休人员的医保卡丢失以后在哪里补办，需要带什么材料？"
    matches = index.query(unrelated, k=5)
    assert all(m.kind == "similar" for m in matches)
    assert all(m.score < 0.27 for m in matches)
    # a same-kind complaint about another estate is not the same matter
    other_estate = "A6区金星花园小区楼下的饭店油烟很大，营业到深夜，影响休息。"
    assert all(m.kind != "near_duplicate" for m in index.query(other_estate))
    assert index.query("") == []


def test_exclude_and_k(index: DuplicateIndex) -> None:
    matches = index.query(STORED["p4"], k=1)
    assert [m.doc_id for m in matches] == ["p4"] and matches[0].score == pytest.approx(1.0)
    assert all(m.doc_id != "p4" for m in index.query(STORED["p4"], k=5, exclude=["p4"]))


def test_compare(index: DuplicateIndex) -> None:
    m = index.compare(STORED["p5"], "魅力之城小区烧烤店油烟直排扰民，凌晨三点还在营业")
    assert isinstance(m, Match) and m.kind in ("same_topic", "near_duplicate")
    assert index.compare(STORED["p5"], STORED["p6"]).kind == "similar"


def test_classify_pair_thresholds() -> None:
    assert classify_pair(0.95, False) == "near_duplicate"
    assert classify_pair(0.3, False) == "same_topic"
    assert classify_pair(0.15, True) == "same_topic"
    assert classify_pair(0.15, False) == "similar"


def test_incremental_adds_merge_segments() -> None:
    rng = np.random.default_rng(0)
    chars = list(
        "城市道路公交学校医院小区物业噪音污染油烟工资社保拆迁补偿房产证开发商车位停车路灯垃圾"
    )
    texts = {f"d{i}": "".join(rng.choice(chars, 40)) for i in range(300)}
    idx = DuplicateIndex(buffer_size=16)
    idx.add_many(list(texts.items())[:100])
    for doc_id, text in list(texts.items())[100:]:
        idx.add(doc_id, text)
    assert len(idx) == 300
    assert idx.stats()["segments"] <= 12
    for doc_id in ("d0", "d99", "d150", "d299"):
        top = idx.query(texts[doc_id], k=1)
        assert top[0].doc_id == doc_id and top[0].score > 0.99


def test_save_load_round_trip(index: DuplicateIndex, tmp_path: Path) -> None:
    path = index.save(tmp_path / "dups.joblib")
    loaded = DuplicateIndex.load(path)
    q = "丽发新城小区旁边建搅拌站，噪音很大"
    assert loaded.query(q) == index.query(q)
    loaded.add("p9", "A9市某某路的下水道堵塞，污水漫到路面上")
    assert loaded.query("某某路下水道堵塞污水漫到路面")[0].doc_id == "p9"
    import joblib

    joblib.dump({"kind": "x"}, path)
    with pytest.raises(ValueError):
        DuplicateIndex.load(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "我是A2区丽发新城小区的一名业主，我要投诉同发投资有限公司",
            {"丽发新城", "同发投资有限公司"},
        ),
        ("广铁集团职工定向商品房伊景园滨河苑捆绑销售车位", {"广铁集团", "伊景园", "滨河苑"}),
        ("A市万科魅力之城小区近百户楼板开裂", {"万科魅力之城"}),
        ("A5区雅礼洋湖实验中学附近垃圾箱长期未清理", {"雅礼洋湖实验中学"}),
        ("K8县冷江东路蓝波旺酒店外墙装修无人施工", {"冷江东路", "蓝波旺酒店"}),
        ("A7县春华镇石塘铺村有党员家开麻将馆", {"春华镇", "石塘铺村"}),
        ("西地省荣军医院多年未给员工缴纳养老保险", {"荣军医院"}),
        ("和平小区的路灯坏了", {"和平小区"}),
    ],
)

def test_extract_entities(text: str, expected: set[str]) -> None:
    names = {e.name for e in extract_entities(text) if e.kind != "area"}
    assert expected <= names, names


def test_entity_kinds_and_no_generic_names() -> None:
    ents = {
        e.name: e.kind
        for e in extract_entities("投诉A3区枫林路金色家园小区物业公司，小区门口的学校附近堵车")
    }
    assert ents.get("a3区") == "area"
    assert ents.get("枫林路") == "road"
    assert ents.get("金色家园") == "estate"
    assert "物业公司" not in ents and "小区" not in ents and "学校" not in ents
    assert extract_entities("请领导关注一下这个问题") == []


def test_key_entity_prefers_specific_kind() -> None:
    e = key_entity("A2区万家丽南路丽发新城小区附近建搅拌站，丽发新城的居民很苦恼")
    assert e is not None and e.name == "丽发新城" and e.kind == "estate" and e.count == 2
    assert key_entity("今天天气很好") is None


def test_same_entity() -> None:
    assert same_entity("伊景园滨河苑", "滨河苑")
    assert same_entity("万科魅力之城", "魅力之城")
    assert not same_entity("丽发新城", "万达新城")
    assert not same_entity("新城", "丽发新城")  # two characters are too little to match on


@pytest.mark.slow
@RUN_SLOW
def test_labelled_pairs_quality() -> None:
    """Same-matter detection on the labelled real pairs of bench/data (scores, not a copied run)."""
    import pandas as pd

    try:
        rows = load_vote_messages()
    except FileNotFoundError as exc:
        pytest.skip(f"shared data not found at {teddy_data_dir()}: {exc}")
    pairs = pd.read_csv(
        Path(__file__).resolve().parents[3] / "bench" / "data" / "dup_pairs.csv",
        dtype={"id_a": str, "id_b": str},
    )
    texts = {r["留言编号"]: message_text(r["留言主题"], r["留言详情"]) for r in rows}
    idx = DuplicateIndex()
    idx.add_many(
        list(texts.items()), entities=[[]] * len(texts)
    )  # IDF only; compare() extracts entities
    kinds = np.array(
        [idx.compare(texts[a], texts[b]).kind for a, b in zip(pairs.id_a, pairs.id_b, strict=False)]
    )
    same = pairs.label.to_numpy() != "different"
    called = kinds != "similar"
    precision = (called & same).sum() / called.sum()
    recall = (called & same).sum() / same.sum()
    assert precision >= 0.85 and recall >= 0.85, (precision, recall)
    nd = pairs.label.to_numpy() == "near_duplicate"
    assert ((kinds == "near_duplicate") & nd).sum() / nd.sum() >= 0.75
