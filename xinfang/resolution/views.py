"""Staff pages: the 调解督办 home with its tabs, the actions, the generated documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xinfang.cases.models import Case
from xinfang.cases.selectors import case_get
from xinfang.core import clock
from xinfang.core.errors import DomainError
from xinfang.core.workflow import posted_params
from xinfang.orgs.models import Unit
from xinfang.orgs.selectors import jurisdiction_of, units_under
from xinfang.web.refused import take_posted_step

from . import selectors
from .indicators import INDICATORS, STAGES, Period, indicator_table
from .machine import Flow
from .services import (
    FLOWS,
    record_create,
    record_transition,
    retrospective_draft,
    satisfaction_record,
)

TABS = [("mediations", gettext_lazy("调解")), ("hearings", gettext_lazy("听证")),
        ("supervision", gettext_lazy("督办与包案")), ("recommendations", gettext_lazy("三项建议")),
        ("followups", gettext_lazy("回访")), ("indicators", gettext_lazy("指标"))]


def action_forms(flow: Flow, user: Any, record: Any, back: str,
                 reached: bool = False) -> list[dict[str, Any]]:
    """The forms of the actions the engine offers `user` on `record` now (`workflow.offered`;
    `reached`: the record comes from `flow.visible(user)`)."""
    out = []
    for t in flow.available(user, record, reached=reached):
        prefix = f"{flow.name}-{record.pk}-{t.action}"
        out.append({"label": flow.action_label(t.action), "doc": _(t.doc),
                    "code": f"{flow.name}.{t.action}", "record": record.pk,
                    "form": flow.forms[t.action](prefix=prefix),
                    "url": reverse("resolution:act", args=[flow.name, record.pk, t.action])
                    + f"?next={back}"})
    return out


def creation_forms(flow: Flow, user: Any, case: Case | None, back: str,
                   initial: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    out = []
    for t in flow.creations(user, case):
        url = reverse("resolution:new", args=[flow.name, t.action]) + f"?next={back}"
        if case is not None:
            url += f"&case={case.number}"
        out.append({"label": flow.action_label(t.action), "doc": _(t.doc), "url": url,
                    "code": f"{flow.name}.{t.action}",
                    "form": flow.forms[t.action](prefix=f"{flow.name}-new-{t.action}",
                                                 initial=initial or {})})
    return out


def _back(request: HttpRequest) -> HttpResponse:
    target = request.GET.get("next") or reverse("resolution:home")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("resolution:home")
    return redirect(target)


@login_required
@require_POST
def act(request: HttpRequest, flow: str, pk: int, action: str) -> HttpResponse:
    f = FLOWS.get(flow)
    if f is None:
        raise Http404
    record = f.visible(request.user).filter(pk=pk).first()
    if record is None:
        raise Http404(_("没有找到该记录，或您无权查看"))

    def take(act: str, params: dict[str, Any]) -> Any:
        if "mediators" in params and not isinstance(params["mediators"], list):
            params["mediators"] = [params["mediators"]]
        return record_transition(f, record_id=pk, action=act, actor=request.user, params=params)

    return take_posted_step(request, f, record, action, back=_back(request).url,
                            prefix=f"{flow}-{pk}-{action}", take=take)


@login_required
@require_POST
def new(request: HttpRequest, flow: str, action: str) -> HttpResponse:
    f = FLOWS.get(flow)
    if f is None:
        raise Http404
    case_id = case = None
    if number := request.GET.get("case"):
        try:
            case = case_get(request.user, number=number)
        except Case.DoesNotExist:
            raise Http404(_("没有找到该信访件，或您无权查看")) from None
        case_id = case.pk
    return take_posted_step(
        request, f, None, action, back=_back(request).url, parent=case,
        prefix=f"{flow}-new-{action}",
        take=lambda act, params: record_create(f, action=act, actor=request.user, params=params,
                                               case_id=case_id))


@login_required
@require_POST
def rate(request: HttpRequest, number: str) -> HttpResponse:
    try:
        case = case_get(request.user, number=number)
    except Case.DoesNotExist:
        raise Http404 from None
    try:
        done = satisfaction_record(case_id=case.pk, actor=request.user,
                                   params=posted_params(request.POST, "rating"))
    except DomainError as err:
        messages.error(request, f"{_('满意度评价')}：{err.message}")
    else:
        messages.success(request, _("已记录对%(w)s的评价") % {"w": "、".join(done)})
    return redirect("web:case", number=case.number)


@login_required
def retrospective(request: HttpRequest, number: str) -> HttpResponse:
    try:
        case_id = case_get(request.user, number=number).pk
        case, sections, data = retrospective_draft(case_id=case_id, actor=request.user)
    except Case.DoesNotExist:
        raise Http404 from None
    except DomainError as err:
        messages.error(request, err.message)
        return redirect("web:case", number=number)
    if request.GET.get("format") == "docx":
        response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument"
                                                   ".wordprocessingml.document")
        response["Content-Disposition"] = f'attachment; filename="retrospective-{case.number}.docx"'
        return response
    rows = [(head, [body] if isinstance(body, str) else list(body)) for head, body in sections]
    return render(request, "resolution/retrospective.html", {"case": case, "sections": rows})


@login_required
def document(request: HttpRequest, flow: str, pk: int) -> FileResponse:
    """The generated 调解协议书 / 建议书, for users who may see the record."""
    field = {"mediation": "agreement_file", "recommendation": "letter_file"}.get(flow)
    if field is None:
        raise Http404
    record = FLOWS[flow].visible(request.user).filter(pk=pk).first()
    if record is None or not getattr(record, field):
        raise Http404
    return FileResponse(getattr(record, field).open("rb"), as_attachment=True,
                        filename=f"{flow}-{pk}.docx")


def _period(request: HttpRequest) -> Period:
    today = clock.today()
    try:
        start_on = dt.date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        start_on = today.replace(month=1, day=1)
    try:
        end_on = dt.date.fromisoformat(request.GET.get("end", ""))
    except ValueError:
        end_on = today
    return Period(start_on, end_on)


LIST_PAGE = 30  # records per page of each resolution list


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    tab = request.GET.get("tab", "mediations")
    if tab not in dict(TABS):
        tab = "mediations"
    back = f"{reverse('resolution:home')}?tab={tab}"
    ctx: dict[str, Any] = {"tabs": TABS, "tab": tab}
    lists = {
        "mediations": lambda: selectors.visible_mediations(user).order_by("-referred_on", "-pk"),
        "hearings": lambda: selectors.visible_hearings(user).order_by("-scheduled_for", "-pk"),
        "supervision": lambda: selectors.visible_orders(user).order_by("status", "due_on", "pk"),
        "recommendations": lambda: selectors.visible_recommendations(user).order_by("pk"),
        "followups": lambda: selectors.visible_followups(user).order_by("status", "due_on", "pk"),
    }
    if tab in lists:  # every record, paged (第 x 页，共 N 条), never cut
        page = Paginator(lists[tab](), LIST_PAGE).get_page(request.GET.get("page"))
        if page.number > 1:  # an action on page 3 comes back to page 3
            back += f"&page={page.number}"
        ctx.update(page=page, items=page.object_list)
    if tab == "mediations":
        ctx["create"] = creation_forms(FLOWS["mediation"], user, None, back)
    elif tab == "supervision":
        orders = selectors.visible_orders(user)
        ctx["escalated"] = selectors.watched_by(user, orders.filter(escalation_level__gt=0))
        ctx["leaders"] = selectors.visible_assignments(user)[:100]
    elif tab == "recommendations":
        ctx["create"] = creation_forms(FLOWS["recommendation"], user, None, back)
    elif tab == "indicators":
        period = _period(request)
        root = jurisdiction_of(user)
        units = (Unit.objects.none() if root is None
                 else units_under(root, active=True).order_by("path"))
        ctx.update(period=period, indicators=INDICATORS, stages=STAGES,
                   rows=indicator_table(units, period))
    if tab != "indicators" and "items" in ctx:
        flow = FLOWS[{"mediations": "mediation", "hearings": "hearing", "supervision": "order",
                      "recommendations": "recommendation", "followups": "followup"}[tab]]
        ctx["rows"] = [{"item": i, "actions": action_forms(flow, user, i, back, reached=True)}
                       for i in ctx["items"]]
    ctx["today"] = clock.today()
    return render(request, "resolution/home.html", ctx)
