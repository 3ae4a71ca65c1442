"""Photos on a whistle: what is accepted (JPEG, PNG, WebP by content), the limits, the metadata
stripped before storing, the timeline entry per photo, and who may fetch a photo (the whistle's
visibility, never a public URL)."""

from __future__ import annotations

import hashlib
import io
import os

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from xinfang.core.errors import InvalidParams
from xinfang.orgs.models import Role
from xinfang.whistle.models import Whistle, WhistleEvent, WhistlePhoto
from xinfang.whistle.states import WhistleAction
from xinfang.whistle.workflow import whistle_create, whistle_transition

from .helpers import MATTER, dept_user, grid, raise_whistle, worker

GPS_IFD = 0x8825


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (40, 30), gps: bool = False,
                colour: tuple = (200, 30, 30), mode: str = "RGB") -> bytes:
    """A small real picture; with `gps`, an EXIF block with a GPS position, camera and comment."""
    image = Image.new(mode, size, colour if mode == "RGB" else colour + (128,))
    out = io.BytesIO()
    options = {}
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x0110] = "PhoneModel X"  # Model
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (30.0, 15.0, 12.5), 3: "E", 4: (120.0, 9.0, 1.0)})
        options["exif"] = exif.tobytes()
    if fmt == "PNG" and gps:
        from PIL.PngImagePlugin import PngInfo

        info = PngInfo()
        info.add_text("Comment", "taken at 30.25N 120.15E")
        options["pnginfo"] = info
    image.save(out, format=fmt, **options)
    return out.getvalue()


def upload(name: str, data: bytes, ctype: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=ctype)


def whistle_with(county, *files, units=None):  # noqa: ANN001, ANN002, ANN201
    units = units if units is not None else [county.housing]
    return whistle_create(actor=worker(county), params={
        **MATTER, "grid": grid(county).pk, "units": [u.pk for u in units], "hours": 24,
        "photos": list(files)})


def stored(photo: WhistlePhoto) -> bytes:
    with photo.file.open("rb") as f:
        return f.read()


@pytest.mark.parametrize(("name", "fmt", "ctype"), [
    ("井盖.jpg", "JPEG", "image/jpeg"), ("井盖.jpeg", "JPEG", "image/jpeg"),
    ("楼道.png", "PNG", "image/png"), ("屋顶.webp", "WEBP", "image/webp")])
def test_jpeg_png_and_webp_are_kept_with_a_thumbnail(county, name, fmt, ctype):  # noqa: ANN001
    w = whistle_with(county, upload(name, image_bytes(fmt, size=(800, 600)), ctype))
    photo = w.photos.get()
    assert (photo.name, photo.content_type, photo.width, photo.height) == (name, ctype, 800, 600)
    data = stored(photo)
    assert Image.open(io.BytesIO(data)).format == fmt
    assert photo.size == len(data) and photo.sha256 == hashlib.sha256(data).hexdigest()
    with photo.thumb.open("rb") as f:
        assert max(Image.open(f).size) == 320  # 800×600 → 320×240
    # a random stored name: neither the whistle number nor the original name on disk
    assert w.number not in photo.file.name and "井盖" not in photo.file.name
    assert photo.file.name.startswith("whistle/")


def test_exif_gps_and_text_metadata_are_stripped_before_storing(county):  # noqa: ANN001
    jpeg, png = image_bytes("JPEG", gps=True), image_bytes("PNG", gps=True)
    assert Image.open(io.BytesIO(jpeg)).getexif().get_ifd(GPS_IFD)  # the upload has a position
    assert "Comment" in Image.open(io.BytesIO(png)).info
    w = whistle_with(county, upload("a.jpg", jpeg), upload("b.png", png, "image/png"))
    for photo in w.photos.all():
        for field in (photo.file, photo.thumb):
            with field.open("rb") as f:
                data = f.read()
            kept = Image.open(io.BytesIO(data))
            assert len(kept.getexif()) == 0 and not kept.getexif().get_ifd(GPS_IFD)
            assert not {"exif", "Comment", "icc_profile", "xmp"} & set(kept.info)
            assert b"PhoneModel" not in data and b"120.15E" not in data


def test_the_photo_is_turned_upright_by_its_exif_orientation(county):  # noqa: ANN001
    image, exif = Image.new("RGB", (60, 20), (0, 0, 255)), Image.Exif()
    exif[0x0112] = 6  # rotated 90° clockwise: shown 20 wide and 60 high
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    photo = whistle_with(county, upload("竖拍.jpg", out.getvalue())).photos.get()
    assert (photo.width, photo.height) == (20, 60)


@pytest.mark.parametrize(("name", "data", "why"), [
    ("病毒.exe", b"MZ\x90\x00" + b"\x00" * 100, "只能上传JPEG、PNG或WebP格式的照片"),
    ("材料.pdf", b"%PDF-1.4 ...", "只能上传JPEG、PNG或WebP格式的照片"),
    ("改名.jpg", b"MZ\x90\x00" + b"\x00" * 100, "文件内容不是有效的JPEG图片"),
    ("其实是png.jpg", image_bytes("PNG"), "文件内容不是有效的JPEG图片"),
    ("截断.png", image_bytes("PNG", size=(300, 300))[:200], "文件内容不是有效的PNG图片"),
    ("gif.webp", b"GIF89a" + b"\x00" * 50, "文件内容不是有效的WEBP图片"),
])
def test_what_is_not_a_photo_of_its_type_is_refused(county, name, data, why):  # noqa: ANN001
    with pytest.raises(InvalidParams, match=why):
        whistle_with(county, upload(name, data))
    assert not Whistle.objects.exists() and not WhistlePhoto.objects.exists()


