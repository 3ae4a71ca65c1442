"""Hot-issue clustering: hand-written messages plus one data-backed check."""

import datetime as dt

import pytest

from xinfang.warning import hotissues as H


def _m(i, user, title, body, day, likes=0, dislikes=0):
    return H.Message(
        id=str(i), user=user, title=title, body=body,
        time=dt.datetime(2019, 6, day, 10, 0), likes=likes, dislikes=dislikes,
    )


def _corpus():
    return [
        # the same estate, worded differently, different people
        _m(1, "u1", "A2区翠湖花园旁边建搅拌站噪音扰民", "A市A2区翠湖花园小区附近新建了一个搅拌站，日夜施工，噪音很大。", 1, likes=12),
        _m(2, "u2", "投诉翠湖花园附近搅拌站粉尘污染", "我们是翠湖花园业主，小区旁的搅拌站粉尘严重，请环保部门处理。", 3, likes=5),
        _m(3, "u3", "翠湖花园小区业主反映搅拌站扰民", "翠湖花园小区旁搅拌站晚上还在运转，严重影响休息。", 10),
        _m(4, "u3", "再次反映A市翠湖花园搅拌站问题", "上次反映的翠湖花园搅拌站问题至今没有解决。", 20, dislikes=1),
        # a school matter
        _m(5, "u5", "A5区育英学校食堂卫生问题", "A5区育英学校食堂卫生条件差，学生吃了拉肚子。", 5),
        _m(6, "u6", "育英学校食堂饭菜质量差", "孩子在育英学校就读，食堂饭菜质量太差，价格还贵。", 6),
        _m(7, "u7", "请关注育英学校食堂", "育英学校食堂多次出现卫生问题，请教育局查处。", 15),
        # unrelated one-offs
        _m(8, "u8", "咨询社保卡补办流程", "社保卡丢失了，请问在哪里补办，需要带什么材料？", 2),
        _m(9, "u9", "A7县某村自来水水压低", "我们村的自来水水压很低，三楼用不上水。", 8),
        _m(10, "u10", "建议增加公交车班次", "早高峰公交车太挤，建议增加班次。", 9),
    ]


def _cluster_of(issues, msg_id):
    for h in issues:
        if msg_id in h.message_ids:
            return h
    return None


def test_entities_found_in_hand_written_messages():
    msgs = _corpus()
    ents = H.extract_entities(msgs)
    names = [{e for e, _, _ in es} for es in ents]
    assert "翠湖花园" in names[0] and "翠湖花园" in names[1]
    assert "育英学校" in names[4] and "育英学校" in names[6]
    assert not any("翠湖" in e for e in names[7] | names[8] | names[9])


def test_same_estate_grouped_unrelated_separated():
    issues = H.find_hot_issues(_corpus(), top=20)
    estate = _cluster_of(issues, "1")
    school = _cluster_of(issues, "5")
    assert estate is not None and school is not None and estate is not school
    assert set(estate.message_ids) == {"1", "2", "3", "4"}
    assert set(school.message_ids) == {"5", "6", "7"}
    assert estate.entity == "翠湖花园" and estate.name.startswith("翠湖花园")
    assert school.entity == "育英学校"
    # one-offs are not part of any multi-message issue
    for i in ("8", "9", "10"):
        assert _cluster_of(issues, i) is None
    # statistics
    assert estate.n_messages == 4 and estate.n_petitioners == 3
    assert estate.support == 12 + 5 - 1 and estate.likes == 17 and estate.dislikes == 1
    assert estate.first_date == dt.date(2019, 6, 1) and estate.last_date == dt.date(2019, 6, 20)
    assert estate.heat == pytest.approx(
        H.heat_score(4, 3, 17, 1, estate.growth), abs=1e-3
    )
    # ranked by heat: the estate (more people, votes) before the school
    assert issues.index(estate) < issues.index(school)


