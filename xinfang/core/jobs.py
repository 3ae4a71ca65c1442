"""No lost background work: a job outbox and periodic jobs that catch up.

**Jobs.** ``job_enqueue`` writes a ``Job`` row inside the caller's transaction (so the job exists
exactly when the change that needs it was committed) and, after commit, hands it to Huey
(``core.tasks.run_job``: in-process in the default ``immediate`` mode, a consumer in production).
``job_run`` claims the row (``claimed_at``), runs the handler and marks it done. If the hand-off is
lost (process killed after commit, Redis down) or the consumer dies mid-task (kill -9), the row stays
pending; ``jobs_relay`` (every minute, ``core.tasks.tick``, or ``manage.py run_jobs``) re-sends the rows
whose ``run_after`` has passed: ``XINFANG_JOBS_GRACE_MINUTES`` after creation, ``XINFANG_JOBS_LEASE_MINUTES``
after a claim, a back-off after a failure, up to ``XINFANG_JOBS_MAX_ATTEMPTS``. Delivery is at least
once, so every handler is idempotent (a proposal for a case already proposed is a no-op).

**Periodic jobs.** Huey's crontab tasks do not catch up after downtime. The daily and hourly jobs are
registered here with their slot (``hour``/``minute``); the minute tick runs each one whose last
completed run (``PeriodicRun.done_at``) is older than its latest slot: at its usual time, and once on
the first tick after the consumer comes back, however many slots were missed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from xinfang.core import clock
from xinfang.core.conf import get

from .models import Job, PeriodicRun

log = logging.getLogger("xinfang.jobs")

HANDLERS: dict[str, Callable[..., Any]] = {}
_discovered = False


def _discover() -> None:
    """Handlers and periodic jobs register in the apps' tasks.py (imported by run_huey, and here)."""
    global _discovered  # noqa: PLW0603
    if not _discovered:
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tasks")
        _discovered = True
BACKOFF = [dt.timedelta(minutes=m) for m in (1, 5, 30, 120, 720)]


def _minutes(name: str) -> dt.timedelta:
    return dt.timedelta(minutes=int(get(name)))


def job_handler(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the (idempotent) function that does the job called `name`; it takes the job's args."""
    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        HANDLERS[name] = func
        return func
    return register


def _hand_over(pk: int) -> None:
    from .tasks import run_job

    try:
        run_job(pk)
    except Exception:  # noqa: BLE001 - a broken queue (or job) never breaks the request: the relay retries
        log.exception("后台任务%s未能交给任务队列，将由定时任务重试", pk)


def job_enqueue(*, name: str, **args: Any) -> Job:
    """Write the job in the current transaction; hand it to the queue after commit."""
    _discover()
    if name not in HANDLERS:
        raise KeyError(f"unknown job {name!r}")
    now = clock.now()
    job = Job.objects.create(name=name, args=args, created_at=now,
                             run_after=now + _minutes("XINFANG_JOBS_GRACE_MINUTES"))
    transaction.on_commit(lambda: _hand_over(job.pk))
    return job


def jobs_inline() -> bool:
    """True when jobs run in the process that wrote them, right after commit (the embedded default,
    ``XINFANG_HUEY=immediate``); False when a consumer takes them from the queue (Redis)."""
    from django.conf import settings

    return bool(getattr(settings, "HUEY", {}).get("immediate", True))


def job_pending(name: str, **args: Any) -> bool:
    """Whether a job `name` with exactly these args is written and neither done nor given up."""
    return Job.objects.filter(name=name, args=args, done_at__isnull=True,
                              failed_at__isnull=True).exists()


def job_run(*, pk: int) -> str:
    """Run one job if nobody else is running it; returns done / failed / retry / skipped."""
    now = clock.now()
    lease = _minutes("XINFANG_JOBS_LEASE_MINUTES")
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - lease)  # a dead consumer's claim expires
    claimed = (Job.objects.filter(free, pk=pk, done_at__isnull=True, failed_at__isnull=True)
               .update(claimed_at=now, run_after=now + lease, attempts=F("attempts") + 1))
    if not claimed:
        return "skipped"
    job = Job.objects.get(pk=pk)
    _discover()
    try:
        HANDLERS[job.name](**job.args)
    except Exception as exc:  # noqa: BLE001 - recorded and retried with back-off
        reason = f"{exc.__class__.__name__}: {exc}"[:300]
        log.exception("后台任务%s（%s）第%d次执行失败：%s", job.pk, job.name, job.attempts, reason)
        later = clock.now()
        give_up = job.attempts >= int(get("XINFANG_JOBS_MAX_ATTEMPTS"))
        Job.objects.filter(pk=pk).update(
            last_error=reason, claimed_at=None, failed_at=later if give_up else None,
            run_after=later + BACKOFF[min(job.attempts, len(BACKOFF)) - 1])
        return "failed" if give_up else "retry"
    Job.objects.filter(pk=pk).update(done_at=clock.now(), last_error="")
    return "done"


