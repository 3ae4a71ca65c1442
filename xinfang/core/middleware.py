"""Chinese first: the interface language is zh-hans unless the user chose another one; sessions
end after a working day (SessionLimitMiddleware)."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Like Django's LocaleMiddleware, but ignores the browser's Accept-Language header.

    Staff and petitioners get Chinese by default, whatever language their browser was installed
    in; choosing English (the language switch sets a cookie) is remembered.
    """

    def process_request(self, request) -> None:  # noqa: ANN001
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen and translation.check_for_language(chosen):
            language = translation.get_supported_language_variant(chosen)
        else:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


LOGIN_AT = "xinfang_login_at"
SEEN_AT = "xinfang_seen_at"
RENEW_EVERY = 60  # seconds: renew an active session at most once a minute (one UPDATE, not one a request)


class SessionLimitMiddleware:
    """Staff sessions end when idle and after a working day (docs/security.md).

    Idle: a session lives SESSION_COOKIE_AGE (XINFANG_SESSION_IDLE_MINUTES) after it was last saved;
    an active staff session is saved again (renewed) when it was last renewed over a minute ago, so
    it ends at most a minute early after that many idle minutes. Absolute: a login older than
    ``XINFANG_SESSION_MAX_SECONDS`` is logged out, however active.
    """

    def __init__(self, get_response) -> None:  # noqa: ANN001
        self.get_response = get_response

    def __call__(self, request):  # noqa: ANN001, ANN204
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            if now - int(session.get(LOGIN_AT, now)) > settings.XINFANG_SESSION_MAX_SECONDS:
                logout(request)  # flushes the session; the view then asks for a login
            else:
                session.setdefault(LOGIN_AT, now)
                if now - int(session.get(SEEN_AT, 0)) > RENEW_EVERY:
                    session[SEEN_AT] = now  # modified: saved with a fresh expiry date
        return self.get_response(request)


def mark_login(sender, request, user, **kwargs) -> None:  # noqa: ANN001, ANN003, ARG001
    """user_logged_in receiver: the session's login time (for SessionLimitMiddleware)."""
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = request.session[SEEN_AT] = int(time.time())
