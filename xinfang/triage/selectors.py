"""Triage reads, always through the acting user's visible cases (jurisdiction, Art. 30)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Prefetch, QuerySet, TextChoices
from django.utils.translation import gettext_lazy

from xinfang.cases.selectors import visible_cases
from xinfang.cases.states import Status

from .forms import CorrectionForm
from .models import TriageCorrection, TriageProposal


def proposals_visible(user) -> QuerySet[TriageProposal]:  # noqa: ANN001
    return (TriageProposal.objects.filter(case__in=visible_cases(user, listed=True))
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
    rows = list(TriageCorrection.objects.filter(case__in=visible_cases(user, listed=True))
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


class ProposalState(TextChoices):
    """Where a proposal stands on the 分类研判 page, read from the case (Art. 22, 31)."""

    ASK_HUMAN = "ask_human", gettext_lazy("待人工")
    PENDING = "pending", gettext_lazy("待采纳")
    ADOPTED = "adopted", gettext_lazy("已采纳")
    CHANGED = "changed", gettext_lazy("已改派")
    STALE = "stale", gettext_lazy("已过时")


#: where a case goes to another unit (交办/转送): the unit it went to is its holding unit
_SENT = frozenset({Status.TRANSFERRED, Status.ASSIGNED})


def with_corrections(qs: QuerySet[TriageProposal]) -> QuerySet[TriageProposal]:
    """`qs` with each proposal's registrar decisions, newest first (for `proposal_state`)."""
    return qs.prefetch_related(Prefetch(
        "corrections", queryset=TriageCorrection.objects.order_by("-at", "-pk"),
        to_attr="decisions"))


def proposal_state(p: TriageProposal) -> ProposalState:
    """待采纳 while the case awaits triage; 已采纳 / 已改派 (the unit was changed when adopting, or
    the case was later sent elsewhere) once adopted; 已过时 when the case moved on without it."""
    decisions = getattr(p, "decisions", None)
    if decisions is None:
        decisions = list(p.corrections.order_by("-at", "-pk"))
    decision = decisions[0] if decisions else None
    if decision is None:
        if p.case.status == Status.REGISTERED and not p.decided:
            return ProposalState.ASK_HUMAN if p.ask_human else ProposalState.PENDING
        return ProposalState.STALE
    if "unit" in (decision.changed_fields or []):
        return ProposalState.CHANGED
    if (p.case.status in _SENT and decision.unit_id is not None
            and p.case.holding_unit_id != decision.unit_id):
        return ProposalState.CHANGED
    return ProposalState.ADOPTED
