"""Triage reads, always through the acting user's visible cases (jurisdiction, Art. 30)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import QuerySet

from xinfang.cases.selectors import visible_cases

from .forms import CorrectionForm
from .models import TriageCorrection, TriageProposal


def proposals_visible(user) -> QuerySet[TriageProposal]:  # noqa: ANN001
    return (TriageProposal.objects.filter(case__in=visible_cases(user))
            .select_related("case", "unit", "category", "earlier_case", "route_rule"))


def group_suggestions(user, *, limit: int = 20) -> list[dict[str, Any]]:  # noqa: ANN001
    """Open group-matter suggestions by entity: the newest proposal of each entity and its size."""
    seen: dict[str, dict[str, Any]] = {}
    for p in proposals_visible(user).filter(group_petitioners__gt=0).order_by("-created_at")[:200]:
        if p.entity in seen:
            continue
        visible = visible_cases(user)
        cases = [p.case, *p.group_cases.filter(pk__in=visible.values("pk"))]
        seen[p.entity] = {"entity": p.entity, "proposal": p, "cases": cases,
                          "petitioners": p.group_petitioners}
        if len(seen) == limit:
            break
    return list(seen.values())


def correction_stats(user) -> dict[str, Any]:  # noqa: ANN001
    """How often registrars took the proposal as it was, and which fields they corrected."""
    rows = list(TriageCorrection.objects.filter(case__in=visible_cases(user))
                .values_list("accepted", "changed_fields"))
    fields: Counter[str] = Counter()
    for _, changed in rows:
        fields.update(changed or [])
    total = len(rows)
    accepted = sum(1 for a, _ in rows if a)
    labels = {name: field.label for name, field in CorrectionForm.base_fields.items()}
    labels["earlier_case"] = labels.pop("link_earlier")
    return {"total": total, "accepted": accepted, "corrected": total - accepted,
            "rate": (accepted / total) if total else None,
            "fields": [(labels.get(name, name), n) for name, n in fields.most_common()]}
