"""Chinese first: the interface language is zh-hans unless the user chose another one; sessions
end after a working day (SessionLimitMiddleware); a request id and one log line per request
(RequestLogMiddleware); the health check (HealthCheckMiddleware)."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.contrib.auth import logout
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.functional import empty

from . import health
from .clientip import client_ip
from .logs import client_ip_var, request_id_var, user_id_var


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


REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
request_logger = logging.getLogger("xinfang.request")


class RequestLogMiddleware:
    """First in the stack: a request id for every request and one log line when it is answered.

    The id is the client's (or the proxy's) ``X-Request-ID`` when it looks like one (8-128 letters,
    digits, ``._:-``), else a new random one; it is sent back in ``X-Request-ID`` and put on every log
    line written while the request is served (xinfang/core/logs.py), with the client's address
    (``xinfang.core.clientip``: the real client behind a trusted proxy). The line gives method, path
    (never the query string: search URLs carry ID and phone numbers), status, duration and the user id
    (a number, no name). The container's health probes are logged at DEBUG only.
    """

    def __init__(self, get_response) -> None:  # noqa: ANN001
        self.get_response = get_response

    def __call__(self, request):  # noqa: ANN001, ANN204
        incoming = request.META.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        rid_token = request_id_var.set(request_id)
        uid_token = user_id_var.set(None)
        ip_token = client_ip_var.set(client_ip(request))
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            user_id = _user_id(request)
            duration = round((time.perf_counter() - started) * 1000, 1)
            response["X-Request-ID"] = request_id
            level = logging.DEBUG if request.path in health.PATHS else logging.INFO
            request_logger.log(
                level, "%s %s %s", request.method, request.path, response.status_code,
                extra={"method": request.method, "path": request.path,
                       "status": response.status_code, "duration_ms": duration,
                       "user_id": user_id})
            return response
        finally:
            client_ip_var.reset(ip_token)
            user_id_var.reset(uid_token)
            request_id_var.reset(rid_token)


def _user_id(request) -> int | None:  # noqa: ANN001
    """The user's id if the request's user was loaded (never loads it just for the log)."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", user) is empty:
        return None
    return user.pk if user.is_authenticated else None


class HealthCheckMiddleware:
    """Answers ``/healthz`` before the host check, HTTPS redirect, session, login and CSRF."""

    def __init__(self, get_response) -> None:  # noqa: ANN001
        self.get_response = get_response

    def __call__(self, request):  # noqa: ANN001, ANN204
        if request.path in health.PATHS:
            return health.healthz(request)
        return self.get_response(request)
