"""Writing messages to the outbox and sending them.

``notify_*`` write outbox rows inside the caller's transaction (so a message exists exactly when the
change it reports was committed) and ask for sending after commit (``transaction.on_commit``, via a
Huey task: in-process by default, a worker in production). ``outbox_send`` sends one message and, on
failure, schedules the next attempt with back-off; ``outbox_flush`` (periodic task, every minute)
sends whatever is due, so a message whose first attempt was lost in a crash is still sent.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from xinfang.core import clock

from .backends import SendError, backend_for
from .models import Channel, Notification, State

log = logging.getLogger("xinfang.notifications")

#: Wait before attempt n+1 after n failures; after the last one the message is marked failed.
RETRY_DELAYS = [dt.timedelta(minutes=m) for m in (1, 5, 30, 120, 720)]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def _enqueue(pk: int) -> None:
    from .tasks import send_notification

    try:
        send_notification(pk)
    except Exception:  # a broken queue must not break the request; the periodic flush retries
        log.exception("消息%s未能加入发送队列，将由定时任务重试", pk)


def notify(*, channel: Channel | str, body: str, subject: str = "", user: Any = None,
           petitioner: Any = None, address: str = "", case: Any = None) -> Notification | None:
    """Queue one message; None when the recipient has no address for that channel."""
    channel = Channel(channel)
    if channel == Channel.SMS:
        address = address or getattr(petitioner, "phone", "") or ""
    elif channel == Channel.EMAIL:
        address = address or getattr(user, "email", "") or ""
    if channel != Channel.INAPP and not address:
        return None
    now = clock.now()
    # An in-app message is delivered by committing it: it shows in the inbox from then on.
    inapp = channel == Channel.INAPP
    notification = Notification.objects.create(
        channel=channel, user=user if getattr(user, "pk", None) else None, petitioner=petitioner,
        address=address, case=case, subject=subject[:200], body=body, created_at=now,
        next_attempt_at=now, state=State.SENT if inapp else State.PENDING,
        sent_at=now if inapp else None, provider_id="inapp" if inapp else "",
    )
    if not inapp:
        transaction.on_commit(lambda: _enqueue(notification.pk))
    return notification


def notify_petitioners(*, case: Any, body: str, subject: str = "") -> list[Notification]:
    """An SMS to each petitioner of the case who gave a phone number."""
    out = []
    for party in case.parties.select_related("petitioner"):
        sent = notify(channel=Channel.SMS, body=body, subject=subject,
                      petitioner=party.petitioner, case=case)
        if sent:
            out.append(sent)
    return out


def notify_unit(*, unit: Any, case: Any, subject: str, body: str,
                roles: Iterable[str] = ()) -> list[Notification]:
    """An in-app message (and an e-mail when an address is set) to active staff of `unit`."""
    from xinfang.orgs.models import User

    staff = User.objects.filter(unit=unit, is_active=True)
    if roles:
        staff = staff.filter(roles__code__in=list(roles)).distinct()
    out = []
    for user in staff:
        out.append(notify(channel=Channel.INAPP, user=user, case=case, subject=subject,
                          body=body))
        if user.email:
            out.append(notify(channel=Channel.EMAIL, user=user, case=case, subject=subject,
                              body=body))
    return [n for n in out if n]


def outbox_send(pk: int) -> str:
    """Try to send one message now; returns its state. Safe to call twice (sent stays sent)."""
    with transaction.atomic():
        n = Notification.objects.select_for_update().filter(pk=pk).first()
        if n is None or n.state != State.PENDING:
            return n.state if n else "missing"
        now = clock.now()
        n.attempts += 1
        try:
            n.provider_id = str(backend_for(n.channel).send(n))[:100]
        except Exception as exc:  # noqa: BLE001 - any provider failure is retried
            reason = str(exc) if isinstance(exc, SendError) else f"{exc.__class__.__name__}: {exc}"
            n.last_error = reason[:300]
            if n.attempts >= MAX_ATTEMPTS:
                n.state = State.FAILED
                log.error("消息%s（%s → %s）发送失败%d次，已放弃：%s", n.pk,
                          n.get_channel_display(), n.masked_address, n.attempts, reason)
            else:
                n.next_attempt_at = now + RETRY_DELAYS[n.attempts - 1]
                log.warning("消息%s（%s → %s）第%d次发送失败，%s重试：%s", n.pk,
                            n.get_channel_display(), n.masked_address, n.attempts,
                            n.next_attempt_at.isoformat(timespec="minutes"), reason)
        else:
            n.state, n.sent_at, n.last_error = State.SENT, now, ""
        n.save()
        return n.state


def outbox_flush(*, limit: int = 200) -> dict[str, int]:
    """Send every pending message whose time has come (the periodic job and the retries)."""
    counts = {"sent": 0, "pending": 0, "failed": 0}
    due = Notification.objects.filter(state=State.PENDING, next_attempt_at__lte=clock.now())
    for pk in due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]:
        counts[outbox_send(pk)] += 1
    return counts


def inbox(user: Any):  # noqa: ANN201
    """The user's in-app messages, newest first."""
    return Notification.objects.filter(user=user, channel=Channel.INAPP,
                                       state=State.SENT).select_related("case")


def unread_count(user: Any) -> int:
    """How many of the user's in-app messages are unread (the bell in the top bar): one COUNT."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return inbox(user).filter(read_at__isnull=True).count()


def inbox_mark_read(*, user: Any, pk: int) -> int:
    """Mark one of the user's own messages read; 0 when it was read already or is not theirs."""
    return Notification.objects.filter(user=user, pk=pk, read_at__isnull=True).update(
        read_at=clock.now())


def inbox_mark_all_read(*, user: Any) -> int:
    """Mark every unread in-app message of the user read; returns how many."""
    return inbox(user).filter(read_at__isnull=True).update(read_at=clock.now())
