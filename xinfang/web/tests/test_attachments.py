"""Issue 13 item 7: attachments are served only through a permission check (Art. 30 material too),
under random stored names, with their content checked against the declared type and per-case limits."""

import importlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import Resolver404, clear_url_caches, resolve, reverse

from xinfang.cases.filecheck import content_matches
from xinfang.cases.models import Attachment, CaseEvent, Purpose
from xinfang.cases.scenarios import register
from xinfang.cases.services import attachment_add
from xinfang.core.errors import InvalidParams
from xinfang.orgs.models import Role

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 50


def docx_bytes(word: bool = True) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml" if word else "xl/workbook.xml", "<w:document/>")
    return buf.getvalue()


def upload(name: str, data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def add(case, user, name="举报材料.pdf", data=PDF, **kw):  # noqa: ANN001, ANN003, ANN201
    return attachment_add(case=case, actor=user, upload=upload(name, data), **kw)


def url(att: Attachment) -> str:
    return reverse("web:case-attachment", args=[att.case.number, att.pk])


def body(response) -> bytes:  # noqa: ANN001
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- the download view -------------------------------------------------------------------------

def test_staff_of_the_jurisdiction_download_with_safe_headers(web, county, registrar):  # noqa: ANN001
    case = register(county)
    att = add(case, registrar, name="材料 清单.pdf")
    response = web.get(url(att))
    assert response.status_code == 200
    assert body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%E6%9D%90%E6%96%99%20%E6%B8%85%E5%8D%95.pdf" in disposition
    assert "no-store" in response["Cache-Control"]


def test_case_page_links_each_attachment_to_the_view(web, county, registrar):  # noqa: ANN001
    case = register(county)
    first, second = add(case, registrar, name="一.pdf"), add(case, registrar, name="二.png", data=PNG)
    page = web.get(reverse("web:case", args=[case.number])).content.decode()
    assert f'href="{url(first)}"' in page and f'href="{url(second)}"' in page
    assert "/media/" not in page


def test_another_countys_staff_get_404(client, county, other_county, registrar):  # noqa: ANN001
    att = add(register(county), registrar)
    client.force_login(other_county.user(other_county.bureau, Role.REGISTRAR))
    assert client.get(url(att)).status_code == 404


def test_an_attachment_of_another_case_is_404_under_a_visible_case(web, county, registrar):  # noqa: ANN001
    mine, other = register(county), register(county)
    att = add(other, registrar)
    assert web.get(reverse("web:case-attachment", args=[mine.number, att.pk])).status_code == 404


def test_art30_the_accused_unit_never_downloads_an_accusations_material(client, county, registrar):  # noqa: ANN001
    county_gov = county.user(county.county, Role.HANDLER)
    plain = add(register(county), registrar)
    client.force_login(county_gov)
    assert client.get(url(plain)).status_code == 200  # the county government sees its bureau's cases
    accusation = register(county, purpose=Purpose.ACCUSATION, accused_unit=county.county.pk,
                          accused_person="某县领导")
    att = add(accusation, registrar)
    assert att.confidential
    assert client.get(url(att)).status_code == 404


def test_anonymous_is_sent_to_login(client, county, registrar):  # noqa: ANN001
    att = add(register(county), registrar)
    response = client.get(url(att))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_every_download_is_on_the_timeline_confidential_marked(web, county, registrar):  # noqa: ANN001
    case = register(county)
    att = add(case, registrar, confidential=True)
    web.get(url(att))
    event = CaseEvent.objects.get(case=case, type="case.attachment_downloaded")
    assert event.actor == registrar and event.data["attachment"] == att.pk
    assert event.data["confidential"] is True
    assert att.name in event.text and "检举揭发" in event.text


def test_a_file_missing_on_disk_is_404_not_500(web, county, registrar):  # noqa: ANN001
    att = add(register(county), registrar)
    Path(att.file.path).unlink()
    assert web.get(url(att)).status_code == 404


@override_settings(XINFANG_SENDFILE="nginx", XINFANG_SENDFILE_PREFIX="/protected-media/")
def test_nginx_mode_answers_with_x_accel_redirect_and_no_body(web, county, registrar):  # noqa: ANN001
    att = add(register(county), registrar)
    response = web.get(url(att))
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-media/{att.file.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")


@override_settings(XINFANG_SENDFILE="apache")
def test_apache_mode_answers_with_x_sendfile_and_no_body(web, county, registrar):  # noqa: ANN001
    att = add(register(county), registrar)
    response = web.get(url(att))
    assert response.status_code == 200 and response.content == b""
    assert response["X-Sendfile"] == att.file.path


# --- never under MEDIA_URL ---------------------------------------------------------------------

def test_media_url_is_not_routed_even_with_debug(settings, county, registrar):  # noqa: ANN001
    att = add(register(county), registrar)
    import config.urls

    settings.DEBUG = True
    try:
        importlib.reload(config.urls)
        clear_url_caches()
        with pytest.raises(Resolver404):
            resolve(f"/{settings.MEDIA_URL.strip('/')}/{att.file.name}")
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)
        clear_url_caches()


def test_media_root_inside_a_static_dir_stops_the_start(settings, tmp_path):  # noqa: ANN001
    from xinfang.cases.checks import media_not_static

    settings.STATIC_ROOT = tmp_path / "static"
    settings.MEDIA_ROOT = tmp_path / "static" / "media"
    assert [e.id for e in media_not_static()] == ["xinfang.E010"]
    settings.MEDIA_ROOT = tmp_path / "media"
    assert media_not_static() == []


# --- random stored names -------------------------------------------------------------------------

def test_stored_name_has_neither_case_number_nor_original_name(county, registrar):  # noqa: ANN001
    case = register(county)
    att = add(case, registrar, name="张三举报镇长.pdf")
    stored = att.file.name
    assert case.number not in stored and "张三" not in stored and "举报" not in stored
    parts = stored.split("/")
    assert parts[0] == "attachments" and len(parts) == 4  # attachments/yyyy/mm/<random>.pdf
    assert len(parts[3]) == 32 + len(".pdf") and parts[3].endswith(".pdf")
    assert att.name == "张三举报镇长.pdf"
    assert add(case, registrar, name="张三举报镇长.pdf").file.name != stored


# --- content against the declared type ----------------------------------------------------------

@pytest.mark.parametrize(("name", "data"), [
    ("a.pdf", PDF), ("a.png", PNG), ("a.jpg", JPEG), ("a.JPEG", JPEG),
    ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40), ("a.docx", docx_bytes()),
    ("a.txt", "信访材料：楼道漏水。\n".encode()), ("a.txt", "信访材料".encode("gb18030")),
    ("a.mp3", b"ID3\x04\x00" + b"\x00" * 20), ("a.mp3", b"\xff\xfb\x90\x64" + b"\x00" * 20),
    ("a.wav", b"RIFF\x24\x00\x00\x00WAVEfmt "),
])
def test_real_files_of_each_type_pass(name, data):  # noqa: ANN001
    assert content_matches(io.BytesIO(data), name)


