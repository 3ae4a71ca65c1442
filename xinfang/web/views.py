"""Staff web interface: work queue, intake, case page with its actions, search."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, F, Min, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from xinfang.cases.events import record_event
from xinfang.cases.forms import AttachmentForm, CaseForm, PetitionerForm
from xinfang.cases.models import Case, EventKind
from xinfang.cases.selectors import (
    action_form,
    available_actions,
    case_get,
    case_search,
    case_timeline,
    handling_overview,
    related_visible,
    visible_cases,
)
from xinfang.cases.services import attachment_add, case_register
from xinfang.cases.states import TERMINAL, TRANSITIONS, Action, Status
from xinfang.cases.workflow import case_transition
from xinfang.core import clock
from xinfang.core.errors import DomainError
from xinfang.deadlines.models import RUNNING_STATES, Deadline, DeadlineState
from xinfang.deadlines.rules import DeadlineKind

from .files import attachment_response
from .panels import render_case_panels

PetitionerFormSet = forms.formset_factory(PetitionerForm, extra=0, min_num=1, max_num=20,
                                          validate_min=True)


def _get_case(request: HttpRequest, number: str) -> Case:
    try:
        return case_get(request.user, number=number)
    except Case.DoesNotExist:
        raise Http404(_("没有找到该信访件，或您无权查看")) from None


def _with_deadlines(qs):  # noqa: ANN001, ANN202
    running = Q(deadlines__state__in=RUNNING_STATES, deadlines__for_petitioner=False)
    return (qs.annotate(next_due=Min("deadlines__due_on", filter=running))
            .select_related("holding_unit", "category")
            .prefetch_related("parties__petitioner"))


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """工作台: cases my unit must act on, the nearest deadline first."""
    scope = request.GET.get("scope", "mine")
    qs = visible_cases(request.user).exclude(status__in=TERMINAL).exclude(status=Status.CLOSED)
    if scope == "mine":  # what my unit must act on, incl. objections to what it sent (Art. 23)
        qs = qs.filter(Q(holding_unit=request.user.unit_id)
                       | Q(status=Status.OBJECTED, sending_unit=request.user.unit_id))
    elif scope == "me":  # the cases my unit's head named me the officer of (指定承办人)
        qs = qs.filter(assigned_officer=request.user.pk, holding_unit=request.user.unit_id)
    if status := request.GET.get("status"):
        qs = qs.filter(status=status)
    deadlines = Deadline.objects.filter(case=OuterRef("pk"))
    qs = (_with_deadlines(qs)
          .annotate(any_overdue=Exists(deadlines.filter(state=DeadlineState.OVERDUE,
                                                        for_petitioner=False)),
                    any_due_soon=Exists(deadlines.filter(state=DeadlineState.DUE_SOON)),
                    # breached, then extended (Art. 34, 45(1)): running again, the breach stays
                    any_breached=Exists(deadlines.filter(state__in=RUNNING_STATES,
                                                         breached_on__isnull=False,
                                                         for_petitioner=False)))
          .order_by(F("next_due").asc(nulls_last=True), "registered_at", "pk"))
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    today = clock.today()
    rows = [{"case": c, "overdue": c.any_overdue or (c.next_due and c.next_due < today),
             "due_soon": c.any_due_soon, "breached": c.any_breached,
             "days_left": (c.next_due - today).days if c.next_due else None,
             "days_over": (today - c.next_due).days if c.next_due and c.next_due < today else None}
            for c in page]
    return render(request, "web/queue.html", {
        "page": page, "rows": rows, "scope": scope, "statuses": Status.choices,
        "status": request.GET.get("status", ""),
    })


@login_required
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    results = None
    if query:
        qs = _with_deadlines(case_search(request.user, query)).order_by("-registered_at")
        results = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "web/search.html", {"query": query, "results": results})


@login_required
def intake(request: HttpRequest) -> HttpResponse:
    """Register a petition (Art. 19, 21): the form, the petitioners, the attachments."""
    form = CaseForm(request.POST or None, user=request.user)
    people = PetitionerFormSet(request.POST or None, prefix="p")
    files = request.FILES.getlist("attachments")
    if request.method == "POST":
        attachment_errors = []
        for upload in files:
            check = AttachmentForm(files={"file": upload})
            if not check.is_valid():
                attachment_errors += [f"{upload.name}：{e}" for e in check.errors["file"]]
        if form.is_valid() and people.is_valid() and not attachment_errors:
            data = {k: v for k, v in request.POST.items() if k in form.fields}
            petitioners = [{k: v for k, v in p.cleaned_data.items()}
                           for p in people.forms if p.cleaned_data]
            try:
                case = case_register(actor=request.user, data=data, petitioners=petitioners)
            except DomainError as err:
                messages.error(request, err.message)
            else:
                for upload in files:
                    try:
                        attachment_add(case=case, actor=request.user, upload=upload)
                    except DomainError as err:  # a per-case limit: the case is registered anyway
                        messages.error(request, err.message)
                messages.success(request, _("已登记，编号 %(n)s") % {"n": case.number})
                return redirect("web:case", number=case.number)
        for err in attachment_errors:
            messages.error(request, err)
    return render(request, "web/intake.html", {"form": form, "people": people})


@login_required
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    case = _get_case(request, number)
    actions = available_actions(request.user, case)
    handling = handling_overview(request.user, case)
    action_forms = [
        {"action": a, "label": a.label, "doc": _(TRANSITIONS[a].doc),
         "form": action_form(case, a, draft=handling["draft"], request=handling["extension"])}
        for a in actions
    ]
    events = case_timeline(request.user, case)
    attachments = case.attachments.all()
    # Art. 35/36: the petitioner's window waits for the answer's delivery to be recorded
    waiting = {Status.ANSWERED: DeadlineKind.REVIEW_REQUEST,
               Status.REVIEWED: DeadlineKind.RECHECK_REQUEST}.get(case.status)
    pending_window = (waiting.label if waiting and not case.deadlines.filter(kind=waiting).exists()
                      else None)
    return render(request, "web/case.html", {
        "pending_window": pending_window,
        "case": case, "action_forms": action_forms,
        "related": related_visible(request.user, case),
        "deadlines": case.deadlines.select_related("unit").order_by("pk"),
        "events": events, "parties": case.parties.select_related("petitioner"),
        "attachments": attachments, "opinions": case.opinions.all(),
        "reveal": request.session.get(f"reveal:{case.pk}", False),
        "today": clock.today(), "attachment_form": AttachmentForm(),
        "panels": render_case_panels(request, case), **handling,
    })


@login_required
@require_POST
def case_act(request: HttpRequest, number: str, action: str) -> HttpResponse:
    case = _get_case(request, number)
    try:
        action_enum = Action(action)
    except ValueError:
        raise Http404 from None
    if TRANSITIONS[action_enum].internal:  # taken by hearings, mediation... never by hand
        raise Http404
    prefix = f"{action_enum.value}-"
    params: dict = {k[len(prefix):]: v for k, v in request.POST.items() if k.startswith(prefix)}
    for key in request.FILES:  # e.g. the material of a 办理记录 (checked like any attachment)
        if key.startswith(prefix):
            params[key[len(prefix):]] = request.FILES.getlist(key)
    try:
        case_transition(case_id=case.pk, action=action_enum, actor=request.user, params=params)
    except DomainError as err:
        messages.error(request, f"{action_enum.label}：{err.message}")
    else:
        messages.success(request, _("已完成：%(a)s") % {"a": action_enum.label})
    return redirect("web:case", number=case.number)


@login_required
@require_POST
def case_attach(request: HttpRequest, number: str) -> HttpResponse:
    case = _get_case(request, number)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment_add(case=case, actor=request.user, upload=form.cleaned_data["file"],
                           confidential=form.cleaned_data["confidential"])
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, _("附件已上传"))
    else:
        for errs in form.errors.values():
            for err in errs:
                messages.error(request, err)
    return redirect("web:case", number=case.number)


@login_required
@require_GET
def case_attachment(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    """Download one attachment: only through the case's visibility (jurisdiction; Art. 30 keeps an
    accusation from the accused unit), never from MEDIA_URL. Every download is on the timeline."""
    case = _get_case(request, number)
    attachment = case.attachments.filter(pk=pk).first()
    if attachment is None or not attachment.file or not attachment.file.storage.exists(
            attachment.file.name):
        raise Http404(_("没有找到该附件"))
    record_event(case=case, kind=EventKind.NOTE, actor=request.user,
                 note=f"下载附件：{attachment.name}"
                      + ("（检举揭发材料）" if attachment.confidential else ""),
                 data={"type": "attachment_downloaded", "attachment": attachment.pk})
    return attachment_response(attachment)


@login_required
@require_POST
def case_reveal(request: HttpRequest, number: str) -> HttpResponse:
    """Show full ID/phone numbers on this case page; the viewing is itself recorded."""
    case = _get_case(request, number)
    request.session[f"reveal:{case.pk}"] = True
    record_event(case=case, kind=EventKind.NOTE, actor=request.user,
                 note=_("查看了信访人完整证件号码和电话"))
    return redirect("web:case", number=case.number)


def preference(request: HttpRequest, name: str, value: str) -> HttpResponse:
    """Turn large text or high contrast on or off (cookie; works before login too)."""
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    cookie = {"large": "xf_large", "contrast": "xf_contrast"}.get(name)
    if cookie is None:
        raise Http404
    response.set_cookie(cookie, "1" if value == "on" else "0", max_age=365 * 86400,
                        samesite="Lax")
    return response


def home(request: HttpRequest) -> HttpResponse:
    return redirect(reverse("web:queue") if request.user.is_authenticated else reverse("login"))
