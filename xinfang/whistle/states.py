"""The whistle workflow's statuses, actions and table (吹哨报到, local practice of Longgang).

A grid (网格) raises a matter from the street and "blows the whistle" to the N departments it needs
(吹哨); each department reports within its time limit (报到) and records what it did (处置) on its
own report row; the raising unit confirms the matter is done (确认办结) and it is closed. Overdue
reports are flagged and escalated by the hourly job to the township's leader (督促报到).
Basis: Art. 5 (五) of the regulation (源头治理, 化解在基层) and the Longgang practice
(“1名网格员+1名社区干部+N个职能部门”，“网格、社区吹哨，部门报到”).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.workflow import SYSTEM_ROLE, Transition
from xinfang.orgs.models import Role


class WhistleStatus(models.TextChoices):
    WHISTLED = "whistled", _("已吹哨")
    CLOSED = "closed", _("已办结")


class WhistleAction(models.TextChoices):
    RAISE = "raise", _("吹哨")
    REPORT = "report", _("报到")
    ACT = "act", _("记录处置")
    CONFIRM = "confirm", _("确认办结")
    ESCALATE = "escalate", _("督促报到")


class ReportStatus(models.TextChoices):
    """One whistled department's own record (its rows move only by the steps above)."""

    PENDING = "pending", _("待报到")
    REPORTED = "reported", _("已报到")
    ACTED = "acted", _("已处置")


# Whose unit may act: the unit that raised the whistle (its grid's township or community), a
# department it was whistled to, or the system (the hourly sweep).
RAISING = "raising"
WHISTLED_DEPT = "department"
ANY = "any"

GRID_WORKERS = {Role.REGISTRAR, Role.HANDLER}  # 网格员 and community cadres of the grid's unit
DEPARTMENT = {Role.HANDLER, Role.APPROVER}

PRACTICE = "实践做法（龙港“网格、社区吹哨，部门报到”）"


def _t(action: WhistleAction, sources: set[WhistleStatus], target: WhistleStatus | None,
       roles: set[str], scope: str, doc: str, guards: tuple[str, ...] = (),
       internal: bool = False) -> Transition:
    return Transition(action=action, sources=frozenset(sources), target=target,
                      roles=frozenset(roles), scope=scope, doc=doc, guards=guards,
                      internal=internal)


S = WhistleStatus
A = WhistleAction

TRANSITIONS: dict[WhistleAction, Transition] = {
    t.action: t
    for t in (
        _t(A.RAISE, set(), S.WHISTLED, GRID_WORKERS, RAISING,
           f"第五条第（五）项（源头治理，化解在基层）；{PRACTICE}：网格员发现问题，向N个职能部门吹哨。"),
        _t(A.REPORT, {S.WHISTLED}, None, DEPARTMENT, WHISTLED_DEPT,
           f"{PRACTICE}：被吹哨部门在时限内报到。", guards=("dept_pending",)),
        _t(A.ACT, {S.WHISTLED}, None, DEPARTMENT, WHISTLED_DEPT,
           f"{PRACTICE}；第五条第（三）项（谁主管、谁负责）：部门处置并记录所做工作。",
           guards=("dept_reported",)),
        _t(A.CONFIRM, {S.WHISTLED}, S.CLOSED, GRID_WORKERS, RAISING,
           f"{PRACTICE}：各部门处置完毕，吹哨人确认办结。", guards=("all_acted",)),
        _t(A.ESCALATE, {S.WHISTLED}, None, {SYSTEM_ROLE}, ANY,
           f"{PRACTICE}；第十三条第三款（乡镇党委和政府协调处理本地区问题）：逾期未报到的，提请乡镇（街道）领导督促。",
           guards=("has_unescalated_overdue",), internal=True),
    )
}
