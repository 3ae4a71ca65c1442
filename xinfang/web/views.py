"""Staff web interface: work queue, intake, case page with its actions, search."""

from __future__ import annotations

import secrets

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from xinfang.cases.events import record_event
from xinfang.cases.forms import AttachmentForm, CaseForm, PetitionerForm
from xinfang.cases.models import Case
from xinfang.cases.search import CappedPaginator
from xinfang.cases.selectors import (
    action_form,
    available_actions,
    case_get,
    case_search,
    case_timeline,
    handling_overview,
    related_visible,
)
from xinfang.cases.services import attachment_add, case_register
from xinfang.cases.states import TRANSITIONS, Action, Status
from xinfang.cases.workflow import CASES, case_transition
from xinfang.core import clock, crypto
from xinfang.core.errors import DomainError
from xinfang.core.workflow import one_look
from xinfang.deadlines.rules import DeadlineKind
from xinfang.orgs.models import Role
from xinfang.orgs.unittree import UnitTreeSelect, routable_units

from .context import PERSONAL_PARAMS
from .files import attachment_response
from .panels import form_initial, render_case_panels
from .refused import take_posted_step

#: the case page's steps that send the case, or a share of it, to a unit of the jurisdiction
ROUTING_ACTIONS = frozenset({Action.TRANSFER, Action.ASSIGN, Action.ROUTE, Action.SHARE})

#: one petitioner row to start with; left empty, the petition is anonymous, which the registration
#: service allows for 意见建议, 揭发控告 and 其他 only (cases/purposes.py, Art. 17, 19)
PetitionerFormSet = forms.formset_factory(PetitionerForm, extra=1, max_num=20)


def _get_case(request: HttpRequest, number: str) -> Case:
    try:
        return case_get(request.user, number=number)
    except Case.DoesNotExist:
        raise Http404(_("没有找到该信访件，或您无权查看")) from None


def _with_deadlines(qs):  # noqa: ANN001, ANN202
    # Case.next_due (the nearest running staff clock) is stored by the deadline services
    return (qs.select_related("holding_unit", "category")
            .prefetch_related("parties__petitioner"))


#: stored searches kept per session (the oldest is dropped); each is reached by its opaque token
SEARCHES_KEPT = 20


class SearchForm(forms.Form):
    q = forms.CharField(max_length=200, required=False)  # strips spaces; refuses NUL characters


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """查询 (Art. 46): the query — often a name, an ID or a phone number — never travels in a URL,
    where access logs and browser history would keep it. The form is a POST; the query is stored,
    encrypted with the field key (sessions are rows in the database), in the session under a random
    token and the browser is sent to ``?t=<token>``, whose pages and back button work like before."""
    stored = request.session.get("searches", {})
    if request.method == "POST":
        form = SearchForm(request.POST)
        if not form.is_valid():  # over 200 characters, a NUL character
            return render(request, "web/search.html", {"error": " ".join(form.errors["q"])}, status=400)
        query = form.cleaned_data["q"]
        if not query:
            return redirect("web:search")
        token = secrets.token_urlsafe(12)
        stored = {**stored, token: crypto.encrypt(query)}
        request.session["searches"] = dict(list(stored.items())[-SEARCHES_KEPT:])
        return HttpResponseRedirect(f"{reverse('web:search')}?t={token}", status=303)
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    if PERSONAL_PARAMS & set(request.GET):
        return render(request, "web/search.html", {
            "error": _("为保护个人信息，查询内容不能放在网址中：请在下面的查询框中输入后点击“查询”。"),
        }, status=400)
    token = request.GET.get("t", "")
    query = (crypto.try_decrypt(stored[token]) or "") if token in stored else ""  # old key: expired
    if token and not query:
        return render(request, "web/search.html", {
            "error": _("该查询已失效（退出登录后不再保留），请重新输入查询内容。"),
        }, status=404)
    results = None
    if query:
        qs = _with_deadlines(case_search(request.user, query))  # newest received first
        results = CappedPaginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "web/search.html", {"query": query, "token": token, "results": results})


@login_required
def intake(request: HttpRequest) -> HttpResponse:
    """Register a petition (Art. 19, 21): the form, the petitioners, the attachments."""
    form = CaseForm(request.POST or None, user=request.user)
    if not form.is_bound:  # the intake desk starts typing at once (keyboard only: docs/user-guide.md)
        form.fields["channel"].widget.attrs["autofocus"] = True
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
    """The case page: read in one look of the workflow engine (`one_look`), so that the reach of
    the case and the reads the guards share are made once for the page's dozen panels, not once
    per step each panel asks about (issue 17: 12 reach checks a page)."""
    with one_look():
        return _case_page(request, number)


def _case_page(request: HttpRequest, number: str) -> HttpResponse:
    case = _get_case(request, number)
    actions = available_actions(request.user, case)
    handling = handling_overview(request.user, case)
    action_forms = []
    for a in actions:
        form = action_form(case, a, draft=handling["draft"], request=handling["extension"])
        for field in form.fields.values():  # unit pickers offer the user's jurisdiction only
            if isinstance(field.widget, UnitTreeSelect) and a in ROUTING_ACTIONS:
                field.queryset = field.queryset & routable_units(request.user)
                field.widget.reach_only = True  # what its search box finds (orgs.unittree)
        form.initial.update({k: v for k, v in form_initial(request, case, a).items()
                             if k in form.fields})
        action_forms.append({"action": a, "label": a.label, "doc": _(TRANSITIONS[a].doc),
                             "form": form})
    events = case_timeline(request.user, case)
    attachments = case.attachments.all()
    # Art. 35/36: the petitioner's window waits for the answer's delivery to be recorded
    waiting = {Status.ANSWERED: DeadlineKind.REVIEW_REQUEST,
               Status.REVIEWED: DeadlineKind.RECHECK_REQUEST}.get(case.status)
    pending_window = (waiting.label if waiting and not case.deadlines.filter(kind=waiting).exists()
                      else None)
    from xinfang.resolution.models import SupervisionOrder

    # the 督办 marker: an open supervision order (the queue's supervised_mark, Art. 40)
    supervised = list(SupervisionOrder.objects.filter(case=case).exclude(
        status=SupervisionOrder.Status.CLOSED).select_related("issuing_unit"))
    return render(request, "web/case.html", {
        "pending_window": pending_window, "supervised": supervised,
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
    # files, e.g. the material of a 办理记录, are checked like any attachment
    return take_posted_step(
        request, CASES, case, action, back=reverse("web:case", args=[case.number]),
        take=lambda act, params: case_transition(case_id=case.pk, action=act,
                                                 actor=request.user, params=params))


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
    record_event(case=case, type="case.attachment_downloaded", actor=request.user,
                 data={"attachment": attachment.pk, "name": attachment.name,
                       "confidential": attachment.confidential})
    return attachment_response(attachment)


@login_required
@require_POST
def case_reveal(request: HttpRequest, number: str) -> HttpResponse:
    """Show full ID/phone numbers on this case page; the viewing is itself recorded."""
    case = _get_case(request, number)
    request.session[f"reveal:{case.pk}"] = True
    record_event(case=case, type="case.revealed", actor=request.user)
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


def landing_url(user) -> str:  # noqa: ANN001
    """Where a user lands after login: a leader on the dashboard (态势), everyone else on the queue."""
    if user.has_role(Role.LEADER):
        try:
            return reverse("warning:dashboard")
        except NoReverseMatch:  # the warning app is not installed
            pass
    return reverse("web:queue")


def home(request: HttpRequest) -> HttpResponse:
    return redirect(landing_url(request.user) if request.user.is_authenticated else reverse("login"))
