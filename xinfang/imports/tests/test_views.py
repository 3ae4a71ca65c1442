"""The staff import page (issue 16): upload, mapping with preview, dry run, run as a job, error sheet,
history; who may use it; every bad input a 4xx with a Chinese reason."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from xinfang.cases.models import Case
from xinfang.imports.models import ImportBatch, ImportSource
from xinfang.imports.tests.files import HOTLINE_HEADERS, hotline_rows, write_xlsx
from xinfang.orgs.models import Role

pytestmark = pytest.mark.django_db

LONG = "反映情况" * 4000  # 16,000 characters: over the text limit


@pytest.fixture
def registrar(county, client):  # noqa: ANN001, ANN201
    user = county.user(county.bureau, Role.REGISTRAR)
    client.force_login(user)
    return user


def hotline_file(tmp_path) -> SimpleUploadedFile:  # noqa: ANN001
    """A 12345 export as exported: a merged title line, the header, eight rows with the usual
    defects (duplicate, bad date, no content, no district, unknown district, long text), a second sheet."""
    path = write_xlsx(tmp_path / "12345工单.xlsx", HOTLINE_HEADERS, hotline_rows(LONG),
                      title="A县12345热线工单导出", merge="A1:G1", second_sheet=True)
    return SimpleUploadedFile(path.name, path.read_bytes())


def upload(client, tmp_path, **extra):  # noqa: ANN001, ANN003, ANN201
    data = {"file": hotline_file(tmp_path), "kind": "cases", "new_source": "A县12345热线", **extra}
    return client.post(reverse("imports:home"), data)


@pytest.mark.parametrize(("role", "shown"), [(Role.REGISTRAR, True), (Role.ADMINISTRATOR, True),
                                             (Role.HANDLER, False), (Role.APPROVER, False)])
def test_the_navigation_offers_the_import_page_to_administrators_and_registrars(client, county, role, shown):  # noqa: ANN001
    # given a staff member of the bureau with one role
    from xinfang.orgs.services import staff_create

    user = staff_create(username=f"a_{role}_x", unit=county.bureau, roles=[role])
    client.force_login(user)
    # when they open the work queue and the import page
    queue = client.get(reverse("web:queue")).content.decode()
    page = client.get(reverse("imports:home"))
    # then the link and the page are there for administrators and registrars only
    assert (reverse("imports:home") in queue) is shown
    assert page.status_code == (200 if shown else 403)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("工单.xls", b"\xd0\xcf\x11\xe0old excel", "只支持 .xlsx 和 .csv 文件"),
    ("工单.pdf", b"%PDF-1.4", "只支持 .xlsx 和 .csv 文件"),
    ("工单.xlsx", b"not a zip at all", "无法"),
    ("工单.csv", b"", "空"),
])
def test_a_bad_file_is_a_400_with_the_reason_in_chinese(client, registrar, name, content, message):  # noqa: ANN001
    # given a file that is not an export the importer reads
    data = {"file": SimpleUploadedFile(name, content), "kind": "cases", "new_source": "来源甲"}
    # when it is uploaded
    response = client.post(reverse("imports:home"), data)
    # then the form comes back with a 400 and the reason; no batch was kept
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, registrar, settings, tmp_path):  # noqa: ANN001
    # given a limit smaller than the file
    settings.XINFANG_IMPORT_MAX_BYTES = 1000
    # when it is uploaded
    response = upload(client, tmp_path)
    # then 400, saying the limit
    assert response.status_code == 400
    assert "上限" in response.content.decode()


def test_a_source_must_be_chosen_or_named(client, registrar, tmp_path):  # noqa: ANN001
    response = upload(client, tmp_path, new_source="")
    assert response.status_code == 400
    assert "请选择导入来源" in response.content.decode()


def test_upload_shows_the_guessed_mapping_and_a_preview(client, registrar, tmp_path):  # noqa: ANN001
    # given a 12345 export uploaded
    response = upload(client, tmp_path)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    # when its page is opened
    page = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    # then the 12345 columns are mapped, the first rows shown, the other sheet named
    assert batch.mapping["columns"]["request"] == "诉求内容"
    assert batch.mapping["columns"]["received"] == "来电时间"
    assert "GD2021000001" in page and "小区门口道路积水严重" in page
    assert "统计" in page  # the second sheet, not read
    assert 'value="诉求内容" selected' in page


def test_mapping_dry_run_run_and_error_sheet(client, registrar, tmp_path,  # noqa: ANN001
                                             django_capture_on_commit_callbacks):
    # given an uploaded export
    upload(client, tmp_path)
    batch = ImportBatch.objects.get()
    columns = batch.mapping["columns"]
    # when the mapping is changed (办理单位 not imported), kept for the source, and dry-run
    posted = {f"col_{t}": h for t, h in columns.items() if t != "handling_unit"}
    response = client.post(reverse("imports:mapping", args=[batch.pk]), {**posted, "keep": "on"})
    # then the source keeps the new mapping, the report counts rows and lists each problem
    assert response.status_code == 302
    source = ImportSource.objects.get(name="A县12345热线")
    assert "handling_unit" not in source.mapping["columns"]
    page = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert Case.objects.count() == 0  # the dry run writes nothing
    assert "无法导入" in page and "GD2021000006" in page  # the bad date row
    # when the import is run (a job: in-process in the embedded default)
    with django_capture_on_commit_callbacks(execute=True):  # the job is handed over after commit
        response = client.post(reverse("imports:run", args=[batch.pk]))
    batch.refresh_from_db()
    # then the batch is done, every row accounted for, the progress says so
    assert response.status_code == 302
    assert batch.state == ImportBatch.State.DONE
    assert batch.created_count + batch.skipped_count + batch.error_count == len(hotline_rows(LONG))
    assert batch.created_count == Case.objects.filter(import_source="A县12345热线").count() > 0
    progress = json.loads(client.get(reverse("imports:progress", args=[batch.pk])).content)
    assert (progress["done"], progress["running"]) == (progress["total"], False)
    # and the error sheet holds the rows that could not be imported, with their problems
    sheet = client.get(reverse("imports:errors", args=[batch.pk]))
    rows = list(load_workbook(io.BytesIO(b"".join(sheet.streaming_content)), read_only=True)
                .worksheets[0].iter_rows(values_only=True))
    assert rows[0][:2] == ("源文件行号", "问题")
    assert len(rows) - 1 == batch.error_count
    assert all(r[1] for r in rows[1:])
    # and running it again is refused with the reason
    again = client.post(reverse("imports:run", args=[batch.pk]))
    assert again.status_code == 400 and "已导入完成" in again.content.decode()
    # and the history lists the batch with its counts
    home = client.get(reverse("imports:home")).content.decode()
    assert reverse("imports:batch", args=[batch.pk]) in home


def test_a_mapping_without_the_request_column_is_a_400(client, registrar, tmp_path):  # noqa: ANN001
    upload(client, tmp_path)
    batch = ImportBatch.objects.get()
    posted = {f"col_{t}": h for t, h in batch.mapping["columns"].items() if t != "request"}
    response = client.post(reverse("imports:mapping", args=[batch.pk]), posted)
    assert response.status_code == 400
    assert "诉求" in response.content.decode()


def test_an_export_with_unguessable_headers_is_kept_and_mapped_on_its_page(client, registrar):  # noqa: ANN001
    # given a CSV whose headers name neither the date nor the request in any known way
    content = "编号,办理日,事由\n1,2021-03-01,东街路灯不亮\n".encode()
    data = {"file": SimpleUploadedFile("某平台.csv", content), "kind": "cases", "new_source": "某平台"}
    # when it is uploaded; then the batch is kept and its page offers the mapping form
    response = client.post(reverse("imports:home"), data)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert 'name="col_received"' in page
    # and the import is refused with the missing mapping named in Chinese
    refused = client.post(reverse("imports:run", args=[batch.pk]))
    assert refused.status_code == 400
    assert "“信访日期”没有对应的列" in refused.content.decode()
    # when the columns are chosen in the form; then the dry run finds the row to create
    client.post(reverse("imports:mapping", args=[batch.pk]),
                {"col_external_id": "编号", "col_received": "办理日", "col_request": "事由"})
    batch.refresh_from_db()
    assert (batch.state, batch.mapping["columns"]["received"]) == (ImportBatch.State.PLANNED, "办理日")


def test_running_before_the_dry_run_is_refused(client, registrar, tmp_path):  # noqa: ANN001
    upload(client, tmp_path)
    batch = ImportBatch.objects.get()
    response = client.post(reverse("imports:run", args=[batch.pk]))
    assert response.status_code == 400
    assert "请先预检" in response.content.decode()
    assert not Case.objects.exists()


def test_another_jurisdictions_batch_is_404(client, registrar, other_county, tmp_path):  # noqa: ANN001
    # given a batch uploaded in county A
    upload(client, tmp_path)
    batch = ImportBatch.objects.get()
    # when county B's registrar asks for it
    client.force_login(other_county.user(other_county.bureau, Role.REGISTRAR))
    # then it does not exist for them
    for name in ("imports:batch", "imports:errors"):
        assert client.get(reverse(name, args=[batch.pk])).status_code == 404


def test_a_unit_sheet_is_imported_from_the_page(client, registrar, county):  # noqa: ANN001
    # given a sheet of units under the county
    book = Workbook()
    sheet = book.active
    sheet.append(["名称", "上级单位", "类型", "代码"])
    sheet.append(["A县水利局", county.county.name, "职能部门", "ASLJ"])
    sheet.append(["A县孤儿局", "不存在的政府", "职能部门", "AGE"])
    out = io.BytesIO()
    book.save(out)
    # when it is uploaded as units
    response = client.post(reverse("imports:home"), {
        "file": SimpleUploadedFile("单位.xlsx", out.getvalue()), "kind": "units"})
    # then the result says what was created and which row could not be
    text = response.content.decode()
    assert response.status_code == 200
    assert "新建单位 1 个" in text and "不存在的政府" in text


def test_the_page_defers_the_districts_of_a_large_file_to_the_batch_step(client, registrar, tmp_path,
                                                                        settings,
                                                                        django_capture_on_commit_callbacks):
    # given every file counts as large, and an uploaded export with a row naming no district
    settings.XINFANG_IMPORT_DEFER_BYTES = 0
    upload(client, tmp_path)
    batch = ImportBatch.objects.get()
    client.post(reverse("imports:mapping", args=[batch.pk]),  # the dry run, as the page asks first
                {f"col_{t}": h for t, h in batch.mapping["columns"].items()})
    # when the import is run from the page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:run", args=[batch.pk]))
    # then the job imported it and ran the batch step: the row without district is placed, on its
    # timeline, and the cases are in the duplicate index
    from xinfang.cases.models import CaseEvent
    from xinfang.triage.models import DupIndexed

    pending = CaseEvent.objects.filter(type="imports.received", data__place_pending=True)
    assert pending.exists()
    placed = CaseEvent.objects.filter(type="imports.placed")
    assert set(placed.values_list("case_id", flat=True)) == set(pending.values_list("case_id", flat=True))
    assert DupIndexed.objects.count() == Case.objects.count() > 0

