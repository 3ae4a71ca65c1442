"""The jurisdiction index (cases/reach.py, issue 17): the same cases as the units' paths say, kept in
step by the steps, the clocks, imports and a moved unit, and a drift is found."""

import io

import pytest
from django.core.management import CommandError, call_command

from xinfang.cases import reach
from xinfang.cases.models import Case, CaseAccess, CaseReach
from xinfang.cases.scenarios import act, drive_to
from xinfang.cases.selectors import visible_cases
from xinfang.cases.states import Action, Status
from xinfang.orgs.models import Unit, User
from xinfang.orgs.selectors import jurisdiction_root

pytestmark = pytest.mark.django_db


def _by_paths(user: User) -> set[int]:
    """What the jurisdiction is by definition: a case routed to the user's root or below (Art. 30 apart)."""
    root = jurisdiction_root(user.unit)
    return set(CaseAccess.objects.filter(unit__path__startswith=root.path).values_list("case_id", flat=True))


def _accusations_hidden_from(user: User) -> set[int]:
    return {c.pk for c in Case.objects.filter(purpose="accusation") if c.closed_to(user.unit)}


def _every_staff_sees_what_the_paths_say() -> None:
    for user in User.objects.filter(unit__isnull=False).select_related("unit"):
        want = _by_paths(user) - _accusations_hidden_from(user)
        assert set(visible_cases(user).values_list("pk", flat=True)) == want, user.username
        assert set(visible_cases(user, listed=True).values_list("pk", flat=True)) == want
        assert set(visible_cases(user, reach={}).values_list("pk", flat=True)) == want


def test_the_index_follows_every_step_and_clock_and_equals_the_paths(county, other_county):
    # given cases in every kind of state: new, transferred, assigned to a department, answered,
    # closed, not accepted, shared with the other county, and an accusation against a department
    drive_to(county, Status.REGISTERED)
    act(county, drive_to(county, Status.REGISTERED), Action.TRANSFER)
    drive_to(county, Status.ACCEPTED)
    drive_to(county, Status.ANSWERED)
    drive_to(county, Status.CLOSED)
    act(county, drive_to(county, Status.REGISTERED), Action.NOT_ACCEPT)
    drive_to(other_county, Status.ACCEPTED)
    # then the stored rows are exactly what the access rows and the cases' columns give
    assert reach.drift() == []
    call_command("rebuild_case_reach", check=True, verbosity=0)
    # and every staff member of both counties sees through the index what the paths say
    _every_staff_sees_what_the_paths_say()
    # and the rows' copies are the cases': open = in handling, the nearest deadline, the dates
    for case in Case.objects.all():
        rows = CaseReach.objects.filter(case=case)
        assert rows.exists()
        assert {(r.open, r.next_due, r.registered_at, r.received_on, r.category_id, r.channel)
                for r in rows} == {(case.status not in reach.ENDED, case.next_due, case.registered_at,
                                    case.received_on, case.category_id, case.channel)}


def test_a_new_category_reaches_every_row_of_the_case(county):
    from xinfang.cases.models import Category, LegalRoute, Purpose
    from xinfang.cases.scenarios import actor_for
    from xinfang.cases.workflow import case_transition

    # given a case registered under one category (rows for the bureau and every unit above it)
    first, other = Category.objects.filter(level=2)[:2]
    case = drive_to(county, Status.REGISTERED, category=first.pk)
    assert set(CaseReach.objects.filter(case=case).values_list("category_id", flat=True)) == {first.pk}
    assert CaseReach.objects.filter(case=case).count() > 1
    # when the bureau's 分类 (triage) gives it another category
    case = case_transition(case_id=case.pk, action=Action.TRIAGE, actor=actor_for(county, case, Action.TRIAGE),
                           params={"purpose": Purpose.REQUEST, "legal_route": LegalRoute.PETITION,
                                   "category": other.pk})
    assert case.category_id == other.pk
    # then every row of the case carries the new one, and so do the rows of a later transfer
    assert set(CaseReach.objects.filter(case=case).values_list("category_id", flat=True)) == {other.pk}
    act(county, case, Action.TRANSFER)
    assert CaseReach.objects.filter(case=case, unit=county.housing, category=other).exists()
    assert reach.drift() == []


def test_an_ended_or_closed_case_leaves_the_open_rows_and_a_review_brings_it_back(county):
    case = drive_to(county, Status.ANSWERED)
    assert set(CaseReach.objects.filter(case=case).values_list("open", flat=True)) == {True}
    case = drive_to(county, Status.CLOSED)
    assert set(CaseReach.objects.filter(case=case).values_list("open", flat=True)) == {False}
    # a 复查 asked for after 办结 (Art. 35) takes the case back into handling
    case = act(county, case, Action.REQUEST_REVIEW)
    assert case.status == Status.REVIEW_REQUESTED
    assert set(CaseReach.objects.filter(case=case).values_list("open", flat=True)) == {True}
    case = drive_to(county, Status.NOT_ACCEPTED)
    assert set(CaseReach.objects.filter(case=case).values_list("open", flat=True)) == {False}
    assert reach.drift() == []


