"""The dashboard's snapshot (warning/snapshots.py): served until the minute tick refreshes it, per unit
and language, recomputed when too old or asked for, and holding counts only (no case text)."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xinfang.cases.models import Case
from xinfang.cases.purposes import Purpose
from xinfang.cases.scenarios import register
from xinfang.core import clock
from xinfang.core.jobs import tick
from xinfang.deadlines.models import Deadline, DeadlineState
from xinfang.orgs.models import Role
from xinfang.warning import snapshots

from .helpers import TODAY

pytestmark = pytest.mark.django_db

NOON = dt.datetime.combine(TODAY, dt.time(12))
URL = reverse("warning:dashboard")


def received(client) -> int:  # noqa: ANN001
    """近30日信访量 as the page shows it."""
    return client.get(URL).context["d"].totals["last30"]


def test_the_page_serves_its_snapshot_until_the_minute_tick_refreshes_it(client, county):
    client.force_login(county.user(county.bureau, Role.APPROVER))
    with clock.frozen(NOON):
        register(county)
        before = received(client)
        # when a case arrives after the snapshot was taken
        register(county)
        # then the page still shows the snapshot's figure, with the time it was computed
        page = client.get(URL)
        assert page.context["d"].totals["last30"] == before
        taken = clock.now()
        assert page.context["computed_at"] == taken
    # until the minute tick recomputes the snapshots viewed lately
    with clock.frozen(NOON + dt.timedelta(minutes=1)):
        assert tick()["minute"]["warning.dashboards"] == "1 dashboards"
        page = client.get(URL)
    assert page.context["d"].totals["last30"] == before + 1 == Case.objects.count()
    assert page.context["computed_at"] == taken + dt.timedelta(minutes=1)


def test_a_snapshot_older_than_the_maximum_age_or_asked_for_is_recomputed(client, county, settings):
    settings.XINFANG_DASHBOARD_MAX_AGE = 300
    client.force_login(county.user(county.bureau, Role.APPROVER))
    with clock.frozen(NOON):
        before = received(client)
        register(county)
        # ?refresh=1 recomputes at once
        assert client.get(URL + "?refresh=1").context["d"].totals["last30"] == before + 1
        register(county)
    with clock.frozen(NOON + dt.timedelta(seconds=299)):
        assert received(client) == before + 1  # still fresh enough
    with clock.frozen(NOON + dt.timedelta(seconds=301)):
        assert received(client) == before + 2  # too old: computed on the request (no tick ran)


def test_max_age_zero_computes_every_request(client, county, settings):
    settings.XINFANG_DASHBOARD_MAX_AGE = 0
    client.force_login(county.user(county.bureau, Role.APPROVER))
    with clock.frozen(NOON):
        before = received(client)
        register(county)
        assert received(client) == before + 1
    assert snapshots.dashboards_refresh() == 0


def test_a_served_snapshot_reads_a_handful_of_queries(client, county):
    client.force_login(county.user(county.bureau, Role.APPROVER))
    with clock.frozen(NOON):
        for _ in range(3):
            register(county)
        client.get(URL)
        with CaptureQueriesContext(connection) as served:
            assert client.get(URL).status_code == 200
        with CaptureQueriesContext(connection) as live:
            assert client.get(URL + "?refresh=1").status_code == 200
    # then the page from the snapshot reads the session, the user, the snapshot and its short lists,
    # never the cases
    assert len(served) <= 10 < len(live)
    assert not any('"cases_case"' in q["sql"] and "COUNT" in q["sql"].upper()
                   for q in served.captured_queries)


def test_an_accused_unit_never_gets_a_snapshot_counting_the_accusation(client, county):
    # given an accusation against the township (Art. 30), counted on the bureau's dashboard
    with clock.frozen(NOON):
        register(county)
        register(county, purpose=Purpose.ACCUSATION, accused_unit=county.township.pk,
                 accused_person="某镇干部李某", title="反映城关镇干部收受好处费",
                 facts_reasons="城关镇某干部在低保审批中收受好处费。")
        client.force_login(county.user(county.bureau, Role.APPROVER))
        assert received(client) == 2
        # when the township's staff open the dashboard while the bureau's snapshot is fresh
        client.force_login(county.user(county.township, Role.HANDLER))
        township = client.get(URL)
    # then theirs is their own reach's: the accusation is not in it
    assert township.context["d"].totals["last30"] < 2
    assert "收受好处费" not in township.content.decode()


def test_a_snapshot_keeps_counts_and_no_case_text(client, county):
    # given an overdue clock listed on the dashboard
    client.force_login(county.user(county.bureau, Role.APPROVER))
    with clock.frozen(NOON):
        case = register(county, title="楼道漏水无人维修", accused_person="")
        Deadline.objects.filter(case=case, for_petitioner=False).update(state=DeadlineState.OVERDUE)
        page = client.get(URL)
        assert "楼道漏水无人维修" in page.content.decode()  # the list is on the page ...
        key = snapshots._key(f"u{county.bureau.pk}", "zh-hans", TODAY)
        kept = cache.get(key)
    # ... but what the cache keeps is counts and the clock's id, never the case's text or number
    assert kept["d"]["overdue_ids"] and kept["d"]["overdue_total"] == len(kept["d"]["overdue_ids"])
    assert "楼道漏水无人维修" not in repr(kept) and case.number not in repr(kept)
