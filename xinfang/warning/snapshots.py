"""The leaders' dashboard served from a snapshot that the minute tick keeps fresh.

``dashboard_data`` reads a year of the jurisdiction's cases, every overdue clock and the official
indicators: 0.5-1 s of SQL at 100,000 cases (docs/benchmarks.md), too slow for the page a leader
lands on every morning, and the same work for every leader who opens it. So the page serves a
snapshot of its figures:

- **What is kept:** the counts only (per day, week, channel, category, place; warnings by level;
  the overdue total and the ids of the first overdue clocks; the indicators), never a case's text
  or a person's data. The lists (hot issues, open warnings, the overdue clocks with their cases) are
  read on every request from those ids (a few rows), so they show the cases as they are now.
- **Per reach and language:** what a unit sees depends on the unit itself, not only on its
  jurisdiction (Art. 30: an accused unit never sees the accusation), so a snapshot belongs to the
  viewer's unit (or to superusers), the day, and the language its labels are in.
- **Where:** the shared cache (``settings.CACHES``: a database table by default, Redis in
  production), so every worker process serves the same snapshot.
- **How fresh:** the minute tick (``core.jobs.tick``: Huey's periodic task, or ``manage.py
  run_jobs --loop 60`` beside the embedded server) recomputes every snapshot viewed in the last
  ``XINFANG_DASHBOARD_KEEP_HOURS``, oldest first, within ``XINFANG_DASHBOARD_REFRESH_BUDGET``
  seconds; the page says when its figures were computed. A snapshot older than
  ``XINFANG_DASHBOARD_MAX_AGE`` seconds (no tick running) is recomputed on the request, and
  ``?refresh=1`` recomputes it at once. ``XINFANG_DASHBOARD_MAX_AGE = 0`` turns snapshots off.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import fields
from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import translation

from xinfang.core import clock
from xinfang.core.conf import get

from .selectors import Dashboard, dashboard_data, dashboard_lists

log = logging.getLogger("xinfang.warning")

VERSION = 2  # bump when Dashboard's counted fields change: older snapshots are then not read
VIEWERS = f"warning:dashboard:v{VERSION}:viewers"
LISTED = ("hot", "open_warnings", "overdue")  # read on every request, never kept
KEPT = tuple(f.name for f in fields(Dashboard) if f.name not in LISTED)


def _reach(user: Any) -> str:
    return "all" if user.is_superuser else f"u{user.unit_id}"


def _key(reach: str, language: str, today: dt.date) -> str:
    return f"warning:dashboard:v{VERSION}:{reach}:{language}:{today.isoformat()}"


def _compute(user: Any, language: str, list_limit: int | None) -> tuple[Dashboard, dt.datetime]:
    """Compute the dashboard now and keep its counts."""
    d = dashboard_data(user, list_limit=list_limit)
    at = clock.now()
    cache.set(_key(_reach(user), language, d.today),
              {"at": at, "limit": list_limit, "d": {name: getattr(d, name) for name in KEPT}},
              timeout=int(get("XINFANG_DASHBOARD_KEEP_HOURS")) * 3600)
    return d, at


def _note_viewer(user: Any, language: str, list_limit: int | None, at: dt.datetime) -> None:
    """Remember who viewed which snapshot, so the minute tick keeps it fresh (written at most once
    an hour per viewer: not a cache write per request)."""
    viewers = cache.get(VIEWERS) or {}
    entry = viewers.get((_reach(user), language))
    now = clock.now().timestamp()
    if entry and entry["user"] == user.pk and now - entry["viewed"] < 3600:
        return
    viewers[(_reach(user), language)] = {"user": user.pk, "limit": list_limit, "viewed": now,
                                         "computed": at.timestamp()}
    cache.set(VIEWERS, viewers, timeout=int(get("XINFANG_DASHBOARD_KEEP_HOURS")) * 3600)


def dashboard_snapshot(user: Any, *, list_limit: int | None = 50,
                       refresh: bool = False) -> tuple[Dashboard, dt.datetime]:
    """The dashboard for this user and the time its counts were computed (a fresh snapshot, else now)."""
    language = translation.get_language() or "zh-hans"
    max_age = int(get("XINFANG_DASHBOARD_MAX_AGE"))
    if max_age <= 0 or not getattr(user, "is_authenticated", False):
        return dashboard_data(user, list_limit=list_limit), clock.now()
    snap = None if refresh else cache.get(_key(_reach(user), language, clock.today()))
    if (snap and snap["limit"] == list_limit
            and 0 <= (clock.now() - snap["at"]).total_seconds() <= max_age):
        d = dashboard_lists(user, Dashboard(**snap["d"]), list_limit=list_limit)
        at = snap["at"]
    else:
        d, at = _compute(user, language, list_limit)
    _note_viewer(user, language, list_limit, at)
    return d, at


def dashboards_refresh(*, budget: float | None = None) -> int:
    """Recompute the snapshots viewed within XINFANG_DASHBOARD_KEEP_HOURS, the oldest first, until
    the budget (seconds) is spent; viewers who left (inactive, another unit now) are dropped.
    Returns how many were recomputed. Run by the minute tick (core.jobs.tick)."""
    if int(get("XINFANG_DASHBOARD_MAX_AGE")) <= 0:
        return 0
    budget = float(get("XINFANG_DASHBOARD_REFRESH_BUDGET")) if budget is None else budget
    viewers = cache.get(VIEWERS) or {}
    now = clock.now().timestamp()
    keep = int(get("XINFANG_DASHBOARD_KEEP_HOURS")) * 3600
    users = {u.pk: u for u in get_user_model().objects.filter(
        pk__in=[v["user"] for v in viewers.values()], is_active=True).select_related("unit")}
    started, done, kept = time.monotonic(), 0, {}
    for (reach, language), v in sorted(viewers.items(), key=lambda kv: kv[1]["computed"]):
        user = users.get(v["user"])
        if user is None or _reach(user) != reach or now - v["viewed"] > keep:
            continue  # dropped
        kept[(reach, language)] = v
        if time.monotonic() - started > budget:
            continue  # next tick (or the page, after XINFANG_DASHBOARD_MAX_AGE)
        try:
            with translation.override(language):
                _d, at = _compute(user, language, v["limit"])
        except Exception:  # noqa: BLE001 - one dashboard never stops the others; the page computes it
            log.exception("态势快照刷新失败：%s %s", reach, language)
            continue
        v["computed"] = at.timestamp()
        done += 1
    # written back whole: a viewer noted by a request meanwhile is noted again on its next view
    if kept != viewers or done:
        cache.set(VIEWERS, kept, timeout=keep)
    return done
