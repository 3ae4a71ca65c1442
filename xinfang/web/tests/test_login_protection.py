"""Staff login: lockout after repeated failures (shared across processes), password policy,
self-service password change. The platform holds personal data of petitioners (Art. 46: it must
not leak), so staff accounts must not be open to password guessing."""

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from xinfang.orgs.models import Role
from xinfang.orgs.services import staff_create

pytestmark = pytest.mark.django_db

GOOD = "Qiang-mima-2024!"
ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def staff(county):  # noqa: ANN001
    return staff_create(username="zhang_clerk", unit=county.bureau, roles=[Role.REGISTRAR],
                        password=GOOD)


def _login(client, username: str, password: str, ip: str = "10.0.0.1", url: str = "login"):  # noqa: ANN001, ANN202
    return client.post(reverse(url), {"username": username, "password": password},
                       REMOTE_ADDR=ip)


def _logged_in(client) -> bool:  # noqa: ANN001
    return "_auth_user_id" in client.session


def test_art46_staff_login_locks_the_account_after_repeated_failures(client, staff):  # noqa: ANN001
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit):
        assert not _logged_in(client)
        _login(client, staff.username, "wrong-password")
    response = _login(client, staff.username, GOOD)
    assert response.status_code == 429
    assert not _logged_in(client)
    assert "登录失败次数过多" in response.content.decode()
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"请在 {minutes} 分钟后再试" in response.content.decode()
    # from another address too: the account itself is locked
    assert _login(client, staff.username, GOOD, ip="10.0.0.99").status_code == 429
    assert not _logged_in(client)


def test_art46_staff_login_locks_the_address_that_guesses_many_accounts(client, staff, county):  # noqa: ANN001
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(client, f"nobody{i}", "wrong-password", ip="10.0.0.7")
    assert _login(client, staff.username, GOOD, ip="10.0.0.7").status_code == 429
    assert not _logged_in(client)
    response = _login(client, staff.username, GOOD, ip="10.0.0.8")
    assert response.status_code == 302
    assert _logged_in(client)


def test_art46_lockout_ends_after_the_cool_down(client, staff):  # noqa: ANN001
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, staff.username, "wrong-password")
    assert _login(client, staff.username, GOOD).status_code == 429
    earlier = dt.timedelta(minutes=1) + settings.AXES_COOLOFF_TIME
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(
            attempt_time=attempt.attempt_time - earlier)
    assert _login(client, staff.username, GOOD).status_code == 302
    assert _logged_in(client)


def test_art46_admin_login_is_locked_out_too(client, county):  # noqa: ANN001
    staff_create(username="root", unit=county.bureau, roles=[], password=GOOD, is_staff=True,
                 is_superuser=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "root", "wrong-password", url="admin:login")
    response = _login(client, "root", GOOD, url="admin:login")
    assert response.status_code == 429
    assert not _logged_in(client)


def test_art46_a_successful_login_below_the_limit_still_works(client, staff):  # noqa: ANN001
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, staff.username, "wrong-password")
    assert _login(client, staff.username, GOOD).status_code == 302
    assert _logged_in(client)


# --- the limits hold across worker processes ------------------------------------------------------

SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from xinfang.orgs.models import Unit, Level, UnitType
from xinfang.orgs.services import staff_create
unit = Unit.objects.create(name="某县信访局", code="LKXF", level=Level.COUNTY,
                           unit_type=UnitType.PETITION_BUREAU)
staff_create(username="li_clerk", unit=unit, roles=["registrar"], password={good!r})
"""

LOGIN = """
import django, sys
django.setup()
from django.test import Client
client = Client()
codes = []
for password in sys.argv[1:]:
    response = client.post("/accounts/login/", {"username": "li_clerk", "password": password},
                           REMOTE_ADDR="10.1.1.1")
    codes.append(response.status_code)
print(",".join(map(str, codes)))
"""

PORTAL_HIT = """
import django, sys
django.setup()
from xinfang.portal import abuse
print(",".join("1" if abuse.hit("submit_per_ip", "10.2.2.2") else "0"
               for _ in range(int(sys.argv[1]))))
