"""Triage proposals on real-sounding Chinese petitions: each legal route, ask-a-human, repeats, groups."""

from __future__ import annotations

import pytest
from django.test import override_settings

from xinfang.cases.models import Purpose
from xinfang.cases.states import LegalRoute
from xinfang.orgs.models import Level, UnitType
from xinfang.orgs.services import unit_create
from xinfang.triage.models import RepeatKind, RoutingRule
from xinfang.triage.services import triage_propose

from .helpers import person, petition, taxonomy

pytestmark = pytest.mark.django_db


def propose(c, title, request, facts, **kw):  # noqa: ANN001, ANN003, ANN201
    return triage_propose(case=petition(c, title, request, facts, **kw))


def rule_words(p) -> list[str]:  # noqa: ANN001
    return [w for r in p.reasons if r["kind"] == "rule" for w in r.get("words", [])]


def test_wage_arrears_already_in_court_goes_to_litigation(county) -> None:
    p = propose(county, "某建筑公司拖欠农民工工资", "请求督促尽快执行法院判决，支付拖欠的工资。",
                "我们在城关镇某工地务工，公司拖欠工资8万元。我们已向县人民法院起诉，"
                "法院已判决公司支付，但公司至今未履行。")
    assert p.legal_route == LegalRoute.LITIGATION
    assert p.unit == county.political_legal
    assert "法院判决" in rule_words(p) or "已判决" in rule_words(p)
    assert p.category_label == "劳动和社会保障" and not p.ask_human
    assert "第31条第（一）项" in p.route_rule.article


def test_dismissal_dispute_goes_to_labour_arbitration(county) -> None:
    labour = unit_create(name="A县人力资源和社会保障局", code="ARS", level=Level.COUNTY,
                         unit_type=UnitType.DEPARTMENT, parent=county.county)
    p = propose(county, "电子厂违法解除劳动合同", "请求帮助追讨工资和经济补偿。",
                "我在某电子厂工作三年，厂里无故辞退我并拖欠两个月工资，我想申请劳动仲裁。")
    assert p.legal_route == LegalRoute.ARBITRATION
    assert p.unit == labour
    assert "劳动仲裁" in rule_words(p)


def test_traffic_fine_goes_to_administrative_reconsideration(county) -> None:
    p = propose(county, "对交警罚款决定不服", "请求撤销对我的罚款处罚。",
                "交警大队对我作出行政处罚决定，罚款2000元，我认为处罚不当，想申请行政复议。")
    assert p.legal_route == LegalRoute.ADMINISTRATIVE
    assert {"行政复议", "行政处罚决定"} & set(rule_words(p))


def test_accusation_against_an_official_goes_to_discipline(county) -> None:
    p = propose(county, "举报村支书贪污低保资金", "请求纪委查处村支书的违纪违法问题。",
                "东街社区村支书王某将多户村民的低保金据为己有，还优亲厚友，群众意见很大。")
    assert p.legal_route == LegalRoute.DISCIPLINE
    assert p.purpose == Purpose.ACCUSATION
    assert p.unit == county.discipline
    assert "贪污" in rule_words(p)


def test_party_member_appeal(county) -> None:
    p = propose(county, "不服开除党籍处分", "请求重新审查对我的处分决定。",
                "本人是退休党员，去年被给予开除党籍处分，我认为事实不清，提出党员申诉。")
    assert p.legal_route == LegalRoute.PARTY_APPEAL
    assert p.unit == county.discipline


def test_unlicensed_business_goes_to_enforcement(county) -> None:
    p = propose(county, "举报黑加油站无证经营", "请求查处无证经营的加油点。",
                "城关镇东街有人用油罐车私自卖油，没有任何证照，属于无证经营，存在安全隐患。")
    assert p.legal_route == LegalRoute.RIGHTS_PROTECTION


def test_simple_consultation_is_simplified(county) -> None:
    p = propose(county, "咨询城乡居民医保缴费时间", "请问今年城乡居民医疗保险什么时候开始缴费？",
                "请问在哪里办理缴费，需要带什么材料？")
    assert p.legal_route == LegalRoute.PETITION
    assert p.simplified is True
    assert any(r["kind"] == "simplified" and r["text"].startswith("可简易办理") for r in p.reasons)


