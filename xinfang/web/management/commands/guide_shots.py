"""Copy the curated screenshots of the clerk's day (written by xinfang/web/tests/test_browser_day.py
into artifacts/screenshots/day/) into docs/img/user-guide/ for docs/user-guide.md, each made small:
scaled to at most 900 px wide (phone shots keep their width) and quantized to a 128-colour PNG, so
each stays under 150 KB and the set under 3 MB. `make guide-shots` runs the walk and then this."""

from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SOURCE = Path(settings.BASE_DIR) / "artifacts" / "screenshots" / "day"
TARGET = Path(settings.BASE_DIR) / "docs" / "img" / "user-guide"
MAX_FILE = 140_000  # bytes: under 150 KB with room
MAX_TOTAL = 2_800_000  # bytes: under 3 MB with room
WIDTH = 900
TALLEST = 2400  # a very long page is cut at the bottom: the guide shows the part that matters

# The pictures docs/user-guide.md shows, in the order of the day (names without .png).
CURATED = (
    "01-registrar-queue", "01-registrar-queue-phone", "02-registrar-intake-keyboard",
    "03-registrar-triage-proposal", "04-registrar-assign-form", "05-registrar-assigned",
    "06-handler-queue", "06-handler-queue-phone", "07-handler-progress-form", "08-handler-draft",
    "09-handler-submitted", "10-approver-return", "11-handler-returned",
    "12-handler-extension-request", "13-approver-extension", "14-leader-instruction",
    "15-handler-messages", "16-approver-reassign", "17-approver-repeat-petition",
    "18-approver-merge", "19-approver-sign-off", "20-approver-answered",
    "20-approver-answered-phone", "21-registrar-bulk-assign", "22-registrar-bulk-done",
    "23-registrar-filtered",
)


def shrink(path: Path) -> bytes:
    """The PNG at most WIDTH wide and TALLEST tall, quantized; fewer colours until under MAX_FILE."""
    from PIL import (
        Image,  # requirements.txt (the whistle photos); imported here only when the tool runs
    )

    with Image.open(path) as src:
        image = src.convert("RGB")
    if image.width > WIDTH:
        image = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.LANCZOS)
    if image.height > TALLEST:
        image = image.crop((0, 0, image.width, TALLEST))
    for colours in (128, 64, 32, 16):
        out = io.BytesIO()
        image.quantize(colors=colours, method=Image.Quantize.MEDIANCUT).save(
            out, format="PNG", optimize=True)
        if out.tell() <= MAX_FILE:
            return out.getvalue()
    raise CommandError(f"{path.name}: still {out.tell():,} bytes at 16 colours")


class Command(BaseCommand):
    help = "Copy the curated, optimised screenshots of the clerk's day into docs/img/user-guide/."

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        missing = [n for n in CURATED if not (SOURCE / f"{n}.png").exists()]
        if missing:
            raise CommandError(f"not in {SOURCE}: {', '.join(missing)} "
                               "(run: pytest xinfang/web/tests/test_browser_day.py)")
        TARGET.mkdir(parents=True, exist_ok=True)
        for old in TARGET.glob("*.png"):
            old.unlink()
        total = 0
        for name in CURATED:
            data = shrink(SOURCE / f"{name}.png")
            (TARGET / f"{name}.png").write_bytes(data)
            total += len(data)
        if total > MAX_TOTAL:
            raise CommandError(f"{total:,} bytes in all, over {MAX_TOTAL:,}")
        self.stdout.write(f"{len(CURATED)} pictures, {total // 1024} KB, in {TARGET}")
