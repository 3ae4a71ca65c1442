"""The user guide's pictures: every curated screenshot is shown by docs/user-guide.md and committed
small; `manage.py guide_shots` makes a large screenshot small enough."""

from __future__ import annotations

import random
import re

import pytest
from django.conf import settings

from xinfang.web.management.commands import guide_shots

GUIDE = settings.BASE_DIR / "docs" / "user-guide.md"


def test_every_curated_picture_is_committed_small_and_shown_in_the_guide() -> None:
    shown = set(re.findall(r"img/user-guide/([\w-]+)\.png", GUIDE.read_text(encoding="utf-8")))
    committed = {p.stem: p.stat().st_size for p in guide_shots.TARGET.glob("*.png")}
    assert shown == set(guide_shots.CURATED) == set(committed)
    assert max(committed.values()) < 150 * 1024 and sum(committed.values()) < 3 * 1024 * 1024


def test_a_large_screenshot_is_made_small(tmp_path) -> None:  # noqa: ANN001
    """Given a 1280x5000 screenshot full of detail, when shrunk, then it is at most WIDTH wide and
    TALLEST tall, a PNG, and under MAX_FILE."""
    image_mod = pytest.importorskip("PIL.Image", reason="Pillow is not installed (requirements-dev.txt)")
    rng = random.Random(15)
    image = image_mod.new("RGB", (1280, 5000), "white")
    for _ in range(4000):  # text-like specks in a few colours, as a page has
        x, y = rng.randrange(1270), rng.randrange(4990)
        image.paste(rng.choice([(0, 0, 0), (178, 34, 34), (30, 80, 200)]), (x, y, x + 8, y + 3))
    path = tmp_path / "big.png"
    image.save(path)
    data = guide_shots.shrink(path)
    out = tmp_path / "small.png"
    out.write_bytes(data)
    with image_mod.open(out) as small:
        assert (small.format, small.width, small.height) == (
            "PNG", guide_shots.WIDTH, guide_shots.TALLEST)
    assert len(data) <= guide_shots.MAX_FILE
