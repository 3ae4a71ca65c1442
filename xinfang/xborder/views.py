"""The fast track's steps posted from the case page (the engine's checks; refused: a 4xx page)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xinfang.cases.models import Case
from xinfang.cases.selectors import case_get
from xinfang.web.refused import take_posted_step

from .workflow import FLOW, track_put_on, track_transition


def _back(request: HttpRequest, case: Case) -> str:
    target = request.GET.get("next") or reverse("web:case", args=[case.number])
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("web:case", args=[case.number])
    return target


@login_required
@require_POST
def new(request: HttpRequest, number: str, action: str) -> HttpResponse:
    """列入快速通道 (put_on) on a case the user may see."""
    try:
        case = case_get(request.user, number=number)
    except Case.DoesNotExist:
        raise Http404(_("没有找到该信访件，或您无权查看")) from None
    return take_posted_step(
        request, FLOW, None, action, back=_back(request, case), parent=case,
        prefix=f"{FLOW.name}-new-{action}",
        # only put_on is offered to staff (derive is the system's): the head refuses any other
        take=lambda act, params: track_put_on(case_id=case.pk, actor=request.user, params=params))


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """移出 / 重新列入 (take_off, put_back) on a track the user may see."""
    track = FLOW.visible(request.user).filter(pk=pk).first()
    if track is None:
        raise Http404(_("没有找到该记录，或您无权查看"))

    def take(act: Any, params: dict[str, Any]) -> Any:
        return track_transition(track_id=pk, action=act, actor=request.user, params=params)

    return take_posted_step(request, FLOW, track, action, back=_back(request, track.case),
                            prefix=f"{FLOW.name}-{pk}-{action}", take=take)
