"""The one source of "now" for the whole platform, so tests and the demo can move time.

Every deadline and event reads the time through `now()` / `today()`; `frozen()` pins it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """The current aware datetime (or the frozen one)."""
    return _frozen if _frozen is not None else timezone.now()


def today() -> dt.date:
    """Today's date in the platform's time zone (Asia/Shanghai)."""
    return timezone.localdate(now())


@contextlib.contextmanager
def frozen(moment: dt.datetime | dt.date) -> Iterator[dt.datetime]:
    """Pin the clock to `moment` (a date means 09:00 local time on that day)."""
    global _frozen
    if isinstance(moment, dt.date) and not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time(9, 0))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    previous, _frozen = _frozen, moment
    try:
        yield moment
    finally:
        _frozen = previous
