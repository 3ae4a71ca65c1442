"""Deriving a missing district (问题属地) from a hotline text or its handling unit, with the evidence."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import pytest
from django.utils import timezone

from xinfang.orgs.models import Level, Unit, UnitType
from xinfang.orgs.services import unit_create
from xinfang.triage import dedup
from xinfang.triage.models import TriageProposal
from xinfang.triage.places import (
    BY_HANDLING_UNIT,
    SOURCE_HANDLING_UNIT,
    PlaceIndex,
    derive_place,
    place_names,
)

from .helpers import petition
from .test_entity_clauses import (
    made_up_texts,
    shared_messages,
    whole_text_entities,
    whole_text_key_entity,
)

pytestmark = pytest.mark.django_db

GOV, DEPT = UnitType.PARTY_GOVERNMENT, UnitType.DEPARTMENT


@dataclass
class City:
    city: Unit
    yuelu: Unit
    kaifu: Unit
    yuelu_housing: Unit
    city_housing: Unit
    wangyuehu: Unit


@pytest.fixture
def city(county) -> City:  # noqa: ANN001
    """Two districts of a real-looking city under the shared test city, with a street office, a
    community and departments at district and city level."""
    top = county.city
    yuelu = unit_create(name="岳麓区人民政府", code="YL", level=Level.COUNTY, unit_type=GOV,
                        parent=top, short_name="岳麓区")
    kaifu = unit_create(name="开福区委区政府", code="KF", level=Level.COUNTY, unit_type=GOV,
                        parent=top)
    wangyuehu = unit_create(name="岳麓区望月湖街道办事处", code="YLWYH", level=Level.TOWNSHIP,
                            unit_type=GOV, parent=yuelu)
    unit_create(name="望月湖街道桃花岭社区居民委员会", code="YLTHL", level=Level.VILLAGE,
                unit_type=GOV, parent=wangyuehu)
    unit_create(name="伍家岭街道办事处", code="KFWJL", level=Level.TOWNSHIP, unit_type=GOV,
                parent=kaifu)
    return City(
        city=top, yuelu=yuelu, kaifu=kaifu, wangyuehu=wangyuehu,
        yuelu_housing=unit_create(name="岳麓区住房和城乡建设局", code="YLZJ", level=Level.COUNTY,
                                  unit_type=DEPT, parent=yuelu),
        city_housing=unit_create(name="某市住房和城乡建设局", code="CZJ", level=Level.CITY,
                                 unit_type=DEPT, parent=top),
    )


@pytest.mark.parametrize(("name", "short", "parents", "expected"), [
    ("岳麓区人民政府", "", (), {"岳麓区"}),
    ("开福区委区政府", "", (), {"开福区"}),
    ("岳麓区望月湖街道办事处", "", ("岳麓区",), {"岳麓区望月湖街道", "望月湖街道"}),
    ("望月湖街道桃花岭社区居民委员会", "", ("望月湖街道",), {"望月湖街道桃花岭社区", "桃花岭社区"}),
    ("岳麓区住房和城乡建设局", "", (), set()),
])
def test_place_names_strip_the_government_and_the_parent(name, short, parents, expected) -> None:  # noqa: ANN001
    # given a unit's name / when its place names are derived / then government tails go, places stay
    assert place_names(name, short, parents) == expected


@pytest.mark.parametrize(("text", "district", "evidence"), [
    ("岳麓区麓山南路夜间施工噪音扰民，凌晨两点还在打桩。", "yuelu", "岳麓区"),
    ("开福区某工地渣土车夜间抛洒，道路全是泥。", "kaifu", "开福区"),
    ("桃花岭社区三栋楼下化粪池满溢，污水流到路面。", "yuelu", "桃花岭社区"),
    ("望月湖街道菜市场门口占道经营严重。", "yuelu", "望月湖街道"),
    ("伍家岭街道某小区电梯停运一周无人维修。", "kaifu", "伍家岭街道"),
])
def test_a_place_of_the_tree_named_in_the_text(city, text, district, evidence) -> None:  # noqa: ANN001
    # given a hotline text naming a district, street or community of the tree
    # when the district is derived (the handling unit is the other district's: the text wins)
    other = city.kaifu if district == "yuelu" else city.yuelu
    guess = derive_place(text, handling_unit=other, root=city.city)
    # then it is that district, with the words found as evidence
    assert (guess.unit, guess.source, guess.evidence) == (getattr(city, district), "text", evidence)


def test_an_estate_known_under_a_district_from_earlier_cases(county, city) -> None:  # noqa: ANN001
    # given an earlier case about 阳光小区 whose 问题属地 is a township of county A (triage's key entity)
    earlier = petition(county, "阳光小区物业乱收费", "请求查处阳光小区物业乱收停车费。",
                       "阳光小区物业公司今年起每月多收停车费200元。", problem_unit=county.township.pk)
    TriageProposal.objects.create(case=earlier, entity="阳光小区", created_at=timezone.now())
    # when a hotline text names only the estate
    guess = derive_place("阳光小区门口路灯坏了半个月，晚上出行不安全。", root=city.city)
    # then its district is county A's government, the estate as evidence
    assert (guess.unit, guess.source, guess.evidence) == (county.county, "text", "阳光小区")


def test_a_road_taught_by_the_importer(city) -> None:  # noqa: ANN001
    # given an import whose rows with a district taught the index where 麓山南路 is
    index = PlaceIndex(city.city)
    index.learn("麓山南路井盖缺失，行人容易掉进去。", city.yuelu)
    # when a row without a district names the road
    guess = index.derive("麓山南路的路灯不亮已经一个月了。")
    # then the road's district, the road as evidence
    assert (guess.unit, guess.evidence) == (city.yuelu, "麓山南路")


@pytest.mark.parametrize("handler", ["yuelu_housing", "yuelu", "wangyuehu"])
def test_nothing_in_the_text_gives_the_handling_units_district(city, handler) -> None:  # noqa: ANN001
    # given a text naming no place and a handling unit of 岳麓区 (its department, itself, a street)
    # when the district is derived
    guess = derive_place("楼上住户每天深夜弹钢琴，严重影响休息。",
                         handling_unit=getattr(city, handler), root=city.city)
    # then 岳麓区, presumed from the handling unit
    assert (guess.unit, guess.source, guess.evidence) == (city.yuelu, "handling_unit",
                                                          BY_HANDLING_UNIT)


def test_two_districts_named_is_ambiguous(city) -> None:  # noqa: ANN001
    # given a text naming two districts and a city-level handling unit
    # when the district is derived
    guess = derive_place("我户口在开福区，房子在岳麓区，两边都说不归自己管。",
                         handling_unit=city.city_housing, root=city.city)
    # then no district, a reason naming both, and both as candidates
    assert guess.unit is None and guess.source is None
    assert "多个区县" in guess.reason and "开福区" in guess.reason and "岳麓区" in guess.reason
    assert set(guess.candidates) == {city.yuelu, city.kaifu}


def test_two_districts_named_the_handling_unit_breaks_the_tie(city) -> None:  # noqa: ANN001
    # given the same text, handled by 岳麓区's housing bureau
    guess = derive_place("我户口在开福区，房子在岳麓区，两边都说不归自己管。",
                         handling_unit=city.yuelu_housing, root=city.city)
    # then 岳麓区, the evidence saying both were named and the handling unit decided
    assert (guess.unit, guess.source) == (city.yuelu, "handling_unit")
    assert guess.evidence.endswith(BY_HANDLING_UNIT) and "开福区" in guess.evidence


def test_nothing_at_all_gives_no_unit_and_a_reason(city) -> None:  # noqa: ANN001
    # given a text naming nothing and a city-level handling unit
    guess = derive_place("反映物业服务差。", handling_unit=city.city_housing, root=city.city)
    # then no unit, and the reason says why
    assert guess.unit is None and "不属于某一区县" in guess.reason


class WholeTextPlaceIndex(PlaceIndex):
    """The derivation as it was before the clause-wise extraction: every taught and derived text's
    entities from one jieba pass over the whole text (the reference for the test below)."""

    def _key_entity(self, text: str) -> dedup.Entity | None:
        return whole_text_key_entity(text)

    def _text_entities(self, text: str) -> list[dedup.Entity]:
        return whole_text_entities(text)


def test_the_derivation_is_the_whole_text_derivation_on_every_shared_message(city) -> None:  # noqa: ANN001
    # given every shared message (title and body, skipped when the data is absent) and 2,000 made-up
    # texts, two of every three taught as lying in 岳麓区 or 开福区 (by a hash of the text, so an
    # estate named in several texts may be known under both) and the others derived, as an import's
    # batch step does, with a handling unit of 岳麓区, of the city or none
    texts = [*shared_messages(), *made_up_texts(2000, seed=22)]
    handlers = [None, city.yuelu_housing.pk, city.city_housing.pk]
    new, old = PlaceIndex(city.city), WholeTextPlaceIndex(city.city)
    dedup._clause_names.cache_clear()
    guesses: list[tuple] = []
    for i, text in enumerate(texts):
        if i % 3:
            district = (city.yuelu, city.kaifu)[zlib.crc32(text.encode()) % 2]
            new.learn(text, district)
            old.learn(text, district)
            continue
        # when the district of a text is derived by the clause-wise and the whole-text extraction
        a, b = (ix.derive(text, handling_unit=handlers[i % 9 // 3]) for ix in (new, old))
        guesses.append(tuple((g.unit and g.unit.pk, g.evidence, g.source, g.reason,
                              tuple(u.pk for u in g.candidates)) for g in (a, b)))
    # then every guess is the same: unit, evidence, source, reason, candidates
    assert [g for g in guesses if g[0] != g[1]] == []
    # and the known things did decide many of them (the derivation from learnt entities is exercised)
    by_known = [g for g, _ in guesses if g[2] == "text" and g[1] not in ("岳麓区", "开福区")]
    assert len(by_known) > 500
    assert sum(1 for g, _ in guesses if len(g[4]) > 1) > 100  # known under both districts: candidates
    assert any(g[2] == SOURCE_HANDLING_UNIT and g[1] != BY_HANDLING_UNIT for g, _ in guesses)
