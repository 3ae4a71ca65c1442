"""Start-up check: uploaded material must never lie where static files are served from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks


def _inside(inner: Path, outer: Path) -> bool:
    inner, outer = inner.resolve(), outer.resolve()
    return inner == outer or outer in inner.parents or inner in outer.parents


@checks.register(checks.Tags.security)
def media_not_static(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    media = Path(settings.MEDIA_ROOT)
    static = [Path(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    static += [Path(d[1] if isinstance(d, tuple | list) else d)
               for d in getattr(settings, "STATICFILES_DIRS", [])]
    return [checks.Error(
        f"MEDIA_ROOT ({media}) overlaps the static directory {s}: attachments would be public",
        hint="Keep MEDIA_ROOT outside STATIC_ROOT and STATICFILES_DIRS (docs/security.md).",
        id="xinfang.E010") for s in static if _inside(media, s)]
