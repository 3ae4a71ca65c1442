"""Numbering, the one home: `next_serial` on a locked core.Serial row, and the migration seeding it."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from xinfang.cases.scenarios import register
from xinfang.core import clock, numbering
from xinfang.core.models import Serial
from xinfang.orgs.models import Role


@pytest.mark.django_db
def test_two_calls_give_n_and_n_plus_1():
    # given a scheme never used: when numbers are drawn, then they count from 1
    assert numbering.next_serial("unit:1", "case", 2026) == 1
    assert numbering.next_serial("unit:1", "case", 2026) == 2
    assert Serial.objects.get(scope="unit:1", kind="case", year=2026).last == 2


@pytest.mark.django_db
@pytest.mark.parametrize(("scope", "kind", "year"), [
    ("unit:2", "case", 2026), ("unit:1", "document:acceptance", 2026), ("unit:1", "case", 2027),
])
def test_each_scope_kind_and_year_counts_on_its_own(scope, kind, year):
    # given a scheme that has issued three numbers
    for _ in range(3):
        numbering.next_serial("unit:1", "case", 2026)
    # when another scope, kind or year draws, then it starts at 1 and the first is unchanged
    assert numbering.next_serial(scope, kind, year) == 1
    assert Serial.objects.get(scope="unit:1", kind="case", year=2026).last == 3


@pytest.mark.django_db
def test_inside_the_callers_atomic_block_a_rollback_gives_the_number_back():
    numbering.next_serial("unit:1", "case", 2026)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert numbering.next_serial("unit:1", "case", 2026) == 2
        raise RuntimeError("the step failed after numbering")
    # then the number rolled back with the caller's transaction is issued again
    with transaction.atomic():
        assert numbering.next_serial("unit:1", "case", 2026) == 2


@pytest.mark.django_db
def test_case_numbers_keep_their_format(county):
    # given two cases registered by the bureau this year
    first, second = register(county), register(county)
    year = clock.today().year
    # then the printed numbers are unit code, year and a 5-digit serial, one apart
    assert (first.number, second.number) == (f"{county.bureau.code}-{year}-00001",
                                             f"{county.bureau.code}-{year}-00002")
    assert Serial.objects.get(scope=f"unit:{county.bureau.pk}", kind=numbering.CASE, year=year).last == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # roles of the data migrations
def test_concurrent_calls_never_share_a_number():
    # given 8 threads drawing 5 numbers each, each draw in its own transaction
    drawn: list[int] = []
    errors: list[Exception] = []
    start = threading.Barrier(8)

    def work() -> None:
        try:
            start.wait()
            for _ in range(5):
                with transaction.atomic():
                    drawn.append(numbering.next_serial("unit:9", "case", 2026))
        except Exception as e:  # noqa: BLE001 - any error of a thread, reported below
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # then every number 1..40 was issued exactly once
    assert not errors
    assert sorted(drawn) == list(range(1, 41))


BEFORE = [("core", "0002_serial")]  # unapplies the seed and both apps' drops that depend on it


def _migrate(targets) -> None:  # noqa: ANN001
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _state_models(targets):  # noqa: ANN001, ANN202
    executor = MigrationExecutor(connection)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_seed_migration_continues_every_scheme_where_it_stopped(county):
    """An upgraded database does not reissue numbers: the old counters are copied, counted numbers
    (agreements, 建议, 预警函) are parsed and the highest per scope, kind and year kept."""
    from xinfang.resolution.models import MediationKind, MediationOrganisation, Recommendation
    from xinfang.warning.tests.helpers import make_warning

    bureau, township = county.bureau, county.township
    org = MediationOrganisation.objects.create(unit=county.housing, kind=MediationKind.PEOPLES)
    approver = county.user(bureau, Role.APPROVER)
    today = clock.today()
    # given records numbered by the counted schemes of the previous version
    from xinfang.resolution.models import Mediation

    for n in (3, 7):
        Mediation.objects.create(source="grid", status="agreed", title="纠纷", organisation=org,
                                 referring_unit=bureau, referred_by=approver, referred_on=today,
                                 concluded_on=today, agreement_number=f"住建调字〔2025〕第{n}号")
    Recommendation.objects.create(number="某信建〔2026〕4号", kind="improve", status="issued",
                                  issuing_unit=bureau, issued_by=approver, target_unit=township,
                                  issued_on=today, due_on=today, findings="问题", suggestion="建议")
    make_warning(county, letter_unit=bureau, letter_number="A信预警函〔2026〕9号",
                 letter_issued_on=today)
    try:
        _migrate(BEFORE)
        old = _state_models([*BEFORE, ("cases", "0011_handling_steps"),
                             ("documents", "0007_encrypt_addressee_context_text_receipt")])
        # and the old counter rows
        old.get_model("cases", "CaseNumberSequence").objects.create(unit_id=bureau.pk, year=2026,
                                                                     last=41)
        old.get_model("documents", "DocumentNumberSequence").objects.create(
            unit_id=bureau.pk, kind="acceptance", year=2026, last=12)
        assert not old.get_model("core", "Serial").objects.exists()
        # when the database is upgraded
        _migrate([("cases", "0012_drop_case_number_sequence"),
                  ("documents", "0010_drop_document_number_sequence")])
        # then each scheme continues after its highest number
        seeded = {(s.scope, s.kind, s.year): s.last for s in Serial.objects.all()}
        assert seeded == {
            (f"unit:{bureau.pk}", "case", 2026): 41,
            (f"unit:{bureau.pk}", "document:acceptance", 2026): 12,
            (f"mediation_org:{org.pk}", "mediation_agreement", 2025): 7,
            (f"unit:{bureau.pk}", "recommendation", 2026): 4,
            (f"unit:{bureau.pk}", "warning_letter", 2026): 9,
        }
        assert numbering.next_serial(numbering.unit_scope(bureau), numbering.CASE, 2026) == 42
        assert numbering.next_serial(numbering.organisation_scope(org),
                                     numbering.MEDIATION_AGREEMENT, 2025) == 8
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_seed_parses_both_number_shapes():
    from importlib import import_module

    seed = import_module("xinfang.core.migrations.0003_seed_serials")
    best: dict = {}
    seed._parsed([(1, "住建调字〔2025〕第3号"), (1, "某信建〔2026〕12号"), (2, "YJ2026000001"),
                  (None, "某信建〔2026〕99号")], "unit", "k", best)
    assert best == {("unit:1", "k", 2025): 3, ("unit:1", "k", 2026): 12}

