"""The portal's suggestion pages: a citizen sends a suggestion, gets a query code, looks it up with
the code and phone; wrong input is a 4xx saying what is wrong; only published ones are listed,
without the proposer."""

import re

from xinfang.orgs.models import Role
from xinfang.suggestions.models import Suggestion, SuggestionChannel
from xinfang.suggestions.states import SuggestionAction, SuggestionStatus
from xinfang.suggestions.tests.helpers import actor, params_for
from xinfang.suggestions.workflow import suggestion_transition

from .conftest import FORM_TOKEN, challenge

CODE = re.compile(r'data-code="([0-9A-Z-]+)"')


def suggestion_form(c, **overrides) -> dict:  # noqa: ANN001
    data = {"topic": "建议延长城关镇公交末班车时间", "field": "livelihood",
            "concerns_unit": c.township.pk,
            "text": "城关镇到县城的公交末班车下午六点就停了，建议延长到晚上九点。",
            "name": "王五", "phone": "138 0000 2222", "publish_consent": "on"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def send(client, c, **overrides):  # noqa: ANN001, ANN201
    html = client.get("/portal/suggestions/new/").content.decode()
    hidden = {"token": FORM_TOKEN.search(html).group(1), **challenge(html)}
    return client.post("/portal/suggestions/new/", {**hidden, **suggestion_form(c, **overrides)})


def look_up(client, code, phone):  # noqa: ANN001, ANN201
    html = client.get("/portal/suggestions/track/").content.decode()
    return client.post("/portal/suggestions/track/", {"code": code, "phone": phone,
                                                       **challenge(html)})


def test_send_and_look_up(client, portal):
    r = send(client, portal)
    assert r.status_code == 200
    code = CODE.search(r.content.decode()).group(1)
    s = Suggestion.objects.get()
    assert (s.channel, s.receiving_unit, s.status) == (
        SuggestionChannel.PORTAL, portal.bureau, SuggestionStatus.SUBMITTED)
    assert code.replace("-", "") not in str(Suggestion.objects.values_list().get())
    page = look_up(client, code.lower(), "13800002222")
    assert page.status_code == 200
    assert 'id="suggestion-status">已提交<' in page.content.decode()


def test_the_proposer_sees_the_answer_and_outcome(client, portal):
    code = CODE.search(send(client, portal).content.decode()).group(1)
    s = Suggestion.objects.get()
    for a in (SuggestionAction.REFER, SuggestionAction.ANSWER, SuggestionAction.DECLINE):
        suggestion_transition(suggestion_id=s.pk, action=a, actor=actor(portal, a),
                              params=params_for(portal, a))
    html = look_up(client, code, "13800002222").content.decode()
    assert "不予采纳" in html and "今年暂不具备建设条件" in html


def test_wrong_phone_or_code_is_one_answer(client, portal):
    code = CODE.search(send(client, portal).content.decode()).group(1)
    wrong_phone = look_up(client, code, "13900009999")
    wrong_code = look_up(client, "0000-0000-0000-0000", "13800002222")
    assert wrong_phone.status_code == wrong_code.status_code == 400
    assert "查询码或手机号码不正确" in wrong_phone.content.decode()
    assert "查询码或手机号码不正确" in wrong_code.content.decode()


def test_missing_fields_are_400_naming_them(client, portal):
    r = send(client, portal, topic="", phone="", name="")
    html = r.content.decode()
    assert r.status_code == 400
    assert "建议题目" in html and "请填写手机号码" in html and "请填写姓名，或选择匿名提出" in html
    assert not Suggestion.objects.exists()


def test_a_posted_receiving_unit_is_ignored(client, portal, other_county):
    assert send(client, portal, receiving_unit=other_county.bureau.pk).status_code == 200
    assert Suggestion.objects.get().receiving_unit == portal.bureau


def test_anonymous_with_a_phone(client, portal):
    assert send(client, portal, name="", anonymous="on").status_code == 200
    s = Suggestion.objects.get()
    assert (s.anonymous, s.proposer_name, s.proposer_display) == (True, "", "匿名")


def test_a_double_click_files_once_with_the_same_code(client, portal):
    html = client.get("/portal/suggestions/new/").content.decode()
    hidden = {"token": FORM_TOKEN.search(html).group(1), **challenge(html)}
    first = client.post("/portal/suggestions/new/", {**hidden, **suggestion_form(portal)})
    second = client.post("/portal/suggestions/new/", {**hidden, **suggestion_form(portal)})
    assert Suggestion.objects.count() == 1
    assert CODE.search(first.content.decode()).group(1) == CODE.search(
        second.content.decode()).group(1)


def test_published_list_shows_only_published_and_never_the_proposer(client, portal):
    send(client, portal)
    send(client, portal, topic="建议清河公园增设健身器材", text="清河公园没有健身器材，建议增设健身器材和儿童游乐设施。")
    published, kept = Suggestion.objects.order_by("pk")
    steps = (SuggestionAction.REFER, SuggestionAction.ANSWER, SuggestionAction.ADOPT,
             SuggestionAction.PUBLISH)
    for a in steps:
        suggestion_transition(suggestion_id=published.pk, action=a, actor=actor(portal, a),
                              params=params_for(portal, a))
    html = client.get("/portal/suggestions/").content.decode()
    assert published.topic in html and kept.topic not in html
    assert "王五" not in html and "王*" not in html and "2222" not in html


def test_staff_role_sees_the_portal_suggestion(client, portal):
    send(client, portal)
    client.force_login(portal.user(portal.bureau, Role.REGISTRAR))
    s = Suggestion.objects.get()
    assert client.get(f"/suggestions/s/{s.number}/").status_code == 200