def test_consultation_by_a_group_is_not_simplified(county) -> None:
    p = propose(county, "咨询城乡居民医保缴费时间", "请问今年城乡居民医疗保险什么时候开始缴费？",
                "请问在哪里办理缴费，需要带什么材料？", headcount=8, is_collective=True)
    assert p.simplified is False
    assert any("集体或多人事项" in r["text"] for r in p.reasons)


def test_ordinary_petition_follows_petition_procedure(county) -> None:
    cats = taxonomy()
    p = propose(county, "小区楼道漏水长期无人维修", "请求督促物业尽快维修楼道漏水。",
                "本人居住的小区三号楼楼道自今年三月起漏水，多次向物业反映无果。")
    assert p.legal_route == LegalRoute.PETITION and p.simplified is False
    assert p.category == cats["城乡建设"] and p.confidence >= 0.5
    model = next(r for r in p.reasons if r["kind"] == "model")
    assert model["words"]  # the words that drove the category are shown


def test_vague_petition_asks_a_human(county) -> None:
    p = propose(county, "有事反映", "有个事情想反映一下，麻烦处理。", "具体情况见面再谈，请尽快联系我。")
    assert p.ask_human is True
    assert p.category is None and p.category_label == "" and p.unit is None
    assert p.legal_route == ""  # no automatic value
    assert any("把握不足" in r["text"] for r in p.reasons)


def test_missing_model_asks_a_human_and_says_so(county, tmp_path) -> None:
    with override_settings(XINFANG_TRIAGE_MODEL_DIR=str(tmp_path)):
        p = propose(county, "小区楼道漏水长期无人维修", "请求督促物业尽快维修楼道漏水。",
                    "本人居住的小区三号楼楼道自今年三月起漏水，多次向物业反映无果。")
    assert p.ask_human is True and p.model_version == ""
    assert any(r["kind"] == "model_missing" and "train_triage" in r["text"] for r in p.reasons)


def test_edited_rule_changes_the_proposal(county) -> None:
    RoutingRule.objects.create(name="物业服务纠纷先行调解", phrases="物业+漏水", legal_route="",
                               target_unit=county.housing, article="本地清单第7项", priority=70)
    p = propose(county, "小区楼道漏水长期无人维修", "请求督促物业尽快维修楼道漏水。",
                "本人居住的小区三号楼楼道自今年三月起漏水，多次向物业反映无果。")
    assert p.unit == county.housing
    assert any("物业服务纠纷先行调解" in r["text"] for r in p.reasons)


# --- duplicates and repeats -------------------------------------------------------------------

LEAK = ("小区楼道漏水长期无人维修", "请求督促物业尽快维修楼道漏水。",
        "本人居住的城关镇幸福家园小区三号楼楼道自今年三月起漏水，多次向物业反映无果。")


def test_same_petitioner_same_matter_is_a_repeat(county) -> None:
    first = petition(county, *LEAK, who=7)
    p = propose(county, "幸福家园楼道漏水还是没人修", "再次请求督促物业维修楼道漏水。",
                "幸福家园小区三号楼楼道从三月起漏水，之前反映过，物业一直没有维修。", who=7)
    assert p.repeat_kind == RepeatKind.REPEAT
    assert p.earlier_case == first
    assert any(r["kind"] == "repeat" and "第19条" in r["text"] for r in p.reasons)


def test_same_phone_different_id_is_still_the_same_petitioner(county) -> None:
    first = petition(county, *LEAK, people=[person(8)])
    p = propose(county, *LEAK, people=[person(9, phone="13900000008")])
    assert (p.repeat_kind, p.earlier_case) == (RepeatKind.REPEAT, first)


def test_other_petitioner_same_text_is_the_same_matter(county) -> None:
    first = petition(county, *LEAK, who=10)
    p = propose(county, *LEAK, who=11)
    assert (p.repeat_kind, p.earlier_case) == (RepeatKind.SAME_MATTER, first)


