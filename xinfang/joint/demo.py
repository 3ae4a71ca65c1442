"""Demo joint handling for the demo county 清河, all through the real workflow: one 双交办 case (the
township as 属地单位 and the housing bureau as 行业主管部门; the township has reported, housing has
not), and one case led by its holder with two co-handling units, both reports adopted and the case
answered once by the lead. Log in as the township's or housing's handler to see "联合办理"."""

from __future__ import annotations

import random

from xinfang.cases.models import Case, Purpose
from xinfang.cases.scenarios import County, act
from xinfang.cases.states import Action as CaseAction
from xinfang.cases.states import Status
from xinfang.orgs.models import Role

from .states import PartAction, PartKind
from .workflow import part_assign, part_transition

DUAL = [  # (unit attribute, kind, task)
    ("township", PartKind.TERRITORIAL,
     "属地责任：入户了解业主诉求，组织业主、物业公司协商，做好解释疏导，报告协商结果。"),
    ("housing", PartKind.INDUSTRY,
     "行业监管：核查物业公司履约和专项维修资金使用情况，依法督促维修，报告核查结论和依据。"),
]
TOWNSHIP_REPORT = {"report": "镇物业办已入户走访12户业主，组织业主代表与物业公司两次协商，物业公司同意先行维修。",
                   "contribution": "建议答复：城关镇已组织协商，物业公司承诺30日内完成维修，镇物业办跟踪落实。"}
CO_REPORTS = {
    "township": ("已会同社区核实现场情况，问题属实，已督促物业公司制定维修方案。",
                 "建议答复：经城关镇现场核实，反映情况属实，已督促物业公司维修。"),
    "political_legal": ("经研判，本事项不涉及诉讼，已安排人民调解员参与协商，双方达成一致。",
                        "建议答复：经人民调解，双方就维修费用分担达成一致意见。"),
}


def _candidates(county: County, cases: list[Case]) -> list[Case]:
    ids = [c.pk for c in cases]
    return list(Case.objects.filter(pk__in=ids, status=Status.ACCEPTED)
                .exclude(purpose=Purpose.ACCUSATION).exclude(holding_unit=county.township)
                .exclude(holding_unit=county.political_legal).order_by("-pk"))


def seed(*, county: County, cases: list[Case], rng: random.Random) -> str:  # noqa: ARG001
    found = _candidates(county, cases)
    dual = next((c for c in found if c.holding_unit_id == county.housing.pk), None)
    made = 0
    if dual is not None:  # 双交办: housing leads and holds; the township reports, housing not yet
        lead = county.user(county.housing, Role.HANDLER)
        parts = {attr: part_assign(case_id=dual.pk, actor=lead, params={
            "unit": getattr(county, attr).pk, "kind": kind, "task": task})
            for attr, kind, task in DUAL}
        part_transition(part_id=parts["township"].pk, action=PartAction.REPORT,
                        actor=county.user(county.township, Role.HANDLER), params=TOWNSHIP_REPORT)
        made += 1
    answered = next((c for c in found if c != dual), None)
    if answered is not None:  # the lead with two co-handling units, answered once
        lead = county.user(answered.holding_unit, Role.HANDLER)
        head = county.user(answered.holding_unit, Role.APPROVER)
        for attr, (report, contribution) in CO_REPORTS.items():
            part = part_assign(case_id=answered.pk, actor=lead, params={
                "unit": getattr(county, attr).pk, "kind": PartKind.CO,
                "task": "配合牵头单位查明事实、提出处理建议并报告。"})
            part_transition(part_id=part.pk, action=PartAction.REPORT,
                            actor=county.user(getattr(county, attr), Role.HANDLER),
                            params={"report": report, "contribution": contribution})
            part_transition(part_id=part.pk, action=PartAction.ADOPT, actor=head,
                            params={"note": "采纳，写入处理意见。"})
        act(county, Case.objects.get(pk=answered.pk), CaseAction.ANSWER)
        made += 1
    return f"联合办理{made}件（双交办1件：属地已报告、行业部门待报告；牵头+2个配合单位1件：已统一答复）" if made == 2 \
        else f"联合办理{made}件"
