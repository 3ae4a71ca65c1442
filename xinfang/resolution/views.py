"""Staff pages: the 调解督办 home with its tabs, the actions, the generated documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xinfang.cases.models import Case
from xinfang.cases.selectors import case_get, jurisdiction_root
from xinfang.core import clock
from xinfang.core.errors import DomainError
from xinfang.orgs.models import Unit
from xinfang.web.refused import refusal_response

from . import hearings, mediation, satisfaction, supervision
from .indicators import INDICATORS, STAGES, Period, indicator_table
from .machine import Flow, start
from .machine import run as run_flow
from .retrospective import retrospective_draft

FLOWS: dict[str, Flow] = {f.name: f for f in (
    mediation.FLOW, hearings.FLOW, supervision.ORDER_FLOW, supervision.LEADER_FLOW,
    supervision.REC_FLOW, satisfaction.FLOW)}

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


def _params(request: HttpRequest, prefix: str) -> dict[str, Any]:
    p = f"{prefix}-"
    out: dict[str, Any] = {}
    for key in request.POST:
        if key.startswith(p):
            values = request.POST.getlist(key)
            out[key[len(p):]] = values if len(values) > 1 else values[0]
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
    if f is None or action not in f.table:
        raise Http404
    record = f.visible(request.user).filter(pk=pk).first()
    if record is None:
        raise Http404(_("没有找到该记录，或您无权查看"))
    refused = refusal_response(request, f, record, action, label=f.action_label(action),
                               back=_back(request).url)
    if refused is not None:  # not offered to this user now: the engine's reason, 4xx
        return refused
    params = _params(request, f"{flow}-{pk}-{action}")
    if "mediators" in params and not isinstance(params["mediators"], list):
        params["mediators"] = [params["mediators"]]
    try:
        run_flow(f, record_id=pk, action=action, actor=request.user, params=params)
    except ObjectDoesNotExist:
        raise Http404(_("没有找到该记录，或您无权查看")) from None
    except DomainError as err:
        messages.error(request, f"{f.action_label(action)}：{err.message}")
    else:
        messages.success(request, _("已完成：%(a)s") % {"a": f.action_label(action)})
    return _back(request)


@login_required
@require_POST
def new(request: HttpRequest, flow: str, action: str) -> HttpResponse:
    f = FLOWS.get(flow)
    if f is None or action not in f.table:
        raise Http404
    case_id = case = None
    if number := request.GET.get("case"):
        try:
            case = case_get(request.user, number=number)
        except Case.DoesNotExist:
            raise Http404(_("没有找到该信访件，或您无权查看")) from None
        case_id = case.pk
    refused = refusal_response(request, f, None, action, label=f.action_label(action),
                               back=_back(request).url, parent=case)
    if refused is not None:  # not offered to this user now: the engine's reason, 4xx
        return refused
    try:
        start(f, action=action, actor=request.user, params=_params(
            request, f"{flow}-new-{action}"), case_id=case_id)
    except ObjectDoesNotExist:
        raise Http404 from None
    except DomainError as err:
        messages.error(request, f"{f.action_label(action)}：{err.message}")
    else:
        messages.success(request, _("已完成：%(a)s") % {"a": f.action_label(action)})
    return _back(request)


@login_required
@require_POST
def rate(request: HttpRequest, number: str) -> HttpResponse:
    try:
        case = case_get(request.user, number=number)
    except Case.DoesNotExist:
        raise Http404 from None
    try:
        done = satisfaction.satisfaction_record(case_id=case.pk, actor=request.user,
                                                params=_params(request, "rating"))
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


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    tab = request.GET.get("tab", "mediations")
    if tab not in dict(TABS):
        tab = "mediations"
    back = f"{reverse('resolution:home')}?tab={tab}"
    ctx: dict[str, Any] = {"tabs": TABS, "tab": tab}
    if tab == "mediations":
        ctx["items"] = mediation.visible_mediations(user).order_by("-referred_on", "-pk")[:100]
        ctx["create"] = creation_forms(mediation.FLOW, user, None, back)
    elif tab == "hearings":
        ctx["items"] = hearings.visible_hearings(user).order_by("-scheduled_for")[:100]
    elif tab == "supervision":
        orders = supervision.visible_orders(user).order_by("status", "due_on")
        ctx["items"] = orders[:100]
        ctx["escalated"] = supervision.watched_by(user, orders.filter(escalation_level__gt=0))
        ctx["leaders"] = supervision.visible_assignments(user)[:100]
    elif tab == "recommendations":
        ctx["items"] = supervision.visible_recommendations(user)[:100]
        ctx["create"] = creation_forms(supervision.REC_FLOW, user, None, back)
    elif tab == "followups":
        ctx["items"] = satisfaction.visible_followups(user).order_by("status", "due_on")[:100]
    else:
        period = _period(request)
        units = Unit.objects.none()
        if user.unit_id:
            units = Unit.objects.filter(path__startswith=jurisdiction_root(user.unit).path,
                                        active=True).order_by("path")
        ctx.update(period=period, indicators=INDICATORS, stages=STAGES,
                   rows=indicator_table(units, period))
    if tab != "indicators" and "items" in ctx:
        flow = {"mediations": mediation.FLOW, "hearings": hearings.FLOW,
                "supervision": supervision.ORDER_FLOW, "recommendations": supervision.REC_FLOW,
                "followups": satisfaction.FLOW}[tab]
        ctx["rows"] = [{"item": i, "actions": action_forms(flow, user, i, back, reached=True)}
                       for i in ctx["items"]]
    ctx["today"] = clock.today()
    return render(request, "resolution/home.html", ctx)
