"""Public portal pages: guide, online filing, receipt, tracking, rating, 复查/复核 requests.

No login: a case is opened only after its query code and phone number were verified, and then only
through the session (no case number or id in any URL), so one petitioner never reaches another's
data. Every write goes through services.py, i.e. through the real registration and workflow.
"""

from __future__ import annotations

import datetime as dt
import secrets
from urllib.parse import quote

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from xinfang.cases.states import LegalRoute
from xinfang.core import clock
from xinfang.core.errors import DomainError
from xinfang.documents.models import Document
from xinfang.documents.pdf import PdfUnavailable
from xinfang.documents.services import document_pdf

from . import abuse
from .forms import RateForm, RequestForm, SubmitForm, TrackForm
from .models import Submission
from .selectors import petitioner_documents, petitioner_view
from .services import (
    portal_rate,
    portal_request_recheck,
    portal_request_review,
    portal_submit,
    portal_unit,
    receiving_bureau,
    routes_by_place,
    submission_replay,
    submission_verify,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SESSION_KEY = "xf_portal_case"
SESSION_MINUTES = 30

# The route map (路线图, Art. 31): where matters with their own legal procedure go.
ROUTES = [
    (LegalRoute.LITIGATION, gettext_lazy("已经或者依法应当通过诉讼、检察、公安程序解决的"),
     gettext_lazy("如民事纠纷、对判决不服、需要报警的案件：请向人民法院起诉、向人民检察院或公安机关反映。")),
    (LegalRoute.ARBITRATION, gettext_lazy("依法应当通过仲裁解决的"),
     gettext_lazy("如劳动争议、合同约定仲裁的纠纷：请向劳动人事争议仲裁委员会或仲裁委员会申请仲裁。")),
    (LegalRoute.PARTY_APPEAL, gettext_lazy("党员对处分不服的申诉、申请复审"),
     gettext_lazy("请向党组织提出申诉或申请复审。")),
    (LegalRoute.ADMINISTRATIVE, gettext_lazy("可以通过行政复议、行政裁决、行政确认、行政许可、行政处罚等程序解决的"),
     gettext_lazy("如对行政机关的决定不服：请依法申请行政复议或提起行政诉讼（复议期限一般为60日）。")),
    (LegalRoute.RIGHTS_PROTECTION, gettext_lazy("请求查处违法行为、履行保护合法权益职责的"),
     gettext_lazy("请向有权查处的行政机关投诉举报，由其依照法定程序处理。")),
]


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/index.html", {})


def guide(request: HttpRequest) -> HttpResponse:
    """路线图: legal routes first (Art. 31), then the petition route."""
    return render(request, "portal/guide.html", {"routes": ROUTES, "step": 1})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html", {})


def _too_many(request: HttpRequest, template: str, ctx: dict) -> HttpResponse:
    ctx["blocked"] = _("操作过于频繁，请稍后再试。如有急事，请拨打信访部门电话或当面反映。")
    return render(request, template, ctx, status=429)


@never_cache
def submit(request: HttpRequest) -> HttpResponse:
    """Step 2: the petition form; POST files it and shows the receipt (Art. 17, 19, 21)."""
    try:
        unit = portal_unit()
    except DomainError as err:
        return render(request, "portal/closed.html", {"message": err.message}, status=503)
    ctx: dict = {"unit": unit, "step": 2,
                 "by_place": routes_by_place()}
    if request.method != "POST":
        form = SubmitForm(portal_unit=unit, initial={"token": secrets.token_urlsafe(24)})
        return _form_page(request, form, ctx)
    form = SubmitForm(request.POST, request.FILES, portal_unit=unit)
    token = request.POST.get("token", "")
    phone = request.POST.get("phone", "")
    try:  # a double click or a reload of the same form: show the same receipt again
        replay, problem = abuse.guarded_submit(
            request, form, replay=lambda: submission_replay(token=token, phone=phone) if phone else None)
    except DomainError as err:
        ctx["error"] = err.message
        return _form_page(request, SubmitForm(portal_unit=unit, initial={
            "token": secrets.token_urlsafe(24)}), ctx, status=409)
    if replay:
        return _receipt(request, replay)
    if problem == "blocked":
        return _too_many(request, "portal/submit.html", {**ctx, "form": form,
                                                         "challenge": abuse.challenge_new()})
    if problem:
        if problem == "challenge":
            ctx["challenge_error"] = _("计算结果不对，请重新计算下面的新题目")
        return _form_page(request, form, ctx, status=400)
    try:
        receipt = portal_submit(token=form.cleaned_data["token"],
                                petitioner=form.petitioner_data(), case_data=form.case_data(),
                                uploads=form.cleaned_data["attachments"],
                                unit=receiving_bureau(form.cleaned_data["problem_unit"]))
    except DomainError as err:
        ctx["error"] = err.message
        return _form_page(request, form, ctx, status=400)
    # portal_submit has returned, so its transaction has committed: the receipt below is only
    # ever shown for a petition that is stored.
    return _receipt(request, receipt)


def _form_page(request: HttpRequest, form: SubmitForm, ctx: dict, status: int = 200
               ) -> HttpResponse:
    ctx.update({"form": form, "challenge": abuse.challenge_new()})
    return render(request, "portal/submit.html", ctx, status=status)


def _receipt(request: HttpRequest, receipt) -> HttpResponse:  # noqa: ANN001
    case = receipt.case
    intake = case.deadlines.filter(kind="intake").order_by("pk").first()
    response = render(request, "portal/receipt.html", {
        "receipt": receipt, "case": case, "intake": intake, "step": 3,
        "phone": case.parties.select_related("petitioner").first().petitioner.phone_masked,
    })
    response["Cache-Control"] = "no-store"
    return response


# --- tracking -----------------------------------------------------------------------------------

def _verified(request: HttpRequest) -> Submission | None:
    data = request.session.get(SESSION_KEY)
    if not data:
        return None
    if clock.now().timestamp() > data.get("until", 0):
        request.session.pop(SESSION_KEY, None)
        return None
    return Submission.objects.select_related("case", "case__holding_unit",
                                             "case__registered_unit").filter(pk=data["s"]).first()


@never_cache
def track(request: HttpRequest) -> HttpResponse:
    """查询: query code + phone; one message for a wrong code and a wrong phone; lockout."""
    form = TrackForm(request.POST or None)
    ctx: dict = {"form": form}
    if request.method == "POST":
        found, problem = abuse.guarded_lookup(request, form, submission_verify)
        if problem == "blocked":
            ctx.update({"form": TrackForm(), "challenge": abuse.challenge_new()})
            return _too_many(request, "portal/track.html", ctx)
        if problem == "challenge":
            ctx["challenge_error"] = _("计算结果不对，请重新计算下面的新题目")
        elif problem == "not_found":
            ctx["error"] = _("查询码或手机号码不正确。请核对回执上的查询码和提交时填写的手机号码。")
        elif found is not None:
            request.session.cycle_key()
            until = clock.now() + dt.timedelta(minutes=SESSION_MINUTES)
            request.session[SESSION_KEY] = {"s": found.pk, "until": until.timestamp()}
            return redirect("portal:case")
    ctx["challenge"] = abuse.challenge_new()
    return render(request, "portal/track.html", ctx,
                  status=400 if request.method == "POST" else 200)


@never_cache
def case(request: HttpRequest) -> HttpResponse:
    sub = _verified(request)
    if sub is None:
        return redirect("portal:track")
    view = petitioner_view(sub.case)
    return render(request, "portal/case.html", {
        "view": view, "case": view.case, "rate_form": RateForm(), "request_form": RequestForm(),
        "today": clock.today(),
    })


@require_POST
def rate(request: HttpRequest) -> HttpResponse:
    """The petitioner's rating of the written answer (Art. 21)."""
    sub = _verified(request)
    if sub is None:
        return redirect("portal:track")
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            portal_rate(submission=sub, satisfaction=form.cleaned_data["satisfaction"],
                        comment=form.cleaned_data["comment"])
        except DomainError as err:
            return _case_error(request, sub, err.message, rate_form=form)
        messages.success(request, _("感谢您的评价，已记录。"))
        return redirect("portal:case")
    return _case_error(request, sub, _("请选择满意程度"), rate_form=form)


@require_POST
def request_review(request: HttpRequest, stage: str) -> HttpResponse:
    """复查 (Art. 35) or 复核 (Art. 36) request, within 30 days of the written answer."""
    if stage not in {"review", "recheck"}:
        raise Http404
    sub = _verified(request)
    if sub is None:
        return redirect("portal:track")
    form = RequestForm(request.POST)
    if not form.is_valid():
        return _case_error(request, sub, _("请写明您不服的理由"), request_form=form)
    service = portal_request_review if stage == "review" else portal_request_recheck
    try:
        service(submission=sub, reason=form.cleaned_data["reason"])
    except DomainError as err:
        return _case_error(request, sub, err.message, request_form=form)
    messages.success(request, _("复查申请已提交。") if stage == "review" else _("复核申请已提交。"))
    return redirect("portal:case")


def _case_error(request: HttpRequest, sub: Submission, message: str, **forms) -> HttpResponse:  # noqa: ANN003
    view = petitioner_view(sub.case)
    ctx = {"view": view, "case": view.case, "rate_form": RateForm(),
           "request_form": RequestForm(), "error": message, "today": clock.today(), **forms}
    return render(request, "portal/case.html", ctx, status=400)


def document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A notice addressed to the verified petitioner, as PDF (made once) or .docx."""
    sub = _verified(request)
    if sub is None:
        return redirect("portal:track")
    found = {d.pk: d for d in petitioner_documents(sub.case)}
    if pk not in found or fmt not in {"pdf", "docx"}:
        raise Http404
    doc = Document.objects.get(pk=pk)
    if fmt == "pdf":
        try:
            content, ctype = document_pdf(doc), "application/pdf"
        except PdfUnavailable:
            messages.error(request, _("暂时无法生成PDF，请下载Word版本。"))
            return redirect("portal:case")
    else:
        content, ctype = bytes(doc.docx), DOCX
    response = HttpResponse(content, content_type=ctype)
    name = f"{doc.get_kind_display()}_{doc.case.number}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return redirect("portal:index")
