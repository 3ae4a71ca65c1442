"""Pages of joint handling: 我的分工 (the parts my unit must report, and those on the cases my unit
leads, with the figures), and the steps posted from them or from the case page. Every step goes
through `web.refused.take_posted_step`: a step not offered is a 4xx page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xinfang.cases.models import Case
from xinfang.cases.selectors import case_get
from xinfang.web.refused import take_posted_step

from .models import JointPart
from .panels import _steps
from .selectors import parts_for_unit, parts_led, summary, visible_parts
from .states import OPEN, PartAction
from .workflow import PARTS, part_assign, part_transition

PAGE = 50


@login_required
@require_POST
def part_create(request: HttpRequest, number: str) -> HttpResponse:
    try:
        case = case_get(request.user, number=number)
    except Case.DoesNotExist:
        raise Http404(_("没有找到该信访件，或您无权查看")) from None
    return take_posted_step(
        request, PARTS, None, PartAction.ASSIGN, parent=case,
        back=reverse("web:case", args=[case.number]),
        take=lambda act, params: part_assign(case_id=case.pk, actor=request.user, params=params))


@login_required
@require_POST
def part_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    try:
        part = visible_parts(request.user).select_related("case").get(pk=pk)
    except JointPart.DoesNotExist:
        raise Http404(_("没有找到该分工，或您无权查看")) from None
    back = (reverse("joint:mine") if request.POST.get("back") == "mine"
            else reverse("web:case", args=[part.case.number]))
    return take_posted_step(
        request, PARTS, part, action, prefix=f"p{pk}-{action}", back=back,
        take=lambda act, params: part_transition(part_id=pk, action=act, actor=request.user,
                                                 params=params))


@login_required
def parts_mine(request: HttpRequest) -> HttpResponse:
    """联合办理: the parts my unit must report (open first), those on cases my unit leads."""
    show = request.GET.get("status", "open")
    mine = parts_for_unit(request.user)
    led = parts_led(request.user)
    if show == "open":
        mine, led = mine.filter(status__in=OPEN), led.filter(status__in=OPEN)
    page = Paginator(mine, PAGE).get_page(request.GET.get("page"))
    return render(request, "joint/parts.html", {
        "page": page, "rows": [(p, _steps(p, request.user)) for p in page.object_list],
        "led": [(p, _steps(p, request.user)) for p in led[:PAGE]], "status": show,
        "figures": summary(request.user)})
