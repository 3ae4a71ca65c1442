"""The queue walks the jurisdiction index in its own order (issue 17), and sorts as the cases do."""

import pytest

from xinfang.cases.models import Case
from xinfang.cases.scenarios import act, register
from xinfang.cases.selectors import reach_joined, visible_cases
from xinfang.cases.states import TERMINAL, Action, Status
from xinfang.core import clock
from xinfang.web.queue import (
    ORDERINGS,
    fast_track_mark,
    queue_count,
    queue_filtered,
    queue_ordering,
)

pytestmark = pytest.mark.django_db


def _plain(user, scope, sort):  # noqa: ANN001, ANN202
    """The same cases read without the index (the access check case by case), sorted by their own columns."""
    qs = visible_cases(user)
    if scope == "all":
        qs = qs.exclude(status__in=TERMINAL).exclude(status=Status.CLOSED)
    if sort == "fast":
        qs = qs.annotate(fast_track_on=fast_track_mark())
    return list(qs.order_by(*ORDERINGS[sort]).values_list("pk", flat=True))


@pytest.mark.parametrize("sort", sorted(ORDERINGS))
@pytest.mark.parametrize("scope", ["all", "every"])
def test_a_jurisdiction_walks_its_index_rows_in_the_cases_order(county, other_county, scope, sort):
    # given cases with and without deadlines, received on different days, some ended, in two counties
    for i in range(5):
        case = register(county, title=f"第{i}件", received_on=clock.today().replace(day=1 + i))
        if i % 2:
            act(county, case, Action.TRANSFER)
        if i == 4:
            act(county, case, Action.NOT_ACCEPT)
    register(other_county)
    for user, theirs in ((county.user(county.bureau, "registrar"), 0),
                         (county.user(county.city, "registrar"), 1)):  # the city sees county B's too
        qs = queue_filtered(user, {"scope": scope, "sort": sort})
        ordering = queue_ordering(qs, sort)
        # then the queue joins the root's index row and sorts by its copies of the columns
        assert reach_joined(qs)
        if sort != "number" and sort != "status":
            assert "casereach" in str(qs.order_by(*ordering).query).split("ORDER BY", 1)[1]
        # and gives the same cases in the same order as the cases' own columns
        ids = list(qs.order_by(*ordering).values_list("pk", flat=True))
        assert ids == _plain(user, scope, sort)
        assert len(ids) == (4 if scope == "all" else 5) + theirs


def test_the_mine_scope_reads_no_index_rows(county):
    register(county)
    user = county.user(county.bureau, "registrar")
    assert not reach_joined(queue_filtered(user, {"scope": "mine", "sort": "due"}))
    assert queue_ordering(queue_filtered(user, {"scope": "mine", "sort": "due"}), "due") == ORDERINGS["due"]


def test_the_count_from_the_index_rows_is_the_cases_count_less_hidden_accusations(county, other_county):
    from xinfang.cases.models import Category, Purpose
    from xinfang.web.queue import category_tree, queue_count

    # given open and ended cases on several days, of two categories under one heading and of none,
    # and an accusation against the county's petition bureau
    leaf = Category.objects.filter(level=2).select_related("parent").first()
    level1 = leaf.parent
    sibling = Category.objects.filter(parent=level1).exclude(pk=leaf.pk).first() or level1
    for i in range(4):
        case = register(county, received_on=clock.today().replace(day=1 + i),
                        category=[leaf.pk, sibling.pk, None, leaf.pk][i], channel=["letter", "visit"][i % 2])
        if i == 3:
            act(county, case, Action.NOT_ACCEPT)
    register(other_county)
    # (registered by the housing bureau against the county's petition bureau: in the bureau's
    # jurisdiction, which is the county's, yet never shown to it, Art. 30)
    accusation = register(county, registrar=county.user(county.housing, "registrar"),
                          purpose=Purpose.ACCUSATION, accused_unit=county.bureau.pk, accused_person="王某")
    from xinfang.orgs.services import staff_create

    users = [county.user(county.bureau, "registrar"), county.user(county.city, "registrar"),
             county.user(county.housing, "handler"),  # the top of the only tree: no access check
             staff_create(username="p_registrar", unit=county.province, roles=["registrar"])]
    for user in users:
        hidden = accusation.closed_to(user.unit)
        for cleaned in ({"scope": "all"}, {"scope": "every"},
                        {"scope": "every", "received_from": clock.today().replace(day=2),
                         "received_to": clock.today().replace(day=3)},
                        {"scope": "all", "channel": "visit"},
                        {"scope": "all", "channel": "visit", "category": level1.pk},
                        {"scope": "every", "category": leaf.pk}):
            cleaned = {"sort": "due", **cleaned}
            if "category" in cleaned:
                cleaned["category_tree"] = category_tree(cleaned["category"])
            exact = queue_filtered(user, cleaned).count()
            # then the count is the cases' count, the accusation left out where it is hidden
            assert queue_count(user, cleaned, 100) == exact, (user.username, cleaned)
            # and a count past the cap stops just past it
            if exact > 1:
                assert queue_count(user, cleaned, 1) == 2
            # (the filters found something where there is something to find: a count of nothing
            # would prove nothing; the housing bureau sees only the accusation it registered)
            assert exact > 0 or user.unit == county.housing, (user.username, cleaned)
        assert hidden == (user.unit == county.bureau)
        if hidden:
            assert not queue_filtered(user, {"scope": "every", "sort": "due"}).filter(pk=accusation.pk).exists()