@pytest.mark.parametrize(("name", "data"), [
    ("a.pdf", PNG), ("a.pdf", EXE), ("a.png", JPEG), ("a.jpg", PDF), ("a.doc", docx_bytes()),
    ("a.docx", docx_bytes(word=False)), ("a.docx", b"PK\x03\x04 broken"), ("a.txt", EXE),
    ("a.txt", b""), ("a.mp3", PDF), ("a.wav", b"RIFF\x24\x00\x00\x00AVI LIST"), ("a.exe", EXE),
])
def test_a_file_whose_content_is_not_its_extension_is_refused(name, data):  # noqa: ANN001
    assert not content_matches(io.BytesIO(data), name)


def test_service_refuses_a_png_sent_as_pdf_and_stores_nothing(county, registrar, settings):  # noqa: ANN001
    case = register(county)
    for data in (PNG, EXE):
        with pytest.raises(InvalidParams, match="文件内容与扩展名不符"):
            add(case, registrar, name="证据.pdf", data=data)
    assert not case.attachments.exists()
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_the_page_refuses_a_renamed_program_with_a_chinese_message(web, county):  # noqa: ANN001
    case = register(county)
    response = web.post(reverse("web:case-attach", args=[case.number]),
                        {"file": upload("材料.pdf", EXE)}, follow=True)
    assert response.status_code == 200
    assert "文件内容与扩展名不符" in response.content.decode()
    assert not case.attachments.exists()


def test_the_portal_refuses_a_renamed_program(county, registrar):  # noqa: ANN001
    from xinfang.portal.services import validate_uploads

    errors = validate_uploads([upload("照片.jpg", EXE)])
    assert errors and "文件内容与扩展名不符" in errors[0]


# --- per-case limits, in the service -------------------------------------------------------------

def test_per_case_count_limit(county, registrar, settings):  # noqa: ANN001
    settings.XINFANG_ATTACHMENT_MAX_PER_CASE = 2
    case = register(county)
    add(case, registrar), add(case, registrar)
    with pytest.raises(InvalidParams, match="2个的上限"):
        add(case, registrar)
    assert case.attachments.count() == 2
    assert add(register(county), registrar)  # another case has its own count


def test_per_case_total_size_limit(county, registrar, settings):  # noqa: ANN001
    settings.XINFANG_ATTACHMENT_MAX_TOTAL_BYTES = 2 * 1024 * 1024
    case = register(county)
    big = PDF + b"0" * (1024 * 1024)
    add(case, registrar, data=big)
    with pytest.raises(InvalidParams, match="合计不得超过2 MB"):
        add(case, registrar, data=big)
    assert case.attachments.count() == 1
    assert add(case, registrar, data=PDF)  # a small one still fits


def test_the_page_shows_the_limit_as_a_message_not_a_500(web, county, registrar, settings):  # noqa: ANN001
    settings.XINFANG_ATTACHMENT_MAX_PER_CASE = 1
    case = register(county)
    add(case, registrar)
    response = web.post(reverse("web:case-attach", args=[case.number]),
                        {"file": upload("再一个.pdf")}, follow=True)
    assert response.status_code == 200 and "上限" in response.content.decode()
    assert case.attachments.count() == 1


def test_size_limit_is_enforced_by_the_service_too(county, registrar, settings):  # noqa: ANN001
    settings.XINFANG_ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(InvalidParams, match="文件过大"):
        add(register(county), registrar, data=PDF + b"0" * 200)


def test_rename_attachments_moves_old_guessable_names_to_random_ones(county, registrar, web):  # noqa: ANN001
    from django.core.management import call_command

    case = register(county)
    att = add(case, registrar, name="张三举报.pdf")
    storage = att.file.storage
    old = f"attachments/2026/01/{case.number}/张三举报.pdf"  # how the old version stored it
    with storage.open(att.file.name, "rb") as f:
        storage.save(old, f)
    storage.delete(att.file.name)
    Attachment.objects.filter(pk=att.pk).update(file=old)
    out = io.StringIO()
    call_command("rename_attachments", stdout=out)
    att.refresh_from_db()
    assert case.number not in att.file.name and "张三" not in att.file.name
    assert not storage.exists(old) and "已改名 1 个" in out.getvalue()
    assert body(web.get(url(att))) == PDF
    call_command("rename_attachments", stdout=io.StringIO())  # a second run changes nothing
    assert Attachment.objects.get(pk=att.pk).file.name == att.file.name
