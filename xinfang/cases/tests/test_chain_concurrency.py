"""The timeline's hash chain under concurrent writers (issue 17: the case lock and the chain's tip are
read in one query; a writer that finds the case locked by another waits and reads the tip afresh)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from xinfang.cases.chain import timeline_breaks
from xinfang.cases.events import record_event
from xinfang.cases.models import Case, CaseEvent
from xinfang.cases.scenarios import register


@pytest.mark.django_db
def test_one_query_locks_the_case_and_reads_the_tip(county, django_assert_num_queries):
    case = register(county)
    tip = case.events.order_by("-pk").first()
    # when an event is appended inside the caller's transaction: one read, one insert, no savepoint
    with transaction.atomic(), django_assert_num_queries(2) as captured:
        event = record_event(case=case, type="case.note", note="补充材料已收到")
    assert not any("SAVEPOINT" in q["sql"] for q in captured.captured_queries)
    # then it is chained to the tip
    assert event.prev_hash == tip.hash
    assert list(timeline_breaks(CaseEvent.objects.filter(case=case).order_by("pk"))) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # roles of the data migrations
def test_concurrent_writers_never_fork_the_chain(county):
    # given a registered case and 6 writers appending 4 events each, none locking the case first,
    # each holding its transaction open a moment after writing (so that the others find it locked)
    case = register(county)
    before = case.events.count()
    errors: list[Exception] = []
    start = threading.Barrier(6)

    def work(n: int) -> None:
        try:
            start.wait()
            for i in range(4):
                with transaction.atomic():
                    record_event(case=Case(pk=case.pk), type="case.note", note=f"写入者{n}第{i}条")
                    time.sleep(0.005)
        except Exception as e:  # noqa: BLE001 - any error of a thread, reported below
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # then every event is on the one chain: no two share a predecessor, none breaks it
    assert not errors
    events = list(CaseEvent.objects.filter(case_id=case.pk).order_by("pk"))
    assert len(events) == before + 24
    assert len({e.prev_hash for e in events}) == len(events)
    assert list(timeline_breaks(events)) == []