def test_window_and_as_of_filter_messages():
    issues = H.find_hot_issues(_corpus(), as_of=dt.date(2019, 6, 12), window_days=12)
    estate = _cluster_of(issues, "1")
    assert estate is not None and set(estate.message_ids) == {"1", "2", "3"}
    assert _cluster_of(issues, "4") is None  # after as_of
    assert H.find_hot_issues([], top=5) == []


def test_heat_formula_orders_breadth_over_repetition():
    many_people = H.heat_score(10, 10, 0, 0, 0.0)
    one_person = H.heat_score(10, 1, 0, 0, 0.0)
    assert many_people > one_person
    assert H.heat_score(5, 5, 100, 0, 0.0) > H.heat_score(5, 5, 0, 0, 0.0)
    assert H.heat_score(5, 5, 0, 0, 1.0) > H.heat_score(5, 5, 0, 0, -1.0)


def test_shared_data_dir_setting_override(settings, tmp_path):
    settings.XINFANG_SHARED_DATA = tmp_path
    assert H.shared_data_dir() == tmp_path / "teddy2020"
    assert H.shared_data_dir("/x/y") == H.Path("/x/y")
    del settings.XINFANG_SHARED_DATA
    assert H.shared_data_dir().parts[-3:] == ("shared", "data", "teddy2020")


def _real_messages():
    try:
        return H.load_messages()
    except FileNotFoundError:
        pytest.skip(f"Teddy-Cup data not found at {H.shared_data_dir()} (set XINFANG_SHARED_DATA)")


def test_real_data_dominant_matters_rank_high():
    msgs = _real_messages()
    assert len(msgs) == 4326
    issues = H.find_hot_issues(msgs, top=15, rank_by="heat")
    entities = [h.entity for h in issues]
    # 丽发新城 (搅拌站 complaints, ~66 messages) is the clearest matter in the data
    assert "丽发新城" in entities[:3]
    lf = issues[entities.index("丽发新城")]
    assert lf.n_messages >= 50 and lf.n_petitioners >= 45
    # the other matters a reader sees: 伊景园滨河苑 parking, 58车贷 fraud case
    assert "伊景园" in entities[:10]
    assert any(e and "58车贷" in e for e in entities[:10])


def test_road_group_split_into_its_matters():
    night = ["每天夜里", "凌晨两点", "半夜", "深夜"]
    lorries = [_m(20 + k, f"r{k}", f"枫林三路渣土车{night[k]}噪音扰民",
                  f"枫林三路{night[k]}渣土车轰鸣，噪音扰民，无法入睡，请查处渣土车。", 1 + k)
               for k in range(4)]
    since = ["两个月", "半年", "三周", "一个月"]
    lights = [_m(30 + k, f"s{k}", f"枫林三路路灯{since[k]}不亮",
                 f"枫林三路一段路灯坏了{since[k]}没人修，晚上漆黑一片，请尽快修复路灯。", 2 + k)
              for k in range(4)]
    topics = ["社保卡补办", "医保报销", "公积金提取", "户口迁移", "驾照换证", "低保申请", "养老金调整",
              "学区划分", "燃气开户", "宽带安装", "停车收费", "垃圾分类", "狗证办理", "居住证办理",
              "残疾证办理", "出生证明", "护照办理", "农村建房", "退役军人优待", "高龄补贴"]
    filler = [_m(40 + k, f"f{k}", f"咨询{t}事宜", f"请问{t}需要什么材料，在哪里办理，多久能办好？", 9)
              for k, t in enumerate(topics)]
    msgs = [*_corpus(), *lorries, *lights, *filler]
    whole = H.find_hot_issues(msgs, road_split_sim=None)
    assert _cluster_of(whole, "20") is _cluster_of(whole, "30")  # one road, two matters
    split = H.find_hot_issues(msgs)
    a, b = _cluster_of(split, "20"), _cluster_of(split, "30")
    assert a is not None and b is not None and a is not b
    assert set(a.message_ids) == {m.id for m in lorries}
    assert set(b.message_ids) == {m.id for m in lights}
    assert a.entity == "枫林三路" and "渣土" in a.name