def test_same_petitioner_other_matter_is_only_noted(county) -> None:
    petition(county, *LEAK, who=12)
    p = propose(county, "孩子入学划片不合理", "请求调整小学招生划片。",
                "我家离城关一小只有五百米，却被划到三公里外的学校，孩子上学很不方便。", who=12)
    assert p.repeat_kind == RepeatKind.SAME_PERSON and p.earlier_case is None


def test_many_gym_customers_are_one_group_matter(county) -> None:
    cases = [petition(county, "阳光健身俱乐部老板跑路", "请求退还会员卡预付费用。",
                      f"我在阳光健身俱乐部办了{n + 1}年的会员卡，现在俱乐部突然关门，老板失联，"
                      f"卡里还有余额无法退费。", who=20 + n) for n in range(5)]
    p = triage_propose(case=cases[-1])
    assert p.entity == "阳光健身俱乐部"
    assert set(p.group_cases.all()) == set(cases[:-1])
    assert p.group_petitioners == 5 and p.is_group_matter
    assert any(r["kind"] == "group" for r in p.reasons)


def test_few_petitioners_are_not_a_group(county) -> None:
    for n in range(2):
        petition(county, "阳光健身俱乐部老板跑路", "请求退还会员卡预付费用。",
                 "我在阳光健身俱乐部办了会员卡，现在俱乐部关门，老板失联。", who=40 + n)
    p = propose(county, "阳光健身俱乐部老板跑路", "请求退还会员卡预付费用。",
                "我在阳光健身俱乐部办了会员卡，现在俱乐部关门，老板失联。", who=42)
    assert p.group_petitioners == 0 and not p.group_cases.exists()


def test_never_proposes_the_accused_unit(county) -> None:
    RoutingRule.objects.create(name="住建类", phrases="工程质量", target_unit=county.housing,
                               article="本地清单", priority=200)
    p = propose(county, "举报住建局工程质量验收走过场", "请求调查住建局验收人员。",
                "城关镇安置房工程质量问题严重，住建局验收人员收了好处费后走过场验收。",
                purpose=Purpose.ACCUSATION, accused_unit=county.housing.pk)
    assert p.unit == county.discipline
    assert any("第30条" in r["text"] for r in p.reasons)


class TestSharedIndex:
    """The duplicate index is the shared one in the database (dupindex.py): each proposal catches up
    on the cases routed since the last one, nothing is built per process."""

    def test_cases_registered_later_are_found(self, county) -> None:
        first = petition(county, *LEAK, who=60)
        assert triage_propose(case=first).earlier_case is None
        second = petition(county, *LEAK, who=61)
        assert triage_propose(case=second).earlier_case == first
        third = petition(county, "幸福家园三号楼楼道漏水", "请求维修楼道漏水。",
                         "城关镇幸福家园小区三号楼楼道自三月起漏水，物业不修。", who=62)
        p = triage_propose(case=third)
        assert p.repeat_kind == RepeatKind.SAME_MATTER and p.earlier_case in (first, second)

    def test_a_later_case_is_never_offered_as_the_earlier_one(self, county) -> None:
        petition(county, "孩子入学划片不合理", "请求调整小学招生划片。",
                 "我家离城关一小只有五百米，却被划到三公里外的学校。", who=70)
        first = petition(county, *LEAK, who=63)
        petition(county, *LEAK, who=64)  # in the index, but registered after `first`
        assert triage_propose(case=first).earlier_case is None

    def test_a_backlog_walked_newest_first_finds_each_earlier_case(self, county) -> None:
        import datetime as dt

        from xinfang.core import clock

        start = clock.now() - dt.timedelta(days=600)
        cases = []
        for n in range(5):
            with clock.frozen(start + dt.timedelta(days=120 * n)):
                cases.append(petition(county, *LEAK, who=80 + n))
        for i in range(len(cases) - 1, 0, -1):  # each finds one of the earlier ones in its window
            assert triage_propose(case=cases[i]).earlier_case in cases[:i]
        assert triage_propose(case=cases[0]).earlier_case is None
