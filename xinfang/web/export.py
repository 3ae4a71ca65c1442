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

from xinfang.cases.models import Case, CasePetitioner, Channel, Purpose
from xinfang.cases.states import Status
from xinfang.core.crypto import mask_id_number, mask_name, mask_phone

from .queue import DEADLINE_STATES

CHUNK = 2000


def _deadline_state(case: Case) -> str:
    if case.any_overdue:
        return "overdue"
    if case.any_due_soon:
        return "due_soon"
    if case.any_breached:
        return "breached"
    return "running" if case.next_due else ""


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
    # labels translated once, not per row (get_FOO_display re-reads the choices on every call)
    channels, purposes = dict(Channel.choices), dict(Purpose.choices)
    statuses, states = dict(Status.choices), {"": "", **dict(DEADLINE_STATES)}
    channels, purposes, statuses, states = ({k: str(v) for k, v in d.items()}
                                            for d in (channels, purposes, statuses, states))
    categories: dict[int, str] = {}
    people = Prefetch("parties", queryset=CasePetitioner.objects.select_related("petitioner")
                      .order_by("pk"))
    rows = 0
    for case in cases.select_related("category__parent__parent").prefetch_related(people) \
            .iterator(chunk_size=CHUNK):  # rows stream from the database in chunks
        parties = [p.petitioner for p in case.parties.all()]
        if case.category_id and case.category_id not in categories:
            categories[case.category_id] = str(case.category)
        ws.append([
            case.number, case.title, channels.get(case.channel, case.channel),
            purposes.get(case.purpose, case.purpose), categories.get(case.category_id, ""),
            statuses.get(case.status, case.status), case.holding_unit.name, case.received_on,
            case.next_due, states[_deadline_state(case)],
            "、".join(mask_name(p.name) for p in parties) or _("匿名"),
            "、".join(mask_id_number(p.id_number) for p in parties),
            "、".join(mask_phone(p.phone) for p in parties),
        ])
        rows += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), rows
