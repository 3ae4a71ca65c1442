"""Loading the three-level content taxonomy (一级/二级/三级分类) from a CSV file."""

from __future__ import annotations

import csv
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .models import Category


def default_taxonomy_path() -> Path:
    return Path(settings.XINFANG_SHARED_DATA) / "teddy2020" / "taxonomy.csv"


@transaction.atomic
def load_taxonomy(path: Path) -> int:
    """Create the categories named in `path` (columns 一级分类,二级分类,三级分类); returns new rows."""
    created = 0
    cache: dict[tuple[int | None, str], Category] = {}

    def get(parent: Category | None, name: str, level: int) -> Category:
        nonlocal created
        key = (parent.pk if parent else None, name)
        if key not in cache:
            cache[key], new = Category.objects.get_or_create(parent=parent, name=name,
                                                             defaults={"level": level})
            created += new
        return cache[key]

    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            names = [(row.get(k) or "").strip() for k in ("一级分类", "二级分类", "三级分类")]
            parent = None
            for level, name in enumerate(names, start=1):
                if not name:
                    break
                parent = get(parent, name, level)
    return created
