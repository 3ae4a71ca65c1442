"""The staff pages: the list, the register form (one-time token), the decision page with its
assessment, chart data and timeline, the steps the engine offers and takes; refusals are 4xx with
the engine's reason; both languages."""

from __future__ import annotations

import json
import secrets

from django.conf import settings
from django.urls import reverse

from xinfang.core import clock
from xinfang.orgs.models import Role
from xinfang.riskreview.models import Decision

from .helpers import S, assessor, bring, categories, lawyer, owner, petition, register_decision


def test_list_shows_the_decisions_in_reach_with_their_level(client, county, other_county):
    d = bring(county, S.ASSESSED)
    client.force_login(assessor(county))
    body = client.get(reverse("riskreview:list")).content.decode()
    table = body.split('id="decision-list"')[1].split("</table>")[0]
    assert d.number in table and "高风险" in table
    assert d.number in client.get(reverse("riskreview:list") + "?status=assessed").content.decode()
    assert d.number not in client.get(reverse("riskreview:list") + "?status=closed").content.decode()
    client.force_login(other_county.user(other_county.bureau, Role.APPROVER))
    assert d.number not in client.get(reverse("riskreview:list")).content.decode()
    assert client.get(reverse("riskreview:detail", args=[d.number])).status_code == 404


def test_register_form_once_per_token_and_bad_input_is_400(client, county):
    _top, demolition, _edu = categories()
    client.force_login(owner(county))
    assert client.get(reverse("riskreview:new")).status_code == 200
    r = client.post(reverse("riskreview:new"), {"title": "东街片区房屋征收", "kind": "demolition",
                                                "summary": "拟征收东街片区约120户房屋。",
                                                "places": [county.village.pk],
                                                "planned_on": "2026-12-31"})
    assert r.status_code == 400 and "请至少选择一个涉及问题分类或填写一个关键词" in r.content.decode()
    token = secrets.token_urlsafe(24)
    data = {"title": "东街片区房屋征收", "kind": "demolition", "summary": "拟征收东街片区约120户房屋。",
            "places": [county.village.pk], "categories": [demolition.pk], "keywords": "拆迁，征收",
            "planned_on": "2026-12-31", "token": token}
    r = client.post(reverse("riskreview:new"), data)
    d = Decision.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("riskreview:detail", args=[d.number])
    assert d.keywords == "拆迁、征收"
    r = client.post(reverse("riskreview:new"), data)  # the same form again: the same decision
    assert r.status_code == 302 and Decision.objects.count() == 1
    client.force_login(county.user(county.township, Role.REGISTRAR))
    assert client.get(reverse("riskreview:new")).status_code == 403


def test_the_page_offers_the_engines_steps_and_takes_them(client, county):
    _top, demolition, _edu = categories()
    petition(county, on=clock.today(), category=demolition)
    d = register_decision(county)
    url = reverse("riskreview:detail", args=[d.number])
    client.force_login(assessor(county, Role.HANDLER))
    body = client.get(url).content.decode()
    assert 'data-action="decision.start"' in body and 'data-action="decision.assess"' not in body
    r = client.post(reverse("riskreview:act", args=[d.number, "start"]), {"start-days": "180"})
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.status == S.ASSESSING and d.snapshot["total"] == 1
    client.force_login(assessor(county))
    body = client.get(url).content.decode()
    chart = json.loads(body.split('id="risk-trend" type="application/json">')[1].split("</script>")[0])
    assert len(chart["months"]) == len(d.snapshot["monthly"]) and sum(chart["counts"]) == 1
    assert 'id="risk-figures"' in body and "riskreview/trend.js" in body
    r = client.post(reverse("riskreview:act", args=[d.number, "assess"]), {
        "assess-risk_level": "low", "assess-risk_points": "暂未发现明显风险点"})
    assert Decision.objects.get(pk=d.pk).status == S.ASSESSED
    client.force_login(lawyer(county))
    assert 'data-action="decision.review"' in client.get(url).content.decode()
    client.post(reverse("riskreview:act", args=[d.number, "review"]),
                {"review-opinion": "lawful", "review-reasons": "符合法定权限和程序"})
    client.force_login(owner(county))
    client.post(reverse("riskreview:act", args=[d.number, "decide"]),
                {"decide-outcome": "proceed", "decide-reasons": "经镇党政联席会议集体讨论决定"})
    d.refresh_from_db()
    assert (d.status, d.outcome) == (S.DECIDED, "proceed")
    body = client.get(url).content.decode()
    for section in ('id="risk-assessment"', 'id="legal-review"', 'id="decision-outcome"',
                    'id="decision-checks"', 'class="timeline"'):
        assert section in body, section
    assert body.count("<li><time>") == d.events.count() == 6  # register, start + drawn, 3 steps


