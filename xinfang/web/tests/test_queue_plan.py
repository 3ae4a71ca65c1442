"""The queue's sort is planned for the size of the reach (issue 17), and sorts the same either way."""

import pytest

from xinfang.cases.scenarios import act, register
from xinfang.cases.states import Action
from xinfang.core import clock
from xinfang.web.queue import ORDERINGS, queue_filtered, queue_ordering

pytestmark = pytest.mark.django_db


def _ids(user, sort, ordering):  # noqa: ANN001, ANN202
    cleaned = {"scope": "every", "sort": sort}
    return list(queue_filtered(user, cleaned).order_by(*ordering).values_list("pk", flat=True))


@pytest.mark.parametrize("sort", sorted(ORDERINGS))
def test_a_county_sorts_from_its_access_rows_a_city_walks_the_index_same_order(county, other_county, sort):
    # given cases with and without deadlines, received on different days, in two counties
    for i in range(4):
        case = register(county, title=f"第{i}件", received_on=clock.today().replace(day=1 + i))
        if i % 2:
            act(county, case, Action.TRANSFER)
    register(other_county)
    county_user = county.user(county.bureau, "registrar")
    city_user = county.user(county.city, "registrar")
    # then a county's page sorts by the wrapped column (no index walk), a city's by the column
    narrow = queue_ordering(county_user, sort)
    wide = queue_ordering(city_user, sort)
    assert wide == ORDERINGS[sort]
    sql = str(queue_filtered(county_user, {"scope": "every", "sort": sort}).order_by(*narrow).query)
    if sort != "number":
        assert "COALESCE" in sql.split("ORDER BY", 1)[1]
    # and both give the same rows in the same order
    for user in (county_user, city_user):
        assert _ids(user, sort, queue_ordering(user, sort)) == _ids(user, sort, ORDERINGS[sort])
    assert len(_ids(county_user, sort, narrow)) == 4


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
