"""Excel export of the filtered work queue (openpyxl, write-only: rows stream, memory stays flat).

Personal data only masked, as in the dashboard's export (warning/export.py): names, ID and phone
numbers. Every row of the filter, not the page; the view caps the count (XINFANG_EXPORT_MAX_ROWS).
"""

from __future__ import annotations

import io

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from xinfang.cases.models import Case, CasePetitioner
from xinfang.core.crypto import mask_id_number, mask_name, mask_phone

CHUNK = 2000


def _deadline_label(case: Case) -> str:
    if case.any_overdue:
        return _("已超期")
    if case.any_due_soon:
        return _("即将到期")
    if case.any_breached:
        return _("曾超期（已延期）")
    return _("期限内") if case.next_due else ""


def queue_xlsx(cases: QuerySet[Case]) -> tuple[bytes, int]:
    """The workbook of `cases` (already scoped and filtered) and the number of rows written."""
    header = [_("信访件编号"), _("概况"), _("信访形式"), _("信访目的"), _("内容分类"), _("状态"),
              _("当前办理单位"), _("信访日期"), _("最近期限"), _("期限状态"), _("信访人"),
              _("证件号码"), _("联系电话")]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("工作台"))
    for i, name in enumerate(header):
        ws.column_dimensions[chr(ord("A") + i)].width = max(10, min(40, 2 * len(name) + 4))
    bold = []
    for name in header:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True)
        bold.append(cell)
    ws.append(bold)
    people = Prefetch("parties", queryset=CasePetitioner.objects.select_related("petitioner")
                      .order_by("pk"))
    rows = 0
    for case in cases.select_related("category__parent__parent").prefetch_related(people) \
            .iterator(chunk_size=CHUNK):
        parties = [p.petitioner for p in case.parties.all()]
        ws.append([
            case.number, case.title, case.get_channel_display(), case.get_purpose_display(),
            str(case.category) if case.category_id else "", case.get_status_display(),
            case.holding_unit.name, case.received_on, case.next_due,
            _deadline_label(case),
            "、".join(mask_name(p.name) for p in parties),
            "、".join(mask_id_number(p.id_number) for p in parties),
            "、".join(mask_phone(p.phone) for p in parties),
        ])
        rows += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), rows
