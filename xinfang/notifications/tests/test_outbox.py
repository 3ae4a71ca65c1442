"""The outbox: written with the change, sent only after commit, retried, never silently lost."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from django.core import mail
from django.db import transaction

from xinfang.cases.scenarios import act, drive_to, register
from xinfang.cases.states import Action, Status
from xinfang.core import clock
from xinfang.notifications import backends
from xinfang.notifications.models import Channel, Notification, State
from xinfang.notifications.services import MAX_ATTEMPTS, notify, outbox_flush, outbox_send
from xinfang.orgs.models import Role

pytestmark = pytest.mark.django_db(transaction=False)


class FlakySms:
    """Fails the first `failures` calls, then accepts."""

    failures = 0
    calls = 0

    def send(self, notification):  # noqa: ANN001, ANN201
        FlakySms.calls += 1
        if FlakySms.calls <= FlakySms.failures:
            raise backends.SendError("网关超时")
        return f"gw-{FlakySms.calls}"


@pytest.fixture
def flaky(settings):  # noqa: ANN001
    FlakySms.calls, FlakySms.failures = 0, 0
    settings.XINFANG_NOTIFY_BACKENDS = {"sms": f"{__name__}.FlakySms"}
    backends._load.cache_clear()
    yield FlakySms
    backends._load.cache_clear()


def test_an_issued_notice_queues_an_sms_sent_only_after_commit(county, flaky,
                                                                django_capture_on_commit_callbacks):
    case = drive_to(county, Status.TRANSFERRED)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        act(county, case, Action.ACCEPT)
        sms = Notification.objects.get(channel=Channel.SMS, body__contains="受理告知书")
        assert (sms.state, sms.attempts, flaky.calls) == (State.PENDING, 0, 0)

    for callback in callbacks:
        callback()
    sms.refresh_from_db()
    assert (sms.state, sms.attempts, sms.provider_id) == (State.SENT, 1, "gw-1")
    assert sms.address == "13812345678" and sms.petitioner.name == "张三"


def test_a_rolled_back_change_leaves_no_message(county, flaky, django_capture_on_commit_callbacks):
    case = register(county)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            notify(channel=Channel.SMS, body="不应发出", address="13812345678", case=case)
            raise RuntimeError("rollback")

    assert not Notification.objects.filter(body="不应发出").exists()
    assert flaky.calls == 0


def test_a_failed_send_is_retried_with_back_off_until_it_goes_through(county, flaky):
    flaky.failures = 2
    with clock.frozen(dt.datetime(2026, 5, 11, 9, 0)) as start:
        n = notify(channel=Channel.SMS, body="您的信访件已受理", address="13812345678")
        assert outbox_send(n.pk) == State.PENDING
        n.refresh_from_db()
        assert (n.attempts, n.next_attempt_at, n.last_error) == (
            1, start + dt.timedelta(minutes=1), "网关超时")
        assert outbox_flush() == {"sent": 0, "pending": 0, "failed": 0}  # not due yet

    with clock.frozen(dt.datetime(2026, 5, 11, 9, 1)):
        assert outbox_flush() == {"sent": 0, "pending": 1, "failed": 0}
    with clock.frozen(dt.datetime(2026, 5, 11, 9, 6)):
        assert outbox_flush() == {"sent": 1, "pending": 0, "failed": 0}

    n.refresh_from_db()
    assert (n.state, n.attempts, n.last_error) == (State.SENT, 3, "")
    assert outbox_send(n.pk) == State.SENT and flaky.calls == 3  # never sent twice


def test_after_the_last_attempt_the_message_is_marked_failed_and_logged(county, flaky, caplog):
    flaky.failures = 100
    n = notify(channel=Channel.SMS, body="测试", address="13812345678")
    with caplog.at_level(logging.WARNING, logger="xinfang.notifications"):
        for _ in range(MAX_ATTEMPTS):
            outbox_send(n.pk)

    n.refresh_from_db()
    assert (n.state, n.attempts) == (State.FAILED, MAX_ATTEMPTS)
    assert "已放弃" in caplog.text
    assert "138****5678" in caplog.text and "13812345678" not in caplog.text


def test_phone_numbers_are_masked_in_the_log_and_encrypted_at_rest(county, caplog):
    n = notify(channel=Channel.SMS, body="您的信访件已受理", address="13812345678")
    with caplog.at_level(logging.INFO, logger="xinfang.notifications"):
        outbox_send(n.pk)

    assert "138****5678" in caplog.text and "13812345678" not in caplog.text
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT address FROM notifications_notification WHERE id = %s", [n.pk])
        assert "13812345678" not in cursor.fetchone()[0]


def test_the_file_backend_writes_one_masked_line_per_sms(county, settings, tmp_path):
    settings.XINFANG_NOTIFY_BACKENDS = {"sms": "xinfang.notifications.backends.FileSmsBackend"}
    settings.XINFANG_NOTIFY_FILE = tmp_path / "sms.jsonl"
    n = notify(channel=Channel.SMS, body="您的信访件已受理", address="13812345678")

    outbox_send(n.pk)

    line = json.loads((tmp_path / "sms.jsonl").read_text(encoding="utf-8"))
    assert line == {"id": n.pk, "to": "138****5678", "body": "您的信访件已受理"}


def test_staff_get_in_app_messages_and_email_through_django_mail(county, settings):
    settings.XINFANG_NOTIFY_BACKENDS = {"email": "xinfang.notifications.backends.DjangoEmailBackend"}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    handler = county.user(county.housing, Role.HANDLER)
    handler.email = "zhang@example.org"
    handler.save()

    case = act(county, register(county), Action.TRANSFER)
    outbox_flush()

    inapp = Notification.objects.get(user=handler, channel=Channel.INAPP)
    assert inapp.state == State.SENT and case.number in inapp.subject
    assert [m.to for m in mail.outbox] == [["zhang@example.org"]]
    assert "15日内书面告知信访人" in mail.outbox[0].body
    assert Notification.objects.get(user=handler, channel=Channel.EMAIL).masked_address == \
        "z***@example.org"


def test_the_smtp_backend_reports_an_unreachable_server_as_a_retry(county, settings):
    settings.XINFANG_NOTIFY_BACKENDS = {"email": "xinfang.notifications.backends.SmtpEmailBackend"}
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    n = notify(channel=Channel.EMAIL, body="测试", subject="测试", address="a@example.org")

    assert outbox_send(n.pk) == State.PENDING

    n.refresh_from_db()
    assert n.attempts == 1 and n.last_error


def test_no_address_no_message(county):
    assert notify(channel=Channel.SMS, body="x", address="") is None
    assert notify(channel=Channel.EMAIL, body="x", user=county.user(county.housing, Role.HANDLER)) \
        is None
