"""The record cannot be erased and its timeline is tamper-evident (Art. 21, 43, 46).

Cases and their events are never deleted (not in the admin, not in the API, not through the ORM);
each event carries the hash of the one before it on the same case, and `verify_timeline` names
the first event whose hash no longer matches. Looking at a full ID number is itself recorded.
"""

from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import models
from django.db.models import ProtectedError
from django.test import RequestFactory
from django.urls import reverse
from rest_framework.test import APIClient

from xinfang.cases.chain import event_digest
from xinfang.cases.models import Case, CaseEvent, EventKind, Petitioner
from xinfang.cases.scenarios import drive_to, register
from xinfang.cases.states import Status
from xinfang.core.crypto import mask_name
from xinfang.core.errors import PermissionDenied
from xinfang.orgs.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return User.objects.create_superuser(username="root", password="x" * 12)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def _case_owned_models() -> list[type[models.Model]]:
    """Models registered in the admin that are the case or hang off a case."""
    owned = []
    for model in admin.site._registry:
        if model is Case or any(
            isinstance(f, models.ForeignKey) and f.related_model is Case
            for f in model._meta.get_fields()
        ):
            owned.append(model)
    return owned


def test_art21_admin_offers_no_delete_for_cases_or_anything_owned_by_a_case(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    owned = _case_owned_models()
    assert Case in owned and len(owned) > 2
    deletable = [m.__name__ for m in owned
                 if admin.site._registry[m].has_delete_permission(request)]
    assert deletable == []


def test_art21_admin_delete_page_of_a_case_is_refused(admin_client, county):
    case = register(county)
    url = reverse("admin:cases_case_delete", args=[case.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    response = admin_client.post(reverse("admin:cases_case_changelist"),
                                 {"action": "delete_selected", "_selected_action": [case.pk],
                                  "post": "yes"})
    assert response.status_code in (200, 302, 403)
    assert Case.objects.filter(pk=case.pk).exists()
    assert case.events.exists()


def test_art21_api_cannot_delete_a_case(county):
    user = county.user(county.bureau, "registrar")
    case = register(county)
    client = APIClient()
    client.force_authenticate(user)
    assert client.delete(f"/api/v1/cases/{case.number}/").status_code == 405
    assert client.delete(f"/api/v1/cases/{case.number}/transitions/").status_code == 405
    assert Case.objects.filter(pk=case.pk).exists()


def test_art21_the_orm_refuses_to_delete_cases_and_events(county):
    case = register(county)
    with pytest.raises(PermissionDenied):
        case.delete()
    with pytest.raises(PermissionDenied):
        Case.objects.filter(pk=case.pk).delete()
    event = case.events.first()
    with pytest.raises(PermissionDenied):
        event.delete()
    with pytest.raises(PermissionDenied):
        case.events.all().delete()
    with pytest.raises((PermissionDenied, ProtectedError)):
        CaseEvent.objects.filter(case=case).delete()
    assert Case.objects.filter(pk=case.pk).exists()
    assert case.events.count() >= 1


def test_art21_each_event_carries_the_hash_of_the_one_before(county):
    case = drive_to(county, Status.ACCEPTED)
    events = list(case.events.order_by("pk"))
    assert len(events) >= 3
    assert events[0].prev_hash == ""
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash
    assert len({e.hash for e in events}) == len(events)
    assert all(len(e.hash) == 64 for e in events)


def test_art21_hash_covers_the_event_content(county):
    case = register(county)
    event = case.events.first()
    content = {"note": event.note}
    assert event_digest(content, "") != event_digest({"note": event.note + "x"}, "")
    assert event_digest(content, "") != event_digest(content, "0" * 64)


def _verify(*args: str) -> tuple[int, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_timeline", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue() + err.getvalue()
    return 0, out.getvalue() + err.getvalue()


def test_art21_verify_timeline_passes_an_untouched_record(county):
    drive_to(county, Status.ANSWERED)
    register(county)
    code, output = _verify("--no-progress")
    assert code == 0, output
    assert "未发现" in output
    assert f"共核验 2 件 {CaseEvent.objects.count()} 条" in output


def test_art21_verify_timeline_detects_an_edited_event(county):
    case = drive_to(county, Status.ANSWERED)
    other = register(county)
    events = list(case.events.order_by("pk"))
    tampered = events[2]
    CaseEvent.objects.filter(pk=tampered.pk).update(note="篡改后的说明")
    code, output = _verify("--no-progress")
    assert code != 0
    assert case.number in output
    assert f"#{tampered.pk}" in output
    assert other.number not in output  # the other case's chain is intact
    # only the first broken link of the case is reported
    assert f"#{events[3].pk}" not in output


def test_art21_verify_timeline_detects_a_removed_event(county):
    case = drive_to(county, Status.ANSWERED)
    events = list(case.events.order_by("pk"))
    CaseEvent.objects.filter(pk=events[1].pk)._raw_delete(CaseEvent.objects.db)
    code, output = _verify("--no-progress")
    assert code != 0
    assert f"#{events[2].pk}" in output


def test_art46_admin_shows_the_id_number_masked(admin_client, county):
    case = register(county)
    person = case.parties.get().petitioner
    url = reverse("admin:cases_petitioner_change", args=[person.pk])
    body = admin_client.get(url).content.decode()
    assert person.id_number not in body
    assert person.id_number_masked in body
    assert person.phone not in body


def test_art46_revealing_an_id_number_in_the_admin_is_logged_on_the_case(admin_client, superuser,
                                                                          county):
    case = register(county)
    person = case.parties.get().petitioner
    before = case.events.count()
    url = reverse("admin:cases_petitioner_reveal", args=[person.pk])
    assert admin_client.get(url).status_code == 405  # a look is a deliberate POST, never a prefetch
    assert case.events.count() == before
    response = admin_client.post(url)
    assert response.status_code == 200
    assert person.id_number in response.content.decode()
    event = case.events.order_by("-pk").first()
    assert (event.kind, event.type) == (EventKind.NOTE, "case.revealed_admin")
    assert event.actor == superuser
    assert event.data["petitioner"] == person.pk
    assert Petitioner.objects.get(pk=person.pk).id_number == person.id_number
    # the timeline (in clear, hash-chained) names the person masked only: the name is encrypted
    assert person.name not in event.text and mask_name(person.name) in event.text  # the timeline is in clear
    assert person.name not in str(event.data)


def test_art21_the_migration_chains_events_recorded_before_the_chain(county):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("xinfang.cases.migrations.0007_timeline_hash_chain")
    drive_to(county, Status.ANSWERED)
    register(county)
    CaseEvent.objects.update(prev_hash="", hash="")  # as stored before the chain existed
    assert _verify("--no-progress")[0] != 0
    migration.chain_existing_events(apps, SimpleNamespace(connection=connection))
    code, output = _verify("--no-progress")
    assert code == 0, output


def test_art21_the_hash_reads_data_as_any_database_gives_it_back(county):
    from types import SimpleNamespace

    from xinfang.cases.chain import event_hash

    case = register(county)
    event = case.events.first()
    as_written = SimpleNamespace(**{**event.__dict__, "data": {"n": 1e20, "ids": (1, 2), 3: "x"}})
    as_read = SimpleNamespace(**{**event.__dict__, "data": {"3": "x", "ids": [1, 2], "n": 10**20}})
    assert event_hash(as_written, "") == event_hash(as_read, "")


def test_art21_a_version_1_row_keeps_its_hash_and_its_type_is_checked(county):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    chain = importlib.import_module("xinfang.cases.migrations.0007_timeline_hash_chain")
    typed = importlib.import_module("xinfang.cases.migrations.0009_caseevent_type_vocabulary")
    schema = SimpleNamespace(connection=connection)
    # given a timeline as it was before the vocabulary: no type, hashed as version 1
    case = drive_to(county, Status.ANSWERED)
    expected = dict(case.events.exclude(kind=EventKind.NOTE).values_list("pk", "type"))
    CaseEvent.objects.update(chain_version=1, type="")
    chain.chain_existing_events(apps, schema)
    hashes = dict(case.events.values_list("pk", "hash"))
    # when the migration types the old rows
    typed.type_existing_events(apps, schema)
    # then every hash is as it was, each old row has a registered type (that of a new row where the
    # kind alone says it; notes by the markers old writers left in data), and it verifies
    from xinfang.core.events import unknown_codes

    assert dict(case.events.values_list("pk", "hash")) == hashes
    assert dict(case.events.exclude(kind=EventKind.NOTE).values_list("pk", "type")) == expected
    assert unknown_codes(case.events.values_list("type", flat=True)) == []
    assert _verify("--no-progress")[0] == 0
    # and an old row's type, outside its hash, cannot be changed unseen
    CaseEvent.objects.filter(pk=case.events.order_by("pk")[1].pk).update(type="case.note")
    code, output = _verify("--no-progress")
    assert code != 0 and "类型被改动" in output
