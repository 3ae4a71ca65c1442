"""Writes of the service points app outside the need workflow: a point's default catalogue."""

from __future__ import annotations

from xinfang.core.conf import get

from .models import Service, ServicePoint


def default_catalogue(point: ServicePoint) -> list[Service]:
    """The configured services (XINFANG_SERVICEPOINT_SERVICES) a new point starts with; a service
    the point already has is kept as it is."""
    return [Service.objects.get_or_create(point=point, name=name)[0]
            for name in get("XINFANG_SERVICEPOINT_SERVICES")]
