"""The portal's side of 信访超市 / 便民服务超市: the service points and their catalogues, a visitor's
need sent online to the chosen point (receipt with a query code), and the look-up of its progress
by code and phone.

The same protections as online petitions (xinfang.portal.abuse): a rate limit per address and per
phone, the arithmetic challenge, a replayed form answered with its first receipt, one answer for a
wrong code and a wrong phone, and a lockout after repeated failures. Every write goes through
`services.py`, i.e. through the need workflow (网上提出需求). The pages are mounted in the portal's
URLconf (/portal/needs/) and use its base template.
"""

from __future__ import annotations

import secrets

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from xinfang.core.errors import DomainError
from xinfang.portal import abuse

from .forms import SubmitForm, TrackForm
from .models import Service, ServicePoint
from .services import need_lookup, need_submit_online

POINTS_LIMIT = 200


def _points():  # noqa: ANN202
    return (ServicePoint.objects.filter(active=True).select_related("unit")
            .prefetch_related(Prefetch("services", Service.objects.filter(active=True),
                                       to_attr="catalogue"))
            .order_by("unit__path", "name"))


def index(request: HttpRequest) -> HttpResponse:
    """信访超市: the active service points, each with its address, hours and catalogue."""
    return render(request, "portal/needs/index.html", {"points": list(_points()[:POINTS_LIMIT])})


def _point(pk: int) -> ServicePoint:
    point = _points().filter(pk=pk).first()
    if point is None or not point.catalogue:
        raise Http404(_("没有找到该服务点，或该服务点暂不接受网上需求"))
    return point


@never_cache
def submit(request: HttpRequest, point: int) -> HttpResponse:
    """The need form of one point; POST sends it and shows the receipt with the query code."""
    p = _point(point)
    template = "portal/needs/submit.html"
    if request.method != "POST":
        form = SubmitForm(point=p, initial={"token": secrets.token_urlsafe(24), "point": p.pk})
        return render(request, template, {"form": form, "p": p,
                                          "challenge": abuse.challenge_new()})
    data = request.POST.copy()
    data["point"] = str(p.pk)  # the point of the URL, never another posted one
    form = SubmitForm(data, point=p)
    ctx: dict = {"form": form, "p": p}
    _replayed, problem = abuse.guarded_submit(request, form)
    if problem == "blocked":
        return abuse.too_many(request, template, ctx)
    if problem:
        if problem == "challenge":
            ctx["challenge_error"] = _("计算结果不对，请重新计算下面的新题目")
        ctx["challenge"] = abuse.challenge_new()
        return render(request, template, ctx, status=400)
    try:
        receipt = need_submit_online(params={**data.dict(), "phone": form.cleaned_data["phone"]})
    except DomainError as err:
        ctx.update({"error": err.message, "challenge": abuse.challenge_new()})
        return render(request, template, ctx, status=400)
    response = render(request, "portal/needs/receipt.html", {
        "receipt": receipt, "n": receipt.need,
        "code_groups": receipt.code_grouped.split("-") if receipt.code else []})
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def track(request: HttpRequest) -> HttpResponse:
    """查询需求: query code + phone number; the status and outcome, on this response only."""
    return abuse.lookup_page(
        request, template="portal/needs/track.html", form_class=TrackForm, lookup=need_lookup,
        found=lambda need: _no_store(render(request, "portal/needs/status.html", {"n": need})),
        not_found=_("查询码或手机号码不正确。请核对回执上的查询码和提出需求时填写的手机号码。"))


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response
