"""Staff UI of the triage assistant: the case-page panel, accept / correct, the 分类研判 page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xinfang.cases.models import Case
from xinfang.cases.selectors import case_get, visible_cases
from xinfang.cases.states import Action, Status
from xinfang.core.errors import DomainError
from xinfang.core.jobs import job_pending, jobs_inline

from . import shipped
from .forms import CorrectionForm
from .models import TriageProposal
from .selectors import (
    correction_stats,
    group_suggestions,
    proposal_state,
    proposals_visible,
    with_corrections,
)
from .services import triage_accept, triage_propose
from .tasks import PROPOSE_JOB


def _get_case(request: HttpRequest, number: str) -> Case:
    try:
        return case_get(request.user, number=number)
    except Case.DoesNotExist:
        raise Http404(_("没有找到该信访件，或您无权查看")) from None


def may_triage(user, case: Case) -> bool:  # noqa: ANN001
    """The panel's forms take the case's `triage` step: offered when the engine would allow it now
    (the one check every page offers its steps by, issue 15 item 4)."""
    from xinfang.cases.workflow import CASES
    from xinfang.core import workflow as engine

    return engine.allowed(CASES, case, Action.TRIAGE, user)


def _initial(p: TriageProposal) -> dict[str, Any]:
    return {"category": p.category_id, "unit": p.unit_id, "legal_route": p.legal_route,
            "purpose": p.purpose or p.case.purpose, "simplified": p.simplified,
            "link_earlier": p.earlier_case_id is not None, "link_group": p.is_group_matter}


def triage_panel(request: HttpRequest, case: Case) -> tuple[str, dict] | None:
    """The proposal on the case page. While the case awaits triage and has none: 分流建议生成中 when
    a queue consumer has its job to do (issue 17: the proposal is made after the registration, off
    its request); otherwise (the embedded default whose in-process job was lost, the assistant off
    at registration, the job given up) it is computed on this first view."""
    proposal = TriageProposal.objects.filter(case=case).select_related(
        "category", "unit", "earlier_case", "route_rule").first()
    if proposal is None and case.status == Status.REGISTERED:
        if not jobs_inline() and job_pending(PROPOSE_JOB, case=case.pk):
            return "triage/_panel_pending.html", {}
        proposal = triage_propose(case=case)
    if proposal is None:
        return None
    visible = visible_cases(request.user)
    earlier = proposal.earlier_case
    reasons = proposal.reasons
    if earlier is not None and not visible.filter(pk=earlier.pk).exists():
        # never reveal a case the viewer may not see, nor that it exists (Art. 30)
        earlier = None
        reasons = [r for r in reasons if r.get("kind") != "repeat"]
    group = list(proposal.group_cases.filter(pk__in=visible.values("pk")))
    can = may_triage(request.user, case)
    form = CorrectionForm(initial=_initial(proposal), user=request.user, prefix="tri") if can \
        else None
    return "triage/_panel.html", {
        "proposal": proposal, "earlier": earlier, "group": group, "can_triage": can,
        "reasons": reasons, "hide_repeat": proposal.earlier_case_id is not None and earlier is None,
        "form": form, "model_problem": shipped.load().problem,
        "threshold": shipped.threshold(),
    }


@login_required
@require_POST
def accept(request: HttpRequest, number: str) -> HttpResponse:
    """One click: apply the proposal as it is."""
    case = _get_case(request, number)
    try:
        triage_accept(case=case, actor=request.user)
    except DomainError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("已采纳研判建议并完成甄别分类"))
    return redirect("web:case", number=case.number)


@login_required
@require_POST
def correct(request: HttpRequest, number: str) -> HttpResponse:
    """Apply the registrar's corrected values (stored as training feedback)."""
    case = _get_case(request, number)
    proposal = TriageProposal.objects.filter(case=case).first() or triage_propose(case=case)
    form = CorrectionForm(request.POST, user=request.user, prefix="tri")
    if not form.is_valid():
        for field, errs in form.errors.items():
            label = form.fields[field].label if field in form.fields else field
            messages.error(request, f"{label}：{'、'.join(errs)}")
        return redirect("web:case", number=case.number)
    try:
        triage_accept(case=case, actor=request.user,
                      corrections=form.corrections(proposal.earlier_case))
    except DomainError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("已按修改后的结果完成甄别分类，修改已记录用于改进模型"))
    return redirect("web:case", number=case.number)


@login_required
@require_POST
def propose(request: HttpRequest, number: str) -> HttpResponse:
    """Run the assistant again (after the rules list or the case changed)."""
    case = _get_case(request, number)
    if not may_triage(request.user, case):
        messages.error(request, _("本件已不在待甄别分类状态，或您无权甄别分类"))
    else:
        triage_propose(case=case)
        messages.success(request, _("已重新研判"))
    return redirect("web:case", number=case.number)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """分类研判: recent proposals, items for a human, group matters, how often proposals hold."""
    qs = proposals_visible(request.user)
    ask = qs.filter(ask_human=True, decided=False, case__status=Status.REGISTERED)
    visible = visible_cases(request.user)
    repeats = qs.filter(decided=False, repeat_kind__in=["repeat", "same_matter"],
                        earlier_case__in=visible)
    page = Paginator(with_corrections(qs.order_by("-created_at", "-pk")), 30).get_page(
        request.GET.get("page"))
    rows = [(p, proposal_state(p)) for p in page]
    loaded = shipped.load()
    return render(request, "triage/home.html", {
        "page": page, "rows": rows, "ask": ask[:50], "ask_count": ask.count(), "repeats": repeats[:20],
        "groups": group_suggestions(request.user), "stats": correction_stats(request.user),
        "model_version": loaded.version, "model_problem": loaded.problem,
        "model_meta": loaded.model.metadata if loaded.model else {},
        "threshold": shipped.threshold(),
    })
