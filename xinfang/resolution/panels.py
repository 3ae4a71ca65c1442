"""The 调解·听证·督办·评价 section of the staff case page, with this user's available actions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from xinfang.cases.models import Case
from xinfang.cases.selectors import action_allowed
from xinfang.cases.states import Action
from xinfang.web.panels import case_panel

from . import hearings, mediation, satisfaction, selectors, supervision
from .retrospective import REPORTERS
from .views import action_forms, creation_forms


def _blocks(flow: Any, user: Any, records: Any, back: str) -> list[dict[str, Any]]:
    return [{"item": r, "actions": action_forms(flow, user, r, back)} for r in records]


def _rating(user: Any, case: Case) -> dict[str, Any]:
    """The one rating form, with a field for each rating the engine allows now (`rate`,
    `rate_bureau`: one rating per answer, one of the bureau per case, Art. 21); none: no form."""
    form = satisfaction.RatingForm(prefix="rating")
    allowed = {"handling": action_allowed(user, case, Action.RATE),
               "bureau": action_allowed(user, case, Action.RATE_BUREAU)}
    for name, ok in allowed.items():
        if not ok:
            del form.fields[name]
    codes = [a for a, ok in ((Action.RATE, allowed["handling"]),
                             (Action.RATE_BUREAU, allowed["bureau"])) if ok]
    return {"can_rate": bool(codes), "rating_form": form,
            "rating_actions": " ".join(f"case.{a.value}" for a in codes)}


@case_panel(order=40)
def resolution_panel(request: HttpRequest, case: Case) -> tuple[str, dict] | None:
    user = request.user
    back = reverse("web:case", args=[case.number])
    parties = "\n".join(p.petitioner.name for p in case.parties.select_related("petitioner"))
    ctx = {
        "mediations": _blocks(mediation.FLOW, user, selectors.visible_mediations(user).filter(
            case=case).prefetch_related("mediators", "sessions"), back),
        "hearings": _blocks(hearings.FLOW, user, case.hearings.prefetch_related("officers"),
                            back),
        "orders": _blocks(supervision.ORDER_FLOW, user, case.supervision_orders.select_related(
            "issuing_unit", "target_unit", "watch_unit"), back),
        "leaders": _blocks(supervision.LEADER_FLOW, user,
                           case.leader_assignments.select_related("leader"), back),
        "recommendations": _blocks(supervision.REC_FLOW, user, case.recommendations.all(), back),
        "followups": _blocks(satisfaction.FLOW, user, case.follow_ups.all(), back),
        # what the engine offers on this case now (the case's status is a guard of each step)
        "create": [form for flow, initial in (
            (mediation.FLOW, {"parties": parties}), (hearings.FLOW, None),
            (supervision.ORDER_FLOW, None), (supervision.LEADER_FLOW, None),
            (supervision.REC_FLOW, None)) for form in creation_forms(flow, user, case, back, initial)],
        **_rating(user, case),
        "can_report": user.has_role(*REPORTERS),
    }
    return "resolution/_panel.html", ctx
