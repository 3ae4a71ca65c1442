"""Keep the cached working-day calendar and the running deadlines in step with the holiday table.

Adding a `CalendarYear` (the State Council notice of that year is entered) or editing the holidays of
a year already known recomputes, after commit, every running deadline over that year
(`services.deadlines_recompute`, an outbox job of core/jobs.py). Holiday rows of a year not yet known are
only the draft of its notice: they wait for the year's `CalendarYear` row, which recomputes once.
Bulk loaders (`sync_holidays`) recompute themselves inside `recompute_deferred()`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from . import calendar
from .models import CalendarYear, Holiday

_local = threading.local()


@contextlib.contextmanager
def recompute_deferred() -> Iterator[None]:
    """Within this block the table's signals only clear the cache; the caller recomputes."""
    previous, _local.deferred = getattr(_local, "deferred", False), True
    try:
        yield
    finally:
        _local.deferred = previous


def _schedule(years: set[int], reason: str) -> None:
    if getattr(_local, "deferred", False) or not years:
        return
    from xinfang.core.jobs import job_enqueue

    # A durable job written with the change; run after commit, re-sent by the relay if lost.
    job_enqueue(name="deadlines.recompute", years=sorted(years), reason=reason)


@receiver(pre_save, sender=Holiday)
def _remember_old_date(instance: Holiday, **kwargs: object) -> None:
    instance._old_date = (  # type: ignore[attr-defined]
        Holiday.objects.filter(pk=instance.pk).values_list("date", flat=True).first()
        if instance.pk else None
    )


@receiver([post_save, post_delete], sender=Holiday)
def _holiday_changed(instance: Holiday, **kwargs: object) -> None:
    calendar.invalidate()
    years = {instance.date.year}
    if getattr(instance, "_old_date", None):
        years.add(instance._old_date.year)  # type: ignore[attr-defined]
    known = set(CalendarYear.objects.filter(year__in=years).values_list("year", flat=True))
    for year in sorted(known):
        _schedule({year}, f"{year}年节假日安排已修改")


@receiver(post_save, sender=CalendarYear)
def _year_saved(instance: CalendarYear, created: bool, **kwargs: object) -> None:  # noqa: FBT001
    calendar.invalidate()
    verb = "已公布" if created else "已修改"
    _schedule({instance.year}, f"{instance.year}年放假安排{verb}")


@receiver(post_delete, sender=CalendarYear)
def _year_deleted(instance: CalendarYear, **kwargs: object) -> None:
    calendar.invalidate()
    _schedule({instance.year}, f"{instance.year}年放假安排撤回，按法定节日估算")
