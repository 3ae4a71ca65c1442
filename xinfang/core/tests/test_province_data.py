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
    call_command("rebuild_case_reach", check=True, verbosity=0)  # the jurisdiction index too
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


def _bench_module(name: str):  # noqa: ANN202
    sys.path.insert(0, str(BENCH))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(BENCH))


def test_copy_builder_event_hash_is_the_chain_hash():
    """The COPY builder writes an event's hash from a JSON string of its own: the same bytes
    `cases.chain.event_hash` hashes, for every kind of event data it writes."""
    import datetime as dt
    import hashlib

    from xinfang.cases.chain import CHAIN_VERSION, event_hash
    from xinfang.cases.models import CaseEvent

    fast = _bench_module("province_copy")
    at = dt.datetime(2024, 3, 5, 1, 2, 3, 456789)
    cases = [
        ("case.registered", "", "", "registered", fast.D_REGISTERED % "online",
         {"channel": "online", "new": "registered"}, (7, 3)),
        ("deadlines.started", "", "", "2024-03-20",
         fast.D_STARTED % ("第22条第（三）项", 15, 41, "intake"),
         {"kind": "intake", "deadline": 41, "days": 15, "unit": "calendar",
          "article": "第22条第（三）项", "provisional": False}, (7, 3)),
        ("case.routed", "assign", "第1市第1县信访局", "第1市第1县住房和城乡建设局",
         fast.D_ROUTED % (3, 9), {"from": 3, "to": 9}, (7, 3)),
        ("deadlines.overdue", "", "2024-03-20", "overdue",
         fast.D_OVERDUE % ("第34条", 12, 41, "2024-03-20", "handling"),
         {"kind": "handling", "deadline": 41, "days": 12, "due_on": "2024-03-20",
          "article": "第34条"}, None),
    ]
    for type_, action, old, new, text, data, who in cases:
        kind = fast_kind(type_)
        prev = "ab" * 32
        payload = fast.PAYLOAD % (action, who[0] if who else "null",
                                  at.isoformat(timespec="microseconds"), 5, text, kind, new, old,
                                  type_, who[1] if who else "null", prev)
        event = CaseEvent(case_id=5, kind=kind, type=type_, action=action,
                          actor_id=who[0] if who else None, unit_id=who[1] if who else None,
                          at=at.replace(tzinfo=dt.UTC), old_value=old, new_value=new, data=data,
                          chain_version=CHAIN_VERSION)
        assert hashlib.sha256(payload.encode()).hexdigest() == event_hash(event, prev), type_


def fast_kind(type_: str) -> str:
    from xinfang.core.events import event_type

    return event_type(type_).kind


def test_copy_builder_fernet_tokens_decrypt_and_differ():
    """The builder's Fernet tokens are read by the platform's own decryption, each with its IV."""
    from django.conf import settings

    from xinfang.core.crypto import decrypt

    fast = _bench_module("province_copy")
    fernet = fast.FastFernet(settings.FIELD_ENCRYPTION_KEYS[0])
    values = ["王伟", "11010519491231002X", "13900000001", "第1市第1县第2镇第12345号" * 3, ""]
    tokens = [fernet.encrypt(v) for v in values]
    assert [decrypt(t) for t in tokens] == values
    assert fernet.encrypt("王伟") != tokens[0]


def test_copy_builder_table_refuses_columns_out_of_order():
    from xinfang.cases.models import CaseAccess

    fast = _bench_module("province_copy")
    with pytest.raises(ValueError, match="order"):
        fast.Table(CaseAccess, ["id", "unit_id", "case_id", "reason"])
    with pytest.raises(ValueError, match="order"):
        fast.Table(CaseAccess, ["id", "case_id", "unit_id", "nonsense"])