def jobs_relay(*, limit: int | None = None) -> int:
    """Re-send the pending jobs that are due (bounded batch on a partial index); returns how many."""
    now = clock.now()
    limit = limit or int(get("XINFANG_JOBS_RELAY_BATCH"))
    due = list(Job.objects.filter(done_at__isnull=True, failed_at__isnull=True, run_after__lte=now)
               .order_by("run_after").values_list("pk", flat=True)[:limit])
    lease = _minutes("XINFANG_JOBS_LEASE_MINUTES")
    for pk in due:
        # Not sent again next minute while it waits in the queue; a dead consumer's job is after the lease.
        Job.objects.filter(pk=pk, run_after__lte=now).update(run_after=now + lease)
        _hand_over(pk)
    if due:
        log.info("重新派发后台任务%d个", len(due))
    return len(due)


# --- periodic jobs that catch up -------------------------------------------------------------------


@dataclass(frozen=True)
class Periodic:
    name: str
    func: Callable[[], Any]
    minute: int
    hour: int | None = None  # None: every hour at `minute`

    def last_slot(self, now: dt.datetime) -> dt.datetime:
        """The latest scheduled time at or before `now` (local time)."""
        local = timezone.localtime(now)
        if self.hour is None:
            slot = local.replace(minute=self.minute, second=0, microsecond=0)
            return slot if slot <= local else slot - dt.timedelta(hours=1)
        slot = local.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
        return slot if slot <= local else slot - dt.timedelta(days=1)


PERIODIC: dict[str, Periodic] = {}


def periodic_job(name: str, *, minute: int, hour: int | None = None) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register an idempotent daily (`hour`) or hourly job, run by the minute tick when due."""
    def register(func: Callable[[], Any]) -> Callable[[], Any]:
        PERIODIC[name] = Periodic(name=name, func=func, minute=minute, hour=hour)
        return func
    return register


def periodic_run_due(*, only: str | None = None) -> dict[str, str]:
    """Run every registered periodic job whose last completed run is older than its latest slot
    (never run counts as due), each at most once per call and never twice at the same time."""
    _discover()
    out = {}
    for spec in list(PERIODIC.values()):
        if only and spec.name != only:
            continue
        now = clock.now()
        slot = spec.last_slot(now)
        PeriodicRun.objects.get_or_create(name=spec.name)
        lease = _minutes("XINFANG_JOBS_LEASE_MINUTES") * 6
        not_running = (Q(started_at__isnull=True) | Q(done_at__gte=F("started_at"))
                       | Q(started_at__lt=now - lease))
        due = Q(done_at__isnull=True) | Q(done_at__lt=slot)
        if not PeriodicRun.objects.filter(not_running & due, name=spec.name).update(started_at=now):
            continue
        try:
            result = spec.func()
        except Exception as exc:  # noqa: BLE001 - the next tick tries again
            log.exception("定时任务%s执行失败", spec.name)
            out[spec.name] = f"error: {exc.__class__.__name__}"
            PeriodicRun.objects.filter(name=spec.name).update(started_at=None)
            continue
        text = str(result)
        PeriodicRun.objects.filter(name=spec.name).update(done_at=clock.now(), result=text[:300])
        out[spec.name] = text
    return out


EVERY_MINUTE: dict[str, Callable[[], Any]] = {}


def every_minute(name: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register a short, idempotent job the minute tick runs each time (e.g. refreshing the
    dashboard snapshots); a failure is logged and never stops the tick."""
    def register(func: Callable[[], Any]) -> Callable[[], Any]:
        EVERY_MINUTE[name] = func
        return func
    return register


def _run_every_minute() -> dict[str, str]:
    _discover()
    out = {}
    for name, func in list(EVERY_MINUTE.items()):
        try:
            out[name] = str(func())
        except Exception as exc:  # noqa: BLE001 - the next tick tries again
            log.exception("每分钟任务%s执行失败", name)
            out[name] = f"error: {exc.__class__.__name__}"
    return out


def tick() -> dict[str, Any]:
    """Every minute: relay the due jobs, run the periodic jobs that are due, then the minute jobs."""
    return {"relayed": jobs_relay(), "periodic": periodic_run_due(), "minute": _run_every_minute()}
