"""The portal's side of the suggestion collection (人民建议征集, Art. 29): a citizen sends a
suggestion and gets a receipt with a query code; later, with the code and phone number, sees what
became of it; everyone sees the published suggestions (never who made them).

The same protections as online petitions (abuse.py): a rate limit per address, the arithmetic
challenge, one answer for a wrong code and a wrong phone, and a lockout after repeated failures.
Every write goes through `services.py`, i.e. through the suggestion workflow. The pages are
mounted in the portal's URLconf (/portal/suggestions/) and use its base template; they live in this
app so that their text is in the project's catalogue with the app's English (locale_en.py).
"""

from __future__ import annotations

import secrets

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from xinfang.core.errors import DomainError
from xinfang.orgs.models import UnitType
from xinfang.orgs.selectors import jurisdiction_root, units_under
from xinfang.portal import abuse
from xinfang.portal.services import portal_unit

from .forms import SubmitForm, TrackForm
from .selectors import published_suggestions
from .services import suggestion_lookup, suggestion_submit_online

PUBLISHED_PAGE = 20


def index(request: HttpRequest) -> HttpResponse:
    """人民建议征集: how it works, and the published suggestions with their outcome."""
    page = Paginator(published_suggestions(), PUBLISHED_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/suggestions/index.html", {"page": page,
                                                             "published": page.object_list})


def _form(unit, data=None) -> SubmitForm:  # noqa: ANN001
    form = SubmitForm(data, initial=None if data else {"token": secrets.token_urlsafe(24)})
    form.fields["concerns_unit"].queryset = units_under(
        jurisdiction_root(unit), active=True).filter(
        unit_type=UnitType.PARTY_GOVERNMENT).order_by("path")
    return form


@never_cache
def submit(request: HttpRequest) -> HttpResponse:
    """The suggestion form; POST sends it and shows the receipt with the query code."""
    try:
        unit = portal_unit()
    except DomainError as err:
        return render(request, "portal/closed.html", {"message": err.message}, status=503)
    template = "portal/suggestions/submit.html"
    if request.method != "POST":
        return render(request, template, {"form": _form(unit), "challenge": abuse.challenge_new()})
    form = _form(unit, request.POST)
    ctx: dict = {"form": form}
    _replayed, problem = abuse.guarded_submit(request, form)
    if problem == "blocked":
        return abuse.too_many(request, template, ctx)
    if problem:
        if problem == "challenge":
            ctx["challenge_error"] = _("计算结果不对，请重新计算下面的新题目")
        ctx["challenge"] = abuse.challenge_new()
        return render(request, template, ctx, status=400)
    params = {**request.POST.dict(), "phone": form.cleaned_data["phone"]}
    try:
        receipt = suggestion_submit_online(params=params)
    except DomainError as err:
        ctx.update({"error": err.message, "challenge": abuse.challenge_new()})
        return render(request, template, ctx, status=400)
    response = render(request, "portal/suggestions/receipt.html", {
        "receipt": receipt, "s": receipt.suggestion,
        "code_groups": receipt.code_grouped.split("-") if receipt.code else []})
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def track(request: HttpRequest) -> HttpResponse:
    """查询: query code + phone number; the status and the answer, on this response only."""
    return abuse.lookup_page(
        request, template="portal/suggestions/track.html", form_class=TrackForm,
        lookup=suggestion_lookup,
        found=lambda s: _no_store(render(request, "portal/suggestions/status.html", {"s": s})),
        not_found=_("查询码或手机号码不正确。请核对回执上的查询码和提出建议时填写的手机号码。"))


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response
