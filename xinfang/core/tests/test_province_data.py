"""The province data set of the benches (bench/province_data.py): a tiny province is consistent."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

BENCH = Path(__file__).resolve().parents[3] / "bench"

TEXTS = [
    ("小区楼道漏水长期无人维修", "请求督促物业尽快维修。", "三号楼楼道自三月起漏水，多次反映无果。"),
    ("学校门口道路拥堵", "希望增设交通信号灯。", "上下学时段车辆拥堵，学生过马路危险。"),
]


@pytest.fixture
def province():
    """Given the org tree of a province and 120 cases written by the bench builder."""
    sys.path.insert(0, str(BENCH))
    try:
        import pages_data
        import province_data
    finally:
        sys.path.remove(str(BENCH))
    areas = province_data.build_province(pages_data.Writer())
    pages_data.build(120, 3, areas=areas, days=province_data.YEARS * 365, texts=TEXTS)
    return areas


@pytest.mark.django_db
def test_tiny_province_is_complete_consistent_and_encrypted(province):
    from xinfang.orgs.models import Unit

    # when the units are counted by level
    governments = Unit.objects.filter(unit_type="party_gov")
    by_level = {lv: governments.filter(level=lv).count() for lv in (1, 2, 3, 4)}
    # then 1 province, 21 cities, 120 counties, 1,700 townships; one bureau per government above them
    assert by_level == {1: 1, 2: 21, 3: 120, 4: 1700}
    assert Unit.objects.filter(unit_type="bureau").count() == 1 + 21 + 120
    assert len(province) == 120
    # and every unit's path is its parent's path and its own id
    bad = [u.pk for u in Unit.objects.select_related("parent")
           if u.path != f"{u.parent.path if u.parent else '/'}{u.pk}/"]
    assert bad == []
    # (one build for every check: the tree alone is 11,000 rows)
    from xinfang.cases.models import Case, Petitioner

    # when the hash chains and the next due dates are checked as in production
    call_command("verify_timeline", verbosity=0)  # exits 1 on a broken chain
    call_command("check_next_due", verbosity=0)  # raises CommandError on a drift
    # then every county's bureau registered cases (dealt round the 120 counties)
    assert Case.objects.values("registered_unit").distinct().count() == 120

    # when the raw ID number column is read
    person = Petitioner.objects.order_by("pk").first()
    with connection.cursor() as cur:
        cur.execute(f"SELECT id_number FROM {Petitioner._meta.db_table} WHERE id = %s", [person.pk])
        raw = cur.fetchone()[0]
    # then it is not the plain number, and the blind index finds the person
    assert person.id_number and len(person.id_number) == 18
    assert person.id_number not in raw
    assert Petitioner.objects.filter(id_number_index=person.blind_index_values()["id_number_index"]
                                     ).filter(pk=person.pk).exists()
