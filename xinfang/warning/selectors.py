"""Reads of the warning app, always scoped to the acting user's jurisdiction.

A user sees a warning when its place (scope unit) or its responsible unit lies within the user's
jurisdiction (`orgs.selectors.jurisdiction_of`); evidence cases are always filtered through
`visible_cases`, so Art. 30 holds for them as for every other read. The dashboard counts only
`visible_cases(user)`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import CharField, Count, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext

from xinfang.cases.models import Case, Category, Channel
from xinfang.cases.selectors import visible_cases
from xinfang.core import clock
from xinfang.deadlines.models import Deadline, DeadlineState
from xinfang.orgs.models import Unit
from xinfang.orgs.selectors import jurisdiction_of, under_q, units_under

from .conf import policy
from .models import SEVERITY_LABELS, Warning, WarningKind, WarningLevel
from .states import WarningStatus


def level_label(level: str) -> str:
    """The level as configured: 蓝色/黄色/橙色/红色, or 一般/较重/严重/特别严重."""
    lvl = WarningLevel(level)
    return str(SEVERITY_LABELS[lvl] if policy()["level_style"] == "severity" else lvl.label)


def visible_warnings(user: Any) -> QuerySet[Warning]:
    if not user.is_authenticated:
        return Warning.objects.none()
    if user.is_superuser:
        return Warning.objects.all()
    root = jurisdiction_of(user)
    if root is None:
        return Warning.objects.none()
    return Warning.objects.filter(under_q("scope_unit", root) | under_q("responsible_unit", root))


def warning_get(user: Any, *, number: str) -> Warning:
    """One visible warning; Warning.DoesNotExist (→ 404) for any other."""
    return (visible_warnings(user).select_related("scope_unit", "responsible_unit",
                                                  "letter_unit", "category")
            .get(number=number))


def warning_evidence(user: Any, warning: Warning) -> QuerySet[Case]:
    """The evidence cases this user may see (Art. 30 via visible_cases)."""
    return (visible_cases(user).filter(warnings=warning)
            .select_related("category", "problem_unit").order_by("received_on", "pk"))


def case_warnings(user: Any, case: Case) -> list[Warning]:
    return list(visible_warnings(user).filter(evidence=case).order_by("-last_signal_on"))


# ----------------------------------------------------------------------------------------------
# dashboard
# ----------------------------------------------------------------------------------------------



@dataclass
class Dashboard:
    today: dt.date
    root: Unit | None
    days: list[tuple[dt.date, int]] = field(default_factory=list)  # last 90 days
    weeks: list[tuple[dt.date, int]] = field(default_factory=list)  # last 26 ISO weeks (Monday)
    channels: list[tuple[str, int]] = field(default_factory=list)  # last 365 days
    categories: list[dict] = field(default_factory=list)  # first level, last 30 days vs before
    totals: dict[str, int] = field(default_factory=dict)
    tree: list[dict] = field(default_factory=list)  # nested units with counts (last 365 days)
    hot: list[Warning] = field(default_factory=list)
    open_warnings: list[Warning] = field(default_factory=list)
    open_by_level: dict[str, int] = field(default_factory=dict)
    overdue: list[Deadline] = field(default_factory=list)
    overdue_ids: list[int] = field(default_factory=list)  # the listed clocks, most overdue first
    overdue_total: int = 0
    indicators: list[dict] = field(default_factory=list)
    grassroots: dict = field(default_factory=dict)  # whistles and suggestions, last 365 days


def _rate(num: int, den: int) -> float | None:
    return round(100.0 * num / den, 1) if den else None


def _change(cur: int, prev: int) -> float | None:
    return round(100.0 * (cur - prev) / prev, 1) if prev else None


def overdue_deadlines(user: Any, *, cases: Any = None) -> Any:
    """Overdue legal clocks (Art. 34-36, 45) on the cases the user may see, the most overdue first."""
    # the visible cases listed from the jurisdiction's access rows (`listed`), not an access check
    # for every case of every county (the count runs over all overdue clocks)
    cases = visible_cases(user, listed=True) if cases is None else cases
    return (Deadline.objects.filter(state=DeadlineState.OVERDUE, for_petitioner=False)
            .filter(case__in=cases)
            .select_related("case", "unit").order_by("due_on", "pk"))


def dashboard_data(user: Any, *, today: dt.date | None = None,
                   list_limit: int | None = 50) -> Dashboard:
    """Everything on the leaders' dashboard, in a fixed number of queries (pinned by a test).

    ``list_limit`` cuts the lists shown on the page (the page says "50 of 142" and links to the whole
    list); the Excel export passes None and gets every row.
    """
    today = today or clock.today()
    root = jurisdiction_of(user)
    d = Dashboard(today=today, root=root)
    start = today - dt.timedelta(days=365 + 29)

    # 1-4 read one grouped scan of the jurisdiction's cases of the last 395 days (received on,
    # channel, category, problem place: a few rows per case at most), summed here four ways
    year_ago = today - dt.timedelta(days=364)
    t30, t60 = today - dt.timedelta(days=29), today - dt.timedelta(days=59)
    y0, y1 = today - dt.timedelta(days=365 + 29), today - dt.timedelta(days=365)
    # the day as text, parsed once per distinct day below (not once per group row)
    groups = list(visible_cases(user, listed=True).filter(received_on__gte=start, received_on__lte=today)
                  .annotate(day=Cast("received_on", CharField()))
                  .values_list("day", "channel", "category_id", "problem_unit_id")
                  .annotate(n=Count("id")).order_by())
    per_day: dict[dt.date, int] = defaultdict(int)
    ch: dict[str, int] = defaultdict(int)
    per_unit: dict[int | None, int] = defaultdict(int)
    per_category: dict[int | None, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    days: dict[str, dt.date] = {}
    for text, channel, category_id, unit_id, n in groups:
        day = days.get(text) or days.setdefault(text, dt.date.fromisoformat(text[:10]))
        per_day[day] += n
        c = per_category[category_id]
        c[0] += n if day >= t30 else 0
        c[1] += n if t60 <= day < t30 else 0
        c[2] += n if y0 <= day <= y1 else 0
        if day >= year_ago:
            c[3] += n
            ch[channel] += n
            per_unit[unit_id] += n

    # 1. counts per day over 395 days: days, weeks and trends
    d.days = [(today - dt.timedelta(days=i), per_day.get(today - dt.timedelta(days=i), 0))
              for i in range(89, -1, -1)]
    monday = today - dt.timedelta(days=today.weekday())
    weeks = []
    for w in range(25, -1, -1):
        ws = monday - dt.timedelta(weeks=w)
        weeks.append((ws, sum(per_day.get(ws + dt.timedelta(days=k), 0) for k in range(7))))
    d.weeks = weeks

    def window(a: int, b: int) -> int:  # days a..b before today, inclusive
        return sum(per_day.get(today - dt.timedelta(days=i), 0) for i in range(a, b + 1))

    d.totals = {"last30": window(0, 29), "prev30": window(30, 59),
                "yoy30": window(365, 365 + 29), "last365": window(0, 364)}
    d.totals["change"] = _change(d.totals["last30"], d.totals["prev30"])
    d.totals["yoy_change"] = _change(d.totals["last30"], d.totals["yoy30"])

    # 2. channels, last 365 days
    d.channels = [(str(label), ch.get(value, 0)) for value, label in Channel.choices]

    # 3. categories (first level): last 30 days, the 30 before, the same 30 days a year ago
    rows = [(cid, *v) for cid, v in per_category.items()]
    cats = {c["id"]: c for c in Category.objects.values("id", "name", "parent_id")}

    def top_of(cid: int | None) -> str:
        if not cid:
            return gettext("未分类")
        while cats[cid]["parent_id"]:
            cid = cats[cid]["parent_id"]
        return cats[cid]["name"]

    agg: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for cid, cur, prev, yoy, year in rows:
        a = agg[top_of(cid)]
        a[0] += cur
        a[1] += prev
        a[2] += yoy
        a[3] += year
    d.categories = sorted(
        ({"name": k, "last30": v[0], "prev30": v[1], "yoy30": v[2], "last365": v[3],
          "change": _change(v[0], v[1]), "yoy_change": _change(v[0], v[2])}
         for k, v in agg.items() if v[3] or v[0]),
        key=lambda r: (-r["last365"], r["name"]))

    # 4. the unit tree with counts by problem place (last 365 days), rolled up
    if root is not None or user.is_superuser:
        units = list(units_under(root) if root is not None
                     else Unit.objects.all())
        d.tree = _unit_tree(units, per_unit)

    # 5. warnings (their lists: dashboard_lists)
    warnings = visible_warnings(user).exclude(status=WarningStatus.CLOSED)
    by_level = dict(warnings.values_list("level").annotate(n=Count("id")).order_by())
    d.open_by_level = {lvl.value: by_level.get(lvl.value, 0) for lvl in WarningLevel}

    # 6. overdue legal clocks on visible cases: how many, and which come first (read in dashboard_lists)
    overdue = overdue_deadlines(user)
    d.overdue = list(overdue[:list_limit])
    d.overdue_ids = [x.pk for x in d.overdue]
    d.overdue_total = overdue.count()

    # 7. indicators over the jurisdiction, last 365 days (xinfang.resolution.indicators, each record once)
    d.indicators = _indicators(root, today, everything=user.is_superuser)

    # 8. the grassroots figures, last 365 days (吹哨报到 and 人民建议; formulas in docs/indicators.md)
    d.grassroots = grassroots_figures(user, since=year_ago, today=today)
    return dashboard_lists(user, d, list_limit=list_limit, overdue=False)


def dashboard_lists(user: Any, d: Dashboard, *, list_limit: int | None = 50,
                    overdue: bool = True) -> Dashboard:
    """The dashboard's lists, read as they are now: the hot issues and open warnings (a few rows of the
    warning table) and, with ``overdue``, the overdue clocks of ``d.overdue_ids`` (the first
    ``list_limit``, found with the counts) with their cases and units. A snapshot
    (warning/snapshots.py) keeps only the counts and those ids, and fills the lists with this on every
    request."""
    warnings = visible_warnings(user).exclude(status=WarningStatus.CLOSED)
    d.hot = list(warnings.filter(kind=WarningKind.HOT_ISSUE)
                 .select_related("responsible_unit").order_by("-statistic", "pk")[:10])
    d.open_warnings = list(warnings.select_related("responsible_unit")
                           .order_by("-last_signal_on", "-pk")[:list_limit])
    if overdue:
        rows = list(Deadline.objects.filter(pk__in=d.overdue_ids)
                    .select_related("case", "unit").order_by("due_on", "pk"))
        # still visible to this user (checked for these few cases by their keys: a semi-join with
        # every visible case costs SQLite 0.2 s at 100,000 cases)
        seen = set(visible_cases(user).filter(pk__in={x.case_id for x in rows})
                   .values_list("pk", flat=True)) if rows else set()
        d.overdue = [x for x in rows if x.case_id in seen]
    return d


def grassroots_figures(user: Any, *, since: dt.date, today: dt.date) -> dict:
    """吹哨报到 (matters whistled and closed, mean days from whistle to close, per grid and per
    department), 人民建议 (count, adoption rate, mean days to answer), 众人议事厅 (topics opened,
    closed, votes, eligible, turnout, each closed topic's participation and majority) and 信访超市
    (the share of needs solved in the village, and in the village or township: 小事不出村，大事不出镇)
    and 四诊合一接访 (坐诊 held and bookings kept, home visits done, routed on time, 会诊 resolved, resolved
    without a case) over the matters raised from `since` to `today` that the user may see, and the
    cross-border fast track's durations (xborder.selectors.durations); formulas in
    docs/indicators.md."""
    from django.utils import timezone

    from xinfang.deliberation.selectors import figures as deliberation_figures
    from xinfang.deliberation.selectors import in_window, visible_topics
    from xinfang.servicepoints.selectors import figures as need_figures
    from xinfang.servicepoints.selectors import (
        sizhen_figures,
        visible_consults,
        visible_needs,
        visible_sittings,
    )
    from xinfang.suggestions.selectors import figures as suggestion_figures
    from xinfang.suggestions.selectors import visible_suggestions
    from xinfang.whistle.selectors import figures as whistle_figures
    from xinfang.whistle.selectors import visible_whistles
    from xinfang.xborder.selectors import durations as xborder_durations

    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(since, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    total, grids, departments = whistle_figures(
        visible_whistles(user).filter(whistled_at__gte=start, whistled_at__lt=end))
    s = suggestion_figures(visible_suggestions(user).filter(submitted_on__gte=since,
                                                            submitted_on__lte=today))
    delib = deliberation_figures(in_window(visible_topics(user), start, end))
    needs_total, needs_by_point = need_figures(
        visible_needs(user).filter(recorded_at__gte=start, recorded_at__lt=end))
    sizhen = sizhen_figures(
        visible_consults(user).filter(created_at__gte=start, created_at__lt=end),
        visible_sittings(user).filter(date__gte=since), today=today)

    def row(f: Any) -> dict:
        return {"name": f.name, "whistled": f.whistled, "closed": f.closed,
                "average_days": None if f.average_days is None else round(f.average_days, 1)}

    return {
        "whistle": row(total), "grids": [row(f) for f in grids],
        "departments": [row(f) for f in departments],
        "suggestions": {"count": s.count, "answered": s.answered, "decided": s.decided,
                        "adopted": s.adopted,
                        "adoption_rate": None if s.adoption_rate is None
                        else round(100.0 * s.adoption_rate, 1),
                        "average_days_to_answer": None if s.average_days_to_answer is None
                        else round(s.average_days_to_answer, 1)},
        "deliberation": {"topics": delib.topics, "closed": delib.closed, "votes": delib.votes,
                         "eligible": delib.eligible, "turnout": delib.turnout,
                         "rows": delib.rows},
        # 信访超市: 小事不出村，大事不出镇 (formulas in docs/indicators.md)
        "needs": need_row(needs_total), "need_points": [need_row(f) for f in needs_by_point],
        # 四诊合一接访 (formulas in docs/indicators.md)
        "sizhen": sizhen_row(sizhen),
        # 涉港澳台侨、涉外快速通道: days to the acceptance decision and to the answer (issue 19)
        "cross_border": xborder_durations(visible_cases(user, listed=True), start=since,
                                          end=today),
    }


def sizhen_row(f: Any) -> dict:
    """The 四诊 figures (servicepoints.selectors.SizhenFigures) for the dashboard and the Excel."""
    from dataclasses import asdict

    return {**asdict(f), "concluded": f.concluded, "kept_rate": f.kept_rate,
            "visit_rate": f.visit_rate, "routed_on_time_rate": f.routed_on_time_rate,
            "convened_resolved_rate": f.convened_resolved_rate,
            "without_case_rate": f.without_case_rate}


def need_row(f: Any) -> dict:
    """One row of the service points' figures (servicepoints.selectors.Figures) for the dashboard."""
    return {"name": f.name, "recorded": f.recorded, "open": f.open, "concluded": f.concluded,
            "village_done": f.village_done, "township_done": f.township_done,
            "local_done": f.village_done + f.township_done, "petitioned": f.petitioned,
            "village_rate": f.village_pct, "local_rate": f.local_pct}


def _indicators(root: Unit | None, today: dt.date, *, everything: bool) -> list[dict]:
    """The official indicators (xinfang.resolution.indicators) over the units of the jurisdiction and the
    last 365 days; a user without a unit sees no case, so empty figures (superusers see all)."""
    from xinfang.resolution import indicators as official

    period = official.Period(today - dt.timedelta(days=364), today)
    units = (units_under(root) if root is not None
             else Unit.objects.all() if everything else Unit.objects.none())
    ids = list(units.values_list("pk", flat=True))
    return [{"key": ind.key, "name": str(ind.label), "formula": str(ind.formula),
             "value": _rate(total.numerator, total.denominator),
             "num": total.numerator, "den": total.denominator}
            for ind, total in official.jurisdiction_figures(ids, period)]


def _unit_tree(units: list[Unit], per_unit: dict[int, int]) -> list[dict]:
    nodes = {u.pk: {"id": u.pk, "name": u.name, "own": per_unit.get(u.pk, 0), "total": 0,
                    "children": []} for u in units}
    roots = []
    for u in sorted(units, key=lambda u: u.path):
        if u.parent_id in nodes:
            nodes[u.parent_id]["children"].append(nodes[u.pk])
        else:
            roots.append(nodes[u.pk])

    def total(n: dict) -> int:
        n["total"] = n["own"] + sum(total(c) for c in n["children"])
        return n["total"]

    for r in roots:
        total(r)
    return roots


def place_boxes(roots: list[dict]) -> list[dict]:
    """The treemap's data: the places of the problems as separate boxes with their case counts.

    Units without cases are left out; a unit with cases of its own and below it gets a box of its
    own ("本级") beside its subordinate places; a level with a single box (the jurisdiction, a
    township holding every case) is opened, so the chart never shows one box for everything."""

    def box(n: dict) -> dict:
        children = [box(c) for c in n["children"] if c["total"]]
        if children and n["own"]:
            children.insert(0, {"name": gettext("%(unit)s（本级）") % {"unit": n["name"]},
                                "value": n["own"]})
        out = {"name": n["name"], "value": n["total"]}
        if children:
            out["children"] = children
        return out

    top = [box(r) for r in roots if r["total"]]
    while len(top) == 1 and top[0].get("children"):
        top = top[0]["children"]
    return top
