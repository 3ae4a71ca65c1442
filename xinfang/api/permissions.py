"""API permission for the roles that must use a second factor (docs/security.md, 两步验证)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from xinfang.web.twofactor import is_verified, otp_required


class SecondFactor(BasePermission):
    """A user of a role in XINFANG_OTP_REQUIRED_ROLES reaches the API only through a browser session
    verified with a TOTP code; an API token carries no second factor, so it is refused for them."""

    message = _("该账号的角色须使用两步验证：请在网页登录并输入动态验证码后使用；"
                "此类账号不能使用接口令牌，系统对接请使用不含该角色的专用账号")
    code = "second_factor_required"

    def has_permission(self, request, view) -> bool:  # noqa: ANN001, ARG002
        user = request.user
        return not otp_required(user) or is_verified(user)
