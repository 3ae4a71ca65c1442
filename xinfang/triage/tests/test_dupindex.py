"""The shared duplicate/repeat index in the database (dupindex.py): written, found, scoped, rebuilt."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from django.core.management import call_command

from xinfang.cases.models import CaseAccess
from xinfang.core import clock
from xinfang.triage import dupindex
from xinfang.triage.models import DupIndexed, DupPosting, DupState, RepeatKind, TriageProposal
from xinfang.triage.services import triage_propose

from .helpers import petition

pytestmark = pytest.mark.django_db

LEAK = ("小区楼道漏水长期无人维修", "请求督促物业尽快维修楼道漏水。",
        "本人居住的城关镇幸福家园小区三号楼楼道自今年三月起漏水，多次向物业反映无果。")
SCHOOL = ("孩子入学划片不合理", "请求调整小学招生划片。",
          "我家离城关一小只有五百米，却被划到三公里外的学校，孩子上学很不方便。")
GYM = ("阳光健身俱乐部老板跑路", "请求退还会员卡预付费用。",
       "我在阳光健身俱乐部办了会员卡，现在俱乐部突然关门，老板失联，卡里还有余额无法退费。")


def found(county, case) -> list[int]:  # noqa: ANN001
    """Case ids the index offers for `case`'s text in its jurisdiction and window."""
    today = case.received_on
    return [pk for pk, _ in dupindex.candidates(
        county.county, dupindex.case_text(case), since=today - dt.timedelta(days=730), until=today,
        exclude=case.pk)]


def postings() -> set[tuple]:
    return set(DupPosting.objects.values_list("key", "scope", "received_on", "case_id"))


def test_registration_writes_the_index_after_commit(county, jobs_at_once, triage_job_only) -> None:
    case = petition(county, *LEAK, who=1)
    assert TriageProposal.objects.filter(case=case).exists()  # the after-commit triage job ran
    row = DupIndexed.objects.get(case=case)
    assert row.scopes == [county.county.pk]
    keys = set(np.frombuffer(bytes(row.keys), dtype="<i8").tolist())
    assert len(keys) == dupindex.STORE_KEYS
    assert set(DupPosting.objects.filter(case=case).values_list("key", flat=True)) == keys
    assert set(DupPosting.objects.filter(case=case).values_list("scope", flat=True)) == {
        county.county.pk}


def test_check_finds_the_same_matter_and_not_other_matters(county) -> None:
    first = petition(county, *LEAK, who=1)
    school = petition(county, *SCHOOL, who=2)
    gym = petition(county, *GYM, who=3)
    dupindex.catch_up()
    again = petition(county, "幸福家园楼道漏水还是没人修", "再次请求督促物业维修楼道漏水。",
                     "幸福家园小区三号楼楼道从三月起漏水，之前反映过，物业一直没有维修。", who=4)
    dupindex.catch_up()
    ids = found(county, again)
    assert ids and ids[0] == first.pk
    assert school.pk not in ids and gym.pk not in ids
    top = dupindex.similar_cases(county.county, dupindex.case_text(again),
                                 since=again.received_on - dt.timedelta(days=730),
                                 until=again.received_on, exclude=again.pk)
    assert top[0].doc_id == first.pk and top[0].kind in ("near_duplicate", "same_topic")


def test_scores_are_the_dedup_scores(county) -> None:
    """The exact re-scoring of candidates gives what DuplicateIndex.compare gives."""
    texts = {1: " ".join(LEAK), 2: " ".join(SCHOOL), 3: "幸福家园小区三号楼楼道漏水，物业不修。"}
    query = "小区楼道漏水，请求物业维修。幸福家园三号楼。"
    got = dupindex.score(query, texts)
    for pk, text in texts.items():
        assert got[pk] == pytest.approx(dupindex.weights().compare(query, text).score, abs=1e-6)


def test_another_countys_case_is_not_a_candidate(county, other_county) -> None:
    theirs = petition(other_county, *LEAK, who=1)
    mine = petition(county, *LEAK, who=2)
    dupindex.catch_up()
    assert DupIndexed.objects.get(case=theirs).scopes == [other_county.county.pk]
    assert theirs.pk not in found(county, mine)
    assert theirs.pk in found(other_county, petition(other_county, *LEAK, who=3))
    assert mine.pk not in found(other_county, petition(other_county, *LEAK, who=4))
    # the city's jurisdiction covers both counties
    city_ids = [pk for pk, _ in dupindex.candidates(
        county.city, " ".join(LEAK), since=mine.received_on - dt.timedelta(days=1),
        until=mine.received_on)]
    assert {theirs.pk, mine.pk} <= set(city_ids)


