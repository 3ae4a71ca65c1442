"""Compulsory second factor by role (Art. 46): administrators and leaders see the most personal data,
so in production their accounts reach nothing without a TOTP code (docs/security.md, 两步验证)."""

from __future__ import annotations

import importlib
import re
import sys

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from config.settings import module_for
from xinfang.core.tests.test_security import production_env
from xinfang.orgs.models import Role
from xinfang.orgs.services import staff_create

pytestmark = pytest.mark.django_db

PASSWORD = "Lingdao-mima-2026!"
REQUIRED = ["administrator", "leader"]


def _code(device: TOTPDevice, *, later: int = 0) -> str:
    """The code the user's authenticator app shows now (`later` steps on: the next code)."""
    return f"{totp(device.bin_key, device.step, device.t0 - later * device.step, device.digits, device.drift):0{device.digits}d}"


def _staff(county, role: str):  # noqa: ANN001, ANN202
    return staff_create(username=f"bureau_{role}", unit=county.bureau, roles=[role],
                        password=PASSWORD)


@pytest.fixture
def leader(county, settings):  # noqa: ANN001
    settings.XINFANG_OTP_REQUIRED_ROLES = REQUIRED
    return _staff(county, Role.LEADER)


def _password_login(client, user) -> None:  # noqa: ANN001
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD},
                           REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302


def _setup_secret(client) -> TOTPDevice:  # noqa: ANN001
    page = client.get(reverse("two-factor"))
    assert page.status_code == 200
    return TOTPDevice.objects.get(confirmed=False)


def test_art46_a_leader_without_a_device_is_sent_to_set_one_up_and_cannot_reach_the_queue(
        client, leader):  # noqa: ANN001
    _password_login(client, leader)
    for url in (reverse("web:queue"), reverse("web:search"), reverse("admin:index")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("two-factor") + "?next=")
    page = client.get(reverse("two-factor"), {"next": reverse("web:queue")})
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "须使用两步验证" in html
    device = TOTPDevice.objects.get(user=leader)
    assert not device.confirmed
    # the key shown is the device's, for manual entry in the app
    assert re.sub(r"\s", "", re.search(r"<code>([A-Z2-7 ]+)</code>", html).group(1)) == \
        __import__("base64").b32encode(device.bin_key).decode()
    assert page["Cache-Control"].startswith("max-age=0")  # the secret is never cached


def test_art46_after_setup_with_a_right_code_the_leader_works(client, leader):  # noqa: ANN001
    _password_login(client, leader)
    device = _setup_secret(client)
    done = client.post(reverse("two-factor"), {"otp_token": _code(device),
                                               "next": reverse("web:queue")})
    assert done.status_code == 302 and done["Location"] == reverse("web:queue")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("web:queue")).status_code == 200
    assert client.get(reverse("api:cases")).status_code == 200  # a verified session may use the API
    # from now on the login itself asks for the code
    client.post(reverse("logout"))
    refused = client.post(reverse("login"), {"username": leader.username, "password": PASSWORD},
                          REMOTE_ADDR="10.0.0.1")
    assert refused.status_code == 200 and "动态验证码" in refused.content.decode()
    ok = client.post(reverse("login"), {"username": leader.username, "password": PASSWORD,
                                        "otp_token": _code(device, later=1)}, REMOTE_ADDR="10.0.0.1")
    assert ok.status_code == 302
    assert client.get(reverse("web:queue")).status_code == 200


def test_art46_a_wrong_code_does_not_enable_the_second_factor(client, leader):  # noqa: ANN001
    _password_login(client, leader)
    device = _setup_secret(client)
    wrong = "000000" if _code(device) != "000000" else "111111"
    response = client.post(reverse("two-factor"), {"otp_token": wrong})
    assert response.status_code == 400 and "动态验证码不正确" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("web:queue")).status_code == 302


