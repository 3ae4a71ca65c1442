"""Reading exports: header row, merged cells, sheets, encodings, and the mapping guess."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from xinfang.imports.mapping import guess_mapping, parse_datetime, purpose_of, text_of
from xinfang.imports.tables import TableError, read_table

from .files import (
    HOTLINE_HEADERS,
    LEGACY_HEADERS,
    TEDDY_HEADERS,
    hotline_rows,
    write_csv,
    write_xlsx,
)


def test_xlsx_header_below_a_title_line_and_the_other_sheets_named(tmp_path):
    # given a workbook with a title line above the header and a second sheet
    path = write_xlsx(tmp_path / "a.xlsx", HOTLINE_HEADERS, hotline_rows("x"), title="2021年工单导出",
                      second_sheet=True)
    # when it is read
    table = read_table(path)
    # then the header is the second row, the first sheet is read and the other one is named
    assert (table.headers, table.header_row) == (HOTLINE_HEADERS, 2)
    assert (table.sheet, table.other_sheets) == ("工单明细", ["统计"])
    rows = list(table.rows)
    assert [r.number for r in rows[:2]] == [3, 4]
    assert rows[0].values["工单编号"] == "GD2021000001"


def test_xlsx_another_sheet_is_chosen_and_an_unknown_one_refused(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", HOTLINE_HEADERS, hotline_rows("x"), second_sheet=True)
    # when the second sheet is chosen; then its own header and rows are read
    table = read_table(path, sheet="统计")
    assert table.headers == ["区县", "件数"]
    assert [r.values for r in table.rows] == [{"区县": "A县", "件数": 8}]
    # when a sheet that is not there is asked for; then the error names the sheets there are
    with pytest.raises(TableError, match="工单明细、统计"):
        read_table(path, sheet="不存在")


def test_xlsx_merged_cells_take_the_value_of_the_first_cell(tmp_path):
    # given the district merged down over three rows (as exports group rows by district)
    rows = [["GD1", "2021-03-01", "内容一", "A县", "", "", ""],
            ["GD2", "2021-03-02", "内容二", None, "", "", ""],
            ["GD3", "2021-03-03", "内容三", None, "", "", ""]]
    path = write_xlsx(tmp_path / "m.xlsx", HOTLINE_HEADERS, rows, merge="D2:D4")
    # when read; then every row of the range has the district
    assert [r.values["所属区县"] for r in read_table(path).rows] == ["A县", "A县", "A县"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_the_encodings_chinese_exports_use(tmp_path, encoding):
    # given the same CSV saved in each encoding
    path = write_csv(tmp_path / "t.csv", TEDDY_HEADERS,
                     [["2549", "A00045581", "A2区景蓉华苑物业管理有问题", "2019/4/25 9:32:09",
                       "小区物业扬言要退出小区", "", ""]], encoding=encoding)
    # when read; then the headers and the text come back intact
    table = read_table(path)
    assert table.headers == TEDDY_HEADERS
    assert [r.values["留言主题"] for r in table.rows] == ["A2区景蓉华苑物业管理有问题"]
    assert table.encoding == {"gbk": "gb18030"}.get(encoding, encoding)


@pytest.mark.parametrize("kind", ["BytesIO", "file"])
def test_a_csv_given_as_a_file_object_is_read_and_left_open(tmp_path, kind):
    # given a CSV as an open file object (an upload), not a path
    path = write_csv(tmp_path / "t.csv", TEDDY_HEADERS,
                     [["2549", "A00045581", "A2区物业管理有问题", "2019/4/25 9:32:09", "详情", "", ""]],
                     encoding="gb18030")
    fh = io.BytesIO(path.read_bytes()) if kind == "BytesIO" else open(path, "rb")  # noqa: SIM115
    try:
        # when it is read twice (as the dry run and the import do)
        table = read_table(fh, name="t.csv")
        first, again = [r.values["留言主题"] for r in table.rows], [r.number for r in table.rows]
        # then the rows come back each time and the caller's file stays open
        assert (first, again) == (["A2区物业管理有问题"], [2])
        assert not fh.closed
    finally:
        fh.close()


@pytest.mark.parametrize(("content", "message"), [
    (b"", "空"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧版 Excel"),
])
def test_unreadable_files_are_refused_in_chinese(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(TableError, match=message):
        read_table(path)


def test_a_broken_xlsx_is_refused(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04not really a workbook")
    with pytest.raises(TableError, match="无法读取"):
        read_table(path)


@pytest.mark.parametrize(("headers", "preset"), [
    (HOTLINE_HEADERS, "12345"), (TEDDY_HEADERS, "teddy"), (LEGACY_HEADERS, "legacy"),
])
def test_the_mapping_is_guessed_from_the_headers(headers, preset):
    # when the headers of a known export are given; then its preset is found and both required
    # fields are mapped
    mapping = guess_mapping(headers)
    assert mapping.preset == preset
    assert mapping.missing == []


def test_an_unknown_export_is_mapped_by_the_known_column_names():
    mapping = guess_mapping(["序号", "日期", "反映内容", "区域", "备注"])
    assert (mapping.preset, mapping.columns) == ("", {
        "external_id": "序号", "received": "日期", "request": "反映内容", "district": "区域"})


@pytest.mark.parametrize(("value", "expected"), [
    ("2019/4/25 9:32:09", dt.datetime(2019, 4, 25, 9, 32, 9)),
    ("2021-03-05", dt.datetime(2021, 3, 5)),
    ("2021年6月1日", dt.datetime(2021, 6, 1)),
    ("20210301", dt.datetime(2021, 3, 1)),
    (dt.datetime(2020, 1, 6, 12, 9, 38), dt.datetime(2020, 1, 6, 12, 9, 38)),
    (44256, dt.datetime(2021, 3, 1)),  # an Excel serial day
    ("去年春天", None), ("2021-02-30", None), ("", None),
])
def test_dates_in_the_forms_exports_write_them(value, expected):
    parsed = parse_datetime(value)
    assert (parsed.replace(tzinfo=None) if parsed else None) == expected


@pytest.mark.parametrize(("label", "purpose"), [
    ("举报", "other"), ("投诉", "other"), ("揭发控告", "accusation"), ("求决", "request"),
    ("咨询", "suggestion"), ("申诉", "appeal"),
])
def test_labels_map_to_purposes_and_a_report_is_no_accusation(label, purpose):
    # 举报 names no accused unit: the import never makes it a 揭发控告 by itself (Art. 30)
    assert purpose_of(label) == purpose


@pytest.mark.parametrize(("value", "text"), [(24.0, "24"), ("24.0", "24"), (2549, "2549"), (None, "")])
def test_ids_lose_the_decimal_excel_gave_them(value, text):
    assert text_of(value) == text


def test_a_workbook_with_only_an_empty_sheet_has_no_data(tmp_path):
    book = Workbook()
    path = tmp_path / "empty.xlsx"
    book.save(path)
    with pytest.raises(TableError, match="没有数据"):
        read_table(path)