def test_a_case_transferred_in_becomes_a_candidate(county, other_county) -> None:
    elsewhere = petition(other_county, *LEAK, who=1)
    here = petition(county, *LEAK, who=2)
    dupindex.catch_up()
    assert elsewhere.pk not in found(county, here)
    CaseAccess.objects.create(case=elsewhere, unit=county.bureau, reason="transferred")
    p = triage_propose(case=petition(county, *LEAK, who=3))  # the check catches up by itself
    assert sorted(DupIndexed.objects.get(case=elsewhere).scopes) == sorted(
        [county.county.pk, other_county.county.pk])
    assert p.earlier_case in (elsewhere, here)
    assert elsewhere.pk in found(county, here)


def test_window_is_on_the_cases_own_received_on(county) -> None:
    today = clock.today()
    old = petition(county, *LEAK, who=1, received_on=today - dt.timedelta(days=800))
    recent = petition(county, *LEAK, who=2, received_on=today - dt.timedelta(days=30))
    new = petition(county, *LEAK, who=3)
    dupindex.catch_up()
    ids = found(county, new)
    assert recent.pk in ids and old.pk not in ids
    # the window ends on the new case's own date: a case made later is never offered
    assert new.pk not in found(county, recent)
    p = triage_propose(case=new)
    assert p.earlier_case == recent and p.repeat_kind == RepeatKind.SAME_MATTER


def test_rebuild_is_idempotent_and_incremental_writes_nothing_new(county, other_county) -> None:
    for n, text in enumerate((LEAK, SCHOOL, GYM)):
        petition(county, *text, who=n)
        petition(other_county, *text, who=10 + n)
    first = dupindex.build(rebuild=True)
    assert first["written"] == 6
    before = postings()
    assert len(before) == 6 * dupindex.STORE_KEYS
    again = dupindex.build(rebuild=True)
    assert again["written"] == 6 and postings() == before
    later = dupindex.build()
    assert (later["written"], later["rewritten"]) == (0, 0) and postings() == before
    call_command("build_dup_index", "--rebuild", "--no-progress")
    assert postings() == before
    assert DupState.objects.get(pk=1).version == dupindex.version()


def test_an_interrupted_build_goes_on_where_it_stopped(county) -> None:
    cases = [petition(county, *text, who=n) for n, text in enumerate((LEAK, SCHOOL, GYM))]
    DupState.objects.update_or_create(pk=1, defaults={"version": dupindex.version()})
    dupindex.index_cases(case_ids=[cases[0].pk])  # as if a walk stopped after its first chunk
    done = dupindex.build()
    assert done["written"] == 2
    assert set(DupIndexed.objects.values_list("case_id", flat=True)) == {c.pk for c in cases}


def test_a_corrected_text_is_reindexed(county) -> None:
    case = petition(county, *SCHOOL, who=1)
    dupindex.build()
    old_keys = set(DupPosting.objects.filter(case=case).values_list("key", flat=True))
    probe = petition(county, *LEAK, who=2)

    def same_matter() -> list[int]:
        return [m.doc_id for m in dupindex.similar_cases(
            county.county, dupindex.case_text(probe), since=probe.received_on - dt.timedelta(days=1),
            until=probe.received_on, exclude=probe.pk, min_score=dupindex.dedup.SAME_TOPIC_WITHOUT_ENTITY)]

    assert case.pk not in same_matter()
    case.title, case.request, case.facts_reasons = LEAK  # corrected in the admin (a save)
    case.save()
    done = dupindex.build()
    assert done["rewritten"] >= 1
    new_keys = set(DupPosting.objects.filter(case=case).values_list("key", flat=True))
    assert new_keys and new_keys != old_keys
    assert DupPosting.objects.filter(case=case).count() == dupindex.STORE_KEYS  # old ones gone
    assert case.pk in same_matter()


