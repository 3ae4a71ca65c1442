"""Nansha's closed loop: every routed-away item is followed up (签收? 办结?) and listed until closed."""

import datetime as dt

import pytest
from django.urls import reverse

from xinfang.cases.models import EventKind, RouteFollowUp
from xinfang.cases.scenarios import drive_to
from xinfang.cases.states import Status
from xinfang.core import clock
from xinfang.orgs.models import Role

pytestmark = pytest.mark.django_db


def _step(client, case, followup, step, note, on=None):  # noqa: ANN001, ANN202
    return client.post(reverse("web:route-followup", args=[case.number, followup.pk]), {
        "step": step, "on": (on or clock.today()).isoformat(), "note": note})


def test_nansha_routed_item_is_followed_until_concluded(client, county):  # noqa: ANN001
    case = drive_to(county, Status.ROUTED)  # a 涉法涉诉 letter transferred to the 政法委
    followup = RouteFollowUp.objects.get(case=case)
    client.force_login(county.user(county.bureau, Role.HANDLER))

    page = client.get(reverse("web:case", args=[case.number]))
    tracking = client.get(reverse("web:route-tracking"))

    assert page.status_code == tracking.status_code == 200
    assert "导入程序跟踪" in page.content.decode() and county.political_legal.name in page.content.decode()
    assert case.number in tracking.content.decode()
    assert tracking.context["counts"]["awaiting"] == 1

    response = _step(client, case, followup, "received", "县委政法委已签收，转县人民法院立案庭")

    assert response.status_code == 302
    followup.refresh_from_db()
    assert (followup.status, followup.received_on) == (RouteFollowUp.Status.RECEIVED, clock.today())
    timeline = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert "县委政法委已签收，转县人民法院立案庭" in timeline

    _step(client, case, followup, "concluded", "县人民法院已立案受理并作出一审判决")

    followup.refresh_from_db()
    assert followup.status == RouteFollowUp.Status.CONCLUDED
    assert followup.result == "县人民法院已立案受理并作出一审判决"
    assert case.events.filter(kind=EventKind.ROUTE_FOLLOW_UP).count() == 2
    assert case.number not in client.get(reverse("web:route-tracking")).content.decode()


def test_nansha_followup_of_another_county_is_404(client, county, other_county):  # noqa: ANN001
    case = drive_to(county, Status.ROUTED)
    followup = RouteFollowUp.objects.get(case=case)
    client.force_login(other_county.user(other_county.bureau, Role.HANDLER))

    response = _step(client, case, followup, "received", "已签收")
    tracking = client.get(reverse("web:route-tracking"))

    assert response.status_code == 404
    assert case.number not in tracking.content.decode()
    followup.refresh_from_db()
    assert followup.status == RouteFollowUp.Status.AWAITING


def test_nansha_only_the_routing_unit_records_the_followup(client, county):  # noqa: ANN001
    case = drive_to(county, Status.ROUTED)
    followup = RouteFollowUp.objects.get(case=case)
    client.force_login(county.user(county.political_legal, Role.HANDLER))

    _step(client, case, followup, "received", "已签收")

    followup.refresh_from_db()
    assert followup.status == RouteFollowUp.Status.AWAITING


def test_nansha_a_date_before_routing_is_refused(client, county):  # noqa: ANN001
    case = drive_to(county, Status.ROUTED)
    followup = RouteFollowUp.objects.get(case=case)
    client.force_login(county.user(county.bureau, Role.HANDLER))

    _step(client, case, followup, "received", "已签收", on=clock.today() - dt.timedelta(days=3))

    followup.refresh_from_db()
    assert followup.status == RouteFollowUp.Status.AWAITING


def test_nansha_reminder_after_the_configured_quiet_days(client, county, settings):  # noqa: ANN001
    from xinfang.cases.services import route_followups_remind

    settings.XINFANG_ROUTE_FOLLOW_UP_DAYS = 10
    case = drive_to(county, Status.ROUTED)
    today = clock.today()

    with clock.frozen(today + dt.timedelta(days=9)):
        assert route_followups_remind() == 0
    with clock.frozen(today + dt.timedelta(days=10)):
        assert route_followups_remind() == 1
        assert route_followups_remind() == 0  # once per quiet period
        client.force_login(county.user(county.bureau, Role.HANDLER))
        tracking = client.get(reverse("web:route-tracking"))

    reminder = case.events.get(kind=EventKind.ROUTE_FOLLOW_UP)
    assert (reminder.type, reminder.data["days"]) == ("case.followup_reminder", 10)
    assert "10日无新进展" in reminder.text
    assert tracking.context["counts"]["quiet"] == 1


def test_nansha_tracking_page_and_panel_in_english(client, county, settings):  # noqa: ANN001
    from xinfang.web.tests.test_english import chinese_ui

    case = drive_to(county, Status.ROUTED)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(county.user(county.bureau, Role.HANDLER))

    tracking = client.get(reverse("web:route-tracking")).content.decode()
    page = client.get(reverse("web:case", args=[case.number])).content.decode()

    assert "Follow-up of routed items" in tracking and "Routed items follow-up" in page
    assert chinese_ui(tracking) == [] and chinese_ui(page) == []
