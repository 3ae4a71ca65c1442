"""The portal's side of 众人议事厅: residents see the topics of their place, verify by phone (an SMS
code to the number on the roster), comment, vote once, and see the result once closed and the
decision once published.

The portal's protections (portal.abuse): a rate per address, the arithmetic challenge before a code
is sent, codes per phone counted, one answer whether or not the phone is on the roster, wrong codes
counted towards the lockout. The verified resident is remembered in the session for that topic only
(the session key is changed on verification). Every write goes through `services.py`. Mounted by
the portal's URLconf at /portal/deliberation/.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from xinfang.core.errors import DomainError
from xinfang.orgs.models import Unit
from xinfang.portal import abuse, codes

from .forms import CodeForm, CommentForm, PhoneForm, VoteForm
from .models import Resident, Topic
from .selectors import eligible_residents, public_topic, public_topics
from .services import cast_vote, check_code, has_voted, post_comment, send_code
from .states import TopicStatus

PAGE = 20


def _topic(number: str) -> Topic:
    try:
        return public_topic(number)
    except Topic.DoesNotExist:
        raise Http404(_("没有找到该议题")) from None


def _session_key(topic: Topic) -> str:
    return f"deliberation:{topic.pk}"


def _participant(request: HttpRequest, topic: Topic) -> Resident | None:
    """The resident verified for this topic in this session, if still eligible."""
    pk = request.session.get(_session_key(topic))
    return eligible_residents(topic).filter(pk=pk).first() if pk else None


def index(request: HttpRequest) -> HttpResponse:
    """众人议事厅: the topics under deliberation, and the results; `?place=<unit>`: of one place
    (and the places below it)."""
    qs = public_topics()
    places = list(Unit.objects.filter(pk__in=qs.values("unit")).order_by("path"))
    wanted = request.GET.get("place", "")
    place = (Unit.objects.filter(pk=wanted, active=True).first()
             if wanted.isdigit() and len(wanted) < 19 else None)
    if place is not None:
        qs = qs.filter(unit__path__startswith=place.path)
    page = Paginator(qs.exclude(status=TopicStatus.OPEN), PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/deliberation/index.html", {
        "open": list(qs.filter(status=TopicStatus.OPEN)), "page": page, "done": page.object_list,
        "places": places, "place": place})


def _page(request: HttpRequest, topic: Topic, status: int = 200, **ctx) -> HttpResponse:  # noqa: ANN003
    resident = _participant(request, topic)
    voted = resident is not None and has_voted(topic, resident)
    base = {"t": topic, "resident": resident, "voted": voted,
            "comments": topic.comments.filter(hidden=False),
            "hidden_count": topic.comments.filter(hidden=True).count(),
            "linked": topic.links.count()}
    if topic.status == TopicStatus.OPEN:
        if resident is None:
            base.setdefault("phone_form", PhoneForm())
            base["challenge"] = abuse.challenge_new()
        else:
            base["vote_form"] = VoteForm(options=topic.options)
            base["comment_form"] = CommentForm()
    base.update(ctx)
    response = render(request, "portal/deliberation/topic.html", base, status=status)
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def topic(request: HttpRequest, number: str) -> HttpResponse:
    return _page(request, _topic(number))


def _blocked(request: HttpRequest, topic: Topic) -> HttpResponse:
    return _page(request, topic, status=429, blocked=_("操作过于频繁，请稍后再试。"))


@never_cache
@require_POST
def verify(request: HttpRequest, number: str) -> HttpResponse:
    """Step 1 (phone + challenge): a code is sent if the phone may take part; step 2 (code): the
    resident is verified for this topic in this session."""
    t = _topic(number)
    if t.status != TopicStatus.OPEN:
        return _page(request, t, status=400, error=_("议事已截止，不能再投票或评论"))
    ip = abuse.address_subject(request)
    phone = codes.normalise_phone(request.POST.get("phone", ""))
    if not abuse.hit("track_per_ip", ip) or abuse.failures_exceeded(f"ip:{ip}", f"phone:{phone}"):
        return _blocked(request, t)
    if request.POST.get("stage") == "code":
        form = CodeForm(request.POST)
        ctx = {"code_form": form, "phone": phone}
        if not form.is_valid():
            return render(request, "portal/deliberation/code.html", {"t": t, **ctx}, status=400)
        resident = check_code(topic=t, phone=phone, code=form.cleaned_data["code"])
        if resident is None:
            abuse.record_failure(f"ip:{ip}", f"phone:{phone}")
            ctx["error"] = _("验证码不正确或已过期，请核对短信，或返回重新获取。")
            return render(request, "portal/deliberation/code.html", {"t": t, **ctx}, status=400)
        abuse.clear_failures(f"phone:{phone}")
        request.session.cycle_key()
        request.session[_session_key(t)] = resident.pk
        messages.success(request, _("验证成功，您可以参与本议题的表决和评论。"))
        return redirect("portal:deliberation-topic", number=t.number)
    form = PhoneForm(request.POST)
    if not abuse.challenge_check(request.POST.get("challenge_token", ""),
                                 request.POST.get("challenge_answer", ""), form_id=phone or "-"):
        form.is_valid()
        return _page(request, t, status=400, phone_form=form,
                     challenge_error=_("计算结果不对，请重新计算下面的新题目"))
    if not form.is_valid():
        return _page(request, t, status=400, phone_form=form)
    if not abuse.hit("submit_per_phone", phone):
        return _blocked(request, t)
    send_code(topic=t, phone=phone)  # the same page whether or not the phone may take part
    return render(request, "portal/deliberation/code.html",
                  {"t": t, "code_form": CodeForm(), "phone": phone})


def _participant_or_page(request: HttpRequest, t: Topic):  # noqa: ANN202
    resident = _participant(request, t)
    if resident is None:
        return None, _page(request, t, status=403,
                           error=_("请先用参与人名册上的手机号码验证身份。"))
    return resident, None


@never_cache
@require_POST
def vote(request: HttpRequest, number: str) -> HttpResponse:
    t = _topic(number)
    resident, refused = _participant_or_page(request, t)
    if refused is not None:
        return refused
    form = VoteForm(request.POST, options=t.options)
    if not form.is_valid():
        return _page(request, t, status=400, vote_form=form, error=_("请选择一个表决选项"))
    try:
        cast_vote(topic_id=t.pk, resident_id=resident.pk, option=form.cleaned_data["option"])
    except DomainError as err:
        return _page(request, t, status=400, error=err.message)
    messages.success(request, _("您的表决已记录，感谢参与。议事截止后公布结果。"))
    return redirect("portal:deliberation-topic", number=t.number)


@never_cache
@require_POST
def comment(request: HttpRequest, number: str) -> HttpResponse:
    t = _topic(number)
    resident, refused = _participant_or_page(request, t)
    if refused is not None:
        return refused
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _page(request, t, status=400, comment_form=form)
    try:
        post_comment(topic_id=t.pk, resident_id=resident.pk, text=form.cleaned_data["text"])
    except DomainError as err:
        return _page(request, t, status=400, error=err.message)
    messages.success(request, _("评论已发表。"))
    return redirect("portal:deliberation-topic", number=t.number)


@require_POST
def leave(request: HttpRequest, number: str) -> HttpResponse:
    t = _topic(number)
    request.session.pop(_session_key(t), None)
    return redirect("portal:deliberation-topic", number=t.number)
