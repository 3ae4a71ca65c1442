"""The three-level content taxonomy (一级/二级/三级分类): shipped with the project, loadable from a CSV file.

The standard tree (15 / 103 / 390 categories, the public scheme of the 2020 Teddy Cup government-message data)
is in ``xinfang/cases/data/taxonomy.csv`` and is loaded by migration 0008, so a fresh install's intake form has
its 内容分类 list. Bureaus edit it in the admin or load their own file with ``manage.py load_taxonomy FILE``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

LEVELS = ("一级分类", "二级分类", "三级分类")
SHIPPED_TAXONOMY = Path(__file__).resolve().parent / "data" / "taxonomy.csv"


def default_taxonomy_path() -> Path:
    """The standard tree shipped with the project."""
    return SHIPPED_TAXONOMY


def taxonomy_paths(path: Path) -> list[tuple[str, ...]]:
    """The distinct category paths (one per node, parents first) named in a taxonomy CSV file."""
    seen: dict[tuple[str, ...], None] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [k for k in LEVELS[:1] if k not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"分类文件缺少列：{'、'.join(missing)}（应有列：{'、'.join(LEVELS)}）")
        for row in reader:
            names: list[str] = []
            for key in LEVELS:
                name = (row.get(key) or "").strip()
                if not name:
                    break
                names.append(name)
                seen.setdefault(tuple(names), None)
    return list(seen)


def load_taxonomy(path: Path, *, model=None) -> int:  # noqa: ANN001
    """Create the categories named in `path` (columns 一级分类,二级分类,三级分类); returns new rows.

    Idempotent (existing nodes are kept). ``model`` is the Category model, the historical one in a migration.
    """
    if model is None:
        from .models import Category as model  # noqa: N813
    created = 0
    nodes: dict[tuple[str, ...], object] = {}
    with transaction.atomic():
        for names in taxonomy_paths(path):
            parent = nodes.get(names[:-1]) if len(names) > 1 else None
            nodes[names], new = model.objects.get_or_create(
                parent=parent, name=names[-1], defaults={"level": len(names)})
            created += new
    return created
