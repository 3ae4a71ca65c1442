"""The staff pages: the needs list (open first, overdue first, names masked, figures), a point's
catalogue, a need's page with the engine's steps and its timeline, the record form; refusals are
4xx with the engine's reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from xinfang.core import clock
from xinfang.orgs.models import Role
from xinfang.servicepoints.models import Need
from xinfang.servicepoints.states import NeedStatus

from .helpers import assign, finish, point, record, service, staff_provider, worker

pytestmark = pytest.mark.django_db


def test_list_shows_open_needs_first_overdue_first_masked_with_the_figures(client, county):
    with clock.frozen(dt.datetime(2026, 11, 2, 9)):
        late = record(county, visitor_name="王大明")
        done = finish(county, record(county))
    with clock.frozen(dt.datetime(2026, 11, 8, 9)):
        fresh = record(county)
    client.force_login(worker(county))
    with clock.frozen(dt.datetime(2026, 11, 10, 9)):
        body = client.get(reverse("servicepoints:list"), {"status": "all"}).content.decode()
    table = body.split('id="need-list"')[1].split("</table>")[0]
    assert table.index(late.number) < table.index(fresh.number) < table.index(done.number)
    assert "已逾期" in table and "王**" in table and "王大明" not in body and "李四" not in body
    figures = body.split('id="need-figures"')[1].split("</table>")[0]
    # in all: 3 recorded, 2 open, 1 done in the village of 1 concluded: 100 % and 100 %
    assert "<td>3</td><td>2</td><td>1</td><td>0</td><td>0</td><td>100.0%</td><td>100.0%</td>" in figures
    default = client.get(reverse("servicepoints:list")).content.decode()  # open only
    assert done.number not in default.split('id="need-list"')[1]


def test_point_page_shows_the_catalogue_with_its_providers(client, county):
    p = point(county)
    client.force_login(county.user(county.bureau, Role.APPROVER))  # the county sees every point
    body = client.get(reverse("servicepoints:point", args=[p.pk])).content.decode()
    cat = body.split('id="point-services"')[1].split("</table>")[0]
    for name in ("民情代办", "信访接待", "评理调解", "法律服务", "心理疏导", "赵律师"):
        assert name in cat
    client.force_login(county.user(county.housing, Role.HANDLER))  # outside the reach: 404
    assert client.get(reverse("servicepoints:point", args=[p.pk])).status_code == 404


def test_need_page_offers_the_engines_steps_takes_them_and_shows_the_timeline(client, county):
    n = record(county)
    url = reverse("servicepoints:detail", args=[n.number])
    client.force_login(worker(county))
    body = client.get(url).content.decode()
    assert 'data-action="need.assign"' in body and 'data-action="need.finish"' not in body
    assert "李四" in body and "13912345678" in body  # the point's own staff call the visitor back
    r = client.post(reverse("servicepoints:act", args=[n.number, "assign"]), {
        "assign-service": service(n.point).pk, "assign-provider": staff_provider(n.point).pk})
    assert r.status_code == 302 and Need.objects.get(pk=n.pk).status == NeedStatus.ASSIGNED
    client.post(reverse("servicepoints:act", args=[n.number, "finish"]), {
        "finish-outcome": "经调解双方和解。", "finish-satisfaction": "satisfied"})
    assert Need.objects.get(pk=n.pk).status == NeedStatus.DONE
    body = client.get(url).content.decode()
    assert "您当前没有可执行的操作" in body and "群众评价：满意" in body
    assert body.count('<li><time>') == 3  # recorded, assigned, done
    client.force_login(county.user(county.bureau, Role.APPROVER))  # sees it, masked
    body = client.get(url).content.decode()
    assert "李*" in body and "李四" not in body and "139****5678" in body


def test_petition_from_the_page_links_the_case(client, county):
    n = assign(county, record(county))
    client.force_login(worker(county))
    r = client.post(reverse("servicepoints:act", args=[n.number, "petition"]), {
        "petition-title": "通道纠纷", "petition-request": "请求确认通道归属",
        "petition-purpose": "request"})
    n = Need.objects.get(pk=n.pk)
    assert r.status_code == 302 and n.case is not None
    body = client.get(reverse("servicepoints:detail", args=[n.number])).content.decode()
    assert reverse("web:case", args=[n.case.number]) in body.split('id="need-case"')[1]


def test_refused_steps_are_4xx_with_a_reason(client, county, other_county):
    n = record(county)
    client.force_login(worker(county))
    r = client.post(reverse("servicepoints:act", args=[n.number, "finish"]))
    assert r.status_code == 409 and "不能执行" in r.content.decode()
    r = client.post(reverse("servicepoints:act", args=[n.number, "refer"]), {"refer-reason": "村里解决不了"})
    assert r.status_code == 422 and "没有启用的服务点" in r.content.decode()
    assert client.post(reverse("servicepoints:act", args=[n.number, "escalate"])).status_code == 404
    assert client.post(reverse("servicepoints:act", args=[n.number, "nope"])).status_code == 404
    client.force_login(county.leader(county.township))  # a leader does not act at the counter
    r = client.post(reverse("servicepoints:act", args=[n.number, "withdraw"]), {"withdraw-reason": "不需要"})
    assert r.status_code == 403
    client.force_login(other_county.user(other_county.township, Role.REGISTRAR))
    assert client.get(reverse("servicepoints:detail", args=[n.number])).status_code == 404
    assert Need.objects.get(pk=n.pk).status == NeedStatus.RECORDED


def test_record_form_for_the_points_staff_only_and_once_per_form(client, county):
    p = point(county)
    client.force_login(county.user(county.housing, Role.HANDLER))
    assert client.get(reverse("servicepoints:new")).status_code == 403
    client.force_login(worker(county))
    page = client.get(reverse("servicepoints:new")).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    bad = client.post(reverse("servicepoints:new"), {"point": p.pk, "visitor_name": "李四",
                                                     "place": "东街", "text": ""})
    assert bad.status_code == 400 and "需求内容" in bad.content.decode()
    data = {"point": p.pk, "visitor_name": "李四", "visitor_phone": "13912345678",
            "place": "东街社区第三小组", "text": "邻居加建围墙占用通道。", "token": token}
    first = client.post(reverse("servicepoints:new"), data)
    second = client.post(reverse("servicepoints:new"), data)
    n = Need.objects.get()
    assert first["Location"] == second["Location"] == reverse("servicepoints:detail",
                                                              args=[n.number])


# ---- 四诊合一接访 ------------------------------------------------------------------------------------

def test_consult_pages_show_reception_days_offer_the_steps_and_take_them(client, county):
    from xinfang.servicepoints.models import Consult, ReceptionDay, Weekday
    from xinfang.servicepoints.states import ConsultStatus

    from .helpers import receive

    ReceptionDay.objects.create(unit=county.village, weekday=Weekday.TUESDAY, host="东街社区书记")
    client.force_login(worker(county))
    with clock.frozen(dt.datetime(2026, 11, 4, 9)):  # a Wednesday
        body = client.get(reverse("servicepoints:consults")).content.decode()
        days = body.split('id="reception-days"')[1].split("</table>")[0]
        # the next four, each with its bookings (none yet) of the day's 10 places
        assert all(f"{d}（0/10）</a>" in days
                   for d in ("2026-11-10", "2026-11-17", "2026-11-24", "2026-12-01"))
        assert 'href="/servicepoints/consults/new/receive/"' in body
        r = client.post(reverse("servicepoints:consult-new", args=["receive"]), {
            "unit": county.village.pk, "visitor_name": "钱五", "place": "东街社区第二小组",
            "text": "宅基地边界与邻居有争议。"})
        c = Consult.objects.get()
        assert r.status_code == 302 and r["Location"] == reverse("servicepoints:consult",
                                                                 args=[c.number])
        bad = client.post(reverse("servicepoints:consult-new", args=["plan"]), {
            "unit": county.village.pk, "place": "孙家"})
        assert bad.status_code == 400 and "计划巡诊日期" in bad.content.decode()
        assert client.get(reverse("servicepoints:consult-new", args=["route"])).status_code == 404
    url = reverse("servicepoints:consult", args=[c.number])
    body = client.get(url).content.decode()
    assert 'data-action="consult.route"' in body and 'data-action="consult.visit"' not in body
    client.post(reverse("servicepoints:consult-act", args=[c.number, "route"]),
                {"route-units": [county.township.pk], "route-days": "10"})
    assert Consult.objects.get().status == ConsultStatus.ROUTED
    r = client.post(reverse("servicepoints:consult-act", args=[c.number, "visit"]))
    assert r.status_code == 409
    client.force_login(county.user(county.housing, Role.HANDLER))  # not routed to: 404
    assert client.get(url).status_code == 404
    other = receive(county)
    client.force_login(county.user(county.bureau, Role.APPROVER))  # the county sees it, masked
    body = client.get(reverse("servicepoints:consult", args=[other.number])).content.decode()
    assert "钱*" in body and "钱五" not in body and "您当前没有可执行的操作" in body
