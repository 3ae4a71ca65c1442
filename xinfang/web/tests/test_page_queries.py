"""The busiest pages read a fixed number of queries, whatever the size of the data (issue 15).

bench/pages.py measures them on 100,000 cases (docs/benchmarks.md); these tests pin what it found:
the case page of a case still to route rendered its category picker with two queries per category
(each label walked up its parents: 2,300 queries with the shipped tree) and one query per unit
picker; the dashboard's counts do not grow with cases.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xinfang.cases.models import Category
from xinfang.cases.scenarios import County, drive_to
from xinfang.cases.states import Status
from xinfang.orgs.models import Level, Role, UnitType
from xinfang.orgs.services import unit_create
from xinfang.rollups.services import rollups_fold

pytestmark = pytest.mark.django_db

#: measured on this branch (SQLite and PostgreSQL alike), with the session and login rows
CASE_PAGE_QUERIES = 53  # 65 until the page was read in one look of the workflow engine (issue 17:
# `core.workflow.one_look`, the case's reach asked once for the steps of every panel, 12 reads fewer);
# before: 49 + 4 of the urgent-report panel (its reports, the case reach, the chain)
# + 5 of the Art. 24 dispute: the guard `no_open_jurisdiction_dispute` reads the open dispute once for
#   the six offered steps it guards (core.workflow.shared_read; it was six reads), and its panel the
#   dispute, the parties it may name and the case (4) + 1 of the deliberation panel (the topics
#   linking the case) + 2 of the joint-handling panel (its parts, the units a part may go to)
# + 4 of the fast-track panel (its record, the offered creation's check that there is none, its
#   reach, the parties and their origins)
DASHBOARD_QUERIES = 39  # the live computation; 4 of them keep its snapshot (a database cache table here);
# 2 of them the grassroots figures added with the deliberations and the service points' needs, 2 the
# imported answers (imports.PastOpinion) the official indicators now count, 2 the 四诊合一 figures (the
# consultations, the reception-day bookings), 2 the cross-border durations (the cases, their first
# decisions and answers)
UNIT_LIST = re.compile(r'FROM "orgs_unit".*ORDER BY "orgs_unit"."path"', re.S)


def grow(county: County, n: int) -> None:
    """`n` more three-level category branches and `n` more townships under the county."""
    for i in range(n):
        top = Category.objects.create(name=f"新增一级{i}", level=1)
        mid = Category.objects.create(name=f"新增二级{i}", level=2, parent=top)
        Category.objects.create(name=f"新增三级{i}", level=3, parent=mid)
        unit_create(name=f"新增镇{i}", code=f"AX{i:03d}", level=Level.TOWNSHIP,
                    parent=county.county, unit_type=UnitType.PARTY_GOVERNMENT)


def test_case_page_of_a_case_to_route_reads_each_picker_once(client, county,  # noqa: ANN001
                                                             django_assert_max_num_queries):
    # given a registered case (transfer, assign, route... forms with unit and category pickers)
    case = drive_to(county, Status.REGISTERED)
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    url = reverse("web:case", args=[case.number])
    client.get(url)  # warm-up: session, content types
    # when the page is fetched, then again with 20 more categories and units
    with django_assert_max_num_queries(CASE_PAGE_QUERIES) as small:
        first = client.get(url)
    grow(county, 20)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        second = client.get(url)
    # then both answer 200 with the same number of queries, and each list of units is read once
    assert first.status_code == second.status_code == 200
    assert "新增三级19" in second.content.decode()
    unit_lists = [q["sql"] for q in large.captured_queries if UNIT_LIST.search(q["sql"])]
    assert len(unit_lists) == len(set(unit_lists)), unit_lists


def test_dashboard_reads_a_fixed_number_of_queries(client, county,  # noqa: ANN001
                                                   django_assert_max_num_queries):
    # given the county's leader and cases in several statuses
    client.force_login(county.leader())
    for status in (Status.REGISTERED, Status.ACCEPTED, Status.ANSWERED):
        drive_to(county, status)
    client.get(reverse("warning:dashboard") + "?refresh=1")  # warm-up
    # when the dashboard is computed (?refresh=1: not its snapshot, warning/snapshots.py), then again with more cases
    with django_assert_max_num_queries(DASHBOARD_QUERIES) as small:
        first = client.get(reverse("warning:dashboard") + "?refresh=1")
    for status in (Status.CLOSED, Status.REVIEW_REQUESTED):
        drive_to(county, status)
    rollups_fold()  # the minute tick's fold of the new cases' events (xinfang/rollups), not the page's
    with CaptureQueriesContext(connection) as large:
        second = client.get(reverse("warning:dashboard") + "?refresh=1")
    # then the same number of queries, both 200
    assert first.status_code == second.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
