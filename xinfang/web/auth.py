"""Authentication pieces of the staff login: the lockout backend and the optional second factor."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login through a request (staff and admin login).

    A login without a request (code calling `authenticate()` directly, `Client.login()` in tests)
    has no address to count, so it is left to the next backend instead of raising.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):  # noqa: ANN001, ANN003, ANN201
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
