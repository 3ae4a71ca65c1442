"""The trained models the product ships with, loaded once per process.

``model/classifier.joblib`` (first-level category) is committed with the repository and rebuilt by
``manage.py train_triage``; ``model/units.joblib`` (handling unit) exists only after a bureau trained
on its own closed cases. ``settings.XINFANG_TRIAGE_MODEL_DIR`` points elsewhere if set. A missing or
unreadable file never raises here: callers get ``None`` and a Chinese message to show.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from xinfang.core.conf import get

from .textmodel import TextClassifier

log = logging.getLogger(__name__)

CATEGORY_FILE = "classifier.joblib"
UNIT_FILE = "units.joblib"


def model_dir() -> Path:
    configured = get("XINFANG_TRIAGE_MODEL_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parent / "model"


@dataclass(frozen=True)
class Loaded:
    model: TextClassifier | None
    version: str
    problem: str  # Chinese, empty when the model is there


_cache: dict[tuple[str, float], Loaded] = {}


def _version(path: Path, model: TextClassifier) -> str:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    trained = str(model.metadata.get("trained_at", ""))[:10]
    return f"charsvm-{trained}-n{model.metadata.get('n', '?')}-{digest}"


def load(name: str = CATEGORY_FILE) -> Loaded:
    """The model stored as ``name`` in :func:`model_dir`, cached until the file changes."""
    path = model_dir() / name
    if not path.is_file():
        what = "内容分类模型" if name == CATEGORY_FILE else "承办单位模型"
        return Loaded(None, "", f"{what}文件不存在（{path}），请运行 manage.py train_triage；"
                                f"在此之前由人工研判。")
    key = (str(path), path.stat().st_mtime)
    if key not in _cache:
        try:
            model = TextClassifier.load(path)
            _cache[key] = Loaded(model, _version(path, model), "")
        except Exception as err:  # a corrupt or foreign file must not break the case page
            log.exception("cannot load triage model %s", path)
            return Loaded(None, "", f"模型文件无法读取（{path}：{err}），请重新运行 "
                                    f"manage.py train_triage；在此之前由人工研判。")
    return _cache[key]


def threshold() -> float:
    return float(get("XINFANG_TRIAGE_THRESHOLD"))
