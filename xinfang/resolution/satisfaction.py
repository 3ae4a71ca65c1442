"""Satisfaction (满意度评价) of the handling unit and the bureau, and 回访 after a 不满意.

The handling unit's rating is the case workflow's own `Action.RATE` (`cases.Rating`, Art. 21:
查询、评价); the bureau's rating is a `BureauRating` here ("谁初次办理、谁负责公开、谁接受评价").
A 不满意 on either opens a follow-up (回访) for the petition bureau, listed for its supervisors; the
`case_transitioned` receiver opens it after commit, and `followups_sweep` (periodic) catches any
rating the receiver missed.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import models, transaction
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from xinfang.cases.events import record_event
from xinfang.cases.guards import guard
from xinfang.cases.models import Case, Rating, Satisfaction
from xinfang.cases.states import Action as CaseAction
from xinfang.cases.workflow import case_transition, case_transitioned, effect
from xinfang.core import clock
from xinfang.core.errors import GuardFailed
from xinfang.core.workflow import state_guard
from xinfang.orgs.models import Role as R
from xinfang.orgs.selectors import bureau_for

from .common import due_after, practice
from .events import detail
from .forms import EmptyForm, OpenForm, RatingForm, VisitForm
from .machine import SYSTEM, SYSTEM_ACTOR, Flow, T, clean, is_system, run, start
from .models import BureauRating, FollowUp
from .selectors import visible_followups
from .supervision import _escalate_effect, _issuer

log = logging.getLogger(__name__)
FS = FollowUp.Status


class FollowUpAction(models.TextChoices):
    OPEN = "open", _("生成回访任务")
    VISIT = "visit", _("记录回访")
    ESCALATE = "escalate", _("超期升级")


TABLE = {t.action: t for t in (
    T(FollowUpAction.OPEN, set(), FS.OPEN, {SYSTEM}, "system",
      gettext_noop("信访人评价不满意的，由信访部门回访，了解原因、做好解释疏导（第21条、第27条）。")),
    T(FollowUpAction.VISIT, {FS.OPEN}, FS.DONE,
      {R.REGISTRAR, R.HANDLER, R.APPROVER, R.SUPERVISOR}, "unit",
      gettext_noop("记录回访方式、结果和信访人意见（第27条：思想教育到位、帮扶救助到位）。")),
    T(FollowUpAction.ESCALATE, {FS.OPEN}, None, {SYSTEM}, "system",
      gettext_noop("回访超期未完成的，逐级上报上一级单位（第43条）。")),
)}


def _open(actor: Any, p: dict[str, Any], case: Case) -> FollowUp:
    today = clock.today()
    rating = Rating.objects.get(pk=p["rating"]) if p.get("rating") else None
    bureau_rating = BureauRating.objects.get(pk=p["bureau_rating"]) if p.get("bureau_rating") \
        else None
    whom = "承办单位" if rating else "信访部门"
    comment = (rating or bureau_rating).comment  # type: ignore[union-attr]
    unit = bureau_for(case.registered_unit) or bureau_for(case.holding_unit) or case.registered_unit
    return FollowUp(case=case, unit=unit, rating=rating, bureau_rating=bureau_rating,
                    reason=f"信访人对{whom}评价不满意" + (f"：{comment}" if comment else ""),
                    opened_on=today, due_on=due_after(today, practice("FOLLOW_UP_DAYS")))


def _visit(f: FollowUp, actor: Any, p: dict[str, Any]) -> dict:
    f.visited_on = clock.today()
    f.method = p["method"]
    f.result = p["result"]
    f.note = p["note"]
    return detail("visit", method=p["method"], result=p["result"])


FLOW = Flow(
    name="followup", label="回访", model=FollowUp, actions=FollowUpAction, table=TABLE,
    forms={FollowUpAction.OPEN: OpenForm, FollowUpAction.VISIT: VisitForm,
           FollowUpAction.ESCALATE: EmptyForm},
    effects={FollowUpAction.OPEN: _open, FollowUpAction.VISIT: _visit,
             FollowUpAction.ESCALATE: _escalate_effect},
    scopes={"system": lambda a, f, c: is_system(a),
            "unit": lambda a, f, c: f is not None and (a.unit_id == f.unit_id
                                                       or _issuer(a, _Watch(f), c))},
    visible=visible_followups,
)


class _Watch:
    """A follow-up seen as an escalated item: its bureau 'issued' it."""

    def __init__(self, f: FollowUp) -> None:
        self.issuing_unit_id, self.watch_unit_id = f.unit_id, f.watch_unit_id


def followup_transition(*, followup_id: int, action: FollowUpAction | str, actor: Any,
                        params: dict[str, Any] | None = None) -> FollowUp:
    """The only writer of `FollowUp.status` after it is opened."""
    return run(FLOW, record_id=followup_id, action=action, actor=actor, params=params)


def followup_open(*, case: Case, rating: Rating | None = None,
                  bureau_rating: BureauRating | None = None) -> FollowUp | None:
    """Open the 回访 for a 不满意 rating, once per rating (system action)."""
    if rating is not None and FollowUp.objects.filter(rating=rating).exists():
        return None
    if bureau_rating is not None and FollowUp.objects.filter(bureau_rating=bureau_rating).exists():
        return None
    return start(FLOW, action=FollowUpAction.OPEN, actor=SYSTEM_ACTOR, case_id=case.pk, params={
        "rating": rating.pk if rating else None,
        "bureau_rating": bureau_rating.pk if bureau_rating else None})


# ---- ratings ---------------------------------------------------------------------------------

RATERS = {R.REGISTRAR, R.HANDLER, R.APPROVER, R.SUPERVISOR}


def bureau_rate(*, case_id: int, actor: Any, params: dict[str, Any]) -> BureauRating:
    """Record the petitioner's rating of the petition bureau (Art. 21); 不满意 opens a 回访.

    A step of the case engine (`rate_bureau`), like the handling unit's rating."""
    case = case_transition(case_id=case_id, action=CaseAction.RATE_BUREAU, actor=actor,
                           params=params)
    return BureauRating.objects.filter(case=case).order_by("-pk").first()


