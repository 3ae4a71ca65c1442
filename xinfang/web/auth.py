"""Authentication pieces of the staff login: the lockout backend and the second factor's code check."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login through a request (staff and admin login).

    A login without a request (code calling `authenticate()` directly, `Client.login()` in tests)
    has no address to count, so it is left to the next backend instead of raising.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):  # noqa: ANN001, ANN003, ANN201
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def second_factor_check(user, token: str):  # noqa: ANN001, ANN201
    """The confirmed device of `user` that accepts `token` (spaces ignored); None when the account
    has no confirmed device; ValidationError (Chinese) for a missing, wrong or throttled code."""
    token = "".join((token or "").split())
    error = None
    with transaction.atomic():  # devices are locked while a code is checked (throttling)
        devices = list(devices_for_user(user, confirmed=True, for_verify=True))
        if not devices:
            return None
        if not token:
            error = ValidationError(_("该账号已启用两步验证，请输入动态验证码"), code="otp_required")
        else:
            device = next((d for d in devices
                           if d.verify_is_allowed()[0] and d.verify_token(token)), None)
            if device is None:
                error = ValidationError(_("动态验证码不正确或已过期，请稍后用新的验证码重试"),
                                        code="otp_invalid")
    if error is not None:  # raised outside the block: a failed try must stay counted
        raise error
    return device


class SecondFactorMixin:
    """Second factor: an account with a confirmed TOTP device (set up by its user on 两步验证 or by
    an administrator in the admin; compulsory for the roles of XINFANG_OTP_REQUIRED_ROLES, see
    twofactor.py) must also give the current six-digit code of its authenticator app; other
    accounts log in with their password. Mixed in before Django's login form (staff) or admin
    login form."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["otp_token"] = forms.CharField(
            label=_("动态验证码"), required=False, max_length=12,
            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
            help_text=_("已启用两步验证的账号填写身份验证器中的6位数字"))

    def check_second_factor(self, user) -> None:  # noqa: ANN001
        if user is None:
            return
        device = second_factor_check(user, self.cleaned_data.get("otp_token") or "")
        if device is not None:
            user.otp_device = device  # django_otp marks the session verified at login

    def clean(self):  # noqa: ANN201
        cleaned = super().clean()
        self.check_second_factor(self.get_user())
        return cleaned


class LoginForm(SecondFactorMixin, AuthenticationForm):
    """The staff login."""


class AdminLoginForm(SecondFactorMixin, AdminAuthenticationForm):
    """The admin site's login (it also asks for the second factor)."""
