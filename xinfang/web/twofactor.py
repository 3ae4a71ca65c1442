"""Compulsory second factor by role (Art. 46: the petitioners' data must not leak through a guessed
or stolen password of the accounts that see the most).

A user holding a role of ``settings.XINFANG_OTP_REQUIRED_ROLES`` (default in production:
administrators and leaders; a superuser counts as an administrator) reaches no staff page until the
session is verified with a TOTP code: without a confirmed device they are sent to 两步验证 to set one
up (QR code and key for any authenticator app, confirmed by a first code), with one to 输入动态验证码
(the staff and admin login already ask for it; a session that skipped it, e.g. one opened before the
device was added, is asked here). The REST API answers such users 403 unless the session is verified;
an API token never is, so these roles use the API only through a verified browser session, and
integrations use accounts without such a role (``xinfang.api.permissions.SecondFactor``).
"""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from xinfang.core.conf import get
from xinfang.orgs.models import Role

from .auth import second_factor_check

# Pages an unverified user of such a role may still open: logging in and out, the two pages
# below, the language switch and display preferences, and the public portal. The API answers
# for itself (a JSON 403, not a redirect).
EXEMPT_VIEWS = {"login", "logout", "two-factor", "two-factor-verify", "set_language", "web:pref",
                "admin:login", "admin:logout"}
EXEMPT_NAMESPACES = {"portal", "api"}
EXEMPT_PREFIXES = ("/api/",)


def otp_required(user) -> bool:  # noqa: ANN001
    """True when `user` holds a role that must log in with a second factor."""
    required = set(get("XINFANG_OTP_REQUIRED_ROLES") or ())
    if not required or not getattr(user, "is_authenticated", False):
        return False
    roles = set(user.role_codes())
    if user.is_superuser:
        roles.add(Role.ADMINISTRATOR.value)
    return bool(roles & required)


def is_verified(user) -> bool:  # noqa: ANN001
    """The session was verified with a code (django_otp's OTPMiddleware; an API token never is)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


class SecondFactorRequiredMiddleware:
    """After django_otp's OTPMiddleware: sends an unverified user of a required role to set up or
    verify the second factor before any other page."""

    def __init__(self, get_response) -> None:  # noqa: ANN001
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):  # noqa: ANN001, ANN201, ARG002
        user = getattr(request, "user", None)
        if user is None or not otp_required(user) or is_verified(user):
            return None
        match = request.resolver_match
        if (request.path.startswith(EXEMPT_PREFIXES) or match is None
                or match.view_name in EXEMPT_VIEWS or set(match.namespaces) & EXEMPT_NAMESPACES):
            return None
        target = "two-factor-verify" if user_has_device(user, confirmed=True) else "two-factor"
        return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label=gettext_lazy("动态验证码"), max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autofocus": True}),
        help_text=gettext_lazy("身份验证器中当前显示的6位数字"))


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        return reverse("web:queue")
    return target


def _grouped(secret: bytes) -> str:
    text = b32encode(secret).decode()
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


@never_cache
@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """两步验证: add an authenticator app (QR code or key), confirmed by its first code."""
    user = request.user
    if user_has_device(user, confirmed=True):
        if not is_verified(user):
            return redirect(f"{reverse('two-factor-verify')}?{urlencode({'next': _next(request)})}")
        return render(request, "web/two_factor_setup.html", {"enabled": True,
                                                             "required": otp_required(user)})
    device = (TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
              or TOTPDevice.objects.create(user=user, name=_("身份验证器"), confirmed=False))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = "".join(form.cleaned_data["otp_token"].split())
        if device.verify_token(token):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("两步验证已启用：以后登录时须输入身份验证器中的动态验证码"))
            return redirect(_next(request))
        form.add_error("otp_token", _("动态验证码不正确或已过期，请稍后用新的验证码重试"))
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form, "next": _next(request), "required": otp_required(user),
        "secret": _grouped(device.bin_key),
        "qr": qr.svg_inline(scale=4, light="#fff", title=_("两步验证二维码")),
    }
    return render(request, "web/two_factor_setup.html", context,
                  status=400 if request.method == "POST" else 200)


@never_cache
@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """输入动态验证码: verify a session that was opened without the second factor."""
    user = request.user
    if is_verified(user):
        return redirect(_next(request))
    if not user_has_device(user, confirmed=True):
        return redirect(f"{reverse('two-factor')}?{urlencode({'next': _next(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor_check(user, form.cleaned_data["otp_token"])
        except ValidationError as err:
            form.add_error("otp_token", err)
        else:
            otp_login(request, device)
            return redirect(_next(request))
    return render(request, "web/two_factor_verify.html", {"form": form, "next": _next(request)},
                  status=400 if request.method == "POST" else 200)
