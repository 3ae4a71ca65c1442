"""Votes racing each other and the close (PostgreSQL): one vote per person however many clicks land
at once, and no vote counted after the close took its count."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from xinfang.deliberation.models import Topic, Vote
from xinfang.deliberation.services import AlreadyVoted, NotTakingPart, cast_vote

from .helpers import A, open_topic, staff, step

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _race(n: int, fn) -> list:  # noqa: ANN001
    results: list = []
    start = threading.Barrier(n)

    def work(i: int) -> None:
        try:
            start.wait()
            results.append(fn(i))
        except Exception as e:  # noqa: BLE001 - every outcome of a thread, checked below
            results.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_eight_simultaneous_votes_of_one_person_make_one(county):
    t, people = open_topic(county, 1)
    results = _race(8, lambda i: cast_vote(topic_id=t.pk, resident_id=people[0].pk, option=i % 2))
    assert sum(isinstance(r, Vote) for r in results) == 1
    assert sum(isinstance(r, AlreadyVoted) for r in results) == 7
    assert Vote.objects.filter(topic=t).count() == 1


def test_votes_racing_the_close_are_counted_or_refused_never_lost(county):
    t, people = open_topic(county, 6)

    def act(i: int):  # noqa: ANN202
        if i == 0:  # the close, forced past the period guard by moving the closing time
            Topic.objects.filter(pk=t.pk).update(closes_at=t.opens_at)
            return step(Topic.objects.get(pk=t.pk), A.CLOSE, staff(county))
        return cast_vote(topic_id=t.pk, resident_id=people[i - 1].pk, option=0)

    results = _race(7, act)
    closed = Topic.objects.get(pk=t.pk)
    assert closed.status == "closed"
    cast = sum(isinstance(r, Vote) for r in results)
    refused = sum(isinstance(r, NotTakingPart) for r in results)
    assert cast + refused == 6
    # the stored count is exactly the votes in the table: none slipped in after it was taken
    assert closed.result["votes"] == Vote.objects.filter(topic=t).count() == cast
