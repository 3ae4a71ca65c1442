"""消息中心: the staff member's in-app messages, newest first, each linking to its case.

Reached from the bell in the top bar (the unread count comes from `xinfang.web.context`). Only the
user's own messages exist here: another user's message is 404, like a message that never was.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from .services import inbox, inbox_mark_all_read, inbox_mark_read

PER_PAGE = 30


def _back(request: HttpRequest) -> HttpResponse:
    """To the page of the list the form was posted from (a local address only)."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_GET
def message_list(request: HttpRequest) -> HttpResponse:
    """My messages, newest first, paged; unread ones marked."""
    page = Paginator(inbox(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def message_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Opening a message marks it read and goes to its case (or back to the list)."""
    message = get_object_or_404(inbox(request.user), pk=pk)
    inbox_mark_read(user=request.user, pk=message.pk)
    if message.case_id:
        return redirect("web:case", number=message.case.number)
    return _back(request)


@login_required
@require_POST
def message_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one message read, staying on the list."""
    message = get_object_or_404(inbox(request.user), pk=pk)
    inbox_mark_read(user=request.user, pk=message.pk)
    return _back(request)


@login_required
@require_POST
def message_read_all(request: HttpRequest) -> HttpResponse:
    """Mark every message read."""
    inbox_mark_all_read(user=request.user)
    return _back(request)
