"""Needs sent online (群众需求清单 from the portal): the point's catalogue, the form behind the portal's
guards, the receipt's query code, the look-up, the need in the staff list as 网上, and what is
refused (bad input 4xx, steps of the wrong actor, another unit's staff)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.urls import reverse

from xinfang.core import crypto
from xinfang.core.errors import InvalidParams, PermissionDenied
from xinfang.core.workflow import PetitionerActor
from xinfang.notifications.models import Notification
from xinfang.orgs.models import Role
from xinfang.portal import codes
from xinfang.portal.tests.conftest import challenge
from xinfang.servicepoints.models import Need, NeedChannel, NeedEvent, ServicePoint
from xinfang.servicepoints.services import need_lookup, need_submit_online
from xinfang.servicepoints.states import NeedAction, NeedStatus
from xinfang.servicepoints.workflow import need_submit

from .helpers import VISITOR, finish, point, record, service, worker

FORM_TOKEN = re.compile(r'name="token" value="([^"]+)"')
CODE = re.compile(r'data-code="([0-9A-Z\-]+)"')
NEED = {"place": "东街社区第三小组", "text": "家里老人行动不便，想请人代办医保报销手续。",
        "name": "王小二", "phone": "138 1234 5678"}


def submit_url(p: ServicePoint) -> str:
    return reverse("portal:need-submit", args=[p.pk])


def open_form(client, p: ServicePoint) -> dict:  # noqa: ANN001
    html = client.get(submit_url(p)).content.decode()
    return {"token": FORM_TOKEN.search(html).group(1), **challenge(html)}


def send(client, p: ServicePoint, hidden: dict | None = None, **fields):  # noqa: ANN001, ANN003, ANN201
    hidden = hidden or open_form(client, p)
    return client.post(submit_url(p), {**hidden, **NEED, "service": service(p, "民情代办").pk,
                                       **fields})


def look_up(client, code: str, phone: str = "13812345678"):  # noqa: ANN001, ANN201
    html = client.get(reverse("portal:need-track")).content.decode()
    return client.post(reverse("portal:need-track"), {"code": code, "phone": phone,
                                                      **challenge(html)})


def test_the_portal_lists_the_points_with_their_catalogue(client, county):  # noqa: ANN001
    p = point(county)
    closed = ServicePoint.objects.create(unit=county.township, name="停用的服务点", active=False)
    home = client.get(reverse("portal:index")).content.decode()
    assert reverse("portal:needs") in home
    body = client.get(reverse("portal:needs")).content.decode()
    assert p.name in body and "民情代办" in body and submit_url(p) in body
    assert closed.name not in body


def test_a_need_sent_online_enters_the_list_as_recorded_online(client, county):  # noqa: ANN001
    p = point(county)
    r = send(client, p)
    assert r.status_code == 200 and "no-store" in r["Cache-Control"]
    n = Need.objects.get()
    assert (n.channel, n.status, n.recorded_by, n.point, n.origin) == (
        NeedChannel.ONLINE, NeedStatus.RECORDED, None, p, p)
    assert n.service == service(p, "民情代办") and n.visitor_phone == "13812345678"
    code = CODE.search(r.content.decode()).group(1)
    assert n.code_hash == codes.code_hash(code) and code.replace("-", "") not in str(
        Need.objects.values_list().get())  # only its keyed hash is stored
    ev = NeedEvent.objects.get(need=n)
    assert (ev.action, ev.new_value, ev.actor) == ("submit", "recorded", None)
    assert ev.data == {"point": p.name, "service": "民情代办"}
    # encrypted at rest, never in the staff's messages
    with connection.cursor() as cursor:
        cursor.execute("SELECT visitor_name, visitor_phone FROM servicepoints_need")
        raw = cursor.fetchone()
    assert "王小二" not in raw[0] and crypto.decrypt(raw[0]) == "王小二"
    assert "13812345678" not in raw[1]
    told = Notification.objects.filter(subject__contains=n.number)
    assert {m.user.unit for m in told} == {county.township}  # the village's point: 包村干部
    assert not any("王小二" in m.body or "13812345678" in m.body for m in told)


def test_staff_see_it_in_the_list_masked_and_marked_online(client, county):  # noqa: ANN001
    p = point(county)
    send(client, p)
    n = Need.objects.get()
    client.force_login(worker(county))
    body = client.get(reverse("servicepoints:list")).content.decode()
    row = body.split('id="need-list"')[1].split("</table>")[0]
    assert n.number in row and "王*" in row and "王小二" not in row and "网上" in row
    detail = client.get(reverse("servicepoints:detail", args=[n.number])).content.decode()
    assert 'id="need-channel">网上' in detail  # the point's staff see name and phone in full
    assert "13812345678" in detail and "王小二" in detail
    client.force_login(county.user(county.housing, Role.HANDLER))  # a county department
    assert client.get(reverse("servicepoints:detail", args=[n.number])).status_code == 404


def test_another_countys_staff_neither_see_nor_find_it(client, county, other_county):  # noqa: ANN001
    send(client, point(county))
    n = Need.objects.get()
    client.force_login(other_county.user(other_county.township, Role.REGISTRAR))
    assert n.number not in client.get(reverse("servicepoints:list")).content.decode()
    assert client.get(reverse("servicepoints:detail", args=[n.number])).status_code == 404


def test_a_replayed_form_gives_the_same_receipt_and_one_need(client, county):  # noqa: ANN001
    p = point(county)
    hidden = open_form(client, p)
    first = send(client, p, hidden)
    again = send(client, p, hidden)
    assert again.status_code == 200 and Need.objects.count() == 1
    assert CODE.search(first.content.decode()).group(1) == CODE.search(
        again.content.decode()).group(1)
    other_phone = send(client, p, hidden, phone="13900001111")
    assert other_phone.status_code == 400 and "此表单已经提交过" in other_phone.content.decode()
    assert Need.objects.count() == 1


@pytest.mark.parametrize(("fields", "message"), [
    ({"phone": "12345"}, "请填写11位手机号码"),
    ({"name": ""}, "姓名"),
    ({"text": "帮"}, "需求内容"),
    ({"service": ""}, "服务项目"),
    ({"challenge_answer": "999"}, "计算结果不对"),
    ({"token": "短"}, "表单已失效"),
])
def test_bad_input_is_400_with_a_chinese_message(client, county, fields, message):  # noqa: ANN001
    r = send(client, point(county), **fields)
    assert r.status_code == 400 and message in r.content.decode()
    assert not Need.objects.exists()


def test_a_service_of_another_point_or_a_closed_point_is_refused(client, county):  # noqa: ANN001
    village, township = point(county), point(county, village=False)
    r = send(client, village, service=service(township, "民情代办").pk)
    assert r.status_code == 400 and "服务项目" in r.content.decode()
    with pytest.raises(InvalidParams, match="不是本服务点的服务项目"):  # the step checks it too
        need_submit(actor=PetitionerActor(), params={
            **NEED, "point": village.pk, "service": service(township, "民情代办").pk,
            "phone": "13812345678", "token": "t" * 24})
    # the point of the URL wins over a posted one
    send(client, village, point=township.pk)
    assert Need.objects.get().point == village
    ServicePoint.objects.filter(pk=township.pk).update(active=False)
    assert client.get(submit_url(township)).status_code == 404
    empty = ServicePoint.objects.create(unit=county.township, name="没有服务项目的服务点")
    assert client.get(submit_url(empty)).status_code == 404
    assert client.get(reverse("portal:need-submit", args=[999999])).status_code == 404


def test_too_many_forms_from_one_address_are_429(client, county, settings):  # noqa: ANN001
    settings.XINFANG_PORTAL_LIMITS = {"submit_per_ip": (1, 3600)}
    p = point(county)
    assert send(client, p).status_code == 200
    r = send(client, p)
    assert r.status_code == 429 and "操作过于频繁" in r.content.decode()


def test_the_visitor_looks_up_progress_with_code_and_phone(client, county):  # noqa: ANN001
    p = point(county)
    code = CODE.search(send(client, p).content.decode()).group(1)
    r = look_up(client, code.lower().replace("-", ""), phone="+86 138-1234-5678")
    body = r.content.decode()
    assert r.status_code == 200 and 'id="need-status">已登记' in body and p.name in body
    assert "王小二" not in body and "13812345678" not in body
    wrong = look_up(client, code, phone="13900000000")
    assert wrong.status_code == 400 and "查询码或手机号码不正确" in wrong.content.decode()
    assert look_up(client, "0" * 16).status_code == 400
    finish(county, Need.objects.get())  # the point's staff assign, start and finish it
    body = look_up(client, code).content.decode()
    assert 'id="need-status">已办结' in body and "经调解" in body


def test_a_need_recorded_at_the_counter_cannot_be_looked_up(county):  # noqa: ANN001
    n = record(county, token="c" * 24)
    assert n.channel == NeedChannel.VISIT and n.recorded_by == worker(county)
    assert need_lookup(code=codes.code_for_token("c" * 24), phone=VISITOR["visitor_phone"]) is None


def test_only_the_visitor_submits_and_only_staff_record(county):  # noqa: ANN001
    p = point(county)
    params = {**NEED, "point": p.pk, "service": service(p, "民情代办").pk, "phone": "13812345678",
              "token": "s" * 24}
    with pytest.raises(PermissionDenied):
        need_submit(actor=worker(county), params=params)
    with pytest.raises(PermissionDenied):
        record(county, p, actor=PetitionerActor())
    receipt = need_submit_online(params=params)
    assert receipt.need.status == NeedStatus.RECORDED and not receipt.replayed
    again = need_submit_online(params=params)
    assert again.replayed and again.need == receipt.need and again.code == receipt.code
    # then the need workflow as for any need: the visitor cannot take the staff's steps
    from xinfang.servicepoints.workflow import need_transition

    with pytest.raises(Need.DoesNotExist):  # not a record the portal's actor holds
        need_transition(need_id=receipt.need.pk, action=NeedAction.WITHDRAW,
                        actor=PetitionerActor(), params={"reason": "不需要了"})


def test_the_portal_pages_in_english(client, county):  # noqa: ANN001
    p = point(county)
    client.post("/i18n/setlang/", {"language": "en", "next": "/portal/"})
    for url in (reverse("portal:needs"), submit_url(p), reverse("portal:need-track")):
        html = client.get(url).content.decode()
        ui = re.findall(r"<(?:h1|h2|h3|legend|label|button|dt)\b[^>]*>(.*?)</", html, re.S)
        chinese = [t for t in ui if re.search(r"[\u3400-\u9fff]", re.sub(r"<[^>]+>", "", t))
                   and p.name not in t and county.village.name not in t and t != "中文"]
        assert 'lang="en"' in html and chinese == [], (url, chinese)


def test_a_form_sent_twice_at_once_gives_one_need_and_the_same_code(county, monkeypatch):  # noqa: ANN001
    # given a need already stored, and a second sending of the same form (a double click on
    # another worker) whose first look for it came before that commit
    from xinfang.servicepoints import services

    p = point(county)
    params = {**NEED, "point": p.pk, "service": service(p).pk, "phone": "13812345678",
              "token": "r" * 24}
    first = need_submit_online(params=params)
    looks = []
    real = services._replay

    def late(token: str, phone: str):  # noqa: ANN202
        looks.append(token)
        return None if len(looks) == 1 else real(token, phone)

    monkeypatch.setattr(services, "_replay", late)
    # when it is stored, the unique token refuses it; then it gets the first one's receipt
    again = need_submit_online(params=params)
    assert len(looks) == 2 and again.replayed and not first.replayed
    assert again.need.pk == first.need.pk and again.code == first.code
    assert Need.objects.count() == 1
