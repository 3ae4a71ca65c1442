"""Writes for units and staff."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .models import Level, StaffRole, Unit, UnitType, User


def unit_create(*, name: str, code: str, level: Level, unit_type: UnitType,
                parent: Unit | None = None, short_name: str = "") -> Unit:
    return Unit.objects.create(name=name, code=code, level=level, unit_type=unit_type,
                               parent=parent, short_name=short_name)


@transaction.atomic
def staff_create(*, username: str, unit: Unit, roles: list[str], display_name: str = "",
                 password: str | None = None, **extra: Any) -> User:
    """A staff account in `unit` holding `roles`; without a password it cannot log in."""
    user = User(username=username, unit=unit, display_name=display_name, **extra)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.roles.set(StaffRole.objects.filter(code__in=roles))
    return user
