"""Tests of the petition text classifier (no database needed)."""

from __future__ import annotations

import os

import numpy as np
import pytest

from xinfang.triage.textdata import teddy_data_dir
from xinfang.triage.textfeatures import CharNgramVectorizer, normalize_text
from xinfang.triage.textmodel import (
    FORMAT_VERSION,
    Prediction,
    TextClassifier,
    accuracy_by_threshold,
    load_labelled_messages,
    needs_human,
    train,
)

# Full-data measurements take tens of seconds: bench/ runs them; opt in with XINFANG_RUN_SLOW=1.
RUN_SLOW = pytest.mark.skipif(not os.environ.get("XINFANG_RUN_SLOW"),
                              reason="full shared data set: set XINFANG_RUN_SLOW=1 (or run bench/triage_*.py)")

TRAFFIC = [
    "十字路口的红绿灯坏了好几天，车辆乱闯很危险",
    "早高峰公交车太少，等车要四十分钟",
    "希望增开一条公交线路到火车站",
    "这条马路经常堵车，建议拓宽道路",
    "路口没有红绿灯，行人过马路不安全",
    "公交车司机开车太快，乘客站不稳",
    "地铁站出口太少，换乘公交不方便",
    "货车在主干道上乱停，造成交通拥堵",
    "建议在学校门口的路口设置人行横道和红绿灯",
    "夜班公交车停运了，晚上回家没有车坐",
    "高速公路出口经常堵车排长队",
    "公交站台被拆了，乘客只能站在马路边等车",
]
SCHOOL = [
    "学校老师在周末组织学生有偿补课",
    "孩子上小学划片不合理，离家太远",
    "幼儿园收费太高，希望多建公办幼儿园",
    "老师布置的作业太多，学生每天写到深夜",
    "中学食堂饭菜质量差，学生吃不饱",
    "学校乱收资料费，家长意见很大",
    "孩子入学需要房产证和户口，外地学生读书难",
    "希望教育局查处无证培训机构",
    "班主任推荐学生去校外补习班",
    "学校操场年久失修，学生上体育课不安全",
    "初中招生微机派位不公平",
    "老师体罚学生，家长要求学校处理",
]
ENVIRONMENT = [
    "楼下餐馆油烟直排，熏得我们不敢开窗",
    "工厂半夜排放废气，气味刺鼻",
    "搅拌站噪音很大，灰尘满天飞",
    "工地夜间施工噪音扰民，无法睡觉",
    "河道被倒满了垃圾，污水发臭",
    "小区旁边的垃圾站臭气熏天",
    "养猪场粪便直接排进河里，污染水源",
    "烧烤摊的油烟和噪音影响居民休息",
    "化工厂偷排污水，附近的鱼都死了",
    "露天焚烧垃圾，浓烟呛人",
    "KTV音响声音太大，噪音污染严重",
    "砂石厂粉尘污染，庄稼上全是灰",
]


@pytest.fixture(scope="module")
def tiny() -> TextClassifier:
    texts = TRAFFIC + SCHOOL + ENVIRONMENT
    labels = (
        ["交通运输"] * len(TRAFFIC) + ["教育文体"] * len(SCHOOL) + ["环境保护"] * len(ENVIRONMENT)
    )
    return train(texts, labels, data_source="hand-written test sentences")


def test_predicts_unseen_sentences(tiny: TextClassifier) -> None:
    cases = {
        "公交车班次太少了，能不能增加公交线路": "交通运输",
        "路口红绿灯时间太短，车辆堵在路口": "交通运输",
        "学校强制学生参加补课，老师收费": "教育文体",
        "幼儿园和小学的学位不够，孩子入学难": "教育文体",
        "饭店油烟直排，噪音也很大": "环境保护",
        "工厂排放的污水污染了河道": "环境保护",
    }
    preds = tiny.predict(list(cases))
    assert [p.label for p in preds] == list(cases.values())
    assert tiny.predict_labels(list(cases)) == list(cases.values())


def test_prediction_fields(tiny: TextClassifier) -> None:
    (p,) = tiny.predict("老师布置太多作业")
    assert isinstance(p, Prediction)
    assert 0.0 <= p.confidence <= 1.0
    assert [a for a, _ in p.alternatives] and p.label not in [a for a, _ in p.alternatives]
    probs = [p.confidence] + [v for _, v in p.alternatives]
    assert probs == sorted(probs, reverse=True)
    assert sum(probs) <= 1.0 + 1e-9
    proba = tiny.predict_proba(["老师布置太多作业"])
    assert proba.shape == (1, 3) and np.isclose(proba.sum(), 1.0)
    assert tiny.predict([]) == []


def test_evidence_names_the_driving_words(tiny: TextClassifier) -> None:
    text = "我家孩子的学校老师周末组织有偿补课，每人收费两千元"
    (p,) = tiny.predict(text)
    assert p.label == "教育文体"
    assert p.evidence, "evidence should not be empty"
    norm = normalize_text(text)
    assert all(span in norm for span in p.evidence)
    joined = "".join(p.evidence)
    assert any(word in joined for word in ("补课", "老师", "学校"))
    # the place-neutral filler words of the sentence do not come first
    assert not p.evidence[0].startswith(("我家", "每人"))
    (q,) = tiny.predict("楼下烧烤店油烟很大")
    assert any("油烟" in span for span in q.evidence)


