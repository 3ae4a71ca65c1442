"""Staff pages: tabs, the case panel and its forms, documents, jurisdiction 404s."""

import pytest
from django.urls import reverse

from xinfang.cases.models import Satisfaction
from xinfang.cases.scenarios import drive_to
from xinfang.cases.states import Status
from xinfang.documents.render import docx_text
from xinfang.resolution.mediation import Action as M
from xinfang.resolution.mediation import mediation_refer, mediation_report, mediation_transition
from xinfang.resolution.models import FollowUp, Mediation, SupervisionOrder
from xinfang.resolution.supervision import order_issue, recommendation_issue
from xinfang.resolution.views import TABS


@pytest.mark.django_db
def test_home_tabs_render_for_a_supervisor(w, county, client, accepted):
    order_issue(case_id=accepted.pk, actor=w.supervisor,
                params={"kind": "duban", "instructions": "请加快办理"})
    client.force_login(w.supervisor)
    for tab, _label in TABS:
        response = client.get(reverse("resolution:home"), {"tab": tab})
        assert response.status_code == 200, tab
    page = client.get(reverse("resolution:home"), {"tab": "supervision"}).content.decode()
    assert accepted.number in page and "请加快办理" in page
    mediation_report(actor=county.user(county.township, "registrar"), params={
        "organisation": w.org.pk, "title": "邻里漏水纠纷", "summary": "楼上漏水",
        "parties": "王五\n赵六", "cross_border": False})
    client.force_login(w.mediator)
    page = client.get(reverse("resolution:home"), {"tab": "mediations"}).content.decode()
    assert "邻里漏水纠纷" in page and "调解·网格上报纠纷" in page and "受理调解" in page
    client.force_login(w.supervisor)
    page = client.get(reverse("resolution:home"), {"tab": "indicators"}).content.decode()
    assert "及时受理率" in page and "一次性化解率" in page


@pytest.mark.django_db
def test_case_panel_offers_actions_and_posts_them(w, client, accepted):
    client.force_login(w.handler(accepted))
    page = client.get(reverse("web:case", args=[accepted.number])).content.decode()
    assert "调解·听证·督办·评价" in page and "委派调解" in page and "决定举行听证" in page
    url = reverse("resolution:new", args=["mediation", "refer"]) + f"?case={accepted.number}"
    response = client.post(url, {"mediation-new-refer-organisation": w.org.pk,
                                 "mediation-new-refer-parties": "张三"})
    assert response.status_code == 302
    m = Mediation.objects.get(case=accepted)
    client.force_login(w.mediator)
    response = client.post(reverse("resolution:act", args=["mediation", m.pk, "accept"]), {
        f"mediation-{m.pk}-accept-mediators": [w.mainland.pk],
        f"mediation-{m.pk}-accept-consent": "on"})
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.status == Mediation.Status.ACCEPTED
    page = client.get(reverse("web:case", args=[accepted.number])).content.decode()
    assert "记录调解会" in page and "调解不成" in page


@pytest.mark.django_db
def test_domain_errors_come_back_as_messages(w, client, accepted):
    m = mediation_refer(case_id=accepted.pk, actor=w.handler(accepted),
                        params={"organisation": w.org.pk, "parties": "张三"})
    client.force_login(w.mediator)
    response = client.post(reverse("resolution:act", args=["mediation", m.pk, "agree"]),
                           follow=True)
    assert "不能执行" in response.content.decode()


@pytest.mark.django_db
def test_rating_form_and_documents(w, county, client):
    case = drive_to(county, Status.ANSWERED)
    client.force_login(county.user(county.bureau, "registrar"))
    client.post(reverse("resolution:rate", args=[case.number]), {
        "rating-handling": Satisfaction.SATISFIED, "rating-bureau": Satisfaction.UNSATISFIED,
        "rating-comment": "窗口态度差"})
    assert FollowUp.objects.filter(case=case, bureau_rating__isnull=False).exists()
    client.force_login(w.supervisor)
    response = client.get(reverse("resolution:retrospective", args=[case.number]),
                          {"format": "docx"})
    text = docx_text(response.content)
    assert "复盘溯源" in text and "六、问题溯源" in text and "不满意评价1次" in text
    page = client.get(reverse("resolution:retrospective", args=[case.number])).content.decode()
    assert "七、改进建议" in page
    r = recommendation_issue(actor=w.supervisor, case_id=case.pk, params={
        "kind": "improve", "target_unit": county.housing.pk, "findings": "答复不及时",
        "suggestion": "建立限时办结制度"})
    response = client.get(reverse("resolution:document", args=["recommendation", r.pk]))
    assert "建立限时办结制度" in docx_text(b"".join(response.streaming_content))