def test_a_moved_unit_takes_its_cases_to_its_new_jurisdiction(county, other_county):
    # given a case routed to county A's township
    case = drive_to(county, Status.REGISTERED)
    CaseAccess.objects.create(case=case, unit=county.township, reason="transferred")
    b_registrar = other_county.user(other_county.bureau, "registrar")
    assert not visible_cases(b_registrar).filter(pk=case.pk).exists()
    # when the township is moved under county B (a redrawn boundary)
    township = Unit.objects.get(pk=county.township.pk)
    township.parent = other_county.county
    township.save()
    # then county B sees the case routed there, and the index is exact again
    assert visible_cases(b_registrar).filter(pk=case.pk).exists()
    assert reach.drift() == []
    _every_staff_sees_what_the_paths_say()


def test_a_drift_is_found_and_the_rebuild_mends_it(county):
    # given an index whose row lost a case's jurisdiction and another's open mark
    a, b = drive_to(county, Status.REGISTERED), drive_to(county, Status.ACCEPTED)
    CaseReach.objects.filter(case=a, unit=county.bureau).delete()
    CaseReach.objects.filter(case=b).update(open=False)
    CaseReach.objects.filter(case=b, unit=county.city).update(channel="phone" if b.channel != "phone" else "visit")
    # then the check names both and fails
    found = reach.drift()
    assert any(f"信访件 {a.pk} / 单位 {county.bureau.pk}" in line for line in found)
    assert any(f"信访件 {b.pk}" in line for line in found)
    with pytest.raises(CommandError, match="不一致"):
        call_command("rebuild_case_reach", check=True, verbosity=0)
    # and the rebuild writes them afresh
    call_command("rebuild_case_reach", no_progress=True, verbosity=0)
    assert reach.drift() == []
    _every_staff_sees_what_the_paths_say()


def test_imported_cases_are_indexed_as_they_are_written(county, tmp_path):
    from xinfang.imports.tests.files import HOTLINE_HEADERS, hotline_rows, write_csv

    # given a hotline export imported by the county bureau's registrar (written in bulk, not by steps)
    clerk = county.user(county.bureau, "registrar")
    path = str(write_csv(tmp_path / "工单.csv", HOTLINE_HEADERS, hotline_rows("长" * 20)))
    call_command("import_cases", path, "--preset", "12345", "--user", clerk.username,
                 stdout=io.StringIO(), stderr=io.StringIO())
    assert Case.objects.count() == 5
    # then their rows are there and exact, and the bureau's queue of every case lists them
    assert reach.drift() == []
    _every_staff_sees_what_the_paths_say()
    from xinfang.web.queue import queue_filtered

    assert queue_filtered(clerk, {"scope": "every", "sort": "due"}).count() == 5


def test_postgresql_knows_the_rows_per_unit_and_per_case_for_its_plans() -> None:
    """Migrations cases 0022 and deadlines 0007: the unit columns the queue's plans estimate by keep
    1,000 common values (a county bureau beyond a province's 100 largest units was taken for a tenth
    of its size), and the events and clocks per case are declared (sampled, a case was taken for 612
    events and the timeline hashed every user and unit): docs/benchmarks.md "3,000,000 cases"."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("statistics targets and n_distinct are PostgreSQL's (SQLite plans without them)")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, a.attname, a.attstattarget, a.attoptions FROM pg_attribute a "
            "JOIN pg_class c ON c.oid = a.attrelid "
            "WHERE (c.relname, a.attname) IN (('cases_case', 'holding_unit_id'), "
            "('cases_case', 'sending_unit_id'), ('cases_casereach', 'unit_id'), "
            "('cases_caseevent', 'case_id'), ('deadlines_deadline', 'case_id'))")
        found = {(table, column): (target, [o for o in options or () if o.startswith("n_distinct")])
                 for table, column, target, options in cursor.fetchall()}
    assert found == {("cases_case", "holding_unit_id"): (1000, []),
                     ("cases_case", "sending_unit_id"): (1000, []),
                     ("cases_casereach", "unit_id"): (1000, []),
                     ("cases_caseevent", "case_id"): (-1, ["n_distinct=-0.05"]),
                     ("deadlines_deadline", "case_id"): (-1, ["n_distinct=-0.2"])}
