"""The review panel on the staff case page (registered in ReviewboardConfig.ready()): the lawyers'
opinions and committee referrals of the case the user may see, the steps the engine offers on
each, and the forms to ask a lawyer or refer the case; and the citation pre-filled in the case's
复查/复核 draft and answer forms."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from xinfang.cases.models import OpinionDraft
from xinfang.cases.states import Action as CaseAction
from xinfang.cases.states import Status
from xinfang.core import workflow as engine

from .forms import OPINION_FORMS, REFERRAL_FORMS
from .selectors import lawyers_for, opinions_of, referrals_of
from .services import citation
from .states import OpinionAction, ReferralAction
from .workflow import COMMITTEE_REFERRALS, LAWYER_OPINIONS, stage_of


def _steps(workflow: Any, forms: dict, record: Any, user: Any) -> list:
    """(action, label, form) of each step offered; the prefix names the record (several on a page)."""
    return [(t.action, workflow.action_label(t.action),
             forms[t.action](prefix=f"{t.action}-{record.pk}"))
            for t in workflow.available(user, record, reached=True)]


#: where a case can have lawyers' opinions or referrals (a case never reviewed costs no query)
REVIEWED_STATES = frozenset({Status.REVIEW_REQUESTED, Status.REVIEWED, Status.RECHECK_REQUESTED,
                             Status.RECHECKED, Status.CLOSED})


def review_panel(request: HttpRequest, case: Any) -> tuple[str, dict] | None:
    if case.status not in REVIEWED_STATES:
        return None
    user = request.user
    opinions = [(o, _steps(LAWYER_OPINIONS, OPINION_FORMS, o, user))
                for o in opinions_of(case, user)]
    referrals = list(referrals_of(case, user))
    request_form = refer_form = None
    under_review = stage_of(case) is not None
    if under_review and engine.allowed(LAWYER_OPINIONS, None, OpinionAction.REQUEST, user, parent=case):
        request_form = OPINION_FORMS[OpinionAction.REQUEST](prefix=OpinionAction.REQUEST.value)
        request_form.fields["lawyer"].queryset = lawyers_for(user)
    if under_review and engine.allowed(COMMITTEE_REFERRALS, None, ReferralAction.REFER, user, parent=case):
        refer_form = REFERRAL_FORMS[ReferralAction.REFER](prefix=ReferralAction.REFER.value)
    if not (opinions or referrals or request_form or refer_form):
        return None
    return "reviewboard/_case_panel.html", {
        "opinions": opinions, "referrals": referrals, "request_form": request_form,
        "refer_form": refer_form}


CITING = (CaseAction.DRAFT_OPINION, CaseAction.ANSWER_REVIEW, CaseAction.ANSWER_RECHECK)


def opinion_initial(request: HttpRequest, case: Any, action: Any) -> dict[str, Any]:
    """The 复查/复核 draft (or direct answer) starts from what the committee and the lawyer said."""
    stage = stage_of(case)
    if action not in CITING or stage is None:
        return {}
    if OpinionDraft.objects.filter(case=case, stage=stage).exclude(text="").exists():
        return {}  # the handler's own draft is not overwritten
    text = citation(case, stage)
    return {"text": text} if text else {}
