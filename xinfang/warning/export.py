"""Excel export of the dashboard tables (openpyxl). Personal data only masked (姓名、电话)."""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from xinfang.cases.models import CasePetitioner
from xinfang.core.crypto import mask_name, mask_phone

from .selectors import Dashboard, level_label


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list[Any]]) -> None:
    ws = wb.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append(r)
    for col, name in zip(ws.columns, header, strict=False):
        ws.column_dimensions[col[0].column_letter].width = max(10, min(40, 2 * len(name) + 4))


def _flatten(nodes: list[dict], depth: int = 0) -> list[list[Any]]:
    out = []
    for n in nodes:
        out.append(["　" * depth + n["name"], n["own"], n["total"]])
        out += _flatten(n["children"], depth + 1)
    return out


def dashboard_xlsx(d: Dashboard, *, user: Any) -> bytes:  # noqa: ARG001 - d is already scoped
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "指标", ["指标", "数值（%）", "分子", "分母", "计算方法"],
           [[i["name"], i["value"], i["num"], i["den"], i["formula"]] for i in d.indicators]
           + [["近30日信访量", d.totals["last30"], None, None, "信访日期在近30日内"],
              ["环比（%）", d.totals["change"], d.totals["last30"], d.totals["prev30"],
               "近30日 ÷ 前30日 − 1"],
              ["同比（%）", d.totals["yoy_change"], d.totals["last30"], d.totals["yoy30"],
               "近30日 ÷ 上年同期30日 − 1"]])
    _sheet(wb, "按日", ["日期", "信访量"], [[day, n] for day, n in d.days])
    _sheet(wb, "按周", ["周（周一）", "信访量"], [[day, n] for day, n in d.weeks])
    _sheet(wb, "按信访形式", ["信访形式", "近一年信访量"], [list(r) for r in d.channels])
    _sheet(wb, "按分类", ["一级分类", "近30日", "前30日", "环比（%）", "上年同期", "同比（%）", "近一年"],
           [[c["name"], c["last30"], c["prev30"], c["change"], c["yoy30"], c["yoy_change"],
             c["last365"]] for c in d.categories])
    _sheet(wb, "属地", ["单位", "本级", "合计（含下级）"], _flatten(d.tree))
    _sheet(wb, "热点问题", ["预警编号", "热点", "等级", "热度", "件数", "责任单位"],
           [[w.number, w.label, level_label(w.level), w.statistic, w.observed,
             w.responsible_unit.name] for w in d.hot])
    _sheet(wb, "未办结预警", ["预警编号", "类型", "对象", "等级", "状态", "最近信号", "责任单位", "说明"],
           [[w.number, w.get_kind_display(), w.label, level_label(w.level),
             w.get_status_display(), w.last_signal_on, w.responsible_unit.name, w.summary]
            for w in d.open_warnings])
    people: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for cid, name, phone in (CasePetitioner.objects
                             .filter(case__in=[x.case_id for x in d.overdue])
                             .values_list("case_id", "petitioner__name", "petitioner__phone")):
        people[cid].append((mask_name(name), mask_phone(phone)))
    _sheet(wb, "超期事项", ["信访件编号", "概况", "期限", "责任单位", "到期日", "信访人", "联系电话"],
           [[x.case.number, x.case.title, x.get_kind_display(), x.unit.name if x.unit else "",
             x.due_on, "、".join(p[0] for p in people[x.case_id]),
             "、".join(p[1] for p in people[x.case_id])] for x in d.overdue])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
