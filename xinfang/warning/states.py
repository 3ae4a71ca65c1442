"""The warning workflow, declared once: open → letter issued → unit responded → closed.

Practice (Shenzhen's 预警提示函, not a statutory procedure): the petition bureau that covers the
place issues a warning letter to the responsible unit, the unit answers in writing with what it did,
and the bureau closes the warning. A warning that turns out to need no letter may be closed at once
with a reason. `workflow.warning_transition` is the only code that changes `Warning.status`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.workflow import SYSTEM_ROLE, Transition
from xinfang.orgs.models import Role


class WarningStatus(models.TextChoices):
    OPEN = "open", _("待处置")
    LETTER_ISSUED = "letter_issued", _("已发提示函")
    RESPONDED = "responded", _("单位已反馈")
    CLOSED = "closed", _("已办结")


class WarningAction(models.TextChoices):
    ISSUE_LETTER = "issue_letter", _("发出预警提示函")
    RESPOND = "respond", _("反馈处置情况")
    CLOSE = "close", _("办结预警")


# Who may act: the petition bureau whose jurisdiction covers the warning ("bureau"), or the
# responsible unit itself ("responsible").
BUREAU = "bureau"
RESPONSIBLE = "responsible"


WarningTransition = Transition  # the engine's transition (xinfang.core.workflow)


def _w(action: WarningAction, sources: set[WarningStatus], target: WarningStatus,
       roles: set[str], scope: str, doc: str) -> Transition:
    return Transition(action=action, sources=frozenset(sources), target=target,
                      roles=frozenset(roles), scope=scope, doc=doc)


TRANSITIONS: dict[WarningAction, WarningTransition] = {
    t.action: t
    for t in (
        _w(WarningAction.ISSUE_LETTER, {WarningStatus.OPEN}, WarningStatus.LETTER_ISSUED,
           {Role.APPROVER, Role.LEADER, Role.SUPERVISOR}, BUREAU,
           "信访部门向责任单位发出预警提示函，限期反馈（实践做法，期限可配置）。"),
        _w(WarningAction.RESPOND, {WarningStatus.LETTER_ISSUED}, WarningStatus.RESPONDED,
           {Role.HANDLER, Role.APPROVER, Role.LEADER}, RESPONSIBLE,
           "责任单位书面反馈排查化解措施（实践做法）。"),
        # SYSTEM_ROLE: the daily recompute may close a faded warning with no person acting
        _w(WarningAction.CLOSE, {WarningStatus.OPEN, WarningStatus.RESPONDED}, WarningStatus.CLOSED,
           {Role.APPROVER, Role.LEADER, Role.SUPERVISOR, SYSTEM_ROLE}, BUREAU,
           "信访部门审核反馈后办结；无需发函的预警可说明理由直接办结（实践做法）。"),
    )
}