def test_a_changed_model_asks_for_a_rebuild(county) -> None:
    from django.core.management.base import CommandError

    petition(county, *LEAK, who=1)
    dupindex.build()
    DupState.objects.filter(pk=1).update(version="a0-old")
    with pytest.raises(CommandError, match="--rebuild"):
        call_command("build_dup_index", "--no-progress")
    call_command("build_dup_index", "--rebuild", "--no-progress")
    assert DupState.objects.get(pk=1).version == dupindex.version()


def test_a_long_backlog_is_left_to_the_command(county, monkeypatch) -> None:
    monkeypatch.setattr(dupindex, "CATCH_UP_LIMIT", 2)
    for n, text in enumerate((LEAK, SCHOOL, GYM)):
        petition(county, *text, who=n)
    assert dupindex.catch_up(limit=dupindex.CATCH_UP_LIMIT) == 0
    assert not DupIndexed.objects.exists()
    assert dupindex.catch_up(limit=None) == 3


def test_a_check_is_one_statement_at_every_level(county, django_assert_num_queries) -> None:
    """The candidates query evaluates the jurisdiction's scopes itself: one statement for a county,
    a city and the province; with the candidates' texts, two."""
    case = petition(county, *LEAK, who=1)
    dupindex.catch_up()
    text = dupindex.case_text(case)
    dupindex.weights()  # loaded once per process, outside the count
    since, until = case.received_on - dt.timedelta(days=730), case.received_on
    province = county.province
    assert province.parent_id is None and county.city.parent_id == province.pk
    for root in (county.county, county.bureau, county.city, province):
        with django_assert_num_queries(1):
            assert dupindex.candidates(root, text, since=since, until=until) == [
                (case.pk, min(dupindex.QUERY_KEYS, dupindex.STORE_KEYS))]
    again = petition(county, *LEAK, who=2)
    dupindex.catch_up()
    with django_assert_num_queries(2):
        top = dupindex.similar_cases(county.county, text, since=since, until=again.received_on,
                                     exclude=again.pk)
    assert [m.doc_id for m in top] == [case.pk]


def test_a_check_reads_only_the_newest_postings_of_each_key(county, other_county,
                                                            monkeypatch) -> None:
    today = clock.today()
    mine = [petition(county, *LEAK, who=n, received_on=today - dt.timedelta(days=10 * (5 - n)))
            for n in range(5)]  # oldest first
    dupindex.catch_up()
    probe = petition(county, *LEAK, who=9)
    dupindex.catch_up()
    assert set(found(county, probe)) == {c.pk for c in mine}
    monkeypatch.setattr(dupindex, "KEY_POSTINGS", 3)
    # of each key only the 3 newest postings are read: the checked case itself takes no place
    assert set(found(county, probe)) == {c.pk for c in mine[-3:]}
    # the cap is over the whole province, before the jurisdiction: newer cases elsewhere fill it
    for n in range(3):
        petition(other_county, *LEAK, who=20 + n, received_on=today - dt.timedelta(days=1))
    dupindex.catch_up()
    assert found(county, probe) == []
    monkeypatch.setattr(dupindex, "KEY_POSTINGS", 4)
    assert found(county, probe) == [mine[-1].pk]


def test_no_catch_up_writes_while_a_rebuild_holds_the_lock(county) -> None:
    from django.db import DEFAULT_DB_ALIAS, connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("the rebuild's lock is a PostgreSQL advisory lock")
    petition(county, *LEAK, who=1)
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [dupindex.REBUILD_LOCK])
        assert dupindex.catch_up() == 0 and not DupIndexed.objects.exists()
    finally:
        other.close()
    assert dupindex.catch_up() == 1


def test_a_rebuild_builds_the_primary_key_after_its_walk(county) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the primary key is dropped during a rebuild on PostgreSQL only")
    for n, text in enumerate((LEAK, SCHOOL, GYM)):
        petition(county, *text, who=n)
    done = dupindex.build(rebuild=True)
    assert done["written"] == 3
    with connection.cursor() as cursor:
        name = dupindex._primary_key(cursor)
        assert name is not None
        # a rebuild interrupted before its key: the next run builds it
        cursor.execute(f"ALTER TABLE triage_dupposting DROP CONSTRAINT {name}")
        assert dupindex._primary_key(cursor) is None
    dupindex.build()
    with connection.cursor() as cursor:
        assert dupindex._primary_key(cursor) is not None
    assert len(postings()) == 3 * dupindex.STORE_KEYS
