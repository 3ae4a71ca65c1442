"""Staff pages of the review lawyers and committee: the board (the committees, lawyers and duty
days in my reach, the referrals before my committee), a referral with its votes and steps, and the
POST endpoints of the case panel. Reads go through `selectors`; writes through the workflows."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xinfang.cases.models import Case, CaseEvent
from xinfang.cases.selectors import case_get, visible_cases
from xinfang.core import clock
from xinfang.web.refused import take_posted_step

from .forms import REFERRAL_FORMS
from .models import CommitteeReferral, LawyerOpinion
from .selectors import (
    committees_for,
    duties_for,
    lawyers_for,
    visible_opinions,
    visible_referrals,
)
from .states import OpinionAction, ReferralAction, ReferralStatus, Vote
from .workflow import (
    COMMITTEE_REFERRALS,
    LAWYER_OPINIONS,
    opinion_request,
    opinion_transition,
    referral_create,
    referral_transition,
)

PAGE = 50


@login_required
def board(request: HttpRequest) -> HttpResponse:
    user = request.user
    referrals = (visible_referrals(user).select_related("case", "committee")
                 .order_by("status", "-referred_at", "-pk")[:PAGE])
    return render(request, "reviewboard/board.html", {
        "committees": [(c, c.members.filter(active=True)) for c in committees_for(user)],
        "lawyers": lawyers_for(user), "duties": duties_for(user, clock.today())[:PAGE],
        "referrals": referrals, "open": ReferralStatus.REFERRED,
        "pending_opinions": visible_opinions(user).filter(status="requested")
        .select_related("case", "lawyer")[:PAGE],
    })


def _referral(request: HttpRequest, pk: int) -> CommitteeReferral:
    try:
        return (visible_referrals(request.user)
                .select_related("case__holding_unit", "committee__unit", "referred_by").get(pk=pk))
    except CommitteeReferral.DoesNotExist:
        raise Http404(_("没有找到该委员会审议，或您无权查看")) from None


@login_required
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    r = _referral(request, pk)
    steps = []
    for t in COMMITTEE_REFERRALS.available(request.user, r, reached=True):
        form = REFERRAL_FORMS[t.action](prefix=t.action)
        if t.action == ReferralAction.VOTE:  # the members present who have not voted yet
            form.fields["member"].queryset = r.committee.active_members().exclude(
                pk__in=r.votes.values("member"))
        steps.append((t.action, COMMITTEE_REFERRALS.action_label(t.action), form))
    events = (CaseEvent.objects.filter(case=r.case, type="review.committee", data__record=r.pk)
              .select_related("actor", "unit").order_by("at", "pk"))
    counts = r.counts if r.status == ReferralStatus.CONCLUDED else r.tally()
    return render(request, "reviewboard/referral.html", {
        "r": r, "steps": steps, "events": events,
        "votes": r.votes.select_related("member", "recorded_by"),
        "counts": [(label, counts.get(value, 0)) for value, label in Vote.choices],
        "members": r.committee.members.all(),
        "case_visible": visible_cases(request.user).filter(pk=r.case_id).exists()})


@login_required
@require_POST
def referral_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    r = _referral(request, pk)
    return take_posted_step(
        request, COMMITTEE_REFERRALS, r, action, back=reverse("reviewboard:referral", args=[pk]),
        take=lambda act, params: referral_transition(referral_id=pk, action=act,
                                                     actor=request.user, params=params))


@login_required
@require_POST
def opinion_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    try:
        o = visible_opinions(request.user).select_related("case").get(pk=pk)
    except LawyerOpinion.DoesNotExist:
        raise Http404(_("没有找到该律师意见，或您无权查看")) from None
    return take_posted_step(
        request, LAWYER_OPINIONS, o, action, prefix=f"{action}-{o.pk}",
        back=reverse("web:case", args=[o.case.number]),
        take=lambda act, params: opinion_transition(opinion_id=pk, action=act,
                                                    actor=request.user, params=params))


def _case(request: HttpRequest, number: str) -> Case:
    try:
        return case_get(request.user, number=number)
    except Case.DoesNotExist:
        raise Http404(_("没有找到该信访件，或您无权查看")) from None


@login_required
@require_POST
def opinion_create(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(request, number)
    return take_posted_step(
        request, LAWYER_OPINIONS, None, OpinionAction.REQUEST, parent=case,
        back=reverse("web:case", args=[case.number]),
        take=lambda act, params: opinion_request(case_id=case.pk, actor=request.user,
                                                 params=params))


@login_required
@require_POST
def referral_new(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(request, number)
    return take_posted_step(
        request, COMMITTEE_REFERRALS, None, ReferralAction.REFER, parent=case,
        back=reverse("web:case", args=[case.number]),
        take=lambda act, params: referral_create(case_id=case.pk, actor=request.user,
                                                 params=params))
