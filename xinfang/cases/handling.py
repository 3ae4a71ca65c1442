"""The handling unit's working records after 受理 (issue 15): what the steps read, in one place.

The rows (`ProgressRecord`, `OpinionDraft`, `ExtensionRequest`, `Instruction`, `Case.assigned_officer`,
`Case.merged_into`) are written only by the workflow's steps (`record_progress`, `draft_opinion`,
`submit_draft`, `return_draft`, `request_extension`, 延期 / `refuse_extension`, `instruct`,
`assign_officer`, `merge`); this module holds what their guards, effects, the case page and the
documents read: the stage of a draft, whether a unit signs drafts off, the recorded steps.
"""

from __future__ import annotations

from django.db.models import QuerySet

from xinfang.core.conf import get
from xinfang.orgs.models import Role, User

from .models import Case, ExtensionRequest, Opinion, OpinionDraft, ProgressKind, ProgressRecord
from .states import Action, Status

#: The written answer each answering stage produces (Art. 32, 35, 36).
STAGE_OF_STATUS = {Status.ACCEPTED: Opinion.Stage.HANDLING,
                   Status.REVIEW_REQUESTED: Opinion.Stage.REVIEW,
                   Status.RECHECK_REQUESTED: Opinion.Stage.RECHECK}
ANSWER_ACTIONS = (Action.ANSWER, Action.ANSWER_REVIEW, Action.ANSWER_RECHECK)

#: XINFANG_OPINION_SIGN_OFF: "auto" (default) — a unit with both a handler and an approver answers
#: only by signing a draft its handler submitted; "always" — every unit; "optional" — the approver
#: may also write the answer directly (a submitted draft, if any, is still what is signed).
SIGN_OFF_MODES = ("auto", "always", "optional")
SIGN_OFF_DEFAULT = "auto"


def sign_off_mode() -> str:
    mode = get("XINFANG_OPINION_SIGN_OFF")
    return mode if mode in SIGN_OFF_MODES else SIGN_OFF_DEFAULT


def unit_signs_off(unit) -> bool:  # noqa: ANN001
    """Whether `unit` answers only by signing a submitted draft (XINFANG_OPINION_SIGN_OFF)."""
    mode = sign_off_mode()
    if mode != "auto":
        return mode == "always"
    staff = User.objects.filter(unit=unit, is_active=True)
    return (staff.filter(roles__code=Role.HANDLER).exists()
            and staff.filter(roles__code=Role.APPROVER).exists())


def stage_of(case: Case) -> str | None:
    return STAGE_OF_STATUS.get(case.status)


def current_draft(case: Case) -> OpinionDraft | None:
    """The draft of the answer the case is at now (None outside the answering stages)."""
    stage = stage_of(case)
    if stage is None:
        return None
    return case.drafts.filter(stage=stage).select_related("author", "decided_by").first()


def pending_extension(case: Case) -> ExtensionRequest | None:
    return case.extension_requests.filter(state=ExtensionRequest.State.PENDING).select_related(
        "requested_by").first()


def merge_enabled() -> bool:
    """并案办理 is local practice, not an article of the 条例: XINFANG_CASE_MERGE turns it off."""
    return bool(get("XINFANG_CASE_MERGE"))


#: Kinds of recorded step that show the petitioner was heard, and that facts were checked
#: (Art. 31 (6): 听取信访人陈述事实和理由，并调查核实). For the opinion's wording (documents).
HEARD = frozenset({ProgressKind.PHONE, ProgressKind.VISIT, ProgressKind.INTERVIEW})
INVESTIGATED = frozenset({ProgressKind.VISIT, ProgressKind.INVESTIGATION, ProgressKind.MEETING})


def recorded_steps(case: Case) -> QuerySet[ProgressRecord]:
    """The case's 办理记录 (calls, visits, interviews, meetings, investigations), oldest first.

    What an opinion may say was done ("听取了你的陈述，进行了调查核实") must come from these: see
    `HEARD` and `INVESTIGATED`."""
    return (case.progress.select_related("recorded_by", "unit")
            .prefetch_related("attachments").order_by("happened_on", "pk"))


def merged_petitioners(case: Case) -> list:
    """Every petitioner of `case` and of the cases merged into it, once each (the answer tells all)."""
    from .models import Petitioner

    cases = [case.pk, *case.merged_cases.values_list("pk", flat=True)]
    return list(Petitioner.objects.filter(parties__case__in=cases).distinct().order_by("pk"))
