"""The worker processes of `rebuild_rollups --workers` (spawned: nothing of Django imported at the
top, so that the child sets Django up before it loads a model)."""

from __future__ import annotations


def setup() -> None:
    import django

    django.setup()


def fold_chunk(args: tuple[list[int], dict[int, list[int]]]) -> int:
    """Fold one chunk of cases in its own transaction; returns its size."""
    from django.db import transaction

    from .services import refold

    part, above = args
    with transaction.atomic():
        refold(part, above=above)
    return len(part)