def test_size_pixels_and_count_limits_come_from_the_settings(county, settings):  # noqa: ANN001
    settings.XINFANG_WHISTLE_PHOTO_MAX_BYTES = 1000
    big = image_bytes("PNG", size=(200, 200), colour=(1, 2, 3))
    noisy = Image.frombytes("RGB", (60, 60), os.urandom(60 * 60 * 3))
    out = io.BytesIO()
    noisy.save(out, format="PNG")
    assert len(out.getvalue()) > 1000
    with pytest.raises(InvalidParams, match="照片过大"):
        whistle_with(county, upload("大.png", out.getvalue(), "image/png"))
    settings.XINFANG_WHISTLE_PHOTO_MAX_BYTES = 10 * 1024 * 1024
    settings.XINFANG_WHISTLE_PHOTO_MAX_PIXELS = 100 * 100
    with pytest.raises(InvalidParams, match="照片像素过多"):
        whistle_with(county, upload("大图.png", big, "image/png"))  # 200×200 = 40 000 pixels
    settings.XINFANG_WHISTLE_PHOTO_MAX_PIXELS = 40_000
    assert whistle_with(county, upload("刚好.png", big, "image/png")).photos.count() == 1
    settings.XINFANG_WHISTLE_PHOTOS_MAX = 2
    files = [upload(f"{i}.jpg", image_bytes()) for i in range(3)]
    with pytest.raises(InvalidParams, match="每件吹哨事项最多2张照片"):
        whistle_with(county, *files)


def test_a_department_adds_photos_with_its_action_within_the_whistles_limit(county, settings):  # noqa: ANN001
    settings.XINFANG_WHISTLE_PHOTOS_MAX = 3
    w = whistle_with(county, upload("a.jpg", image_bytes()), upload("b.jpg", image_bytes()))
    dept = dept_user(county, county.housing)
    whistle_transition(whistle_id=w.pk, action=WhistleAction.REPORT, actor=dept, params={})
    act = {"action_taken": "已到场更换井盖，现场恢复通行。"}
    with pytest.raises(InvalidParams, match="最多3张照片，已有2张"):
        whistle_transition(whistle_id=w.pk, action=WhistleAction.ACT, actor=dept, params={
            **act, "photos": [upload("c.jpg", image_bytes()), upload("d.jpg", image_bytes())]})
    assert w.photos.count() == 2 and w.reports.get().acted_at is None  # the step rolled back
    files_before = set(_files())
    whistle_transition(whistle_id=w.pk, action=WhistleAction.ACT, actor=dept, params={
        **act, "photos": [upload("修好了.jpg", image_bytes(colour=(0, 200, 0)))]})
    photo = w.photos.get(name="修好了.jpg")
    assert photo.report == w.reports.get() and photo.unit == county.housing
    assert photo.uploaded_by == dept
    assert len(set(_files()) - files_before) == 2  # the photo and its thumbnail, nothing else


def _files() -> list[str]:
    root = settings.MEDIA_ROOT
    return [os.path.join(d, f) for d, _s, fs in os.walk(root) for f in fs]