"""


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory):  # noqa: ANN001
    """A migrated file SQLite database that separate Python processes open, like web workers."""
    base = tmp_path_factory.mktemp("two-processes")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings",
           "DATABASE_URL": f"sqlite:///{base / 'db.sqlite3'}", "XINFANG_VAR_DIR": str(base),
           "XINFANG_ALLOWED_HOSTS": "testserver", "PYTHONPATH": str(ROOT)}
    env.pop("XINFANG_CACHE", None)
    env.pop("REDIS_URL", None)
    _run(env, SETUP.format(good=GOOD), timeout=120)
    return env


def _run(env: dict, script: str, *args: str, timeout: int = 60) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(script), *args], env=env,
                            cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def test_art46_lockout_holds_across_two_processes(shared_db):  # noqa: ANN001
    limit = settings.AXES_FAILURE_LIMIT
    first = _run(shared_db, LOGIN, *["wrong-password"] * limit)
    # the login form again with an error, until the failure that reaches the limit locks
    assert first.split(",") == ["200"] * (limit - 1) + ["429"]
    second = _run(shared_db, LOGIN, GOOD)  # another process: the right password is refused
    assert second == "429"


def test_portal_rate_limit_holds_across_two_processes(shared_db):  # noqa: ANN001
    from xinfang.portal.abuse import limit

    count, _seconds = limit("submit_per_ip")
    first = _run(shared_db, PORTAL_HIT, str(count))
    assert first.split(",") == ["1"] * count
    second = _run(shared_db, PORTAL_HIT, "1")  # another worker sees the same counter
    assert second == "0"


# --- password policy and change --------------------------------------------------------------------

@pytest.mark.parametrize("password", ["short1!", "1234567890123", "password1234",
                                      "zhang_clerk2024"])
def test_art46_weak_staff_passwords_are_refused(staff, password):  # noqa: ANN001
    with pytest.raises(ValidationError):
        validate_password(password, user=staff)


def test_art46_a_strong_staff_password_is_accepted(staff):  # noqa: ANN001
    validate_password(GOOD, user=staff)


def test_staff_change_their_own_password(client, staff):  # noqa: ANN001
    client.force_login(staff)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200
    assert "修改密码" in page.content.decode()
    weak = client.post(reverse("password_change"), {
        "old_password": GOOD, "new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200  # refused, the form again with the reasons
    staff.refresh_from_db()
    assert staff.check_password(GOOD)
    new = "Xin-de-mima-2025?"
    done = client.post(reverse("password_change"), {
        "old_password": GOOD, "new_password1": new, "new_password2": new})
    assert done.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password(new)
    assert "修改密码" in client.get(reverse("web:queue")).content.decode()  # linked in the nav


def test_a_login_without_a_request_still_works(client, staff):  # noqa: ANN001
    assert client.login(username=staff.username, password=GOOD)


# --- optional second factor (TOTP) for the accounts that enrolled one ------------------------------

def _totp_device(user):  # noqa: ANN001, ANN202
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="手机", confirmed=True)


def _token(device) -> str:  # noqa: ANN001
    from django_otp.oath import totp

    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def test_art46_an_enrolled_account_needs_its_one_time_code(client, staff):  # noqa: ANN001
    device = _totp_device(staff)
    refused = _login(client, staff.username, GOOD)
    assert refused.status_code == 200 and not _logged_in(client)
    assert "动态验证码" in refused.content.decode()
    wrong = client.post(reverse("login"), {"username": staff.username, "password": GOOD,
                                           "otp_token": "000000" if _token(device) != "000000"
                                           else "111111"}, REMOTE_ADDR="10.0.0.1")
    assert wrong.status_code == 200 and not _logged_in(client)
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code above throttles the next try
    device.throttling_failure_timestamp = None
    device.save()
    ok = client.post(reverse("login"), {"username": staff.username, "password": GOOD,
                                        "otp_token": _token(device)}, REMOTE_ADDR="10.0.0.1")
    assert ok.status_code == 302 and _logged_in(client)
    assert client.session.get("otp_device_id") == device.persistent_id


def test_art46_the_admin_login_asks_an_enrolled_administrator_for_the_code(client, county):  # noqa: ANN001
    root = staff_create(username="root", unit=county.bureau, roles=[Role.ADMINISTRATOR],
                        password=GOOD, is_staff=True, is_superuser=True)
    device = _totp_device(root)
    refused = _login(client, "root", GOOD, url="admin:login")
    assert refused.status_code == 200 and not _logged_in(client)
    ok = client.post(reverse("admin:login"), {"username": "root", "password": GOOD,
                                              "otp_token": _token(device)}, REMOTE_ADDR="10.0.0.1")
    assert ok.status_code == 302 and _logged_in(client)


def test_art46_accounts_without_a_second_factor_log_in_with_the_password(client, staff):  # noqa: ANN001
    assert _login(client, staff.username, GOOD).status_code == 302
    assert _logged_in(client)


# --- behind the bureau's reverse proxy: the real client's address (XINFANG_TRUSTED_PROXIES) --------

PROXY = "10.0.0.2"


def _behind_proxy(client_address: str):  # noqa: ANN202
    """A browser whose requests reach the platform through the trusted proxy."""
    from django.test import Client

    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address)


def test_art46_behind_the_proxy_a_guesser_locks_out_his_own_address_not_everyone(
        settings, staff):  # noqa: ANN001
    from axes.models import AccessAttempt

    settings.XINFANG_TRUSTED_PROXIES = [PROXY]
    guesser = _behind_proxy("198.51.100.7")
    for i in range(settings.AXES_FAILURE_LIMIT):
        guesser.post(reverse("login"), {"username": f"nobody{i}", "password": "wrong-password"})
    locked = guesser.post(reverse("login"), {"username": staff.username, "password": GOOD})
    assert locked.status_code == 429
    colleague = _behind_proxy("198.51.100.8")  # same proxy, another office PC
    response = colleague.post(reverse("login"), {"username": staff.username, "password": GOOD})
    assert response.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}


def test_art46_a_forged_forwarded_header_does_not_escape_the_lockout(settings, staff):  # noqa: ANN001
    from django.test import Client

    settings.XINFANG_TRUSTED_PROXIES = [PROXY]
    attacker = Client(REMOTE_ADDR="203.0.113.9")  # straight to the server, not through the proxy
    for i in range(settings.AXES_FAILURE_LIMIT):
        attacker.post(reverse("login"), {"username": f"nobody{i}", "password": "wrong-password"},
                      HTTP_X_FORWARDED_FOR=f"192.0.2.{i + 1}")
    response = attacker.post(reverse("login"), {"username": staff.username, "password": GOOD},
                             HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert response.status_code == 429
