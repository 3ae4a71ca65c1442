"""Reads of the major-decision review, always scoped to the acting user, and the risk assessment
drawn from the data (the formulas are in docs/riskreview.md).

A decision is seen by staff whose jurisdiction holds the unit that registered it or one of the places
it touches (the unit itself, the units above it, the petition bureau covering it), and by the legal
office (`XINFANG_RISK_LEGAL_UNIT_TYPES`) of its county.

The assessment counts the petitions within the assessor's reach (`cases.selectors.visible_cases`)
whose 问题属地 lies in one of the decision's places and whose 内容分类 lies under one of its
categories or whose 概况/诉求 contains one of its keywords, received within the look-back window.
Accusations (揭发控告, Art. 30) are left out altogether: the decision's page is read by the unit that
registered it, which may be the accused one, and a count is already a disclosure. The case list is
linked only through the reader's own reach.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from xinfang.cases.models import Case, Purpose
from xinfang.cases.selectors import visible_cases
from xinfang.core.conf import get
from xinfang.core.workflow import is_system
from xinfang.orgs.models import Unit
from xinfang.orgs.selectors import jurisdiction_q, under_q
from xinfang.warning.models import Warning, WarningKind, WarningLevel
from xinfang.warning.selectors import visible_warnings
from xinfang.warning.states import WarningStatus

from .conf import RULE_DEFAULT
from .models import Decision
from .states import RiskLevel

SEVERE = (WarningLevel.ORANGE, WarningLevel.RED)
TREND_MONTHS = 3


def legal_office(unit: Unit | None) -> bool:
    """The unit is of a type that records legality reviews (the setting)."""
    return unit is not None and unit.unit_type in set(get("XINFANG_RISK_LEGAL_UNIT_TYPES"))


def legal_root(unit: Unit) -> Unit:
    """The government a legal office serves (its parent, like a petition bureau's): the decisions
    of units under it are the ones it reviews."""
    return unit.parent if unit.parent_id else unit


def visible_decisions(user: Any) -> QuerySet[Decision]:
    """The decisions `user` may see (none without a unit; a superuser every one)."""
    qs = Decision.objects.all()
    if getattr(user, "is_superuser", False):
        return qs
    if not getattr(user, "is_authenticated", False) or getattr(user, "unit_id", None) is None:
        return qs.none()
    through = Decision.places.through
    place_in_reach = through.objects.filter(jurisdiction_q(user, "unit"), decision=OuterRef("pk"))
    reach = jurisdiction_q(user, "unit") | Q(Exists(place_in_reach))
    if legal_office(user.unit):
        reach |= under_q("unit", legal_root(user.unit))
    return qs.filter(reach)


def decision_get(user: Any, *, number: str) -> Decision:
    """One decision by number within the user's reach; Decision.DoesNotExist (→ 404) outside."""
    return (visible_decisions(user).select_related("unit", "registered_by", "reviewed_unit")
            .get(number=number))


def split_keywords(text: str) -> list[str]:
    """The keywords of a decision: separated by commas (either width), 、, ; or spaces."""
    return [k for k in (w.strip() for w in re.split(r"[,，、;；\s]+", text or "")) if k]


def rule() -> dict[str, float]:
    """The thresholds of the suggested level: the setting over the defaults."""
    return {**RULE_DEFAULT, **(get("XINFANG_RISK_LEVEL_RULE") or {})}


def _category_q(field: str, ids: list[int]) -> Q:
    """Under one of the categories (the category itself, its children, its grandchildren)."""
    if not ids:
        return Q(pk__in=[])
    return (Q(**{f"{field}__in": ids}) | Q(**{f"{field}__parent__in": ids})
            | Q(**{f"{field}__parent__parent__in": ids}))


def _places_q(field: str, places: list[Unit]) -> Q:
    q = Q(pk__in=[])
    for p in places:
        q |= under_q(field, p)
    return q


def touching_q(places: list[Unit], category_ids: list[int], keywords: list[str]) -> Q:
    """The petitions touching a decision: in one of its places, and in one of its categories or
    with one of its keywords in the title or request; accusations never (Art. 30)."""
    subject = _category_q("category", category_ids)
    for k in keywords:
        subject |= Q(title__icontains=k) | Q(request__icontains=k)
    return _places_q("problem_unit", places) & subject & ~Q(purpose=Purpose.ACCUSATION)


def _scope(decision: Decision) -> tuple[list[Unit], list[int], list[str]]:
    return (list(decision.places.order_by("path")),
            list(decision.categories.values_list("pk", flat=True)), decision.keyword_list)


def _cases_for(actor: Any) -> QuerySet[Case]:
    return Case.objects.all() if is_system(actor) else visible_cases(actor)


def _warnings_for(actor: Any) -> QuerySet[Warning]:
    return Warning.objects.all() if is_system(actor) else visible_warnings(actor)


def touching_warnings(actor: Any, places: list[Unit], category_ids: list[int],
                      case_ids: list[int]) -> QuerySet[Warning]:
    """Open warnings and hot issues touching the decision: one of the counted petitions is among
    their evidence, or their place lies in one of its places and their category (if any) under
    one of its categories."""
    evidence = Warning.evidence.through.objects.filter(warning=OuterRef("pk"), case__in=case_ids)
    near = _places_q("scope_unit", places) & (Q(category__isnull=True)
                                              | _category_q("category", category_ids))
    return (_warnings_for(actor).exclude(status=WarningStatus.CLOSED)
            .filter(Q(Exists(evidence)) | near).order_by("-last_signal_on", "pk"))


def _months(start: dt.date, end: dt.date) -> list[str]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def group_q() -> Q:
    """A group petition: marked 联名信或集体访, or at least the configured headcount."""
    return Q(is_collective=True) | Q(headcount__gte=int(get("XINFANG_RISK_GROUP_HEADCOUNT")))


def draw(decision: Decision, actor: Any, *, today: dt.date, days: int) -> dict[str, Any]:
    """The assessment's data: the petitions and warnings touching the decision in the window
    [today − days + 1, today], as a JSON-ready snapshot (formulas in docs/riskreview.md)."""
    places, category_ids, keywords = _scope(decision)
    start = today - dt.timedelta(days=days - 1)
    qs = (_cases_for(actor).filter(touching_q(places, category_ids, keywords),
                                   received_on__gte=start, received_on__lte=today))
    limit = int(get("XINFANG_RISK_GROUP_HEADCOUNT"))
    rows = [(pk, on, first, people, collective or people >= limit, category, place)
            for pk, on, first, people, collective, category, place in qs.values_list(
                "pk", "received_on", "is_first_time", "headcount", "is_collective",
                "category__name", "problem_unit__name")]
    months = _months(start, today)
    monthly = Counter(r[1].strftime("%Y-%m") for r in rows)
    series = [[m, monthly.get(m, 0)] for m in months]
    recent = sum(n for _m, n in series[-TREND_MONTHS:])
    previous = sum(n for _m, n in series[-2 * TREND_MONTHS:-TREND_MONTHS])
    ids = sorted(r[0] for r in rows)
    warnings = list(touching_warnings(actor, places, category_ids, ids))
    snap = {
        "window": {"start": start.isoformat(), "end": today.isoformat(), "days": days},
        "scope": {"places": [p.name for p in places],
                  "categories": [str(c) for c in decision.categories.select_related(
                      "parent__parent").order_by("level", "name")],
                  "keywords": keywords},
        "total": len(rows),
        "group": sum(1 for r in rows if r[4]),
        "repeat": sum(1 for r in rows if not r[2]),
        "people": sum(r[3] for r in rows),
        "by_category": Counter(r[5] or "" for r in rows).most_common(),
        "by_place": Counter(r[6] for r in rows).most_common(),
        "monthly": series,
        "trend": {"recent": recent, "previous": previous, "months": TREND_MONTHS},
        "warnings": [{"id": w.pk, "number": w.number, "kind": w.kind, "level": w.level,
                      "label": w.label, "status": w.status} for w in warnings],
        "open_warnings": len(warnings),
        "hot_issues": sum(1 for w in warnings if w.kind == WarningKind.HOT_ISSUE),
        "severe_warnings": sum(1 for w in warnings if w.level in SEVERE),
        "cases": ids,
    }
    level, reasons = suggest(snap)
    snap["suggested"], snap["reasons"], snap["rule"] = level, reasons, rule()
    return snap


def suggest(snap: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    """The data's suggested level and every reason that fired (docs/riskreview.md, "The rule")."""
    r = rule()
    t, g, trend = snap["total"], snap["group"], snap["trend"]
    fired: list[dict[str, Any]] = []

    def check(code: str, tier: str, hit: bool, n: float, limit: float) -> None:
        if hit:
            fired.append({"code": code, "tier": tier, "n": n, "limit": limit})

    check("total", RiskLevel.HIGH, t >= r["high_total"], t, r["high_total"])
    check("group", RiskLevel.HIGH, g >= r["high_group"], g, r["high_group"])
    check("severe_warning", RiskLevel.HIGH, snap["severe_warnings"] > 0, snap["severe_warnings"], 1)
    check("total", RiskLevel.MEDIUM, r["medium_total"] <= t < r["high_total"], t, r["medium_total"])
    check("group", RiskLevel.MEDIUM, r["medium_group"] <= g < r["high_group"], g, r["medium_group"])
    check("open_warning", RiskLevel.MEDIUM, snap["open_warnings"] > snap["severe_warnings"],
          snap["open_warnings"] - snap["severe_warnings"], 1)
    check("rising", RiskLevel.MEDIUM, trend["recent"] >= r["rising_min"]
          and trend["recent"] > trend["previous"] * r["rising_factor"],
          trend["recent"], trend["previous"])
    tiers = {f["tier"] for f in fired}
    level = (RiskLevel.HIGH if RiskLevel.HIGH in tiers
             else RiskLevel.MEDIUM if RiskLevel.MEDIUM in tiers else RiskLevel.LOW)
    return level.value, fired


def reason_text(reason: dict[str, Any]) -> str:
    """One fired reason of the rule, in the reader's language."""
    texts = {
        "total": _("涉及信访%(n)s件，达到%(limit)s件"),
        "group": _("群体性信访%(n)s件，达到%(limit)s件"),
        "severe_warning": _("有%(n)s条橙色或红色预警未办结"),
        "open_warning": _("有%(n)s条预警或热点问题未办结"),
        "rising": _("近三个月%(n)s件，超过前三个月（%(limit)s件）的规定倍数"),
    }
    text = texts.get(reason.get("code", ""), "%(code)s")
    return text % {"n": reason.get("n"), "limit": reason.get("limit"), "code": reason.get("code")}


LINKED = 100  # the most recent petitions listed on the page


def linked_cases(user: Any, ids: list[int], *, limit: int = LINKED) -> tuple[list[Case], int, int]:
    """The counted petitions the reader may open (through their own reach), the most recent
    `limit` of them; how many the reader may open in all; how many others the snapshot counted
    that they may not see (listed by neither number nor title)."""
    qs = visible_cases(user).filter(pk__in=ids)
    seen = qs.count()
    shown = list(qs.select_related("problem_unit", "category").order_by("-received_on", "-pk")
                 [:limit])
    return shown, seen, len(ids) - seen


def follow_up(decision: Decision, actor: Any, *, today: dt.date) -> dict[str, Any]:
    """A follow-up check: the petitions touching the decision received after the decision up to
    `today`, against the snapshot's level over as many days, and the warnings new since the
    snapshot (formulas in docs/riskreview.md)."""
    places, category_ids, keywords = _scope(decision)
    since = decided_on(decision) or today
    snap = decision.snapshot or {}
    qs = _cases_for(actor).filter(touching_q(places, category_ids, keywords),
                                  received_on__gt=since, received_on__lte=today)
    ids = sorted(qs.values_list("pk", flat=True))
    group = qs.filter(group_q()).count()
    elapsed = max((today - since).days, 1)
    window = int(snap.get("window", {}).get("days") or get("XINFANG_RISK_LOOKBACK_DAYS"))
    expected = round(snap.get("total", 0) * elapsed / window, 2)
    known = {w["id"] for w in snap.get("warnings", [])}
    new_warnings = [w for w in touching_warnings(actor, places, category_ids, ids)
                    if w.pk not in known]
    r = rule()
    reasons = []
    if len(ids) >= r["rising_min"] and len(ids) > expected * r["rising_factor"]:
        reasons.append("more_cases")
    if group:
        reasons.append("group")
    if new_warnings:
        reasons.append("warnings")
    return {"since": since, "until": today, "new_cases": len(ids), "expected": expected,
            "new_group": group, "new_warnings": len(new_warnings), "rise": bool(reasons),
            "data": {"cases": ids, "warnings": [w.number for w in new_warnings],
                     "reasons": reasons, "elapsed": elapsed}}


def decided_on(decision: Decision) -> dt.date | None:
    return timezone.localtime(decision.decided_at).date() if decision.decided_at else None


def next_check_on(decision: Decision) -> dt.date | None:
    """The day the next periodic check is due: the interval after the last check (or after the
    decision); None before a decision."""
    last = decision.checks.order_by("-at", "-pk").first()
    base = last.until if last else decided_on(decision)
    return None if base is None else base + dt.timedelta(days=int(get("XINFANG_RISK_FOLLOWUP_DAYS")))
