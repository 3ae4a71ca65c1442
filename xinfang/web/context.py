"""Template context shared by every staff page."""

from __future__ import annotations

from django.http import HttpRequest

#: query parameters that may hold personal data (a search typed into an address bar): never copied
#: into the page's own links (Art. 46; the search itself is a POST, see web.views.search)
PERSONAL_PARAMS = frozenset({"q", "name", "id_number", "phone", "address"})


def ui_preferences(request: HttpRequest) -> dict[str, object]:
    """Large-text and high-contrast modes, remembered in a cookie (长者模式 / 无障碍); `here`, the
    page's address to come back to, without any parameter that may hold personal data."""
    kept = request.GET.copy()
    for name in PERSONAL_PARAMS & set(kept):
        del kept[name]
    here = request.path + (f"?{kept.urlencode()}" if kept else "")
    return {
        "large_text": request.COOKIES.get("xf_large") == "1",
        "high_contrast": request.COOKIES.get("xf_contrast") == "1",
        "here": here,
    }


def unread_messages(request: HttpRequest) -> dict[str, object]:
    """The bell's unread count: one COUNT query, made only when a page shows it (the template calls
    the function; its answer is kept for the rest of the page)."""
    from functools import cache

    from xinfang.notifications.services import unread_count

    @cache
    def count() -> int:
        return unread_count(getattr(request, "user", None))

    return {"unread_messages": count}