def test_refused_steps_are_4xx_with_the_engines_reason(client, county):
    d = bring(county, S.REVIEWED, level="high")
    client.force_login(owner(county))
    r = client.post(reverse("riskreview:act", args=[d.number, "decide"]),
                    {"decide-outcome": "proceed", "decide-reasons": "集体讨论决定"})
    assert r.status_code == 302  # taken by the engine, refused by the guard: back with the reason
    assert Decision.objects.get(pk=d.pk).status == S.REVIEWED
    follow = client.get(r["Location"]).content.decode()
    assert "第二十四条" in follow
    r = client.post(reverse("riskreview:act", args=[d.number, "assess"]))
    assert r.status_code == 409
    r = client.post(reverse("riskreview:act", args=[d.number, "register"]))
    assert r.status_code == 404
    assert client.post(reverse("riskreview:act", args=[d.number, "nope"])).status_code == 404
    client.force_login(assessor(county))
    r = client.post(reverse("riskreview:act", args=[d.number, "decide"]),
                    {"decide-outcome": "abandon", "decide-reasons": "集体讨论决定"})
    assert r.status_code == 403 and Decision.objects.get(pk=d.pk).status == S.REVIEWED


def test_both_languages(client, county):
    d = bring(county, S.FOLLOWED_UP)
    client.force_login(assessor(county))
    url = reverse("riskreview:detail", args=[d.number])
    zh = client.get(url).content.decode()
    assert "社会稳定风险评估" in zh and "数据提示风险等级" in zh
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    en = client.get(url).content.decode()
    assert "Social-stability risk assessment" in en and "Risk level the data suggest" in en
    assert "社会稳定风险评估" not in en


def test_the_page_offers_exactly_what_the_engine_allows_every_role_in_every_status(client, county):
    import re

    from xinfang.core import workflow as engine
    from xinfang.riskreview.workflow import DECISIONS

    d = bring(county, S.FOLLOWED_UP)  # one check made: 结束跟踪 may be offered
    url = reverse("riskreview:detail", args=[d.number])
    people = [owner(county), county.user(county.township, Role.HANDLER), assessor(county),
              assessor(county, Role.HANDLER), lawyer(county), county.leader(county.township)]
    offered_somewhere = set()
    for status in S:
        Decision.objects.filter(pk=d.pk).update(status=status)  # test set-up only
        d.refresh_from_db()
        for user in people:
            client.force_login(user)
            body = client.get(url).content.decode()
            shown = set(re.findall(r'data-action="decision\.(\w+)"', body))
            expected = {t.action for t in engine.offered(DECISIONS, d, user)}
            assert shown == expected, (status, user, shown, expected)
            offered_somewhere |= shown
    # every step but the register page's own is offered to someone in some status
    assert offered_somewhere == {"start", "recompute", "assess", "review", "decide", "check",
                                "close"}


def test_the_list_pins_its_query_count(client, county):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(assessor(county))
    register_decision(county)
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("riskreview:list")).status_code == 200
    for _ in range(5):
        register_decision(county)
    with CaptureQueriesContext(connection) as six:
        body = client.get(reverse("riskreview:list")).content.decode()
    assert body.count("JC2026-") >= 6
    assert len(six.captured_queries) == len(one.captured_queries) <= 10
