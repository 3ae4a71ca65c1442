"""The staff pages and the portal pages of 众人议事厅 (through Django's test client): the steps
posted from the page, the roster, the portal's verification, vote, comment, result and decision,
the case page's panel, and the dashboard and Excel figures against a hand count."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from xinfang.core import clock
from xinfang.deliberation.models import Resident, Topic, Vote
from xinfang.deliberation.states import TopicStatus
from xinfang.notifications.models import Notification
from xinfang.orgs.models import Role
from xinfang.portal.tests.conftest import challenge

from .helpers import (
    PHONES,
    A,
    close,
    local,
    new_topic,
    open_topic,
    petition,
    published_topic,
    residents,
    staff,
    step,
    vote_all,
)

START = dt.datetime(2026, 11, 2, 9, 0)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    cache.clear()
    with clock.frozen(START) as moment:
        yield moment
    cache.clear()


# --- staff ----------------------------------------------------------------------------------------

def test_the_township_opens_links_and_publishes_from_the_pages(client, county):
    residents(county, 2)
    client.force_login(staff(county, Role.REGISTRAR))
    page = client.get(reverse("deliberation:new"))
    assert page.status_code == 200
    token = re.search(r'name="token" value="([^"]+)"', page.content.decode()).group(1)
    form = {"title": "小区加装电梯费用分摊方案", "facts": "东街社区3幢拟加装电梯，费用按楼层分摊。",
            "options": "方案一：按楼层递增\n方案二：平均分摊\n暂不加装", "unit": county.village.pk,
            "eligibility": "roster", "opens_at": local(clock.now()),
            "closes_at": local(clock.now() + dt.timedelta(days=5)), "token": token}
    r = client.post(reverse("deliberation:new"), form)
    t = Topic.objects.get()
    assert r.status_code == 302 and t.options[2] == "暂不加装"
    assert client.post(reverse("deliberation:new"), form).status_code == 302  # a double click
    assert Topic.objects.count() == 1
    bad = client.post(reverse("deliberation:new"), {**form, "options": "只有一个", "token": ""})
    assert bad.status_code == 400 and "2至8个" in bad.content.decode()
    case = petition(county)
    r = client.post(reverse("deliberation:act", args=[t.number, "link"]), {"link-case": case.number})
    assert r.status_code == 302 and t.links.filter(case=case).exists()
    # a registrar may not publish: the page refuses with the engine's reason, 403
    r = client.post(reverse("deliberation:act", args=[t.number, "open"]), {})
    assert r.status_code == 403
    client.force_login(staff(county))
    r = client.post(reverse("deliberation:act", args=[t.number, "open"]), {})
    t.refresh_from_db()
    assert r.status_code == 302 and t.status == TopicStatus.OPEN
    detail = client.get(reverse("deliberation:detail", args=[t.number])).content.decode()
    assert case.number in detail and 'class="timeline"' in detail
    assert "截止并计票" not in detail  # not offered before the period ends (a state guard)
    r = client.post(reverse("deliberation:act", args=[t.number, "close"]), {})
    assert r.status_code == 422  # the period has not ended
    assert client.get(reverse("deliberation:list")).status_code == 200


def test_another_county_gets_404_and_a_department_sees_no_buttons(client, county, other_county):
    t = new_topic(county)
    client.force_login(other_county.user(other_county.township, Role.HANDLER))
    assert client.get(reverse("deliberation:detail", args=[t.number])).status_code == 404
    client.force_login(county.user(county.bureau, Role.APPROVER))
    page = client.get(reverse("deliberation:detail", args=[t.number])).content.decode()
    assert "您当前没有可执行的操作" in page
    assert client.post(reverse("deliberation:act", args=[t.number, "cancel"]),
                       {"cancel-reason": "不是本单位的"}).status_code == 403


def test_the_roster_page_enters_a_resident_encrypted_and_masked(client, county):
    client.force_login(staff(county, Role.REGISTRAR))
    url = reverse("deliberation:roster")
    r = client.post(url, {"unit": county.village.pk, "name": "王小明", "phone": "139 1234 5678",
                          "verified": "on", "note": "租户，网格员上门核实"})
    assert r.status_code == 302
    person = Resident.objects.get()
    assert person.phone == "13912345678" and person.source == "verified"
    page = client.get(f"{url}?unit={county.village.pk}").content.decode()
    assert "王*" in page and "王小明" not in page and "13912345678" not in page
    again = client.post(url, {"unit": county.village.pk, "name": "王小明", "phone": "13912345678"})
    assert again.status_code == 400 and "已在" in again.content.decode()
    assert client.post(url, {"unit": "", "name": "李", "phone": "13912345679"}).status_code == 400
    from django.db import connection
    with connection.cursor() as cur:
        cur.execute("SELECT name, phone FROM deliberation_resident")
        raw = cur.fetchone()
    assert "王小明" not in raw[0] and "13912345678" not in raw[1]  # encrypted at rest


def test_staff_hide_a_comment_from_the_page_and_the_portal_no_longer_shows_it(client, county):
    t, people = open_topic(county, 2)
    from xinfang.deliberation.services import post_comment
    c = post_comment(topic_id=t.pk, resident_id=people[1].pk, text="无关广告：收购旧家电")
    portal = reverse("portal:deliberation-topic", args=[t.number])
    assert "收购旧家电" in client.get(portal).content.decode()
    client.force_login(staff(county))
    r = client.post(reverse("deliberation:act", args=[t.number, "hide_comment"]),
                    {"hide_comment-comment": c.pk, "hide_comment-reason": "广告"})
    assert r.status_code == 302
    client.logout()
    page = client.get(portal).content.decode()
    assert "收购旧家电" not in page and "1 条评论因不符合议事规则已屏蔽" in page


def test_the_case_page_shows_the_deliberation_and_its_decision(client, county):
    case = petition(county)
    t = published_topic(county)
    from xinfang.deliberation.models import TopicCase
    TopicCase.objects.create(topic=t, case=case, linked_at=clock.now())  # set-up: page view only
    client.force_login(county.user(county.township, Role.HANDLER))
    page = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert 'id="case-deliberation"' in page and t.title in page and t.decision in page


# --- portal ---------------------------------------------------------------------------------------

def _verify(client, t, phone):  # noqa: ANN001, ANN202
    url = reverse("portal:deliberation-topic", args=[t.number])
    html = client.get(url).content.decode()
    r = client.post(reverse("portal:deliberation-verify", args=[t.number]),
                    {"stage": "phone", "phone": phone, **challenge(html)})
    return r


def _code_sent() -> str:
    sms = Notification.objects.filter(channel="sms").order_by("-pk").first()
    return re.search(r"验证码为(\d{6})", sms.body).group(1)


def test_a_resident_verifies_votes_once_comments_and_sees_the_result(client, county):
    t, people = open_topic(county, 3)
    r = _verify(client, t, PHONES[0])
    assert r.status_code == 200 and "验证码已发送" in r.content.decode()
    url = reverse("portal:deliberation-verify", args=[t.number])
    wrong = client.post(url, {"stage": "code", "phone": PHONES[0], "code": "000000"
                              if _code_sent() != "000000" else "111111"})
    assert wrong.status_code == 400
    r = client.post(url, {"stage": "code", "phone": PHONES[0], "code": _code_sent()})
    assert r.status_code == 302
    vote = reverse("portal:deliberation-vote", args=[t.number])
    assert client.post(vote, {"option": "7"}).status_code == 400
    assert client.post(vote, {"option": "0"}).status_code == 302
    again = client.post(vote, {"option": "1"})
    assert again.status_code == 400 and "只能投一次票" in again.content.decode()
    assert list(Vote.objects.values_list("option", flat=True)) == [0]
    r = client.post(reverse("portal:deliberation-comment", args=[t.number]),
                    {"text": "同意外迁，安置地块要先落实。"})
    assert r.status_code == 302
    page = client.get(reverse("portal:deliberation-topic", args=[t.number])).content.decode()
    assert "您已投票" in page and "同意外迁" in page and "张*" in page and 'id="result"' not in page
    vote_all(t, people[1:], [0, 1])
    close(county, t)
    with clock.frozen(t.closes_at + dt.timedelta(hours=1)):
        page = client.get(reverse("portal:deliberation-topic", args=[t.number])).content.decode()
        late = client.post(vote, {"option": "1"})
    assert 'id="result"' in page and "66.7%" in page and "参与表决 3 人，应参与 3 人" in page
    assert late.status_code in (400, 403)
    assert Vote.objects.count() == 3


def test_a_phone_not_on_the_roster_gets_the_same_answer_and_no_sms(client, county):
    t, _people = open_topic(county, 1)
    r = _verify(client, t, "13600000000")
    assert r.status_code == 200 and "验证码已发送" in r.content.decode()
    assert not Notification.objects.filter(channel="sms").exists()
    # a guessed code fails, and enough failures lock the address out
    url = reverse("portal:deliberation-verify", args=[t.number])
    codes_ = [client.post(url, {"stage": "code", "phone": "13600000000", "code": "123456"}).status_code
              for _ in range(6)]
    assert codes_[:5] == [400] * 5 and codes_[5] == 429


def test_a_wrong_challenge_sends_nothing_and_voting_needs_verification(client, county):
    t, _people = open_topic(county, 1)
    r = client.post(reverse("portal:deliberation-verify", args=[t.number]),
                    {"stage": "phone", "phone": PHONES[0], "challenge_token": "x",
                     "challenge_answer": "1"})
    assert r.status_code == 400 and not Notification.objects.filter(channel="sms").exists()
    r = client.post(reverse("portal:deliberation-vote", args=[t.number]), {"option": "0"})
    assert r.status_code == 403 and not Vote.objects.exists()


def test_drafts_are_not_public_and_the_published_decision_is(client, county):
    draft = new_topic(county)
    assert client.get(reverse("portal:deliberation-topic", args=[draft.number])).status_code == 404
    t = published_topic(county)
    index = client.get(reverse("portal:deliberation")).content.decode()
    assert t.title in index and draft.number not in index
    page = client.get(reverse("portal:deliberation-topic", args=[t.number])).content.decode()
    assert 'id="decision"' in page and t.decision in page and t.reasons in page
    assert "广告：收购旧房" not in page  # the hidden comment
    en = client.get(reverse("portal:deliberation-topic", args=[t.number]),
                    HTTP_ACCEPT_LANGUAGE="en")
    assert en.status_code == 200


# --- dashboard and Excel --------------------------------------------------------------------------

def test_the_dashboard_and_the_excel_show_participation_by_hand(client, county, other_county):
    t1, p1 = open_topic(county, 4)
    vote_all(t1, p1, [0, 0, 0])  # 3 of 4 voted, all 赞成
    close(county, t1)
    t2, p2 = open_topic(county, 2, title="社区停车位收费标准")
    vote_all(t2, p2, [1])  # 1 voted, 反对; eligible: the village's whole roster, now 6
    close(county, t2)
    step(new_topic(county), A.OPEN, staff(county))  # open, not yet counted
    o, po = open_topic(other_county, 1)  # another county's: never counted here
    vote_all(o, po, [0])
    close(other_county, o)
    client.force_login(county.user(county.bureau, Role.APPROVER))
    with clock.frozen(START + dt.timedelta(days=20)):
        from xinfang.warning.selectors import dashboard_data
        g = dashboard_data(county.user(county.bureau, Role.APPROVER)).grassroots["deliberation"]
        html = client.get(reverse("warning:dashboard")).content.decode()
        wb = load_workbook(io.BytesIO(client.get(reverse("warning:export")).content))
    # by hand: 3 topics opened, 2 closed; (3 + 1) votes of (4 + 6) eligible at closing = 40.0 %
    assert (g["topics"], g["closed"], g["votes"], g["eligible"], g["turnout"]) == (3, 2, 4, 10, 40.0)
    rows = {r["title"]: (r["votes"], r["eligible"], r["turnout"], r["leading"], r["leading_percent"])
            for r in g["rows"]}
    assert rows == {t1.title: (3, 4, 75.0, "赞成", 100.0), "社区停车位收费标准": (1, 6, 16.7, "反对", 100.0)}
    assert 'id="kpi-deliberation"' in html and "40.0%" in html
    sheet = {r[0]: r[1:] for r in wb["基层治理与人民建议"].iter_rows(min_row=2, values_only=True)}
    assert sheet["议事参与率（%）"][:3] == (40.0, 4, 10)
    assert sheet["议事议题"][0] == 3 and sheet["已截止计票"][0] == 2
    assert sheet["议题：社区停车位收费标准"][:3] == (16.7, 1, 6)


def test_the_portal_lists_the_topics_of_a_place(client, county, other_county):
    t, _people = open_topic(county, 1)
    o, _ = open_topic(other_county, 1, title="另一个县的议题")
    index = client.get(reverse("portal:deliberation")).content.decode()
    assert t.title in index and o.title in index and 'id="place-filter"' in index
    mine = client.get(reverse("portal:deliberation"), {"place": county.township.pk}).content.decode()
    assert t.title in mine and o.title not in mine
    odd = client.get(reverse("portal:deliberation"), {"place": "x" * 50})
    assert odd.status_code == 200 and o.title in odd.content.decode()
