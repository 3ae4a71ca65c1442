"""Files built like real exports (12345 work orders, Teddy-Cup messages, the old 信访信息系统), with the
defects real ones have: missing names and districts, duplicate rows, bad dates, very long text, merged
cells, a title line above the header, a second sheet, GBK-encoded CSV."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook

HOTLINE_HEADERS = ["工单编号", "来电时间", "诉求内容", "所属区县", "办理单位", "办结时间", "回复内容"]
LEGACY_HEADERS = ["信访件编号", "信访人", "身份证号", "电话", "信访日期", "问题属地", "诉求", "事实和理由",
                  "信访形式", "目的", "状态", "办结日期", "处理意见"]
TEDDY_HEADERS = ["留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "答复意见", "答复时间"]


def hotline_rows(long_text: str) -> list[list[Any]]:
    """Seven work orders: 2 closed clean, 1 open without district, 1 unknown district, 1 duplicate of
    the first, 1 bad date, 1 without content, 1 very long."""
    return [
        ["GD2021000001", dt.datetime(2021, 3, 5, 9, 30), "小区门口道路积水严重，请求疏通排水管道",
         "A县", "A县住房和城乡建设局", dt.datetime(2021, 3, 12, 16, 0), "已安排疏通，经核实予以支持"],
        ["GD2021000002", "2021/4/1 10:15:00", "夜间施工噪音扰民", "A县城关镇", "", "2021-04-09", "已督促施工单位整改"],
        ["GD2021000003", "2021-05-20", "路灯损坏无人维修", "", "", "", ""],
        ["GD2021000004", "2021年6月1日", "河道垃圾堆积", "火星区", "不存在的单位", "2021-06-03", "已清理"],
        ["GD2021000001", dt.datetime(2021, 3, 5, 9, 30), "小区门口道路积水严重，请求疏通排水管道",
         "A县", "", "", ""],
        ["GD2021000006", "去年春天", "物业乱收费", "A县", "", "", ""],
        ["GD2021000007", "2021-07-01", "", "A县", "", "", ""],
        ["GD2021000008", "2021-08-01", long_text, "A县", "", "2021-08-20", "已答复"],
    ]


def write_xlsx(path: Path, headers: list[str], rows: list[list[Any]], *, title: str = "",
               merge: str = "", second_sheet: bool = False) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "工单明细"
    if title:
        sheet.append([title])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    if second_sheet:
        other = book.create_sheet("统计")
        other.append(["区县", "件数"])
        other.append(["A县", 8])
    book.save(path)
    return path


def write_csv(path: Path, headers: list[str], rows: list[list[Any]], *, encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path
