"""Photos of a whistle: checked, stripped of their metadata, stored under random names, served only
through the whistle's visibility.

A photo is accepted when its extension is .jpg/.jpeg, .png or .webp, it is not larger than
``XINFANG_WHISTLE_PHOTO_MAX_BYTES``, Pillow decodes it completely as that very format (a renamed
program or a truncated file is refused) and it has at most ``XINFANG_WHISTLE_PHOTO_MAX_PIXELS``
pixels (checked on the header, before decoding). A whistle holds at most
``XINFANG_WHISTLE_PHOTOS_MAX`` photos, the grid's and the departments' together.

What is stored is the photo decoded and encoded again (turned upright by its EXIF orientation
first) with no metadata at all: no EXIF (so no GPS position, camera or time of bystanders' phones),
no XMP, no comments or text chunks, no ICC profile. The place is recorded explicitly on the whistle
instead. A thumbnail (at most THUMB pixels a side) is stored beside it. `size` and `sha256` are of
the stored file; the timeline names each photo by file name, size and sha256.

The files go to the default storage under ``whistle/<year>/<month>/<random>.<ext>`` (MEDIA_ROOT, as
case attachments, never served from MEDIA_URL). Should the step fail after a file was written, the
files written by it are removed (`removed_on_failure`).
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from xinfang.cases.filecheck import extension
from xinfang.core import clock
from xinfang.core.conf import get
from xinfang.core.errors import InvalidParams
from xinfang.core.workflow import staff_user

from .models import Whistle, WhistlePhoto, WhistleReport

FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
THUMB = 320  # the thumbnail's longest side, in pixels
NAME_MAX = 200


@dataclass(frozen=True)
class CleanPhoto:
    """A checked photo, encoded again without metadata, with its thumbnail."""

    name: str
    format: str  # JPEG, PNG, WEBP
    data: bytes
    thumb: bytes
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _name(upload: Any) -> str:
    from xinfang.cases.services import short_file_name

    return short_file_name(str(getattr(upload, "name", "") or "photo"), NAME_MAX)


def _encode(image: Image.Image, fmt: str, *, quality: int) -> bytes:
    """`image` written as `fmt` with nothing but its pixels (no EXIF, XMP, ICC, text chunks)."""
    if image.mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if fmt == "WEBP" and image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    image.info = {}  # what the writers would carry over (icc_profile, exif, dpi, text)
    out = io.BytesIO()
    options = {"quality": quality} if fmt in ("JPEG", "WEBP") else {}
    image.save(out, format=fmt, **options)
    return out.getvalue()


def clean_photo(upload: Any) -> CleanPhoto:
    """The upload checked and encoded again; ValidationError with a Chinese message otherwise."""
    name = _name(upload)
    fmt = FORMATS.get(extension(name))
    if fmt is None:
        raise ValidationError(_("%(name)s：只能上传JPEG、PNG或WebP格式的照片") % {"name": name})
    limit = int(get("XINFANG_WHISTLE_PHOTO_MAX_BYTES"))
    if (getattr(upload, "size", None) or 0) > limit:
        raise ValidationError(_("%(name)s：照片过大（上限%(mb)s MB）")
                              % {"name": name, "mb": f"{limit / (1024 * 1024):g}"})
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=[fmt])
            if image.width * image.height > int(get("XINFANG_WHISTLE_PHOTO_MAX_PIXELS")):
                raise ValidationError(_("%(name)s：照片像素过多") % {"name": name})
            image.load()
            image = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError,
            Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("%(name)s：文件内容不是有效的%(fmt)s图片")
                              % {"name": name, "fmt": fmt}) from None
    finally:
        upload.seek(0)
    thumb = image.copy()
    thumb.thumbnail((THUMB, THUMB))
    return CleanPhoto(name=name, format=fmt, data=_encode(image, fmt, quality=90),
                      thumb=_encode(thumb, fmt, quality=80), width=image.width,
                      height=image.height)


def clean_photos(uploads: list[Any]) -> list[CleanPhoto]:
    """Each upload checked (`clean_photo`), and no more than a whistle may hold in one go."""
    most = int(get("XINFANG_WHISTLE_PHOTOS_MAX"))
    if len(uploads) > most:
        raise ValidationError(_("每件吹哨事项最多%(n)d张照片") % {"n": most})
    return [clean_photo(u) for u in uploads]


_written: ContextVar[list[str] | None] = ContextVar("whistle_photos_written", default=None)


@contextmanager
def removed_on_failure() -> Iterator[None]:
    """Files written by `store` inside the block are deleted again if the block fails (the step's
    transaction is rolled back: no file stays on disk without its row)."""
    names: list[str] = []
    token = _written.set(names)
    try:
        yield
    except BaseException:
        for name in names:
            default_storage.delete(name)
        raise
    finally:
        _written.reset(token)


def _save(field: Any, fmt: str, data: bytes) -> None:
    field.save("photo" + EXTENSIONS[fmt], ContentFile(data), save=False)
    names = _written.get()
    if names is not None:
        names.append(field.name)


def store(*, whistle: Whistle, photos: list[CleanPhoto], actor: Any,
          report: WhistleReport | None = None) -> list[WhistlePhoto]:
    """Keep checked photos on a whistle (called by the 吹哨 and 记录处置 steps, the whistle locked):
    InvalidParams when the whistle would hold more than ``XINFANG_WHISTLE_PHOTOS_MAX``."""
    if not photos:
        return []
    most, kept = int(get("XINFANG_WHISTLE_PHOTOS_MAX")), whistle.photos.count()
    if kept + len(photos) > most:
        raise InvalidParams(_("每件吹哨事项最多%(n)d张照片，已有%(k)d张")
                            % {"n": most, "k": kept}, errors={"photos": ["too_many"]})
    rows = []
    for p in photos:
        row = WhistlePhoto(whistle=whistle, report=report, name=p.name,
                           content_type=CONTENT_TYPES[p.format], size=len(p.data),
                           sha256=p.sha256, width=p.width, height=p.height,
                           uploaded_by=staff_user(actor), unit=getattr(actor, "unit", None),
                           uploaded_at=clock.now())
        _save(row.file, p.format, p.data)
        _save(row.thumb, p.format, p.thumb)
        row.save()
        rows.append(row)
    return rows
