"""The 调解·听证·督办·评价 section of the staff case page, with this user's available actions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from xinfang.cases.models import Case
from xinfang.cases.states import ANSWERED_STATES, Status
from xinfang.web.panels import case_panel

from . import hearings, mediation, satisfaction, selectors, supervision
from .forms import RatingForm
from .retrospective import REPORTERS
from .views import action_forms, creation_forms


def _blocks(flow: Any, user: Any, records: Any, back: str) -> list[dict[str, Any]]:
    return [{"item": r, "actions": action_forms(flow, user, r, back)} for r in records]


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
        "create": (
            (creation_forms(mediation.FLOW, user, case, back, {"parties": parties})
             if case.status == Status.ACCEPTED else [])
            + (creation_forms(hearings.FLOW, user, case, back)
               if case.status in (Status.ACCEPTED, Status.RECHECK_REQUESTED) else [])
            + (creation_forms(supervision.ORDER_FLOW, user, case, back)
               + creation_forms(supervision.LEADER_FLOW, user, case, back)
               if case.status in supervision.IN_HANDLING else [])
            + creation_forms(supervision.REC_FLOW, user, case, back)),
        "ratings": list(case.ratings.all()), "bureau_ratings": list(case.bureau_ratings.all()),
        "can_rate": case.status in ANSWERED_STATES and user.has_role(*satisfaction.RATERS),
        "rating_form": RatingForm(prefix="rating"),
        "can_report": user.has_role(*REPORTERS),
    }
    return "resolution/_panel.html", ctx
