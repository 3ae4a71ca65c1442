"""Pages of the joint conference (Art. 13) and of Art. 24 disputes: the conference (members,
convenors, meetings), a meeting (agenda, decisions, the engine's steps, timeline), the decisions my
unit must carry out (the late first), the disputes to decide or carry out and one dispute's page.
Every step goes through `web.refused.take_posted_step`: a step not offered is a 4xx page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xinfang.cases.models import Case, CaseEvent
from xinfang.cases.selectors import case_get, visible_cases
from xinfang.core import clock
from xinfang.core import workflow as engine
from xinfang.deadlines.models import RUNNING_STATES
from xinfang.orgs.selectors import units_under
from xinfang.web.refused import take_posted_step

from .conference import (
    DECISIONS,
    MEETINGS,
    decision_assign,
    decision_transition,
    meeting_schedule,
    meeting_transition,
)
from .disputes import DISPUTES, dispute_raise, dispute_transition
from .forms import DECISION_FORMS, DISPUTE_FORMS, MEETING_FORMS
from .models import Decision, JurisdictionDispute, Meeting
from .selectors import (
    agenda_cases,
    decisions_for_unit,
    visible_conferences,
    visible_disputes,
)
from .states import (
    DecisionAction,
    DecisionStatus,
    DisputeAction,
    DisputeStatus,
    MeetingAction,
)

PAGE = 50


def _form(forms: dict, action: str, user, prefix: str):  # noqa: ANN001, ANN202
    cls = forms[action]
    return cls(prefix=prefix, user=user) if getattr(cls, "takes_actor", False) else cls(prefix=prefix)


def _steps(workflow, forms: dict, record, user, prefix: str = "", *,  # noqa: ANN001
           reached: bool = False) -> list:
    """(action, label, form) for each step the engine offers `user` on `record` now (`reached`:
    the record was loaded through the user's reach, as the engine's `offered` takes it)."""
    return [(t.action, workflow.action_label(t.action),
             _form(forms, t.action, user, f"{prefix}{t.action}"))
            for t in workflow.available(user, record, reached=reached)]


# ---- the conference and its meetings ---------------------------------------------------------------

@login_required
def conference_page(request: HttpRequest) -> HttpResponse:
    """信访工作联席会议: each conference the user sits in, its members, convenors and meetings."""
    conferences = list(visible_conferences(request.user).select_related("unit", "office")
                       .prefetch_related("members", "convenors__covers", "convenors__leader",
                                         "convenors__unit").order_by("unit__path"))
    meetings = (Meeting.objects.filter(conference__in=conferences)
                .select_related("conference", "convenor").order_by("-held_on", "-pk"))
    page = Paginator(meetings, PAGE).get_page(request.GET.get("page"))
    plan = None
    if engine.offered_creations(MEETINGS, None, request.user):
        plan = _form(MEETING_FORMS, MeetingAction.SCHEDULE, request.user, MeetingAction.SCHEDULE)
    return render(request, "institutions/conference.html", {
        "conferences": conferences, "page": page, "meetings": page.object_list, "plan": plan})


@login_required
@require_POST
def meeting_plan(request: HttpRequest) -> HttpResponse:
    return take_posted_step(
        request, MEETINGS, None, MeetingAction.SCHEDULE,
        back=reverse("institutions:conference"),
        take=lambda act, params: meeting_schedule(actor=request.user, params=params))


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    try:
        return (MEETINGS.visible(request.user).select_related("conference__unit",
                                                                "conference__office", "convenor")
                .get(pk=pk))
    except Meeting.DoesNotExist:
        raise Http404(_("没有找到该会议，或您无权查看")) from None


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    user = request.user
    items = [(item, agenda_cases(user, item)) for item in meeting.items.all()]
    decisions = []
    for decision in meeting.decisions.select_related("unit", "item").order_by("due_on", "pk"):
        visible = DECISIONS.visible(user).filter(pk=decision.pk).exists()
        steps = _steps(DECISIONS, DECISION_FORMS, decision, user, f"d{decision.pk}-") if visible else []
        decisions.append((decision, steps))
    assign = None
    if engine.offered_creations(DECISIONS, meeting, user):
        assign = _form(DECISION_FORMS, DecisionAction.ASSIGN, user, DecisionAction.ASSIGN)
        assign.fields["item"].queryset = meeting.items.all()
        assign.fields["unit"].queryset = units_under(meeting.conference.unit, active=True)
    return render(request, "institutions/meeting.html", {
        "meeting": meeting, "items": items, "decisions": decisions, "assign": assign,
        "steps": _steps(MEETINGS, MEETING_FORMS, meeting, user),
        "events": meeting.events.select_related("actor", "unit").order_by("at", "pk"),
        "today": clock.today()})


@login_required
@require_POST
def meeting_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    meeting = _meeting(request, pk)
    return take_posted_step(
        request, MEETINGS, meeting, action, back=reverse("institutions:meeting", args=[pk]),
        take=lambda act, params: meeting_transition(meeting_id=pk, action=act, actor=request.user,
                                                    params=params))


@login_required
@require_POST
def decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    return take_posted_step(
        request, DECISIONS, None, DecisionAction.ASSIGN, parent=meeting,
        back=reverse("institutions:meeting", args=[pk]),
        take=lambda act, params: decision_assign(meeting_id=pk, actor=request.user, params=params))


@login_required
@require_POST
def decision_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    try:
        decision = DECISIONS.visible(request.user).select_related("meeting").get(pk=pk)
    except Decision.DoesNotExist:
        raise Http404(_("没有找到该议定事项，或您无权查看")) from None
    back = request.POST.get("back") == "mine"
    return take_posted_step(
        request, DECISIONS, decision, action, prefix=f"d{pk}-{action}",
        back=reverse("institutions:decisions") if back else reverse(
            "institutions:meeting", args=[decision.meeting_id]),
        take=lambda act, params: decision_transition(decision_id=pk, action=act,
                                                     actor=request.user, params=params))


@login_required
def decisions_mine(request: HttpRequest) -> HttpResponse:
    """议定事项：本单位待落实 — the late first, then by deadline; each with its offered steps."""
    status = request.GET.get("status", "open")
    page = Paginator(decisions_for_unit(request.user, status=status), PAGE).get_page(
        request.GET.get("page"))
    # the unit's own decisions are within its reach (visible_decisions): no reach query per row
    rows = [(d, _steps(DECISIONS, DECISION_FORMS, d, request.user, f"d{d.pk}-", reached=True))
            for d in page.object_list]
    return render(request, "institutions/decisions.html", {
        "page": page, "rows": rows, "status": status, "statuses": DecisionStatus.choices,
        "today": clock.today()})


# ---- Art. 24 disputes ----------------------------------------------------------------------------

@login_required
@require_POST
def dispute_create(request: HttpRequest, number: str) -> HttpResponse:
    try:
        case = case_get(request.user, number=number)
    except Case.DoesNotExist:
        raise Http404(_("没有找到该信访件，或您无权查看")) from None
    return take_posted_step(
        request, DISPUTES, None, DisputeAction.RAISE, parent=case,
        back=reverse("web:case", args=[case.number]),
        take=lambda act, params: dispute_raise(case_id=case.pk, actor=request.user, params=params))


@login_required
def disputes_list(request: HttpRequest) -> HttpResponse:
    """受理争议: those my unit must decide, and those on cases my unit holds or raised."""
    user = request.user
    qs = visible_disputes(user).select_related("case", "decider", "decided_unit", "raised_by_unit")
    to_decide = qs.filter(decider_id=user.unit_id).order_by("status", "-raised_at", "-pk")[:PAGE] \
        if user.unit_id else qs.none()
    mine = qs.filter(raised_by_unit_id=user.unit_id).order_by("-raised_at", "-pk")[:PAGE] \
        if user.unit_id else qs.none()
    return render(request, "institutions/disputes.html", {
        "to_decide": to_decide, "mine": mine, "pending": DisputeStatus.PENDING})


@login_required
def dispute_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        dispute = (visible_disputes(request.user)
                   .select_related("case__holding_unit", "decider", "decided_unit",
                                   "raised_by_unit", "raised_by", "decided_by", "conference")
                   .get(pk=pk))
    except JurisdictionDispute.DoesNotExist:
        raise Http404(_("没有找到该受理争议，或您无权查看")) from None
    steps = _steps(DISPUTES, DISPUTE_FORMS, dispute, request.user)
    for action, _label, form in steps:
        if action == DisputeAction.DECIDE:
            form.fields["unit"].queryset = dispute.parties.all()
    events = (CaseEvent.objects.filter(case=dispute.case, type="dispute.step",
                                       data__record=dispute.pk)
              .select_related("actor", "unit").order_by("at", "pk"))
    return render(request, "institutions/dispute.html", {
        "dispute": dispute, "parties": dispute.parties.all(), "steps": steps, "events": events,
        "case_visible": visible_cases(request.user).filter(pk=dispute.case_id).exists(),
        "clocks": dispute.case.deadlines.filter(state__in=RUNNING_STATES).order_by("due_on")})


@login_required
@require_POST
def dispute_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    try:
        dispute = visible_disputes(request.user).get(pk=pk)
    except JurisdictionDispute.DoesNotExist:
        raise Http404(_("没有找到该受理争议，或您无权查看")) from None
    return take_posted_step(
        request, DISPUTES, dispute, action, back=reverse("institutions:dispute", args=[pk]),
        take=lambda act, params: dispute_transition(dispute_id=pk, action=act, actor=request.user,
                                                    params=params))
