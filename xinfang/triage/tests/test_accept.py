"""Accepting and correcting proposals through the real workflow; the staff pages; jurisdiction."""

from __future__ import annotations

import pytest
from django.urls import reverse

from xinfang.cases.models import EventKind, Purpose
from xinfang.cases.scenarios import act
from xinfang.cases.states import Action, LegalRoute, Status
from xinfang.core.errors import InvalidParams
from xinfang.orgs.models import Role
from xinfang.triage.models import TriageCorrection
from xinfang.triage.services import triage_accept, triage_propose

from .helpers import petition, taxonomy

pytestmark = pytest.mark.django_db

LEAK = ("小区楼道漏水长期无人维修", "请求督促物业尽快维修楼道漏水。",
        "本人居住的城关镇幸福家园小区三号楼楼道自今年三月起漏水，多次向物业反映无果。")
COURT = ("某建筑公司拖欠农民工工资", "请求督促尽快执行法院判决，支付拖欠的工资。",
         "我们在城关镇某工地务工，公司拖欠工资8万元。已向县人民法院起诉，法院已判决公司支付，"
         "但公司至今未履行。")
VAGUE = ("有事反映", "有个事情想反映一下，麻烦处理。", "具体情况见面再谈，请尽快联系我。")


def registrar(c):  # noqa: ANN001, ANN201
    return c.user(c.bureau, Role.REGISTRAR)


def test_one_click_accept_applies_the_proposal_through_the_workflow(county) -> None:
    cats = taxonomy()
    case = petition(county, *COURT)
    triage_propose(case=case)
    correction = triage_accept(case=case, actor=registrar(county))
    case.refresh_from_db()
    assert case.status == Status.REGISTERED  # triage records, it does not move the case
    assert (case.legal_route, case.category) == (LegalRoute.LITIGATION, cats["劳动和社会保障"])
    event = case.events.get(kind=EventKind.NOTE, action=Action.TRIAGE)
    assert event.actor == registrar(county)
    assert case.events.filter(kind=EventKind.FIELD_CHANGED, data__field="legal_route").exists()
    assert correction.accepted is True and correction.changed_fields == []
    assert correction.final["legal_route"] == LegalRoute.LITIGATION
    assert correction.category_label == "劳动和社会保障"
    assert case.triage.decided is True


def test_correction_is_applied_and_stored_for_training(county) -> None:
    cats = taxonomy()
    case = petition(county, *COURT)
    triage_propose(case=case)
    correction = triage_accept(case=case, actor=registrar(county), corrections={
        "legal_route": LegalRoute.ARBITRATION, "category": cats["劳动和社会保障"],
        "unit": county.housing})
    case.refresh_from_db()
    assert case.legal_route == LegalRoute.ARBITRATION
    assert correction.accepted is False
    assert set(correction.changed_fields) == {"legal_route", "unit"}
    assert correction.proposed["legal_route"] == LegalRoute.LITIGATION
    assert correction.unit == county.housing and correction.by == registrar(county)


def test_accepting_a_repeat_links_the_earlier_case(county) -> None:
    first = petition(county, *LEAK, who=3)
    case = petition(county, *LEAK, who=3)
    assert triage_propose(case=case).earlier_case == first
    triage_accept(case=case, actor=registrar(county))
    assert list(case.related_cases.all()) == [first]
    assert case.events.filter(data__field="related_cases", new_value=first.number).exists()


def _gym(county, n: int):  # noqa: ANN001, ANN202
    return [petition(county, "阳光健身俱乐部老板跑路", "请求退还会员卡预付费用。",
                     f"我在阳光健身俱乐部办了{k + 1}年的会员卡，现在俱乐部突然关门，老板失联，"
                     f"卡里还有余额无法退费。", who=120 + k) for k in range(n)]


def test_accepting_a_group_matter_links_the_cases_as_one(county) -> None:
    cases = _gym(county, 5)
    case = cases[-1]
    assert triage_propose(case=case).is_group_matter
    correction = triage_accept(case=case, actor=registrar(county))
    assert set(case.related_cases.all()) == set(cases[:-1])
    assert correction.accepted and correction.final["link_group"] is True
    links = case.events.filter(data__field="related_cases", data__group="阳光健身俱乐部")
    assert links.count() == 4
    assert all("共4件" in e.text and "第20条" in e.text and e.action == "link" for e in links)
    for other in cases[:-1]:  # each earlier case's timeline says so too
        assert other.events.filter(data__group="阳光健身俱乐部", new_value=case.number).exists()


def test_a_registrar_may_decline_to_link_a_group(county) -> None:
    cases = _gym(county, 5)
    case = cases[-1]
    triage_propose(case=case)
    correction = triage_accept(case=case, actor=registrar(county), corrections={"link_group": False})
    earlier = case.triage.earlier_case
    assert list(case.related_cases.all()) == ([earlier] if earlier else [])
    assert not case.events.filter(data__group="阳光健身俱乐部").exists()
    assert correction.changed_fields == ["link_group"]


def test_ask_human_cannot_be_accepted_blindly(county) -> None:
    case = petition(county, *VAGUE)
    assert triage_propose(case=case).ask_human
    with pytest.raises(InvalidParams, match="人工研判"):
        triage_accept(case=case, actor=registrar(county))
    triage_accept(case=case, actor=registrar(county), corrections={
        "legal_route": LegalRoute.PETITION, "purpose": Purpose.OTHER})
    case.refresh_from_db()
    assert (case.legal_route, case.purpose) == (LegalRoute.PETITION, Purpose.OTHER)