@pytest.mark.django_db
def test_copy_builder_province_is_consistent_with_its_constraints_back():
    """The COPY builder's province on PostgreSQL, loaded without indexes and constraints, passes
    them when they are created again, and the checks of the production commands."""
    if connection.vendor != "postgresql":
        pytest.skip("the COPY builder writes PostgreSQL COPY text")
    from xinfang.cases.models import Case, CaseEvent, Petitioner
    from xinfang.deadlines.models import Deadline

    pages_data = _bench_module("pages_data")
    province_data = _bench_module("province_data")
    fast = _bench_module("province_copy")
    # given the org tree, the indexes and constraints of the bulk tables dropped
    areas = province_data.build_province(pages_data.Writer())
    with connection.cursor() as cur:
        # (the test's transaction: the deferred checks of the rows so far run now, as a commit would)
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        create = fast.drop_indexes(cur)
        cur.execute("SELECT count(*) FROM pg_indexes WHERE tablename = 'cases_caseevent'")
        assert cur.fetchone()[0] == 1  # the primary key only
    # when 600 cases are written as COPY text and the indexes and constraints are created again
    pool = fast.TextPool(TEXTS, cache=False)
    fast.build(600, 5, areas=areas, days=province_data.YEARS * 365, pool=pool, chunk=250)
    with connection.cursor() as cur:
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _name, sql in create:
            cur.execute(sql)  # a unique or foreign key violation raises here
    # then every case is there with its events and clocks, the chains and next due dates hold
    assert Case.objects.count() == 600
    assert CaseEvent.objects.values("case").distinct().count() == 600
    assert Deadline.objects.values("case").distinct().count() == 600
    call_command("verify_timeline", verbosity=0, no_progress=True)
    call_command("check_next_due", verbosity=0)
    # and the jurisdiction index written in one statement is what the cases' access rows give
    from xinfang.cases import reach
    from xinfang.cases.models import CaseReach

    assert reach.rebuild() == CaseReach.objects.count() > 600
    call_command("rebuild_case_reach", check=True, verbosity=0)
    assert Case.objects.values("registered_unit").distinct().count() == 120
    assert Case.objects.values("status").distinct().count() > 10
    # and the search words are what saving the case would have stored
    from xinfang.cases.search import case_text, search_words, tsvector_text

    with connection.cursor() as cur:
        for text in TEXTS:
            cur.execute("SELECT count(*), count(*) FILTER (WHERE search_tokens = %s::tsvector) "
                        "FROM cases_case WHERE title = %s",
                        [tsvector_text(search_words(case_text(*text))), text[0]])
            found, same = cur.fetchone()
            assert found > 0 and same == found
    # and the petitioners' fields are encrypted, found by their blind indexes
    people = list(Petitioner.objects.order_by("pk")[:20])
    assert len(people) == 20
    with connection.cursor() as cur:
        cur.execute(f"SELECT id_number, name, phone FROM {Petitioner._meta.db_table} "
                    "WHERE id = %s", [people[0].pk])
        raw = cur.fetchone()
    assert people[0].id_number not in raw[0] and people[0].name not in raw[1]
    for person in people:
        assert len(person.id_number) == 18 and person.phone.startswith("139")
        indexes = person.blind_index_values()
        assert Petitioner.objects.filter(pk=person.pk, **indexes).exists()
    # and the duplicate index's postings and records are what dupindex writes for the same cases
    from xinfang.triage import dupindex
    from xinfang.triage.models import DupIndexed, DupPosting

    def written() -> tuple[set, set]:
        return (set(DupPosting.objects.values_list("key", "scope", "received_on", "case_id")),
                {(r[0], r[1], bytes(r[2]), tuple(r[3]), r[4]) for r in DupIndexed.objects.values_list(
                    "case_id", "digest", "keys", "scopes", "received_on")})

    generated = written()
    assert len(generated[1]) == 600
    assert len(generated[0]) == 600 * dupindex.STORE_KEYS  # one county scope each here
    done = dupindex.build(rebuild=True)
    assert done["written"] == 600
    assert written() == generated
    with connection.cursor() as cur:
        assert dupindex._primary_key(cur) is not None  # built again after the rebuild's walk