@guard
@state_guard
def bureau_not_yet_rated(case: Case, actor: Any, params: dict[str, Any], action: Any) -> None:
    """One rating of the petition bureau per case, once there is a written answer (Art. 21)."""
    if not case.opinions.exists():
        raise GuardFailed("本件尚未出具处理意见，信访人还不能评价")
    bureau = bureau_for(case.registered_unit) or case.registered_unit
    if BureauRating.objects.filter(case=case, unit=bureau).exists():
        raise GuardFailed("信访人已对信访部门作出评价")
    params["bureau"] = bureau


@effect(CaseAction.RATE_BUREAU)
def _rate_bureau(case: Case, actor: Any, p: dict[str, Any]) -> dict:
    bureau = p["bureau"]
    rating = BureauRating.objects.create(
        case=case, unit=bureau, satisfaction=p["satisfaction"], comment=p.get("comment", ""),
        recorded_at=clock.now(), recorded_by=actor)
    record_event(case=case, type="resolution.bureau_rated", actor=actor,
                 action=CaseAction.RATE_BUREAU,
                 new_value=p["satisfaction"], note=p.get("comment", ""),
                 data={"bureau": bureau.pk, "bureau_name": bureau.name})
    if rating.satisfaction == Satisfaction.UNSATISFIED:
        followup_open(case=case, bureau_rating=rating)
    return {}


def satisfaction_record(*, case_id: int, actor: Any, params: dict[str, Any]) -> list[str]:
    """Record the handling unit's rating (cases workflow `rate`) and the bureau's; returns labels."""
    p = clean(RatingForm, params)
    if not p["handling"] and not p["bureau"]:
        raise GuardFailed("请至少选择一项评价")
    done = []
    with transaction.atomic():  # both ratings or neither
        if p["handling"]:
            case_transition(case_id=case_id, action=CaseAction.RATE, actor=actor,
                            params={"satisfaction": p["handling"], "comment": p["comment"]})
            done.append("承办单位")
        if p["bureau"]:
            bureau_rate(case_id=case_id, actor=actor,
                        params={"satisfaction": p["bureau"], "comment": p["comment"]})
            done.append("信访部门")
    return done


@receiver(case_transitioned, dispatch_uid="resolution.followup_on_unsatisfied")
def _on_rated(sender: Any, case: Case, action: Any, params: dict[str, Any], **kw: Any) -> None:
    """After commit: a 不满意 rating of the handling unit opens a 回访 for the bureau."""
    if action != CaseAction.RATE or params.get("satisfaction") != Satisfaction.UNSATISFIED:
        return
    rating = Rating.objects.filter(case=case, stage=params.get("stage")).first()
    if rating is not None:
        try:
            followup_open(case=case, rating=rating)
        except Exception:  # the sweep opens it later; never break the request after commit
            log.exception("opening follow-up for rating %s failed", rating.pk)


def followups_sweep() -> int:
    """Open the 回访 for any 不满意 rating that has none yet (periodic safety net)."""
    opened = 0
    for rating in Rating.objects.filter(satisfaction=Satisfaction.UNSATISFIED,
                                        follow_up__isnull=True).select_related("case"):
        opened += followup_open(case=rating.case, rating=rating) is not None
    for br in BureauRating.objects.filter(satisfaction=Satisfaction.UNSATISFIED,
                                          follow_up__isnull=True).select_related("case"):
        opened += followup_open(case=br.case, bureau_rating=br) is not None
    return opened