@pytest.mark.django_db
def test_other_jurisdiction_gets_404(w, other_county, client, accepted):
    m = mediation_refer(case_id=accepted.pk, actor=w.handler(accepted),
                        params={"organisation": w.org.pk, "parties": "张三"})
    mediation_transition(mediation_id=m.pk, action=M.ACCEPT, actor=w.mediator,
                         params={"mediators": [w.mainland.pk], "consent": True})
    o = order_issue(case_id=accepted.pk, actor=w.supervisor,
                    params={"kind": "duban", "instructions": "请加快办理"})
    stranger = other_county.user(other_county.bureau, "approver")
    client.force_login(stranger)
    assert client.post(reverse("resolution:act", args=["mediation", m.pk, "fail"]),
                       {f"mediation-{m.pk}-fail-reason": "x"}).status_code == 404
    assert client.post(reverse("resolution:act", args=["order", o.pk, "reply"]),
                       {f"order-{o.pk}-reply-reply_text": "x"}).status_code == 404
    assert client.post(reverse("resolution:new", args=["hearing", "schedule"])
                       + f"?case={accepted.number}").status_code == 404
    assert client.get(reverse("resolution:retrospective",
                              args=[accepted.number])).status_code == 404
    assert client.post(reverse("resolution:rate", args=[accepted.number])).status_code == 404
    page = client.get(reverse("resolution:home"), {"tab": "supervision"}).content.decode()
    assert accepted.number not in page
    assert SupervisionOrder.objects.get(pk=o.pk).status == SupervisionOrder.Status.OPEN


@pytest.mark.django_db
def test_supervision_list_query_count_does_not_grow_with_orders(
        w, county, client, django_assert_max_num_queries):
    cases = [drive_to(county, Status.ACCEPTED) for _ in range(2)]
    client.force_login(w.supervisor)
    url = reverse("resolution:home")
    for case in cases:
        order_issue(case_id=case.pk, actor=w.supervisor,
                    params={"kind": "cuiban", "instructions": "请尽快办理"})
    with django_assert_max_num_queries(14):
        assert client.get(url, {"tab": "supervision"}).status_code == 200
    for case in cases:
        order_issue(case_id=case.pk, actor=w.supervisor,
                    params={"kind": "duban", "instructions": "请于期限内办结"})
    with django_assert_max_num_queries(14):
        assert client.get(url, {"tab": "supervision"}).status_code == 200


@pytest.mark.django_db
def test_admin_lists_the_roster(w, client):
    from xinfang.orgs.models import User

    admin = User.objects.create_superuser("root_admin", password="x", unit=w.c.bureau)
    client.force_login(admin)
    page = client.get(reverse("admin:resolution_mediator_changelist")).content.decode()
    assert "陈港调" in page
    assert client.get(reverse("admin:resolution_mediation_changelist")).status_code == 200


@pytest.mark.django_db
def test_a_list_of_150_records_is_paged_not_cut(w, county, client):
    import re

    from xinfang.resolution.views import LIST_PAGE

    # given 150 disputes reported to the mediation organisation
    reporter = county.user(county.township, "registrar")
    titles = {f"第{i:03d}号纠纷" for i in range(150)}
    for title in sorted(titles):
        mediation_report(actor=reporter, params={
            "organisation": w.org.pk, "title": title, "summary": "楼上漏水", "parties": "王五\n赵六",
            "cross_border": False})
    client.force_login(w.mediator)
    # when the mediator reads every page of the list
    seen, pages = [], -(-150 // LIST_PAGE)
    for number in range(1, pages + 1):
        page = client.get(reverse("resolution:home"), {"tab": "mediations", "page": number})
        body = page.content.decode()
        # then each page says where it is and how many there are, and links on, keeping the tab
        assert "共 150 条" in body and f"第 {number} / {pages} 页" in body
        if number < pages:
            assert f"tab=mediations&amp;page={number + 1}" in body
        seen += re.findall(r"第\d{3}号纠纷", body)
    # and every record shows once, on exactly one page
    assert len(seen) == len(set(seen)) == 150 and set(seen) == titles
    # a page number past the end shows the last page, not an error
    assert client.get(reverse("resolution:home"), {"tab": "mediations", "page": 99}).status_code == 200