def test_a_queue_past_the_count_cap_says_so_and_pages_within_it(county, client, monkeypatch):  # noqa: ANN001
    from xinfang.web import workbench

    for i in range(4):
        register(county, title=f"第{i}件")
    client.force_login(county.user(county.bureau, "registrar"))
    # under the cap: the exact count
    page = client.get("/queue/", {"scope": "every"}).content.decode()
    assert "共 4 件" in page and "以上" not in page
    # over it: the cap, said to be a floor, and no more rows than it
    monkeypatch.setattr(workbench, "QUEUE_COUNT_MAX", 2)
    response = client.get("/queue/", {"scope": "every"})
    page = response.content.decode()
    assert response.status_code == 200 and "共 2 件以上" in page and "请加筛选条件缩小范围" in page
    assert len(response.context["rows"]) == 2


@pytest.mark.parametrize("scope", ["all", "every"])
def test_a_date_range_is_read_from_the_index_rows_and_gives_the_cases_of_those_dates(county, scope):
    days = [clock.today().replace(day=d) for d in (1, 2, 3, 4)]
    for day in days:
        register(county, received_on=day)
    user = county.user(county.city, "registrar")
    cleaned = {"scope": scope, "sort": "received", "received_from": days[1], "received_to": days[2]}
    qs = queue_filtered(user, cleaned)
    sql = str(qs.query)
    # then the dates are conditions on the index row, not on the case
    assert '"cases_casereach"."received_on" >=' in sql and '"cases_case"."received_on" >=' not in sql
    # and the rows are the cases received on those dates
    got = list(qs.order_by(*queue_ordering(qs, "received")).values_list("received_on", flat=True))
    assert got == days[1:3]


@pytest.mark.parametrize("scope", ["all", "every"])
def test_channel_and_category_are_read_from_the_index_rows(county, scope):
    from xinfang.cases.models import Case, Category
    from xinfang.web.queue import category_tree

    # given cases of two channels and two top-level categories
    one, two = Category.objects.filter(level=1)[:2]
    for channel in ("visit", "letter"):
        for category in (one, two):
            register(county, channel=channel, category=category.pk)
    user = county.user(county.city, "registrar")
    cleaned = {"scope": scope, "sort": "due", "channel": "visit", "category": one.pk,
               "category_tree": category_tree(one.pk)}
    qs = queue_filtered(user, cleaned)
    sql = str(qs.query)
    # then both are conditions on the index row, not on the case
    assert '"cases_casereach"."channel" =' in sql and '"cases_case"."channel" =' not in sql
    assert '"cases_casereach"."category_id" IN' in sql and '"cases_case"."category_id" IN' not in sql
    # and the rows are the cases of that channel and category
    assert list(qs.values_list("pk", flat=True)) == list(
        Case.objects.filter(channel="visit", category=one).values_list("pk", flat=True))


