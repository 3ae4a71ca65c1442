"""Staff pages of 吹哨报到: the list (what my department must report to, overdue first; the whistles
in my reach; the figures per grid and department), a whistle with its steps, reports and timeline,
and the whistle form. Every read goes through `selectors.visible_whistles`; every write through the
workflow."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from xinfang.core import clock
from xinfang.core import workflow as engine
from xinfang.core.conf import get
from xinfang.core.errors import DomainError, InvalidParams
from xinfang.portal import codes
from xinfang.web.files import stored_file_response
from xinfang.web.refused import refusal_response, refused_response, take_posted_step

from .forms import ACTION_FORMS, RaiseForm
from .models import Whistle, WhistleReport
from .photos import clean_photos
from .selectors import figures, grids_for, to_report, visible_whistles, whistle_get
from .states import ReportStatus, WhistleAction, WhistleStatus
from .workflow import WHISTLES, available_actions, whistle_create, whistle_transition

PAGE = 50


def _get(request: HttpRequest, number: str) -> Whistle:
    try:
        return whistle_get(request.user, number=number)
    except Whistle.DoesNotExist:
        raise Http404(_("没有找到该吹哨事项，或您无权查看")) from None


@login_required
def whistle_list(request: HttpRequest) -> HttpResponse:
    qs = visible_whistles(request.user)
    status = request.GET.get("status", "open")
    if status == "open":
        shown = qs.filter(status=WhistleStatus.WHISTLED)
    elif status in WhistleStatus.values:
        shown = qs.filter(status=status)
    else:
        status, shown = "all", qs
    grids = list(grids_for(request.user))
    grid = request.GET.get("grid", "")
    if grid.isdigit():
        shown = shown.filter(grid=int(grid))
    now = clock.now()
    late = WhistleReport.objects.filter(whistle=OuterRef("pk"), status=ReportStatus.PENDING,
                                        due_at__lt=now)
    page = Paginator(shown.select_related("grid", "unit").annotate(overdue=Exists(late))
                     .order_by("-overdue", "-whistled_at", "-pk"),
                     PAGE).get_page(request.GET.get("page"))
    total, by_grid, by_dept = figures(qs)
    return render(request, "whistle/list.html", {
        "page": page, "whistles": page.object_list, "status": status,
        "statuses": WhistleStatus.choices, "grids": grids, "grid": grid, "mine": [(r, r.overdue_at(now)) for r in
                                                    to_report(request.user, now)],
        "total": total, "by_grid": by_grid, "by_dept": by_dept,
        "may_raise": engine.allowed(WHISTLES, None, WhistleAction.RAISE, request.user),
    })


@login_required
def whistle_detail(request: HttpRequest, number: str) -> HttpResponse:
    w = _get(request, number)
    actions = [(a, str(a.label), ACTION_FORMS[a](prefix=a.value))
               for a in available_actions(request.user, w)]
    now = clock.now()
    return render(request, "whistle/detail.html", {
        "w": w, "actions": actions, "events": w.events.select_related("actor", "unit"),
        "photos": w.photos.select_related("unit", "report__unit"),
        "reports": [(r, r.overdue_at(now)) for r in w.reports.select_related("unit", "reported_by")],
    })


def _photos_refused(request: HttpRequest, w: Whistle, action: str) -> HttpResponse | None:
    """Photos posted with a step that are not photos, too large, or too many: 400 with the reason
    before the step is taken (the step checks them again)."""
    uploads = request.FILES.getlist(f"{action}-photos")
    if not uploads:
        return None
    back = reverse("whistle:detail", args=[w.number])
    label = str(_("照片"))
    most = int(get("XINFANG_WHISTLE_PHOTOS_MAX"))
    kept = w.photos.count()
    if kept + len(uploads) > most:
        return refused_response(request, InvalidParams(
            _("每件吹哨事项最多%(n)d张照片，已有%(k)d张") % {"n": most, "k": kept}),
            label=label, back=back)
    try:
        clean_photos(uploads)
    except ValidationError as err:
        return refused_response(request, InvalidParams("；".join(err.messages)), label=label,
                                back=back)
    return None


@login_required
@require_POST
def whistle_act(request: HttpRequest, number: str, action: str) -> HttpResponse:
    w = _get(request, number)
    refused = _photos_refused(request, w, action)
    if refused is not None:
        return refused
    return take_posted_step(
        request, WHISTLES, w, action, back=reverse("whistle:detail", args=[w.number]),
        done=lambda label: _("已%(action)s") % {"action": label},
        take=lambda act, params: whistle_transition(whistle_id=w.pk, action=act,
                                                    actor=request.user, params=params))


@login_required
def whistle_new(request: HttpRequest) -> HttpResponse:
    """吹哨: a grid worker raises a matter and whistles to the departments."""
    refused = refusal_response(request, WHISTLES, None, WhistleAction.RAISE,
                               label=str(WhistleAction.RAISE.label), back=reverse("whistle:list"))
    if refused is not None:
        return refused
    if request.method != "POST":
        form = RaiseForm(user=request.user, initial={"token": secrets.token_urlsafe(24)})
        return render(request, "whistle/new.html", {"form": form})
    params = {k: v for k, v in request.POST.lists()}
    params = {k: (v if k == "units" else v[0]) for k, v in params.items()}
    params["photos"] = request.FILES.getlist("photos")
    token = params.get("token", "")
    if codes.valid_token(token):  # a double click or a reload of the same form: the whistle made
        done = visible_whistles(request.user).filter(form_token=codes.token_hash(token)).first()
        if done is not None:
            messages.info(request, _("此表单已经提交过：%(n)s") % {"n": done.number})
            return redirect("whistle:detail", number=done.number)
    try:
        w = whistle_create(actor=request.user, params=params)
    except IntegrityError:  # the same form committed meanwhile by the other click
        return redirect("whistle:list")
    except DomainError as err:
        form = RaiseForm(request.POST, user=request.user)
        form.is_valid()
        return render(request, "whistle/new.html", {"form": form, "error": err.message},
                      status=400)
    messages.success(request, _("已吹哨：%(n)s") % {"n": w.number})
    return redirect("whistle:detail", number=w.number)


@login_required
@require_GET
def whistle_photo(request: HttpRequest, number: str, pk: int, thumb: bool = False) -> HttpResponse:
    """One photo (or its thumbnail), only to a user who may see the whistle (404 otherwise); never
    from MEDIA_URL."""
    w = _get(request, number)
    photo = w.photos.filter(pk=pk).first()
    file = None if photo is None else (photo.thumb if thumb else photo.file)
    if file is None or not file or not file.storage.exists(file.name):
        raise Http404(_("没有找到该照片"))
    return stored_file_response(file, photo.name, photo.content_type, inline=True)
