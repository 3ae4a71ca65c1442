"""Keys are separate (signing, field encryption, blind index) and rotate with every page still working.

The law requires petitioners' personal data to be kept confidential (《信访工作条例》第四十六条、
第四十七条 protect the petitioner; 第四十四条 forbids disclosing the identity of accusers), so ID and
phone numbers are encrypted at rest; a key rotation must keep them readable and searchable.
"""

from __future__ import annotations

import re

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from xinfang.cases.models import Petitioner
from xinfang.cases.scenarios import petition_data, petitioner_data, register
from xinfang.core import crypto
from xinfang.orgs.models import Role
from xinfang.portal.models import Submission

K1, K2 = Fernet.generate_key().decode(), Fernet.generate_key().decode()
I1, I2 = "index-key-one-" + "a" * 40, "index-key-two-" + "b" * 40
PERSON = petitioner_data(name="李四", id_number="110105198001011238", phone="13900001111")
PHONE = "13812345678"  # the portal form's phone (portal tests' petitioner_data)
QUESTION = re.compile(r"(\d+)\s*(加|减|plus|minus)\s*(\d+)")
CHALLENGE = re.compile(r'name="challenge_token" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="token" value="([^"]+)"')
CODE = re.compile(r'id="query-code" data-code="([0-9A-Z\-]+)"')


def _challenge(html: str) -> dict[str, str]:
    a, op, b = QUESTION.search(html).groups()
    answer = int(a) + int(b) if op in {"加", "plus"} else int(a) - int(b)
    return {"challenge_token": CHALLENGE.search(html).group(1), "challenge_answer": str(answer)}


def _file_online(client, c) -> str:  # noqa: ANN001
    """File a petition on the public portal; returns the query code from the receipt."""
    html = client.get("/portal/submit/").content.decode()
    person = petitioner_data()
    form = {
        "token": FORM_TOKEN.search(html).group(1), **_challenge(html),
        "name": person["name"], "id_type": "resident", "id_number": person["id_number"],
        "origin": "mainland", "phone": PHONE, "address": person["address"],
        "purpose": "request", "problem_unit": c.township.pk, "title": "小区楼道漏水长期无人维修",
        "request": "请求督促物业尽快维修楼道漏水。", "is_first_time": "yes",
        "facts_reasons": "本人居住的小区三号楼楼道自今年三月起漏水，多次向物业反映无果。",
        "guide_confirmed": "on", "consent": "on",
    }
    response = client.post("/portal/submit/", form)
    assert response.status_code == 200
    return CODE.search(response.content.decode()).group(1)


@pytest.fixture
def world(county, settings, client):  # noqa: ANN001
    """A case registered by the bureau and one filed online, under keys K1/I1/secret one."""
    settings.SECRET_KEY = "secret-one-" + "s" * 50
    settings.FIELD_ENCRYPTION_KEYS = [K1]
    settings.XINFANG_INDEX_KEY = I1
    settings.XINFANG_INDEX_KEYS_OLD = []
    settings.XINFANG_PORTAL_UNIT = county.bureau.code
    case = register(county, petitioners=[PERSON])
    code = _file_online(client, county)
    return county, case, code


def assert_every_page_works(c, case, code) -> None:  # noqa: ANN001
    """Staff case page (masked and revealed), search by ID and phone, the portal track page with the
    query code, the API detail: all 200, with the right data."""
    staff = APIClient()
    staff.force_login(c.user(c.bureau, Role.REGISTRAR))
    page = staff.get(f"/cases/{case.number}/")
    assert page.status_code == 200
    assert crypto.mask_id_number(PERSON["id_number"]) in page.content.decode()
    staff.post(f"/cases/{case.number}/reveal/")
    page = staff.get(f"/cases/{case.number}/")
    assert page.status_code == 200
    assert PERSON["id_number"] in page.content.decode() and PERSON["phone"] in page.content.decode()
    for query in (PERSON["id_number"], PERSON["phone"], "110105 1980 0101 1238", PERSON["name"]):
        found = staff.post("/search/", {"q": query}, follow=True)
        assert found.status_code == 200
        assert case.number in found.content.decode(), query
    api = staff.get(f"/api/v1/cases/{case.number}/")
    assert api.status_code == 200
    assert crypto.mask_phone(PERSON["phone"]) in api.content.decode()

    petitioner = APIClient()
    html = petitioner.get("/portal/track/").content.decode()
    login = petitioner.post("/portal/track/", {"code": code, "phone": PHONE, **_challenge(html)})
    assert login.status_code == 302, login.content.decode()[:2000]
    online = Submission.objects.get().case
    tracked = petitioner.get("/portal/track/case/")
    assert tracked.status_code == 200
    assert online.number in tracked.content.decode()


def test_art46_rotating_the_secret_key_keeps_personal_data_readable_and_searchable(world, settings):
    c, case, code = world
    settings.SECRET_KEY = "secret-two-" + "t" * 50  # signing key only: sessions end, data does not
    assert_every_page_works(c, case, code)