def test_the_overdue_filter_read_from_the_nearest_deadline_is_the_overdue_mark(county, other_county):
    import datetime as dt

    from xinfang.deadlines.services import deadline_scan
    from xinfang.web.queue import _deadline_marks

    # given cases registered two months ago (their intake clocks marked overdue) and today's
    with clock.frozen(dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)):
        old = [register(county, received_on="2026-01-05"), register(other_county, received_on="2026-01-05")]
        act(county, old[0], Action.TRANSFER)
    with clock.frozen(dt.datetime(2026, 3, 5, 9, tzinfo=dt.UTC)):
        deadline_scan()
        register(county)
        marked = set(Case.objects.annotate(**_deadline_marks(clock.today())).filter(any_overdue=True)
                     .values_list("pk", flat=True))
        assert marked and marked <= {c.pk for c in old}
        for user in (county.user(county.bureau, "registrar"), county.user(county.city, "registrar")):
            for scope in ("all", "every"):
                got = set(queue_filtered(user, {"scope": scope, "sort": "due", "deadline": "overdue"})
                          .values_list("pk", flat=True))
                # then the filter keeps exactly the marked cases the user may see
                assert got == marked & set(visible_cases(user).values_list("pk", flat=True))
                assert got
                # and its count, read from the jurisdiction index's entries alone, is theirs
                cleaned = {"scope": scope, "sort": "due", "deadline": "overdue"}
                assert queue_count(user, cleaned, 100) == len(got)


def test_an_overdue_clock_extended_or_paused_is_overdue_exactly_while_its_due_date_has_passed(county):
    """The overdue filter and count read the nearest deadline, not the clocks: from the petitioner's
    side, the orders that move a clock must not hide a late case or keep a case on time listed as
    late. A clock overdue and then extended runs again (Art. 34: the breach stays, the overdue mark
    goes); one paused past its due date (Art. 36's hearing time) is still late; resumed, the days
    paused are added and it runs again."""
    import datetime as dt

    from xinfang.deadlines.rules import DeadlineKind
    from xinfang.deadlines.services import (
        deadline_extend,
        deadline_pause,
        deadline_resume,
        deadline_scan,
    )
    from xinfang.web.queue import _deadline_marks

    user = county.user(county.city, "registrar")
    with clock.frozen(dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)):
        extended, paused, on_time = (act(county, register(county), Action.ACCEPT) for _ in range(3))
    with clock.frozen(dt.datetime(2026, 2, 16, 9, tzinfo=dt.UTC)):
        deadline_pause(case=paused, kind=DeadlineKind.HANDLING, reason="听证")
    with clock.frozen(dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC)):
        deadline_scan()
        deadline_extend(case=extended, kind=DeadlineKind.HANDLING, days=30, reason="情况复杂")
        deadline_extend(case=on_time, kind=DeadlineKind.HANDLING, days=30, reason="情况复杂")

        def overdue() -> tuple[set, set, int]:
            today = clock.today()
            marked = set(Case.objects.annotate(**_deadline_marks(today)).filter(any_overdue=True)
                         .values_list("pk", flat=True))
            cleaned = {"scope": "all", "sort": "due", "deadline": "overdue"}
            listed = set(queue_filtered(user, cleaned).values_list("pk", flat=True))
            return marked, listed, queue_count(user, cleaned, 100)

        # then the extended clocks run again, the paused one past its date is late
        extended.refresh_from_db()
        assert extended.next_due > clock.today()
        assert overdue() == ({paused.pk}, {paused.pk}, 1)
    with clock.frozen(dt.datetime(2026, 3, 23, 9, tzinfo=dt.UTC)):
        deadline_resume(case=paused, kind=DeadlineKind.HANDLING)
        paused.refresh_from_db()
        # resumed with the paused days added, it runs again too: nothing is late
        assert paused.next_due >= clock.today()
        assert overdue() == (set(), set(), 0)
    with clock.frozen(dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)):
        # and months later, before any scan marks them, all three are late by their dates
        assert overdue() == ({extended.pk, paused.pk, on_time.pk},) * 2 + (3,)
