"""Art. 32: a written opinion whose decision contradicts its own reasons is caught before issue.

The chosen 处理意见 (予以支持 / 作出解释说明 / 不予支持) must not be contradicted by the text: reasons
that say 不予支持 / 不支持……请求 / 驳回 under 予以支持, or 予以支持 under 不予支持. Negations, the
petitioner's quoted or restated request, other bodies' decisions (法院, 原处理意见) and conditional
promises are not the unit's decision.
"""

from __future__ import annotations

import pytest

from xinfang.cases.models import Opinion
from xinfang.cases.scenarios import ANSWER, actor_for, drive_to
from xinfang.cases.states import Action, Status
from xinfang.cases.states import Outcome as Decision
from xinfang.cases.workflow import case_transition
from xinfang.core.errors import GuardFailed
from xinfang.documents.compliance import Outcome, decision_conflict
from xinfang.documents.models import Document
from xinfang.portal.demo import ANSWER as PORTAL_ANSWER

BASIS = "《物业管理条例》第三十五条"

CONTRADICTIONS = [
    (Outcome.SUPPORT, "经调查核实，楼道漏水系住户私自改造管道所致，不属于物业公司维修范围，"
                      "对您要求物业公司承担维修费用的请求不予支持。"),
    (Outcome.SUPPORT, "经查，小区公共维修资金的使用须经业主大会表决，目前尚未表决，"
                      "本机关不支持您动用维修资金的请求。"),
    (Outcome.SUPPORT, "经核实，您反映的噪音已由环保部门监测，各项指标均未超标，故对您的诉求予以驳回。"),
    (Outcome.SUPPORT, "经调查，该路段路灯属于村集体自建设施，不在市政管养范围内，对您的请求不予以支持。"),
    (Outcome.SUPPORT, "经查，您所在单位已按规定足额缴纳社会保险费，您的请求无法予以支持。"),
    (Outcome.REJECT, "经查，反映的楼道漏水属实，物业公司负有维修义务，对您的请求予以支持，"
                     "已责成物业于十日内维修。"),
    (Outcome.REJECT, "经调查核实，用人单位确实拖欠您三个月工资共计1.2万元，对您要求补发工资的请求依法予以支持。"),
    (Outcome.REJECT, "经查，您的申请符合《城市低收入家庭认定办法》规定的条件，支持您申请纳入低保的请求。"),
    # 如实 is no condition
    (Outcome.SUPPORT, "经如实核查，该房屋系违法建设，依法不能予以补偿，对您的请求不予支持。"),
]


@pytest.mark.parametrize(("chosen", "text"), CONTRADICTIONS)
def test_art32_decision_contradicting_the_text_is_found(chosen, text):
    conflict = decision_conflict(text, chosen)

    assert conflict is not None
    assert "相互矛盾" in conflict.message and "第三十二条" in conflict.message
    assert conflict.evidence and all(s.text in text for s in conflict.evidence)


CONSISTENT = [
    (Outcome.SUPPORT, ANSWER["text"]),
    (Outcome.SUPPORT, PORTAL_ANSWER["text"]),
    # the petitioner's request restated or quoted, then the decision
    (Outcome.REJECT, "您要求政府予以支持的诉求，经查缺乏事实依据，不予支持。"),
    (Outcome.REJECT, "您来信称“请求有关部门予以支持，尽快解决拆迁补偿”。经查，补偿款已于2025年3月足额发放，"
                     "对您再次要求补偿的请求不予支持。"),
    (Outcome.REJECT, "信访人请求有关部门支持其恢复原岗位。经查，其劳动合同已依法终止，对该请求不予支持。"),
    # other bodies' decisions are facts, not this opinion's decision
    (Outcome.SUPPORT, "您认为原处理意见不予支持您的请求不当。经复查，原处理意见认定事实不清，"
                      "对您的请求予以支持。"),
    (Outcome.SUPPORT, "一审法院判决驳回了您的诉讼请求。经调查，物业公司负有维修义务，已责成其于十日内维修。"),
    (Outcome.REJECT, "仲裁委员会已裁决予以支持您的部分仲裁请求，该裁决已执行完毕，"
                     "对您再次要求赔偿的请求不予支持。"),
    (Outcome.SUPPORT, "原单位未予支持您的请求。经复查，您的工伤认定材料齐全，对您的请求予以支持。"),
    # a third party that does not support something, and negated support
    (Outcome.SUPPORT, "经查，物业公司不支持维修，已责成物业公司于十日内维修楼道。"),
    # one request supported, another not (partial decision)
    (Outcome.SUPPORT, "对您维修楼道的请求予以支持；对您要求赔偿装修损失的请求不予支持。"),
    (Outcome.REJECT, "对您维修楼道的请求予以支持；对您要求赔偿装修损失的请求不予支持。"),
    # a conditional promise is not a decision to support
    (Outcome.REJECT, "经查，您家庭人均收入高于本地低保标准，不符合条件。今后如符合条件，可再次申请，"
                     "届时将依法予以支持。"),
    # courtesy formulas
    (Outcome.REJECT, "感谢您对我们工作的支持。经查，所反映问题缺乏事实根据，对您的请求不予支持。"),
    # 作出解释说明: a reasonable request without legal basis is explained, not contradicted
    (Outcome.EXPLAIN, "您的请求缺乏法律依据，不予支持，现作出解释说明：该路段改造已列入明年计划。"),
    (Outcome.EXPLAIN, "经查，您反映的道路拓宽确有必要，但目前尚无规划依据，现作出解释说明："
                      "该路段已列入2027年改造计划。"),
]


@pytest.mark.parametrize(("chosen", "text"), CONSISTENT)
def test_art32_consistent_texts_are_not_flagged(chosen, text):
    assert decision_conflict(text, chosen) is None


@pytest.mark.django_db
def test_art32_contradictory_opinion_is_refused_before_anything_is_issued(county):
    case = drive_to(county, Status.ACCEPTED)
    documents = Document.objects.count()

    with pytest.raises(GuardFailed, match="相互矛盾") as err:
        case_transition(case_id=case.pk, action=Action.ANSWER,
                        actor=actor_for(county, case, Action.ANSWER),
                        params={"outcome": Decision.SUPPORT, "legal_basis": BASIS,
                                "text": CONTRADICTIONS[0][1]})

    assert "予以支持" in err.value.message and "不予支持" in err.value.message
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED
    assert not Opinion.objects.filter(case=case).exists()
    assert Document.objects.count() == documents


@pytest.mark.django_db
def test_art32_review_opinion_contradiction_is_refused_too(county):
    case = drive_to(county, Status.REVIEW_REQUESTED)

    with pytest.raises(GuardFailed, match="相互矛盾"):
        case_transition(case_id=case.pk, action=Action.ANSWER_REVIEW,
                        actor=actor_for(county, case, Action.ANSWER_REVIEW),
                        params={"outcome": Decision.REJECT, "legal_basis": BASIS,
                                "text": CONTRADICTIONS[5][1]})


@pytest.mark.django_db
def test_art32_consistent_opinion_is_issued(county):
    case = drive_to(county, Status.ACCEPTED)

    case = case_transition(case_id=case.pk, action=Action.ANSWER,
                           actor=actor_for(county, case, Action.ANSWER),
                           params={"outcome": Decision.REJECT, "legal_basis": BASIS,
                                   "text": CONSISTENT[2][1]})

    assert case.status == Status.ANSWERED
