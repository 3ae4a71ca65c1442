"""The 依法分类处理清单: default seed, matching conditions, the admin for legal staff."""

from __future__ import annotations

import pytest
from django.urls import reverse

from xinfang.triage.default_rules import DEFAULT_RULES
from xinfang.triage.models import RoutingRule
from xinfang.triage.rules import match_rules, rule_applies

pytestmark = pytest.mark.django_db


def rule(**kw) -> RoutingRule:  # noqa: ANN003
    return RoutingRule(name="测试", article="测试条款", **kw)


def test_default_list_is_seeded_by_migration() -> None:
    assert RoutingRule.objects.count() == len(DEFAULT_RULES) == 17
    assert set(RoutingRule.objects.exclude(legal_route="").values_list("legal_route", flat=True)) \
        == {"litigation", "arbitration", "party_appeal", "administrative", "rights", "petition",
            "discipline"}
    assert all(r.article for r in RoutingRule.objects.all())


def test_plus_means_all_words_and_exclusions_win() -> None:
    r = rule(phrases="工资+法院\n仲裁", exclude_phrases="咨询")
    assert rule_applies(r, "拖欠工资，已诉至法院", "", "request").words == ["工资", "法院"]
    assert rule_applies(r, "拖欠工资三个月", "", "request") is None
    assert rule_applies(r, "咨询仲裁怎么申请", "", "request") is None


def test_category_and_purpose_conditions() -> None:
    r = rule(categories="劳动和社会保障\n城乡建设", purposes="request,appeal")
    assert rule_applies(r, "任何文字", "城乡建设", "appeal") is not None
    assert rule_applies(r, "任何文字", "教育文体", "appeal") is None
    assert rule_applies(r, "任何文字", "城乡建设", "suggestion") is None


def test_full_width_and_case_are_normalised() -> None:
    r = rule(phrases="4S店")
    assert rule_applies(r, "投诉某４ｓ店", "", "request") is not None


def test_highest_priority_first_and_inactive_ignored() -> None:
    low = RoutingRule.objects.create(name="低", phrases="噪音", legal_route="petition",
                                     article="x", priority=1)
    high = RoutingRule.objects.create(name="高", phrases="噪音", legal_route="rights",
                                      article="x", priority=99)
    RoutingRule.objects.create(name="停用", phrases="噪音", legal_route="litigation",
                               article="x", priority=500, active=False)
    hits = [h.rule for h in match_rules("工地夜间噪音扰民", category="", purpose="request")]
    assert hits.index(high) < hits.index(low)
    assert all(r.active for r in hits)


def test_legal_staff_edit_the_list_in_the_admin(admin_client) -> None:
    assert admin_client.get(reverse("admin:triage_routingrule_changelist")).status_code == 200
    r = admin_client.post(reverse("admin:triage_routingrule_add"), {
        "name": "物业纠纷先行调解", "article": "本地清单第7项", "priority": 70, "active": "on",
        "phrases": "物业+漏水", "legal_route": "petition"})
    assert r.status_code == 302
    made = RoutingRule.objects.get(name="物业纠纷先行调解")
    assert made.updated_by is not None and made.phrase_list == ["物业+漏水"]
