"""The staff pages: the case panel and its forms, the referral page and its steps, the board;
refusals are 4xx with the engine's reason, other units get 404."""

from __future__ import annotations

from django.urls import reverse

from xinfang.orgs.models import Role
from xinfang.reviewboard.models import CommitteeReferral, LawyerOpinion
from xinfang.reviewboard.states import OpinionStatus, ReferralStatus

from .helpers import (
    QUESTION,
    ask,
    committee,
    concluded_with_opinion,
    lawyer,
    refer,
    review_case,
    staff,
)


def test_case_panel_offers_ask_and_refer_and_takes_them(client, county):
    case = review_case(county)
    lawyer(county)
    committee(county)
    client.force_login(staff(county))
    body = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert 'data-action="lawyer_opinion.request"' in body
    assert 'data-action="committee_referral.refer"' in body
    r = client.post(reverse("reviewboard:opinion-request", args=[case.number]),
                    {"request-lawyer": lawyer(county).pk, "request-question": QUESTION})
    assert r.status_code == 302
    o = LawyerOpinion.objects.get(case=case)
    # the answer is not offered to the approver while the opinion is awaited
    client.force_login(staff(county, Role.APPROVER))
    body = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert 'data-action="lawyer_opinion.submit"' in body
    r = client.post(reverse("reviewboard:opinion-act", args=[o.pk, "submit"]), {
        f"submit-{o.pk}-conclusion": "uphold", f"submit-{o.pk}-text": "原处理意见事实清楚，依据正确。",
        f"submit-{o.pk}-reasons": "依据正确", f"submit-{o.pk}-submitted_on": "2000-01-01"})
    assert r.status_code == 302
    assert LawyerOpinion.objects.get(pk=o.pk).status == OpinionStatus.SUBMITTED


def test_bad_input_changes_nothing(client, county):
    case = review_case(county)
    client.force_login(staff(county))
    r = client.post(reverse("reviewboard:opinion-request", args=[case.number]),
                    {"request-lawyer": "999999", "request-question": ""}, follow=True)
    assert r.status_code == 200 and not LawyerOpinion.objects.exists()
    assert "律师" in r.content.decode()  # the form's message names the field


def test_a_refused_step_is_4xx_not_500(client, county):
    r = concluded_with_opinion(county)
    client.force_login(staff(county, Role.APPROVER))
    resp = client.post(reverse("reviewboard:referral-act", args=[r.pk, "conclude"]),
                       {"conclude-reasons": "再次宣布"})
    assert 400 <= resp.status_code < 500
    resp = client.post(reverse("reviewboard:referral-act", args=[r.pk, "no_such"]), {})
    assert resp.status_code == 404
    assert CommitteeReferral.objects.get(pk=r.pk).concluded_at == r.concluded_at


def test_get_on_a_step_is_405(client, county):
    r = refer(county, review_case(county))
    client.force_login(staff(county))
    assert client.get(reverse("reviewboard:referral-act", args=[r.pk, "vote"])).status_code == 405


def test_referral_page_shows_votes_and_frozen_conclusion(client, county):
    r = concluded_with_opinion(county)
    client.force_login(county.user(county.bureau, Role.HANDLER))  # the county's bureau sees it
    body = client.get(reverse("reviewboard:referral", args=[r.pk])).content.decode()
    assert "委员会已作出结论" in body and "委员5" in body and "结论作出后表决结果固定" in body
    assert 'data-action="committee_referral.vote"' not in body


def test_vote_form_offers_only_members_who_have_not_voted(client, county):
    r = refer(county, review_case(county))
    first = r.committee.members.order_by("pk").first()
    client.force_login(staff(county))
    resp = client.post(reverse("reviewboard:referral-act", args=[r.pk, "vote"]), {
        "vote-member": first.pk, "vote-vote": "uphold", "vote-reasons": "事实清楚"})
    assert resp.status_code == 302 and r.votes.count() == 1
    body = client.get(reverse("reviewboard:referral", args=[r.pk])).content.decode()
    form = body.split('data-action="committee_referral.vote"')[1].split("</form>")[0]
    assert f'value="{first.pk}"' not in form


def test_other_units_get_404(client, county, other_county):
    r = refer(county, review_case(county))
    o = ask(county, r.case)
    for user in (staff(county, unit=county.housing),
                 other_county.user(other_county.county, Role.APPROVER)):
        client.force_login(user)
        assert client.get(reverse("reviewboard:referral", args=[r.pk])).status_code == 404
        assert client.post(reverse("reviewboard:referral-act", args=[r.pk, "withdraw"]),
                           {"withdraw-reason": "x"}).status_code == 404
        assert client.post(reverse("reviewboard:opinion-act", args=[o.pk, "withdraw"]),
                           {f"withdraw-{o.pk}-reason": "x"}).status_code == 404
    assert CommitteeReferral.objects.get(pk=r.pk).status == ReferralStatus.REFERRED
    assert LawyerOpinion.objects.get(pk=o.pk).status == OpinionStatus.REQUESTED


def test_board_lists_roster_with_masked_phone_and_committee(client, county):
    concluded_with_opinion(county)
    client.force_login(county.user(county.bureau, Role.HANDLER))
    body = client.get(reverse("reviewboard:board")).content.decode()
    assert "138****1111" in body and "13800001111" not in body
    assert "浙江某某律师事务所" in body and "复查复核委员会" in body


def test_draft_form_starts_from_the_citation(client, county):
    r = concluded_with_opinion(county)
    client.force_login(staff(county))
    body = client.get(reverse("web:case", args=[r.case.number])).content.decode()
    assert "维持4票、撤销1票" in body and "律师李明" in body
