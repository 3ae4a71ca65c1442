"""Writes of the institutions app other than a person's step: the hourly urgent-report sweep.

Each change goes through the workflow (`workflow.receipt_transition`, the system actor), so every
flag and reminder is a step on the case timeline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xinfang.core import clock
from xinfang.core.conf import get
from xinfang.core.workflow import SYSTEM_ACTOR

from .models import UrgentReceipt
from .states import ReceiptAction, ReceiptStatus
from .workflow import receipt_transition


@dataclass
class SweepResult:
    flagged: int = 0
    reminded: int = 0

    def line(self) -> str:
        return f"紧急上报：标记逾期未签收{self.flagged}个，再次提醒{self.reminded}个"


def urgent_sweep() -> SweepResult:
    """Flag each receipt unsigned past its deadline as overdue (and remind it), and remind each
    overdue one again once XINFANG_URGENT_RENOTIFY_HOURS have passed since its last reminder
    (Art. 25: 及时; the hours are local practice). Idempotent within an interval."""
    now = clock.now()
    out = SweepResult()
    due = UrgentReceipt.objects.filter(status=ReceiptStatus.PENDING, due_at__lte=now)
    for pk in due.order_by("pk").values_list("pk", flat=True):
        receipt_transition(receipt_id=pk, action=ReceiptAction.FLAG_OVERDUE, actor=SYSTEM_ACTOR)
        out.flagged += 1
    again = now - dt.timedelta(hours=get("XINFANG_URGENT_RENOTIFY_HOURS"))
    stale = UrgentReceipt.objects.filter(status=ReceiptStatus.OVERDUE, notified_at__lte=again)
    for pk in stale.order_by("pk").values_list("pk", flat=True):
        receipt_transition(receipt_id=pk, action=ReceiptAction.RENOTIFY, actor=SYSTEM_ACTOR)
        out.reminded += 1
    return out
