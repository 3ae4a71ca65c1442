"""The workflow's notice issuer: a step that needs a written notice cannot complete without it.

`xinfang.cases.workflow.case_transition` calls ``check`` before the step's effects (the Art. 32
compliance check of an opinion, the template is there) and ``issue`` after them, inside the same
transaction, so the status change and the numbered notice are committed together or not at all.
Registered in ``DocumentsConfig.ready()``.
"""

from __future__ import annotations

from typing import Any

from xinfang.cases.models import Case
from xinfang.cases.states import Action, Outcome
from xinfang.core.errors import GuardFailed, InvalidParams

from .compliance import FACTS, check_opinion_fields, decision_conflict
from .compliance import Outcome as Decision
from .kinds import DocumentKind
from .models import DeliveryMethod

OPINION_KINDS = (DocumentKind.OPINION, DocumentKind.REVIEW_OPINION, DocumentKind.RECHECK_OPINION)
# Which form field holds each Art. 32 part (the request is the petition's own, already on the case).
FIELD_OF_PART = {"request": "text", "facts_and_reasons": "text", "decision": "outcome",
                 "legal_basis": "legal_basis"}
# The workflow's Art. 32 outcome as the compliance checker names it.
DECISION_OF = {Outcome.SUPPORT: Decision.SUPPORT, Outcome.EXPLAIN: Decision.EXPLAIN,
               Outcome.REJECT: Decision.REJECT}
# The opinion form asks for at least 10 characters of facts and reasons (AnswerForm.text).
MIN_CHARS = {FACTS: 10}


def opinion_check(case: Case, params: dict[str, Any]) -> None:
    """Art. 32: request, facts and reasons, decision and legal basis must all be there.

    The remedy (Art. 35/36) is printed by the template and checked on the rendered document.
    """
    outcome = params.get("outcome")
    report = check_opinion_fields(
        request=case.request, facts=params.get("text"),
        decision=str(Outcome(outcome).label) if outcome else "",
        legal_basis=params.get("legal_basis"), require_remedy=False, min_chars=MIN_CHARS,
    )
    if not report.ok:
        errors: dict[str, list[str]] = {}
        for part in report.parts:
            if part.required and not part.present:
                errors.setdefault(FIELD_OF_PART[part.name], []).append(part.message)
        raise InvalidParams(
            "意见书内容不完整（《信访工作条例》第三十二条）：" + "；".join(report.messages),
            errors=errors, missing=report.missing,
        )
    # Art. 32: the decision must follow from the reasons (not 予以支持 over reasons that decline)
    conflict = decision_conflict(params.get("text") or "", DECISION_OF[Outcome(outcome)])
    if conflict is not None:
        raise GuardFailed(conflict.message, field="outcome",
                          evidence=[s.text for s in conflict.evidence])


class NoticeIssuer:
    """Plugged into the workflow (``register_notice_issuer``)."""

    def check(self, *, case: Case, actor: Any, action: Action, kind: str,
              params: dict[str, Any]) -> None:
        from .services import template_for

        kind = DocumentKind(kind)
        template_for(kind, getattr(actor, "unit", None) or case.holding_unit)
        if kind in OPINION_KINDS:
            opinion_check(case, params)

    def issue(self, *, case: Case, actor: Any, action: Action, kind: str,
              params: dict[str, Any]) -> Any:
        from .services import delivery_record, document_issue

        document = document_issue(case=case, kind=kind, actor=actor, params=params,
                                  action=action.value)
        if params.get("delivery_method"):
            delivery_record(document=document, actor=actor,
                            method=DeliveryMethod(params["delivery_method"]),
                            delivered_on=params["delivered_on"],
                            receipt=params.get("receipt", ""))
        return document