def test_art46_a_session_opened_without_the_code_must_verify_it(client, leader):  # noqa: ANN001
    device = TOTPDevice.objects.create(user=leader, name="手机", confirmed=True)
    client.force_login(leader)  # e.g. a session opened before the device was added
    response = client.get(reverse("web:queue"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two-factor-verify"))
    # nor can it add a second device of its own
    assert client.get(reverse("two-factor"))["Location"].startswith(reverse("two-factor-verify"))
    done = client.post(reverse("two-factor-verify"), {"otp_token": _code(device),
                                                      "next": reverse("web:queue")})
    assert done.status_code == 302 and done["Location"] == reverse("web:queue")
    assert client.get(reverse("web:queue")).status_code == 200


@pytest.mark.parametrize(("required", "role"), [
    (REQUIRED, Role.REGISTRAR), (REQUIRED, Role.HANDLER), (["administrator"], Role.LEADER),
    ([], Role.ADMINISTRATOR),
])
def test_a_role_not_in_the_list_is_unaffected(client, county, settings, required, role):  # noqa: ANN001
    settings.XINFANG_OTP_REQUIRED_ROLES = required
    client.force_login(_staff(county, role))
    assert client.get(reverse("web:queue")).status_code == 200
    assert client.get(reverse("api:cases")).status_code == 200


def test_art46_a_superuser_counts_as_an_administrator(client, county, settings):  # noqa: ANN001
    settings.XINFANG_OTP_REQUIRED_ROLES = ["administrator"]
    root = staff_create(username="root", unit=county.bureau, roles=[], password=PASSWORD,
                        is_staff=True, is_superuser=True)
    client.force_login(root)
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("two-factor"))


def test_art46_the_api_refuses_such_a_users_token_and_unverified_session(client, leader, county):  # noqa: ANN001
    from rest_framework.test import APIClient

    TOTPDevice.objects.create(user=leader, name="手机", confirmed=True)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=leader).key}")
    refused = api.get(reverse("api:cases"))
    assert refused.status_code == 403 and "两步验证" in refused.json()["detail"]
    client.force_login(leader)  # a session without the code: JSON 403, not a redirect
    assert client.get(reverse("api:cases")).status_code == 403
    service = APIClient()  # an integration account without such a role
    registrar = _staff(county, Role.REGISTRAR)
    service.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=registrar).key}")
    assert service.get(reverse("api:cases")).status_code == 200


def test_the_unverified_leader_may_still_log_out_and_use_the_portal(client, leader, county):  # noqa: ANN001
    _password_login(client, leader)
    assert client.get(reverse("portal:index")).status_code in (200, 503)
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_unknown_role_in_the_setting_stops_the_start(settings):  # noqa: ANN001
    settings.XINFANG_OTP_REQUIRED_ROLES = ["admin"]  # a typo of "administrator"
    with pytest.raises(ImproperlyConfigured, match="admin"):
        apps.get_app_config("web").ready()


@pytest.mark.parametrize(("mode", "value", "expected"), [
    ("production", None, ["administrator", "leader"]),
    ("production", "", ["administrator", "leader"]),
    ("production", "none", []),
    ("production", "leader,supervisor", ["leader", "supervisor"]),
    ("demo", None, []),
])
def test_art46_production_requires_it_of_administrators_and_leaders_by_default(
        tmp_path, monkeypatch, mode, value, expected):  # noqa: ANN001
    for name, val in production_env(tmp_path, XINFANG_MODE=mode).items():
        monkeypatch.setenv(name, val)
    if value is None:
        monkeypatch.delenv("XINFANG_OTP_REQUIRED_ROLES", raising=False)
    else:
        monkeypatch.setenv("XINFANG_OTP_REQUIRED_ROLES", value)
    for name in ("config.settings.base", "config.settings.prod", "config.settings.dev"):
        monkeypatch.delitem(sys.modules, name, raising=False)  # read again from this environment
    loaded = importlib.import_module(module_for())
    assert loaded.XINFANG_OTP_REQUIRED_ROLES == expected
