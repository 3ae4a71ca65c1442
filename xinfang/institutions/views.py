"""Pages: the urgent report from the case page, the receipts a unit must sign for, one report with
its levels and the sign-for step (Art. 25); the annual report for download (Art. 41)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xinfang.cases.models import Case
from xinfang.cases.selectors import case_get, visible_cases
from xinfang.core import clock
from xinfang.web.refused import take_posted_step

from . import annual
from .forms import RECEIPT_FORMS
from .models import UrgentReceipt, UrgentReport
from .selectors import receipts_for_unit, report_get, visible_reports
from .states import ReceiptStatus, ReportAction
from .workflow import URGENT_RECEIPTS, URGENT_REPORTS, receipt_transition, urgent_report

PAGE = 50


@login_required
@require_POST
def report_create(request: HttpRequest, number: str) -> HttpResponse:
    """紧急上报 from the case page (Art. 25): the engine decides who may, 4xx otherwise."""
    try:
        case = case_get(request.user, number=number)
    except Case.DoesNotExist:
        raise Http404(_("没有找到该信访件，或您无权查看")) from None
    return take_posted_step(
        request, URGENT_REPORTS, None, ReportAction.REPORT, parent=case,
        back=reverse("web:case", args=[case.number]),
        take=lambda act, params: urgent_report(case_id=case.pk, actor=request.user, params=params))


@login_required
def urgent_list(request: HttpRequest) -> HttpResponse:
    """What the user's unit must sign for (open first), and the reports its own staff sent."""
    status = request.GET.get("status", "open")
    page = Paginator(receipts_for_unit(request.user, status=status), PAGE).get_page(
        request.GET.get("page"))
    sent = (visible_reports(request.user).filter(reporting_unit_id=request.user.unit_id)
            .select_related("case").order_by("-reported_at", "-pk")[:PAGE]
            if request.user.unit_id else UrgentReport.objects.none())
    return render(request, "institutions/urgent_list.html", {
        "page": page, "receipts": page.object_list, "status": status,
        "statuses": ReceiptStatus.choices, "sent": sent, "now": clock.now()})


@login_required
def urgent_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        report = report_get(request.user, pk=pk)
    except UrgentReport.DoesNotExist:
        raise Http404(_("没有找到该紧急上报，或您无权查看")) from None
    rows = []
    for receipt in report.receipts.select_related("unit", "acknowledged_by"):
        actions = [(t.action, URGENT_RECEIPTS.action_label(t.action),
                    RECEIPT_FORMS[t.action](prefix=f"{t.action}-{receipt.pk}"))
                   for t in URGENT_RECEIPTS.available(request.user, receipt)]
        rows.append((receipt, actions))
    return render(request, "institutions/urgent_detail.html", {
        "report": report, "rows": rows, "now": clock.now(),
        # a receiving level above may see the report without reaching the case page (Art. 30)
        "case_visible": visible_cases(request.user).filter(pk=report.case_id).exists()})


@login_required
@require_POST
def receipt_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    try:
        receipt = URGENT_RECEIPTS.visible(request.user).select_related("report").get(pk=pk)
    except UrgentReceipt.DoesNotExist:
        raise Http404(_("没有找到该接报记录，或您无权查看")) from None
    return take_posted_step(
        request, URGENT_RECEIPTS, receipt, action, prefix=f"{action}-{receipt.pk}",
        back=reverse("institutions:urgent-detail", args=[receipt.report_id]),
        take=lambda act, params: receipt_transition(receipt_id=receipt.pk, action=act,
                                                    actor=request.user, params=params))


@login_required
def annual_page(request: HttpRequest) -> HttpResponse:
    """年度信访工作报告 (Art. 41): choose the year; the draft downloads as .docx."""
    unit = annual.report_unit_for(request.user)
    if unit is None:
        raise PermissionDenied(_("只有党委和政府信访部门（或党委政府）的领导、审批人、督查员可以生成年度信访工作报告"))
    this_year = clock.today().year
    years = list(range(this_year, this_year - 6, -1))
    if "year" in request.GET:
        try:
            year = int(request.GET["year"])
        except ValueError:
            year = 0
        if year not in years:
            return render(request, "institutions/annual.html", {
                "unit": unit, "years": years, "error": _("请选择近六年中的一个年度")}, status=400)
        data = annual.annual_report_data(unit=unit, year=year)
        resp = HttpResponse(
            annual.annual_report_docx(data),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        resp["Content-Disposition"] = f'attachment; filename="annual-report-{unit.code}-{year}.docx"'
        return resp
    return render(request, "institutions/annual.html", {"unit": unit, "years": years})

