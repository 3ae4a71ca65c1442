"""Staff pages: download a notice (.docx / PDF), record its delivery, issue a stand-alone notice,
the list of recent documents and messages. Every read goes through the user's jurisdiction."""

from __future__ import annotations

from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xinfang.cases.models import Case
from xinfang.cases.selectors import case_get
from xinfang.core.errors import DomainError
from xinfang.orgs.models import Role
from xinfang.web.refused import refused_response

from . import services
from .forms import DeliveryForm
from .kinds import SPECS, DocumentKind
from .models import Document, DocumentTemplate
from .pdf import PdfUnavailable
from .selectors import document_get, visible_documents

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
STANDALONE = [k for k in DocumentKind if not SPECS[k].action]


def _document(request: HttpRequest, pk: int) -> Document:
    try:
        return document_get(request.user, pk=pk)
    except Document.DoesNotExist:
        raise Http404(_("没有找到该文书，或您无权查看")) from None


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def download_docx(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    return _attachment(bytes(document.docx), DOCX, f"{document.filename}.docx")


@login_required
def download_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF (made on first request); if it cannot be made, say why and offer the .docx."""
    document = _document(request, pk)
    try:
        content = services.document_pdf(document)
    except PdfUnavailable as err:
        messages.error(request, _("无法生成PDF：%(e)s") % {"e": err})
        return redirect("web:case", number=document.case.number)
    return _attachment(content, "application/pdf", f"{document.filename}.pdf")


@login_required
@require_POST
def record_delivery(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    recipients = (services.separate_recipients(document.case)
                  if document.kind in services.WINDOW_FOR_KIND else ())
    form = DeliveryForm(request.POST, request.FILES, prefix=f"d{document.pk}", recipients=recipients)
    if not request.user.has_role(Role.REGISTRAR, Role.HANDLER, Role.APPROVER):
        messages.error(request, _("您没有登记送达的权限"))
    elif form.is_valid():
        upload = form.cleaned_data["receipt_file"]
        try:
            delivery = services.delivery_record(
                document=document, actor=request.user, method=form.cleaned_data["method"],
                delivered_on=form.cleaned_data["delivered_on"],
                receipt=form.cleaned_data["receipt"], note=form.cleaned_data["note"],
                receipt_file=upload.read() if upload else None,
                receipt_filename=upload.name if upload else "",
                recipient=form.cleaned_data.get("recipient"))
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, _("已登记送达：%(n)s") % {"n": document.number})
            if delivery.window is not None:
                restarted = document.case.deadlines.filter(kind=delivery.window.kind).count() > 1
                text = (_("%(k)s自送达之日（%(s)s）起重新计算，至%(d)s") if restarted
                        else _("%(k)s自送达之日（%(s)s）起计算，至%(d)s"))
                messages.info(request, text % {
                    "k": delivery.window.get_kind_display(), "s": delivery.window.started_on,
                    "d": delivery.window.due_on})
    else:
        for field, errs in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for err in errs:
                messages.error(request, f"{label}：{err}")
    return redirect("web:case", number=document.case.number)


def issue_form(kind: DocumentKind, data=None) -> forms.Form:  # noqa: ANN001
    """A form with the extra fields of a stand-alone notice kind."""
    fields = {name: forms.CharField(label=_(label), widget=forms.Textarea(attrs={"rows": 2}))
              for name, label in SPECS[kind].fields}
    form_class = type(f"{kind.name.title()}IssueForm", (forms.Form,), fields)
    return form_class(data, prefix=f"issue-{kind.value}")


@login_required
@require_POST
def issue(request: HttpRequest, number: str, kind: str) -> HttpResponse:
    """Issue a notice that belongs to no workflow step (听证通知书, 督办函 ...)."""
    try:
        case = case_get(request.user, number=number)
        kind_enum = DocumentKind(kind)
    except (Case.DoesNotExist, ValueError):
        raise Http404 from None
    if kind_enum not in STANDALONE:
        raise Http404
    if (err := services.standalone_refusal(request.user, kind_enum)) is not None:
        return refused_response(request, err, label=kind_enum.label,
                                back=reverse("web:case", args=[case.number]))
    form = issue_form(kind_enum, request.POST)
    if form.is_valid():
        try:
            document = services.document_issue_standalone(
                case=case, kind=kind_enum, actor=request.user, fields=form.cleaned_data)
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, _("已出具《%(k)s》%(n)s") % {"k": kind_enum.label,
                                                               "n": document.number})
    else:
        messages.error(request, _("请填写：%(f)s") % {
            "f": "、".join(str(form.fields[f].label) for f in form.errors)})
    return redirect("web:case", number=case.number)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """文书: recent documents in my jurisdiction, those not yet delivered (messages: 消息中心)."""
    documents = visible_documents(request.user)
    if request.GET.get("undelivered"):
        documents = documents.filter(delivered_on__isnull=True)
    if kind := request.GET.get("kind"):
        documents = documents.filter(kind=kind)
    page = Paginator(documents, 30).get_page(request.GET.get("page"))
    return render(request, "documents/home.html", {
        "page": page, "kinds": DocumentKind.choices, "kind": request.GET.get("kind", ""),
        "undelivered": bool(request.GET.get("undelivered")),
    })


@staff_member_required
def template_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The .docx of a template, for legal staff to edit in Word (admin users only)."""
    template = get_object_or_404(DocumentTemplate, pk=pk)
    return _attachment(bytes(template.content), DOCX, template.filename or f"{template.kind}.docx")
