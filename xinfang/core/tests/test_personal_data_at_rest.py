"""Art. 46: names, addresses, ID and phone numbers are never in the database in clear (issue 13 item 9).

A dump of the database shows Fernet tokens for every personal field; the clear text is only ever in
memory, decrypted with the field keys from the environment (docs/security.md)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from rest_framework.test import APIClient

from xinfang.cases.models import Case, Petitioner
from xinfang.cases.scenarios import petition_data, petitioner_data, register
from xinfang.core import crypto
from xinfang.core.management.commands.rotate_keys import encrypted_fields
from xinfang.orgs.models import Role

NAME, ADDRESS, ACCUSED = "王小明", "城关镇东街88号3单元", "城关镇干部赵某"

#: every column that holds a person's name, address, ID or phone number (or a copy of them)
PERSONAL = [
    ("cases.Petitioner", "name"), ("cases.Petitioner", "address"),
    ("cases.Petitioner", "id_number"), ("cases.Petitioner", "phone"),
    ("cases.Case", "accused_person"),
    ("resolution.Mediation", "parties"),
    ("documents.Document", "addressee"), ("documents.Document", "context"),
    ("documents.Document", "text"), ("documents.Delivery", "receipt"),
    ("api.IdempotencyRecord", "response"),
    ("notifications.Notification", "address"),
    ("suggestions.Suggestion", "proposer_name"), ("suggestions.Suggestion", "proposer_phone"),
    ("servicepoints.Need", "visitor_name"), ("servicepoints.Need", "visitor_phone"),
]


def _raw(table: str, *columns: str) -> list[tuple]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(table)}")  # noqa: S608
        return cursor.fetchall()


@pytest.mark.parametrize(("model", "field"), PERSONAL)
def test_art46_every_personal_field_is_declared_encrypted(model, field):  # noqa: ANN001
    assert isinstance(apps.get_model(model)._meta.get_field(field), crypto.EncryptedTextField)


@pytest.mark.django_db
def test_art46_a_raw_read_of_the_petitioner_table_shows_no_name_or_address(county):  # noqa: ANN001
    # given an accusation registered with a named petitioner and a named accused person
    case = register(county, petitioners=[petitioner_data(name=NAME, address=ADDRESS)],
                    purpose="accusation", accused_unit=county.township.pk, accused_person=ACCUSED)
    # when the tables are read as a database dump would
    rows = _raw("cases_petitioner", "name", "address", "id_number", "phone", "name_index")
    (accused,), = _raw("cases_case", "accused_person")
    # then nothing is in clear, every value is a token of the field key, and the name has its index
    (name, address, id_number, phone, name_index), = rows
    dump = " ".join(str(v) for v in (*rows[0], accused))
    for clear in (NAME, ADDRESS, ACCUSED, "11010519491231002X", "13812345678", "王", "城关镇"):
        assert clear not in dump
    assert [crypto.decrypt(t) for t in (name, address, accused)] == [NAME, ADDRESS, ACCUSED]
    assert name_index == crypto.name_index(NAME)
    # and the application still reads them in clear
    person = Petitioner.objects.get()
    assert (person.name, person.address) == (NAME, ADDRESS)
    assert Case.objects.get(pk=case.pk).accused_person == ACCUSED


@pytest.mark.django_db
def test_art46_every_encrypted_column_holds_only_tokens_after_a_full_demo(county, settings, tmp_path):  # noqa: ANN001
    """The demo county (cases, notices and their delivery, mediations, messages) and an API
    registration with an idempotency key: every value of every encrypted column is a token."""
    settings.XINFANG_SHARED_DATA = tmp_path  # generated petition texts: quicker
    call_command("seed_demo", cases=30, seed=7)
    api = APIClient()
    api.force_authenticate(county.user(county.bureau, Role.REGISTRAR))
    body = {**petition_data(county), "petitioners": [petitioner_data(name=NAME)]}
    assert api.post("/api/v1/cases/", body, format="json", HTTP_IDEMPOTENCY_KEY="k").status_code == 201
    seen = set()
    for model, names in encrypted_fields():
        table = model._meta.db_table
        for name in names:
            values = [v for (v,) in _raw(table, model._meta.get_field(name).column) if v]
            for value in values:
                assert crypto.is_token(value), (table, name, value[:40])
            if values:
                seen.add((model._meta.label, name))
    assert set(PERSONAL) <= seen, set(PERSONAL) - seen  # the demo wrote each of them at least once


@pytest.mark.django_db
@pytest.mark.parametrize("lookup", [{"name": NAME}, {"name__icontains": "王"}, {"address__startswith": "城"},
                                    {"name__in": [NAME]}, {"phone__iexact": "13812345678"}])
def test_art46_a_content_lookup_on_an_encrypted_column_is_refused_loudly(county, lookup):  # noqa: ANN001
    """A token never equals another token of the same text: such a query would silently find
    nothing, so it raises and names the blind index to use instead."""
    register(county, petitioners=[petitioner_data(name=NAME)])
    with pytest.raises(FieldError, match="检索索引"):
        list(Petitioner.objects.filter(**lookup))


@pytest.mark.django_db
def test_an_empty_value_can_still_be_asked_for(county):  # noqa: ANN001
    register(county, petitioners=[petitioner_data(address="")])
    assert Petitioner.objects.filter(address="").count() == 1
    assert Petitioner.objects.exclude(phone="").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # roles of the data migrations
def test_art46_the_migration_encrypts_clear_rows_and_going_back_decrypts_them(county):  # noqa: ANN001
    """Rows written in clear by the previous version are encrypted and indexed by migrating
    forwards; migrating back to the previous version gives the clear text back."""
    register(county, petitioners=[petitioner_data(name=NAME, address=ADDRESS)],
             purpose="accusation", accused_unit=county.township.pk, accused_person=ACCUSED)
    before = [("cases", "0009_caseevent_type_vocabulary")]
    after = [("cases", "0010_encrypt_names_and_addresses")]
    executor = MigrationExecutor(connection)
    try:
        # back to the previous version: the values are clear again
        executor.migrate(before)
        assert _raw("cases_petitioner", "name", "address") == [(NAME, ADDRESS)]
        assert _raw("cases_case", "accused_person") == [(ACCUSED,)]
        # forwards: tokens, and the name's blind index
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        (name, address, index), = _raw("cases_petitioner", "name", "address", "name_index")
        assert crypto.decrypt(name) == NAME and crypto.decrypt(address) == ADDRESS
        assert index == crypto.name_index(NAME)
        (accused,), = _raw("cases_case", "accused_person")
        assert crypto.decrypt(accused) == ACCUSED
        # running the data step again (an interrupted migration restarted) changes nothing
        from importlib import import_module

        step = import_module("xinfang.cases.migrations.0010_encrypt_names_and_addresses")
        step.Migration.operations[-2].code(apps, connection.schema_editor())
        assert _raw("cases_petitioner", "name") == [(name,)]
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
