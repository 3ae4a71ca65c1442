"""The joint-conference and Art. 24 pages: the conference, a meeting with its steps and timeline,
my unit's decisions (the late first), the dispute panel on the case page and the dispute page;
refused steps are 4xx pages, another jurisdiction's records 404; both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from xinfang.cases.scenarios import drive_to
from xinfang.cases.states import Status
from xinfang.core import clock
from xinfang.institutions.models import Decision, JurisdictionDispute, Meeting
from xinfang.institutions.states import DecisionStatus, DisputeStatus, MeetingStatus
from xinfang.orgs.models import Role

from .conftest import ITEM, MEETING, MINUTES, assign_decision, conference_of, raise_dispute


@pytest.fixture(autouse=True)
def _today():  # noqa: PT004
    with clock.frozen(dt.datetime(2026, 3, 2, 10, 0)):
        yield


def test_plan_add_hold_and_assign_through_the_pages(client, county):
    case = drive_to(county, Status.ACCEPTED)
    conference = conference_of(county)
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    page = client.get(reverse("institutions:conference")).content.decode()
    assert conference.name in page and "副县长" in page and 'data-action="meeting.schedule"' in page
    assert client.post(reverse("institutions:meeting-plan"), {
        **{f"schedule-{k}": v for k, v in MEETING.items()},
        "schedule-conference": conference.pk}).status_code == 302
    meeting = Meeting.objects.get()
    url = reverse("institutions:meeting", args=[meeting.pk])
    assert client.post(reverse("institutions:meeting-act", args=[meeting.pk, "add_item"]), {
        "add_item-title": ITEM["title"], "add_item-cases": case.number}).status_code == 302
    assert client.post(reverse("institutions:meeting-act", args=[meeting.pk, "hold"]), {
        "hold-minutes": MINUTES}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert client.post(reverse("institutions:decision-create", args=[meeting.pk]), {
        "assign-text": "住建局督促维修", "assign-unit": county.housing.pk,
        "assign-due_on": "2026-04-01", "assign-item": meeting.items.get().pk}).status_code == 302
    decision = Decision.objects.get()
    body = client.get(url).content.decode()
    assert case.number in body and "住建局督促维修" in body and "列入议题" in body  # the timeline
    # the responsible unit reports from its list
    client.force_login(county.user(county.housing, Role.HANDLER))
    mine = client.get(reverse("institutions:decisions")).content.decode()
    assert 'data-action="decision.report_done"' in mine
    done = client.post(reverse("institutions:decision-act", args=[decision.pk, "report_done"]), {
        f"d{decision.pk}-report_done-report": "已维修", "back": "mine"})
    assert done.status_code == 302 and done["Location"] == reverse("institutions:decisions")
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.REPORTED


def test_refused_steps_are_4xx_and_other_counties_404(client, county, other_county):
    decision = assign_decision(county)
    meeting = decision.meeting
    client.force_login(county.user(county.township, Role.HANDLER))  # a member, not responsible
    act = reverse("institutions:decision-act", args=[decision.pk, "report_done"])
    assert client.post(act, {f"d{decision.pk}-report_done-report": "x"}).status_code == 403
    assert client.post(reverse("institutions:decision-act",
                               args=[decision.pk, "flag_overdue"])).status_code == 404
    assert client.post(reverse("institutions:meeting-act",
                               args=[meeting.pk, "cancel"])).status_code in (403, 409)
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.ASSIGNED
    client.force_login(other_county.user(other_county.bureau, Role.REGISTRAR))
    assert client.get(reverse("institutions:meeting", args=[meeting.pk])).status_code == 404
    assert client.post(act).status_code == 404


def test_my_decisions_list_the_late_first(client, county):
    later = assign_decision(county, due_on="2026-04-30")
    late = assign_decision(county, due_on="2026-03-03")
    client.force_login(county.user(county.housing, Role.HANDLER))
    with clock.frozen(dt.datetime(2026, 3, 5, 9, 0)):
        body = client.get(reverse("institutions:decisions")).content.decode()
    assert body.index(late.text) <= body.index(later.text)
    assert body.index("已逾期") < body.index("2026-04-30")


def test_raise_from_the_case_page_decide_and_carry_out(client, county):
    case = drive_to(county, Status.REGISTERED)
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    page = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert 'data-action="dispute.raise"' in page
    assert client.post(reverse("institutions:dispute-raise", args=[case.number]), {
        "raise-parties": [county.housing.pk, county.township.pk],
        "raise-reason": "两单位均认为不属本单位职责"}).status_code == 302
    dispute = JurisdictionDispute.objects.get()
    client.force_login(county.user(county.county, Role.APPROVER))
    listing = client.get(reverse("institutions:disputes")).content.decode()
    assert reverse("institutions:dispute", args=[dispute.pk]) in listing
    detail = client.get(reverse("institutions:dispute", args=[dispute.pk])).content.decode()
    assert 'data-action="dispute.decide"' in detail and "照常计算" in detail
    assert client.post(reverse("institutions:dispute-act", args=[dispute.pk, "decide"]), {
        "decide-unit": county.housing.pk, "decide-reason": "属住建局职责"}).status_code == 302
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    assert client.post(reverse("institutions:dispute-act", args=[dispute.pk, "carry_out"]),
                       {}).status_code == 302
    dispute.refresh_from_db()
    case.refresh_from_db()
    assert (dispute.status, case.status, case.holding_unit) == (
        DisputeStatus.SETTLED, Status.TRANSFERRED, county.housing)
    timeline = client.get(reverse("institutions:dispute", args=[dispute.pk])).content.decode()
    assert "按决定转送" in timeline


def test_dispute_refusals_are_4xx(client, county, other_county):
    dispute = raise_dispute(county)
    client.force_login(county.user(county.bureau, Role.APPROVER))  # not the decider
    decide = reverse("institutions:dispute-act", args=[dispute.pk, "decide"])
    assert client.post(decide, {"decide-unit": county.housing.pk,
                                "decide-reason": "x"}).status_code == 403
    assert client.post(reverse("institutions:dispute-act", args=[dispute.pk, "keep"])).status_code == 404
    client.force_login(county.user(county.county, Role.APPROVER))
    assert client.post(reverse("institutions:dispute-act", args=[dispute.pk, "carry_out"])
                       ).status_code == 409
    client.force_login(other_county.user(other_county.bureau, Role.REGISTRAR))
    assert client.get(reverse("institutions:dispute", args=[dispute.pk])).status_code == 404
    assert JurisdictionDispute.objects.get(pk=dispute.pk).status == DisputeStatus.PENDING


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_pages_in_both_languages(client, county, lang):
    decision = assign_decision(county)
    dispute = raise_dispute(county)
    client.cookies["django_language"] = lang
    for user, url in (
            (county.user(county.bureau, Role.REGISTRAR), reverse("institutions:conference")),
            (county.user(county.bureau, Role.REGISTRAR),
             reverse("institutions:meeting", args=[decision.meeting_id])),
            (county.user(county.housing, Role.HANDLER), reverse("institutions:decisions")),
            (county.user(county.county, Role.APPROVER), reverse("institutions:disputes")),
            (county.user(county.county, Role.APPROVER),
             reverse("institutions:dispute", args=[dispute.pk]))):
        client.force_login(user)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
        assert response.status_code == 200, url
        assert f'lang="{lang}"' in response.content.decode(), url


def test_every_ui_string_of_these_pages_has_its_english():
    """The English comes from locale_en.py at `make messages`: every Chinese string the new code
    and templates mark for translation has its entry (read from the sources, so a string added
    without its English fails here, before any catalogue is compiled)."""
    import pathlib
    import re
    import runpy

    root = pathlib.Path(__file__).resolve().parents[2]
    english: dict[str, str] = {}
    for path in [*root.glob("*/locale_en.py"), root.parent / "locale" / "en_translations.py"]:
        english.update(runpy.run_path(str(path))["EN"])
    app = root / "institutions"
    sources = [app / f for f in ("models.py", "states.py", "forms.py", "events.py",
                                 "conference.py", "disputes.py", "conference_views.py")]
    sources += sorted((app / "templates" / "institutions").glob("*.html"))
    marked = []
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r'(?:\b_|gettext_lazy)\(\s*((?:"[^"]*"\s*)+)', text):
            marked.append("".join(re.findall(r'"([^"]*)"', m.group(1))))
        marked += [a or b for a, b in re.findall(r'{% trans "([^"]*)" %}|{% trans \'([^\']*)\' %}',
                                                  text)]
    chinese = [t for t in marked if re.search(r"[\u3400-\u9fff]", t)]
    assert len(chinese) > 100
    assert [t for t in chinese if t not in english] == []


def test_my_decisions_read_a_fixed_number_of_queries(client, county):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(county.user(county.housing, Role.HANDLER))
    counts = []
    for n in (1, 3):
        while Decision.objects.filter(unit=county.housing).count() < n:
            assign_decision(county)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("institutions:decisions"))
        assert response.status_code == 200
        body = response.content.decode()
        assert body.count('data-action="decision.report_done"') == n
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_conference_is_configured_in_the_admin_and_records_only_read(admin_client, county):
    conference = conference_of(county)
    page = admin_client.get(reverse("admin:institutions_conference_change", args=[conference.pk]))
    assert page.status_code == 200 and "副县长" in page.content.decode()  # the convenor inline
    dispute = raise_dispute(county)
    assert admin_client.get(reverse("admin:institutions_jurisdictiondispute_changelist")
                            ).status_code == 200
    assert admin_client.post(reverse("admin:institutions_jurisdictiondispute_delete",
                                     args=[dispute.pk]), {"post": "yes"}).status_code == 403
