"""Helpers of the joint-handling tests: a case accepted by the housing bureau (sent by the county
petition bureau), and parts given to the township and others."""

from __future__ import annotations

from typing import Any

from xinfang.cases.scenarios import County, drive_to
from xinfang.cases.states import Status
from xinfang.orgs.models import Role, Unit

TASK = "负责核实小区物业维修情况，督促物业公司限期维修楼道，并报告维修结果。"
REPORT = {"report": "已约谈物业公司，楼道防水维修于本周完工，业主代表现场验收。",
          "contribution": "建议答复：楼道漏水已维修完毕，维修费用由物业专项维修资金列支。"}


def accepted(county: County, **kw: Any):  # noqa: ANN201
    """A case the county bureau sent to housing, which accepted it: housing leads."""
    return drive_to(county, Status.ACCEPTED, **kw)


def lead(county: County, role: str = Role.APPROVER):  # noqa: ANN201
    return county.user(county.housing, role)


def give(county: County, case: Any, unit: Unit, *, kind: str = "co", actor: Any = None,
         **params: Any):  # noqa: ANN201
    from xinfang.joint.workflow import part_assign

    return part_assign(case_id=case.pk, actor=actor or lead(county, Role.HANDLER),
                       params={"unit": unit.pk, "kind": kind, "task": TASK, **params})


def step(part: Any, action: str, actor: Any, **params: Any):  # noqa: ANN201
    from xinfang.joint.workflow import part_transition

    return part_transition(part_id=part.pk, action=action, actor=actor, params=params)