def test_no_file_is_left_on_disk_when_the_step_fails_after_storing(county, monkeypatch):  # noqa: ANN001
    from xinfang.whistle import workflow

    def broken(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("the notification failed")

    monkeypatch.setattr(workflow, "_inform", broken)
    with pytest.raises(RuntimeError):
        whistle_with(county, upload("a.jpg", image_bytes()), upload("b.png", image_bytes("PNG"),
                                                                         "image/png"))
    assert not WhistlePhoto.objects.exists() and _files() == []


def test_each_photo_is_on_the_timeline_with_name_size_and_sha256(county):  # noqa: ANN001
    w = whistle_with(county, upload("井盖.jpg", image_bytes()), upload("周边.png", image_bytes("PNG"),
                                                                       "image/png"))
    entries = list(WhistleEvent.objects.filter(whistle=w, type="whistle.photo_added")
                   .order_by("pk"))
    photos = list(w.photos.order_by("pk"))
    assert [e.data for e in entries] == [
        {"photo": p.pk, "name": p.name, "size": p.size, "sha256": p.sha256} for p in photos]
    assert all(e.actor == worker(county) for e in entries)
    first = WhistleEvent.objects.filter(whistle=w).order_by("pk").first()
    assert first.type == "whistle.status_changed"  # the step first, then its photos


# ---- the pages -------------------------------------------------------------------------------------

def test_the_whistle_form_takes_photos_and_the_page_shows_thumbnails(client, county):  # noqa: ANN001
    client.force_login(worker(county))
    r = client.post(reverse("whistle:new"), {
        **MATTER, "grid": grid(county).pk, "units": [county.housing.pk], "hours": 24,
        "photos": [upload("井盖.jpg", image_bytes(gps=True)), upload("b.webp", image_bytes("WEBP"),
                                                                   "image/webp")]})
    w = Whistle.objects.get()
    assert r.status_code == 302 and w.photos.count() == 2
    body = client.get(reverse("whistle:detail", args=[w.number])).content.decode()
    for p in w.photos.all():
        assert reverse("whistle:photo-thumb", args=[w.number, p.pk]) in body
        assert reverse("whistle:photo", args=[w.number, p.pk]) in body
    assert "/media/" not in body and settings.MEDIA_URL not in body.replace("/static/", "")
    r = client.get(reverse("whistle:photo", args=[w.number, w.photos.first().pk]))
    data = b"".join(r.streaming_content)
    assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"
    assert r["Content-Disposition"].startswith("inline") and r["X-Content-Type-Options"] == "nosniff"
    assert r["Cache-Control"] == "private, no-store"
    assert hashlib.sha256(data).hexdigest() == w.photos.first().sha256


def test_a_bad_file_on_the_whistle_form_is_400_with_a_chinese_message(client, county):  # noqa: ANN001
    client.force_login(worker(county))
    r = client.post(reverse("whistle:new"), {
        **MATTER, "grid": grid(county).pk, "units": [county.housing.pk], "hours": 24,
        "photos": [upload("a.jpg", b"not a picture at all")]})
    assert r.status_code == 400 and "文件内容不是有效的JPEG图片" in r.content.decode()
    assert not Whistle.objects.exists()


def test_a_bad_file_with_a_departments_action_is_400(client, county, settings):  # noqa: ANN001
    w = raise_whistle(county, units=[county.housing])
    dept = dept_user(county, county.housing)
    whistle_transition(whistle_id=w.pk, action=WhistleAction.REPORT, actor=dept, params={})
    client.force_login(dept)
    url = reverse("whistle:act", args=[w.number, "act"])
    r = client.post(url, {"act-action_taken": "已处置完毕", "act-photos": [upload("x.gif", b"GIF89a")]})
    assert r.status_code == 400 and "只能上传JPEG、PNG或WebP格式的照片" in r.content.decode()
    settings.XINFANG_WHISTLE_PHOTOS_MAX = 1
    r = client.post(url, {"act-action_taken": "已处置完毕",
                          "act-photos": [upload("a.jpg", image_bytes()), upload("b.jpg", image_bytes())]})
    assert r.status_code == 400 and "每件吹哨事项最多1张照片" in r.content.decode()
    assert w.reports.get().acted_at is None
    r = client.post(url, {"act-action_taken": "已处置完毕", "act-photos": [upload("a.jpg", image_bytes())]})
    assert r.status_code == 302 and w.photos.get().report is not None


def test_another_units_user_gets_404_on_the_photo_and_its_thumbnail(client, county, other_county):  # noqa: ANN001
    w = whistle_with(county, upload("井盖.jpg", image_bytes()))
    photo = w.photos.get()
    urls = [reverse("whistle:photo", args=[w.number, photo.pk]),
            reverse("whistle:photo-thumb", args=[w.number, photo.pk])]
    for user in (other_county.user(other_county.township, Role.REGISTRAR),
                 other_county.user(other_county.housing, Role.HANDLER),
                 county.user(county.political_legal, Role.HANDLER)):  # not whistled to
        client.force_login(user)
        assert [client.get(u).status_code for u in urls] == [404, 404]
    client.logout()
    assert client.get(urls[0]).status_code == 302  # to the sign-in page
    for user in (dept_user(county, county.housing), worker(county)):
        client.force_login(user)
        assert [client.get(u).status_code for u in urls] == [200, 200]
    # a photo of another whistle through this whistle's number: 404
    other = whistle_with(county, upload("b.jpg", image_bytes()))
    client.force_login(worker(county))
    assert client.get(reverse("whistle:photo", args=[w.number, other.photos.get().pk])
                      ).status_code == 404
    assert client.post(urls[0]).status_code == 405


def test_behind_nginx_the_photo_is_sent_by_the_web_server_after_the_check(client, county, settings):  # noqa: ANN001
    settings.XINFANG_SENDFILE, settings.XINFANG_SENDFILE_PREFIX = "nginx", "/protected-media/"
    w = whistle_with(county, upload("井盖.png", image_bytes("PNG"), "image/png"))
    photo = w.photos.get()
    client.force_login(worker(county))
    r = client.get(reverse("whistle:photo-thumb", args=[w.number, photo.pk]))
    assert r.status_code == 200 and r.content == b""
    assert r["X-Accel-Redirect"] == f"/protected-media/{photo.thumb.name}"
    assert r["Content-Type"] == "image/png" and r["Content-Disposition"].startswith("inline")
    client.force_login(county.user(county.political_legal, Role.HANDLER))
    r = client.get(reverse("whistle:photo-thumb", args=[w.number, photo.pk]))
    assert r.status_code == 404 and "X-Accel-Redirect" not in r
