"""The joint-handling workflow (双交办, 牵头与配合办理), declared once.

A case handled by more than one unit keeps one holder, the lead unit (牵头单位, the unit holding
the case: it answers the petitioner, Art. 32, 34). The lead (or the bureau that assigned the case to
it) splits the work into parts (分工), each given to one unit with what it must do and an internal
deadline before the case's own: a territorial unit and an industry department together (双交办:
属地 + 行业主管部门, Art. 5 (3) "属地管理、分级负责，谁主管、谁负责"), or co-handling units (配合单位).
Each part is 已分工 until its unit reports what it did (已报告); the lead adopts it (已采纳) or returns
it with reasons (back to 已分工); one not reported by its deadline is flagged 逾期未报告 by the daily
job and escalated, once, to the bureau that assigned the case (Art. 40: 推诿、拖延). The case's answer
waits for every part (the case guard `joint_parts_adopted`). `workflow.py` is the only writer.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.workflow import SYSTEM_ROLE, Transition
from xinfang.orgs.models import Role


class PartKind(models.TextChoices):
    TERRITORIAL = "territorial", _("属地单位")
    INDUSTRY = "industry", _("行业主管部门")
    CO = "co", _("配合单位")


class PartStatus(models.TextChoices):
    ASSIGNED = "assigned", _("已分工")
    OVERDUE = "overdue", _("逾期未报告")
    REPORTED = "reported", _("已报告（待采纳）")
    ADOPTED = "adopted", _("已采纳")
    CANCELLED = "cancelled", _("已撤销")


class PartAction(models.TextChoices):
    ASSIGN = "assign", _("分工交办")
    REPORT = "report", _("报告办理情况")
    ADOPT = "adopt", _("采纳办理情况")
    RETURN = "return", _("退回补充")
    CANCEL = "cancel", _("撤销分工")
    FLAG_OVERDUE = "flag_overdue", _("逾期上报")


#: the parts still owed: the case's answer waits for them
OPEN = (PartStatus.ASSIGNED, PartStatus.OVERDUE, PartStatus.REPORTED)

# Who may act: the lead (the unit holding the case) or the bureau that sent it there; the lead
# only; the unit the part is given to; the system.
ASSIGNER = "assigner"
LEAD = "lead"
PART_UNIT = "part_unit"
ANY = "any"

#: who splits the work: the staff of the lead or of the assigning bureau who may route a case
ASSIGN_ROLES = frozenset({Role.REGISTRAR, Role.HANDLER, Role.APPROVER})
#: who reports for a unit, and who adopts or returns for the lead
DOER_ROLES = frozenset({Role.HANDLER, Role.APPROVER})


def _t(action: str, sources: set[str], target: str | None, roles: frozenset | set, scope: str,
       doc: str, guards: tuple[str, ...] = (), internal: bool = False) -> Transition:
    return Transition(action=action, sources=frozenset(sources), target=target,
                      roles=frozenset(roles), scope=scope, doc=doc, guards=guards,
                      internal=internal)


PART_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        _t(PartAction.ASSIGN, set(), PartStatus.ASSIGNED, ASSIGN_ROLES, ASSIGNER,
           "第5条第（三）项、第24条：涉及两个以上单位的事项，按“属地管理、谁主管谁负责”分工（双交办：属地+行业"
           "主管部门，或牵头单位+配合单位），各单位查阅本件，限期报告；不得交给被检举、揭发的单位（第30条）。",
           guards=("case_in_handling", "unit_may_handle", "no_open_part", "within_case_deadline")),
        _t(PartAction.REPORT, {PartStatus.ASSIGNED, PartStatus.OVERDUE}, PartStatus.REPORTED,
           DOER_ROLES, PART_UNIT,
           "第28条：承担分工的单位查明事实、分清责任，向牵头单位报告办理情况和对答复意见的意见，不得推诿、拖延。"),
        _t(PartAction.ADOPT, {PartStatus.REPORTED}, PartStatus.ADOPTED, DOER_ROLES, LEAD,
           "第32条、第34条：牵头单位采纳各单位的办理情况，汇总后以一份信访处理意见书答复信访人。"),
        _t(PartAction.RETURN, {PartStatus.REPORTED}, PartStatus.ASSIGNED, DOER_ROLES, LEAD,
           "第28条：办理情况不清、责任不明的，牵头单位说明理由退回补充，报告时限不变。"),
        _t(PartAction.CANCEL, {PartStatus.ASSIGNED, PartStatus.OVERDUE}, PartStatus.CANCELLED,
           {Role.APPROVER}, ASSIGNER,
           "第5条第（三）项：分工有误（不属该单位职责）的，牵头单位或交办单位负责人说明理由撤销分工。"),
        _t(PartAction.FLAG_OVERDUE, {PartStatus.ASSIGNED}, PartStatus.OVERDUE, {SYSTEM_ROLE}, ANY,
           "第40条：逾期未报告的，系统标记逾期并报告交办的信访部门督办（一次），推诿、拖延的依规追责。",
           internal=True),
    )
}
