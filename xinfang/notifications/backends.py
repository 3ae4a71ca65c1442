"""Pluggable senders, one per channel, chosen in settings.XINFANG_NOTIFY_BACKENDS (dotted paths).

Defaults: SMS and e-mail to the log (console, addresses masked); in-app messages are stored and
shown in the staff inbox. For real e-mail use ``SmtpEmailBackend`` (Django's SMTP backend with
EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL) or
``DjangoEmailBackend`` (whatever settings.EMAIL_BACKEND is). Each channel's backend is chosen by
settings.XINFANG_NOTIFY_BACKENDS, else the environment variable XINFANG_NOTIFY_<CHANNEL>_BACKEND
(e.g. XINFANG_NOTIFY_EMAIL_BACKEND=xinfang.notifications.backends.SmtpEmailBackend).

An SMS gateway (阿里云短信, 腾讯云短信, an operator's SMPP gateway ...) is plugged in by writing a class
with ``send(notification) -> str`` that calls the provider and returns its message id, raising
``SendError`` on failure (the outbox retries), and naming it in settings::

    XINFANG_NOTIFY_BACKENDS = {"sms": "myproject.sms.AliyunSmsBackend"}

A file backend (``FileSmsBackend``) writes one JSON line per message, for staging systems.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils.module_loading import import_string

from xinfang.core.conf import get

if TYPE_CHECKING:
    from .models import Notification

log = logging.getLogger("xinfang.notifications")

DEFAULT_BACKENDS = {
    "sms": "xinfang.notifications.backends.ConsoleSmsBackend",
    "email": "xinfang.notifications.backends.ConsoleEmailBackend",
    "inapp": "xinfang.notifications.backends.InAppBackend",
}


class SendError(Exception):
    """The provider refused or could not be reached; the outbox will try again."""


class Backend(Protocol):
    def send(self, notification: Notification) -> str:
        """Deliver the message; return the provider's message id; raise SendError on failure."""


class ConsoleSmsBackend:
    """Development: the SMS goes to the log, with the phone number masked."""

    def send(self, notification: Notification) -> str:
        log.info("短信 → %s：%s", notification.masked_address, notification.body)
        return f"console-{notification.pk}"


class FileSmsBackend:
    """Staging: one JSON line per SMS in XINFANG_NOTIFY_FILE (phone masked)."""

    def send(self, notification: Notification) -> str:
        path = Path(get("XINFANG_NOTIFY_FILE") or settings.VAR_DIR / "sms.jsonl")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({"id": notification.pk, "to": notification.masked_address,
                                 "body": notification.body}, ensure_ascii=False) + "\n")
        return f"file-{notification.pk}"


class ConsoleEmailBackend:
    """Development: the e-mail goes to the log, with the address masked."""

    def send(self, notification: Notification) -> str:
        log.info("邮件 → %s：%s", notification.masked_address, notification.subject)
        return f"console-{notification.pk}"


class DjangoEmailBackend:
    """E-mail through django.core.mail with settings.EMAIL_BACKEND."""

    connection_backend: str | None = None

    def send(self, notification: Notification) -> str:
        message = EmailMessage(subject=notification.subject or notification.body[:30],
                               body=notification.body, to=[notification.address],
                               connection=get_connection(self.connection_backend))
        try:
            sent = message.send(fail_silently=False)
        except Exception as exc:  # noqa: BLE001 - SMTP errors come in many classes
            raise SendError(f"{exc.__class__.__name__}: {exc}") from exc
        if not sent:
            raise SendError("邮件服务器未接受该邮件")
        log.info("邮件 → %s：%s", notification.masked_address, notification.subject)
        return message.extra_headers.get("Message-ID", f"email-{notification.pk}")


class SmtpEmailBackend(DjangoEmailBackend):
    """Production e-mail: SMTP (EMAIL_HOST, EMAIL_PORT, EMAIL_USE_TLS, EMAIL_HOST_USER ...)."""

    connection_backend = "django.core.mail.backends.smtp.EmailBackend"


class InAppBackend:
    """In-app: the stored row is the message; sending marks it available in the inbox."""

    def send(self, notification: Notification) -> str:
        return f"inapp-{notification.pk}"


@lru_cache(maxsize=8)
def _load(path: str) -> Backend:
    return import_string(path)()


def backend_for(channel: str) -> Backend:
    configured = (get("XINFANG_NOTIFY_BACKENDS").get(channel)
                  or get(f"XINFANG_NOTIFY_{channel.upper()}_BACKEND") or DEFAULT_BACKENDS[channel])
    return _load(configured)