def test_confidence_orders_clear_before_vague(tiny: TextClassifier) -> None:
    clear, vague = tiny.predict(
        ["公交车太少，等公交车要很久，希望增开公交线路", "请领导关注一下这个问题"]
    )
    assert clear.confidence > vague.confidence
    assert needs_human(vague, threshold=max(vague.confidence, 0.0) + 0.01)
    assert not needs_human(clear, threshold=clear.confidence)


def test_needs_human_threshold() -> None:
    low = Prediction("环境保护", 0.3, [("城乡建设", 0.25)], [])
    high = Prediction("环境保护", 0.93, [("城乡建设", 0.05)], [])
    assert needs_human(low, 0.5) and not needs_human(high, 0.5)
    assert needs_human(high, 0.95)


def test_save_load_round_trip(tiny: TextClassifier, tmp_path) -> None:
    path = tiny.save(tmp_path / "m.joblib")
    loaded = TextClassifier.load(path)
    texts = ["饭店油烟扰民", "公交车太挤", "学校乱收费"]
    assert loaded.predict(texts) == tiny.predict(texts)
    assert loaded.classes == ["交通运输", "教育文体", "环境保护"]
    assert loaded.metadata["n"] == 36
    assert loaded.metadata["data_source"] == "hand-written test sentences"
    assert loaded.metadata["trained_at"]


def test_load_refuses_other_formats(tiny: TextClassifier, tmp_path) -> None:
    import joblib

    path = tiny.save(tmp_path / "m.joblib")
    state = joblib.load(path)
    state["format_version"] = FORMAT_VERSION + 1
    joblib.dump(state, path)
    with pytest.raises(ValueError, match="format"):
        TextClassifier.load(path)
    joblib.dump({"kind": "something else"}, path)
    with pytest.raises(ValueError):
        TextClassifier.load(path)


def test_train_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        train(["a", "b"], ["x"])
    with pytest.raises(ValueError):
        train(["公交车", "地铁"], ["交通运输", "交通运输"])


def test_binary_label_set() -> None:
    model = train(TRAFFIC + SCHOOL, ["交通"] * len(TRAFFIC) + ["教育"] * len(SCHOOL))
    (a, b) = model.predict(["公交线路太少", "学校补课收费"])
    assert (a.label, b.label) == ("交通", "教育")
    assert a.alternatives[0][0] == "教育" and abs(a.confidence + a.alternatives[0][1] - 1) < 1e-9


def test_vectorizer_matches_sklearn_tfidf() -> None:
    """The numpy n-gram vectoriser computes exactly sklearn's char TF-IDF (sublinear tf, smooth idf)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [normalize_text(t) for t in TRAFFIC + SCHOOL + ENVIRONMENT]
    ours = CharNgramVectorizer((1, 2), min_df=1).fit(texts)
    ref = TfidfVectorizer(
        analyzer="char", ngram_range=(1, 2), sublinear_tf=True, lowercase=False
    ).fit(texts)
    assert sorted(ours.terms_) == sorted(ref.get_feature_names_out())
    a, b = ours.transform(texts).toarray(), ref.transform(texts).toarray()
    order = [ref.vocabulary_[t] for t in ours.terms_]
    np.testing.assert_allclose(a, b[:, order], atol=1e-9)
    assert ours.column_of("公交") is not None and ours.terms_[ours.column_of("公交")] == "公交"
    assert ours.column_of("不存在的词") is None


def test_normalize_text() -> None:
    assert normalize_text("  ＡＢＣ１２３\n_x000D_ 你好，  世界 ") == "abc123 你好, 世界"


def test_accuracy_by_threshold() -> None:
    rows = accuracy_by_threshold([0.9, 0.8, 0.4, 0.2], [True, True, False, True], [0.5])
    assert rows == [{"threshold": 0.5, "coverage": 0.5, "accuracy": 1.0, "to_human": 0.5}]


def test_data_dir_resolution(settings, tmp_path) -> None:
    settings.XINFANG_SHARED_DATA = tmp_path
    assert teddy_data_dir() == tmp_path / "teddy2020"
    assert teddy_data_dir(tmp_path / "x") == tmp_path / "x"
    del settings.XINFANG_SHARED_DATA
    assert teddy_data_dir().parts[-3:] == ("shared", "data", "teddy2020")
    with pytest.raises(FileNotFoundError, match="XINFANG_SHARED_DATA"):
        load_labelled_messages(tmp_path / "missing")


@pytest.fixture(scope="module")
def labelled() -> tuple[list[str], list[str]]:
    try:
        return load_labelled_messages()
    except FileNotFoundError as exc:
        pytest.skip(f"shared data not found at {teddy_data_dir()}: {exc}")


@pytest.mark.slow
@RUN_SLOW
def test_public_data_macro_f1(labelled) -> None:
    """Train on 80 % of the public labelled messages, test on the held-out 20 %."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import train_test_split

    texts, labels = labelled
    assert len(texts) == 4216 and len(set(labels)) == 7
    tr_x, te_x, tr_y, te_y = train_test_split(
        texts, labels, test_size=0.2, stratify=labels, random_state=1
    )
    model = train(tr_x, tr_y, data_source="messages_labelled.csv (80 % split)")
    preds = model.predict(te_x)
    macro = f1_score(te_y, [p.label for p in preds], average="macro")
    assert macro >= 0.85, f"macro-F1 {macro:.3f} below the floor"
    # confidence is informative: the confident half is more accurate than the rest
    conf = np.array([p.confidence for p in preds])
    ok = np.array([p.label == y for p, y in zip(preds, te_y, strict=False)])
    hi = conf >= np.median(conf)
    assert ok[hi].mean() > ok[~hi].mean() + 0.05
