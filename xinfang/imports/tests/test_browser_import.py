"""Bringing a 12345 export in through the staff page, in a real headless Chromium (Debian's
`chromium`, driven by Playwright, like web/tests/test_browser_day.py; issue 16 "What it must show").

The county bureau's registrar uploads a 12345-style .xlsx as exported (a merged title line above
the header, a second sheet, rows with a repeated ticket, an unreadable date, no content, no or an
unknown district, very long text), sees the guessed mapping with a preview, fixes it (the district
and call-type columns have names the guess does not know), runs the dry run, reads the problems,
imports, and downloads the error sheet. Any response >= 500, console error or page error fails it.
Screenshots: artifacts/screenshots/import/NN-step.png (1280x900 full page; the result at 390x844).
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook

from xinfang.cases.models import Case
from xinfang.cases.scenarios import build_county
from xinfang.core.tests.browser import BROWSER_MARKS, SHOTS, in_db_thread, launch_chromium, sync_api
from xinfang.imports.models import ImportBatch
from xinfang.orgs.models import Role

pytestmark = BROWSER_MARKS

SHOTS_DIR = SHOTS / "import"
PASSWORD = "import-walk-2026!"
HEADERS = ["工单编号", "来电时间", "来电类型", "诉求内容", "所在区县街道", "办理单位", "办结时间", "回复内容"]
LONG = "楼下餐馆油烟直排，" * 1500  # 13,500 characters: over the text limit, cut with a note


def export_rows(county_short: str) -> list[list]:
    """Nine work orders as a 12345 system exports them, five with a defect (in the comments)."""
    return [
        ["GD2022000001", dt.datetime(2022, 3, 5, 9, 30), "投诉", "小区门口道路积水严重，请求疏通排水管道",
         county_short, "", dt.datetime(2022, 3, 12, 16, 0), "已安排疏通，经核实予以支持"],
        ["GD2022000002", "2022/4/1 10:15:00", "举报", "夜间施工噪音扰民", f"{county_short}城关镇", "",
         "2022-04-09", "已督促施工单位整改"],
        ["GD2022000003", "2022-05-20", "求助", "路灯损坏无人维修", "", "", "", ""],  # no district, open
        ["GD2022000004", "2022年6月1日", "投诉", "河道垃圾堆积", "火星区", "", "2022-06-03", "已清理"],  # unknown district
        ["GD2022000001", dt.datetime(2022, 3, 5, 9, 30), "投诉", "小区门口道路积水严重，请求疏通排水管道",
         county_short, "", "", ""],  # the first ticket again
        ["GD2022000006", "去年春天", "投诉", "物业乱收费", county_short, "", "", ""],  # unreadable date
        ["GD2022000007", "2022-07-01", "咨询", "", county_short, "", "", ""],  # no content
        ["GD2022000008", "2022-08-01", "投诉", LONG, county_short, "", "2022-08-20", "已答复"],  # very long
        ["GD2022000009", "2022-09-09", "建议", "建议增设公交站台", county_short, "", "2022-09-30", "已采纳"],
    ]


def write_export(path, county_short: str):  # noqa: ANN001, ANN201
    book = Workbook()
    sheet = book.active
    sheet.title = "工单明细"
    sheet.append(["某县12345政务服务便民热线工单导出"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.append(HEADERS)
    for row in export_rows(county_short):
        sheet.append(row)
    notes = book.create_sheet("导出说明")
    notes.append(["来电号码已按规定隐去"])
    book.save(path)
    return path


def build() -> tuple[str, str]:
    c = build_county("I", password=PASSWORD)
    user = c.user(c.bureau, Role.REGISTRAR)
    return user.username, c.county.short_name


@pytest.fixture
def browser():  # noqa: ANN201
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


def test_registrar_imports_a_12345_export_through_the_page(live_server, browser, tmp_path):  # noqa: ANN001
    # given a registrar of the county bureau and a 12345 export with defects
    username, county_short = in_db_thread(build)
    export = write_export(tmp_path / "12345工单导出.xlsx", county_short)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN",
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and not m.location.get(  # the browser's own favicon ask
        "url", "").endswith("/favicon.ico") and errors.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    shot = lambda name: page.screenshot(path=str(SHOTS_DIR / f"{name}.png"), full_page=True)  # noqa: E731

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill('[name="username"]', username)
    page.fill('[name="password"]', PASSWORD)
    page.press('[name="password"]', "Enter")
    page.wait_for_url("**/queue/")

    # when she opens 数据导入 from the navigation and uploads the export under a new source
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="数据导入").click()
    page.wait_for_url("**/imports/")
    page.set_input_files('input[name="file"]', str(export))
    page.fill('[name="new_source"]', "某县12345热线")
    shot("01-upload")
    page.get_by_role("button", name="上传并预览").click()
    page.wait_for_url("**/imports/*/")
    # then the mapping is guessed from the 12345 headers, the preview shows the first rows, and the
    # second sheet is named as not read
    assert page.locator('[name="col_request"]').input_value() == "诉求内容"
    assert page.locator('[name="col_district"]').input_value() == ""  # a header the guess does not know
    assert "GD2022000001" in page.content() and "导出说明" in page.content()
    shot("02-mapping-preview")

    # when she maps the district and the call type by hand and runs the dry run
    page.select_option('[name="col_district"]', "所在区县街道")
    page.select_option('[name="col_purpose"]', "来电类型")
    page.get_by_role("button", name="保存并试运行（预检）").click()
    page.wait_for_url("**/imports/*/#report")
    # then the report counts the rows and names each problem; nothing was written to cases
    report = page.locator("#report")
    assert "无法导入" in report.inner_text()
    assert "GD2022000006" in report.inner_text()  # the unreadable date
    assert in_db_thread(lambda: Case.objects.count()) == 0
    shot("03-dry-run")

    # when she imports (a job; in-process in the embedded default, so the page comes back done)
    report.get_by_role("button", name="正式导入").click()
    page.wait_for_url("**/imports/*/#progress")
    page.wait_for_selector("text=导入结果")
    shot("04-done")
    batch = in_db_thread(lambda: ImportBatch.objects.get())
    # then every row is accounted for: imported, or on the error sheet with its reasons
    assert batch.state == ImportBatch.State.DONE
    assert batch.created_count + batch.skipped_count + batch.error_count == len(export_rows(""))
    assert batch.error_count >= 3  # the repeat, the date, the empty content
    assert in_db_thread(lambda: Case.objects.filter(import_source="某县12345热线").count()) == batch.created_count

    # when she downloads the error sheet
    with page.expect_download() as download:
        page.get_by_role("link", name="下载错误清单（无法导入的行及原因）").click()
    path = tmp_path / "errors.xlsx"
    download.value.save_as(path)
    rows = list(load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True))
    # then it holds each unimportable row as it was, with its source row number and problems
    assert rows[0][:2] == ("源文件行号", "问题")
    assert {r[2] for r in rows[1:]} >= {"GD2022000006", "GD2022000007"}
    assert all(r[1] for r in rows[1:])

    # and the history lists the batch; the result reads on a phone
    page.goto(f"{live_server.url}/imports/")
    assert "某县12345热线" in page.content()
    shot("05-history")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/imports/{batch.pk}/")
    shot("06-result-phone")
    assert not errors, errors