def test_cannot_triage_after_transfer(county) -> None:
    case = petition(county, *LEAK)
    triage_propose(case=case)
    act(county, case, Action.TRANSFER)
    with pytest.raises(InvalidParams, match="已不能甄别分类"):
        triage_accept(case=case, actor=registrar(county))
    assert not TriageCorrection.objects.exists()


# --- staff pages --------------------------------------------------------------------------------

def test_case_page_shows_the_panel_with_reasons_and_accept_button(county, client) -> None:
    case = petition(county, *COURT)
    client.force_login(registrar(county))
    page = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert "分类研判建议" in page and "一键采纳" in page
    assert "<mark>" in page and "第31条第（一）项" in page


def test_panel_accept_and_correct_buttons(county, client) -> None:
    cats = taxonomy()
    a, b = petition(county, *COURT), petition(county, *LEAK, who=5)
    client.force_login(registrar(county))
    client.get(reverse("web:case", args=[a.number]))
    r = client.post(reverse("triage:accept", args=[a.number]))
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.legal_route == LegalRoute.LITIGATION
    client.get(reverse("web:case", args=[b.number]))
    r = client.post(reverse("triage:correct", args=[b.number]), {
        "tri-legal_route": LegalRoute.RIGHTS_PROTECTION, "tri-purpose": Purpose.REQUEST,
        "tri-unit": county.township.pk, "tri-category": cats["城乡建设"].pk})
    assert r.status_code == 302
    b.refresh_from_db()
    assert b.legal_route == LegalRoute.RIGHTS_PROTECTION
    assert TriageCorrection.objects.get(case=b).changed_fields == ["unit", "legal_route"]


def test_vague_case_page_says_ask_a_human_without_accept_button(county, client) -> None:
    case = petition(county, *VAGUE)
    client.force_login(registrar(county))
    page = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert "请人工研判" in page and "一键采纳" not in page and "人工填写分类结果" in page


def test_user_who_may_not_triage_sees_no_buttons(county, client) -> None:
    from xinfang.orgs.services import staff_create

    case = petition(county, *LEAK)
    supervisor = staff_create(username="axf_supervisor", unit=county.bureau, roles=[Role.SUPERVISOR])
    client.force_login(supervisor)
    page = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert "分类研判建议" in page and "一键采纳" not in page


def test_other_county_gets_404_everywhere(county, other_county, client) -> None:
    case = petition(county, *COURT)
    triage_propose(case=case)
    client.force_login(registrar(other_county))
    for name in ("triage:accept", "triage:correct", "triage:propose"):
        assert client.post(reverse(name, args=[case.number])).status_code == 404
    assert client.get(reverse("web:case", args=[case.number])).status_code == 404
    home = client.get(reverse("triage:home")).content.decode()
    assert case.number not in home
    case.refresh_from_db()
    assert case.legal_route == ""


def test_home_lists_proposals_ask_human_groups_and_stats(county, client) -> None:
    vague = petition(county, *VAGUE)
    triage_propose(case=vague)
    for n in range(5):
        gym = petition(county, "阳光健身俱乐部老板跑路", "请求退还会员卡预付费用。",
                       "我在阳光健身俱乐部办了会员卡，现在俱乐部突然关门，老板失联，余额无法退费。",
                       who=60 + n)
        triage_propose(case=gym)
    court = petition(county, *COURT)
    triage_propose(case=court)
    triage_accept(case=court, actor=registrar(county))
    client.force_login(registrar(county))
    page = client.get(reverse("triage:home")).content.decode()
    assert "待人工研判（1）" in page and vague.number in page
    assert "阳光健身俱乐部" in page
    assert "照单采纳 1 条" in page


def test_hidden_earlier_accusation_is_not_revealed(county, client) -> None:
    """Art. 30: the accused township handles the later case but learns nothing of the accusation."""
    text = ("城关镇干部克扣拆迁补偿款", "请求纪委查处城关镇干部克扣补偿款的问题。",
            "城关镇干部在发放拆迁补偿款时克扣我家两万元，至今没有说法。")
    accusation = petition(county, *text, who=70, purpose=Purpose.ACCUSATION,
                          accused_unit=county.township.pk)
    later = petition(county, *text, who=70)
    assert triage_propose(case=later).earlier_case == accusation
    act(county, later, Action.TRANSFER, target=county.township)
    client.force_login(county.user(county.township, Role.HANDLER))
    page = client.get(reverse("web:case", args=[later.number])).content.decode()
    assert "分类研判建议" in page
    assert accusation.number not in page and "重复访" not in page


def test_triage_pending_command_proposes_for_new_cases(county) -> None:
    from django.core.management import call_command

    cases = [petition(county, *LEAK, who=80), petition(county, *COURT, who=81)]
    call_command("triage_pending")
    assert all(c.__class__.objects.get(pk=c.pk).triage for c in cases)


def test_group_checkbox_only_for_a_group_matter(county, client) -> None:
    client.force_login(registrar(county))
    single = petition(county, *COURT)
    page = client.get(reverse("web:case", args=[single.number])).content.decode()
    assert "作为群体性事项关联办理" not in page
    case = _gym(county, 5)[-1]
    page = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert "作为群体性事项关联办理" in page and 'name="tri-link_group"' in page and "checked" in page
