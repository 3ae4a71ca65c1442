"""Template context shared by every staff page."""

from __future__ import annotations

from django.http import HttpRequest


def ui_preferences(request: HttpRequest) -> dict[str, object]:
    """Large-text and high-contrast modes, remembered in a cookie (长者模式 / 无障碍)."""
    return {
        "large_text": request.COOKIES.get("xf_large") == "1",
        "high_contrast": request.COOKIES.get("xf_contrast") == "1",
    }