def test_art46_demo_field_key_does_not_follow_the_secret_key(county, settings, client):
    """In demo mode the field key is a fixed development key, not derived from SECRET_KEY."""
    case = register(county, petitioners=[PERSON])
    settings.SECRET_KEY = "another-secret-" + "x" * 50
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    assert client.get(f"/cases/{case.number}/").status_code == 200
    assert case.number in client.post("/search/", {"q": PERSON["phone"]}, follow=True).content.decode()


def test_art46_key_rotation_with_every_page_still_rendering(world, settings):
    c, case, code = world
    assert_every_page_works(c, case, code)
    # 1. New keys first, old ones still accepted: every page works before any row is rewritten.
    settings.FIELD_ENCRYPTION_KEYS = [K2, K1]
    settings.XINFANG_INDEX_KEY = I2
    settings.XINFANG_INDEX_KEYS_OLD = [I1]
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "secret-two-" + "t" * 50, [settings.SECRET_KEY]
    assert_every_page_works(c, case, code)  # the portal login re-hashes the query code under I2
    # 2. Re-encrypt and re-index; --check then finds nothing left on an old key.
    with pytest.raises(CommandError):
        call_command("rotate_keys", "--check")
    call_command("rotate_keys")
    call_command("rotate_keys", "--check")
    # the name's index is rebuilt under the new key too (the name itself is encrypted)
    raw = (Petitioner.objects.filter(name_index=crypto.name_index(PERSON["name"], key=I2))
           .values_list("phone_index", flat=True).get())
    assert raw == crypto.blind_index(PERSON["phone"], key=I2)
    assert Submission.objects.get().key_id == crypto.key_id(I2)
    # 3. Retire the old keys: still every page.
    settings.FIELD_ENCRYPTION_KEYS = [K2]
    settings.XINFANG_INDEX_KEYS_OLD = []
    settings.SECRET_KEY_FALLBACKS = []
    assert_every_page_works(c, case, code)


def test_art46_rotate_keys_reencrypts_every_encrypted_field(world, settings):
    from django.db import connection

    from xinfang.core.management.commands.rotate_keys import encrypted_fields

    c, case, _code = world
    api = APIClient()  # an idempotency copy: a JSON value, encrypted as one token
    api.force_authenticate(c.user(c.bureau, Role.REGISTRAR))
    body = {**petition_data(c), "petitioners": [PERSON]}
    first = api.post("/api/v1/cases/", body, format="json", HTTP_IDEMPOTENCY_KEY="rotate-1")
    settings.FIELD_ENCRYPTION_KEYS = [K2, K1]
    call_command("rotate_keys")
    tokens, columns = [], set()
    with connection.cursor() as cursor:
        for model, names in encrypted_fields():
            for name in names:
                cursor.execute(f"SELECT {name} FROM {model._meta.db_table}")  # noqa: S608
                found = [t for (t,) in cursor.fetchall() if t]
                tokens += found
                columns |= {f"{model._meta.db_table}.{name}"} if found else set()
    assert {"cases_petitioner.name", "cases_petitioner.address", "cases_petitioner.id_number",
            "api_idempotencyrecord.response"} <= columns
    settings.FIELD_ENCRYPTION_KEYS = [K2]  # the old key retired: the copy still replays, whole
    again = api.post("/api/v1/cases/", body, format="json", HTTP_IDEMPOTENCY_KEY="rotate-1")
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    old_only = Fernet(K1)
    for token in tokens:
        Fernet(K2).decrypt(token.encode())  # readable with the new key alone
        with pytest.raises(InvalidToken):
            old_only.decrypt(token.encode())


def test_art21_query_code_filed_before_an_index_rotation_still_tracks_after_rotate_keys(world, settings):
    """A query code cannot be re-hashed offline (it is not stored): the old index key verifies it."""
    c, case, code = world
    settings.XINFANG_INDEX_KEY = I2
    settings.XINFANG_INDEX_KEYS_OLD = [I1]
    call_command("rotate_keys")
    assert Submission.objects.get().key_id == crypto.key_id(I1)  # not used yet: still the old key
    assert_every_page_works(c, case, code)
    assert Submission.objects.get().key_id == crypto.key_id(I2)  # re-hashed on use


def test_art21_a_form_filed_before_an_index_rotation_replays_to_the_same_receipt(county, settings):
    """Idempotent filing (a retried form gets its receipt back) holds across an index-key rotation."""
    from xinfang.cases.scenarios import petition_data
    from xinfang.portal.services import portal_submit

    settings.XINFANG_INDEX_KEY, settings.XINFANG_INDEX_KEYS_OLD = I1, []
    token = "t" * 32
    first = portal_submit(token=token, petitioner=petitioner_data(), case_data=petition_data(county),
                          unit=county.bureau)
    settings.XINFANG_INDEX_KEY, settings.XINFANG_INDEX_KEYS_OLD = I2, [I1]
    settings.SECRET_KEY = "secret-two-" + "t" * 50  # and the signing key, for good measure
    again = portal_submit(token=token, petitioner=petitioner_data(), case_data=petition_data(county),
                          unit=county.bureau)
    assert again.replayed and again.submission.pk == first.submission.pk
    assert again.code == first.code
    assert Submission.objects.count() == 1
