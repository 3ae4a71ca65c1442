"""Staff pages: the list is scoped, the steps are offered by the engine, a refused step is a 4xx
with the reason, the topics page groups, staff entry shows the query code once."""

import pytest

from xinfang.orgs.models import Role
from xinfang.suggestions.models import Suggestion
from xinfang.suggestions.states import SuggestionStatus

from .helpers import PROPOSAL, bring

S = SuggestionStatus


@pytest.fixture
def bureau_client(client, county):  # noqa: ANN001, ANN201
    client.force_login(county.user(county.bureau, Role.APPROVER))
    return client


def test_list_shows_the_units_suggestions_and_figures(bureau_client, county, other_county):
    mine = bring(county, S.ADOPTED)
    theirs = bring(other_county, S.SUBMITTED)
    html = bureau_client.get("/suggestions/?status=all").content.decode()
    assert mine.number in html and theirs.number not in html
    assert 'id="suggestion-figures"' in html and "100%（1/1）" in html


def test_detail_outside_the_jurisdiction_is_404(bureau_client, other_county):
    theirs = bring(other_county, S.SUBMITTED)
    assert bureau_client.get(f"/suggestions/s/{theirs.number}/").status_code == 404


def test_detail_offers_refer_and_the_post_refers(bureau_client, county):
    s = bring(county, S.SUBMITTED)
    html = bureau_client.get(f"/suggestions/s/{s.number}/").content.decode()
    assert 'data-action="suggestion.refer"' in html and 'data-action="suggestion.answer"' not in html
    # as on a case page: the name to staff of the jurisdiction, the phone masked (Art. 46)
    assert "李四" in html and "13900001111" not in html and "139****1111" in html
    r = bureau_client.post(f"/suggestions/s/{s.number}/act/refer/",
                           {"refer-unit": county.housing.pk, "refer-note": "请研究"})
    assert r.status_code == 302
    s.refresh_from_db()
    assert (s.status, s.deciding_unit) == (S.REFERRED, county.housing)


def test_a_step_not_offered_is_refused_with_its_reason(bureau_client, county):
    s = bring(county, S.SUBMITTED)
    r = bureau_client.post(f"/suggestions/s/{s.number}/act/adopt/", {"adopt-note": "采纳"})
    assert r.status_code == 409 and "已提交" in r.content.decode()
    referred = bring(county, S.REFERRED)
    r = bureau_client.post(f"/suggestions/s/{referred.number}/act/answer/",
                           {"answer-reply": "经研究论证，建议可行，已列入计划。"})
    assert r.status_code == 403
    assert Suggestion.objects.get(pk=referred.pk).status == S.REFERRED
    assert bureau_client.post(f"/suggestions/s/{s.number}/act/nonsense/").status_code == 404


def test_bad_input_keeps_the_status_and_says_why(client, county):
    s = bring(county, S.ANSWERED)
    client.force_login(county.user(county.housing, Role.APPROVER))
    r = client.post(f"/suggestions/s/{s.number}/act/decline/", {"decline-note": ""}, follow=True)
    assert r.status_code == 200 and "不予采纳的理由" in r.content.decode()
    assert Suggestion.objects.get(pk=s.pk).status == S.ANSWERED


def test_staff_entry_shows_the_code_once_and_refuses_a_department(bureau_client, client, county):
    data = {**PROPOSAL, "concerns_unit": county.township.pk}
    r = bureau_client.post("/suggestions/new/", data, follow=True)
    s = Suggestion.objects.get()
    assert r.status_code == 200 and "查询码" in r.content.decode()
    assert (s.channel, s.receiving_unit, s.status) == ("staff", county.bureau, S.SUBMITTED)
    assert bureau_client.post("/suggestions/new/", {**data, "topic": ""}).status_code == 400
    again = {**data, "token": "same-form-token-0123456789"}
    first = bureau_client.post("/suggestions/new/", again)
    second = bureau_client.post("/suggestions/new/", again)  # a double click: no second record
    assert first.status_code == second.status_code == 302 and first.url == second.url
    assert Suggestion.objects.count() == 2
    client.force_login(county.user(county.housing, Role.REGISTRAR))
    assert client.get("/suggestions/new/").status_code == 403


def test_topics_page_groups_similar_suggestions(bureau_client, county):
    bring(county, S.SUBMITTED)
    bring(county, S.SUBMITTED, topic="充电桩数量不足的建议",
          text="小区里电动车充电难，建议增加公共充电桩，方便新能源车主。")
    bring(county, S.SUBMITTED, topic="建议开设老年助餐点",
          text="社区独居老人多，吃饭不便，建议开设老年食堂助餐点。")
    html = bureau_client.get("/suggestions/topics/").content.decode()
    assert html.count('class="card topic" data-count="2"') == 1
    assert html.count('class="card topic" data-count="1"') == 1


def test_detail_renders_with_english_selected(bureau_client, county):
    s = bring(county, S.SUBMITTED)
    bureau_client.cookies["django_language"] = "en"
    r = bureau_client.get(f"/suggestions/s/{s.number}/", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 200


def test_list_query_count_does_not_grow_with_the_rows(bureau_client, county, django_assert_max_num_queries):
    for _ in range(3):
        bring(county, S.REFERRED)
    with django_assert_max_num_queries(20) as few:
        first = bureau_client.get("/suggestions/?status=all")
    for _ in range(5):
        bring(county, S.ANSWERED)
    with django_assert_max_num_queries(len(few.captured_queries)):
        second = bureau_client.get("/suggestions/?status=all")
    assert first.status_code == second.status_code == 200


def test_the_timeline_names_the_proposer_of_a_portal_suggestion(bureau_client, county):
    # given a suggestion sent on the portal (no staff user) and one entered by staff
    from xinfang.suggestions.services import suggestion_submit_online

    online = suggestion_submit_online(
        params={**PROPOSAL, "concerns_unit": county.township.pk, "token": "t" * 24},
        unit=county.bureau).suggestion
    entered = bring(county, SuggestionStatus.SUBMITTED)
    # when the bureau opens each, then the portal's entry is the proposer's, not the system's
    r = bureau_client.get(f"/suggestions/s/{online.number}/")
    assert r.status_code == 200 and "建议人（网上）" in r.content.decode()
    r = bureau_client.get(f"/suggestions/s/{entered.number}/")
    assert r.status_code == 200 and "建议人（网上）" not in r.content.decode()


def test_a_form_sent_twice_at_once_gives_one_suggestion_and_the_same_code(county, monkeypatch):  # noqa: ANN001
    # given a portal suggestion already stored, and a second sending of the same form (a double
    # click on another worker) whose first look for it came before that commit
    from xinfang.suggestions import services
    from xinfang.suggestions.models import Suggestion

    params = {**PROPOSAL, "concerns_unit": county.township.pk, "token": "r" * 24}
    first = services.suggestion_submit_online(params=params, unit=county.bureau)
    looks = []
    real = services._replay

    def late(token: str, phone: str):  # noqa: ANN202
        looks.append(token)
        return None if len(looks) == 1 else real(token, phone)

    monkeypatch.setattr(services, "_replay", late)
    # when it is stored, the unique token and code refuse it; then it gets the first one's receipt
    again = services.suggestion_submit_online(params=params, unit=county.bureau)
    assert len(looks) == 2 and again.replayed and not first.replayed
    assert again.suggestion.pk == first.suggestion.pk and again.code == first.code
    assert Suggestion.objects.count() == 1
