"""Locating and loading the public citizen-message data (2020 Teddy Cup, ``shared/data/teddy2020``).

The data lives outside the repository and is never shipped with the product. Resolution order:
an explicit path; else ``$XINFANG_SHARED_DATA/teddy2020`` (the variable points at the ``shared/data``
folder); else ``<repo>/../shared/data/teddy2020``. No Django imports here.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from xinfang.core.conf import get

LABELLED_FILE = "messages_labelled.csv"
VOTES_FILE = "messages_with_votes.csv"


def teddy_data_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """Directory holding the teddy2020 CSV files (not checked for existence; see :func:`require_file`)."""
    if path is not None:
        return Path(path)
    return Path(get("XINFANG_SHARED_DATA")) / "teddy2020"


def require_file(name: str, data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Path of one data file; ``FileNotFoundError`` naming where it was looked for when absent."""
    p = teddy_data_dir(data_dir) / name
    if not p.is_file():
        raise FileNotFoundError(
            f"{p} not found: set XINFANG_SHARED_DATA to the shared/data folder or pass data_dir"
        )
    return p


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def message_text(title: str | None, body: str | None) -> str:
    """Title and body joined the way every model here sees a message."""
    return " ".join(p.strip() for p in (title or "", body or "") if p and p.strip())


def load_labelled_messages(
    data_dir: str | os.PathLike[str] | None = None, label_column: str = "一级标签"
) -> tuple[list[str], list[str]]:
    """``(texts, labels)`` from messages_labelled.csv; text = 留言主题 + 留言详情 (title often missing)."""
    rows = _rows(require_file(LABELLED_FILE, data_dir))
    texts = [message_text(r.get("留言主题"), r.get("留言详情")) for r in rows]
    labels = [(r.get(label_column) or "").strip() for r in rows]
    return texts, labels


def load_vote_messages(data_dir: str | os.PathLike[str] | None = None) -> list[dict[str, str]]:
    """Rows of messages_with_votes.csv (留言编号, 留言用户, 留言主题, 留言时间, 留言详情, 反对数, 点赞数)."""
    return _rows(require_file(VOTES_FILE, data_dir))
