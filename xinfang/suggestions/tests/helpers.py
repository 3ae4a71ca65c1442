"""Building suggestions for the tests: entered by the county bureau, moved by the right people."""

from __future__ import annotations

from xinfang.orgs.models import Role
from xinfang.suggestions.states import DECIDING, TRANSITIONS, SuggestionAction, SuggestionStatus
from xinfang.suggestions.workflow import suggestion_create, suggestion_transition

A, S = SuggestionAction, SuggestionStatus

PROPOSAL = {"topic": "建议在城关镇增设公共充电桩", "field": "urban",
            "text": "城关镇电动汽车越来越多，公共充电桩只有两处，建议在镇政府停车场和菜市场增设。",
            "name": "李四", "phone": "13900001111", "publish_consent": "on"}

PARAMS = {A.ANSWER: {"reply": "经研究论证，建议具有可行性，已列入明年充电设施建设计划。"},
          A.ADOPT: {"note": "在镇政府停车场增设8个充电桩，明年6月前建成。"},
          A.DECLINE: {"note": "两处场地均无电力增容条件，今年暂不具备建设条件。"},
          A.PUBLISH: {"note": ""}, A.REWARD: {"reward": "颁发荣誉证书"}}

# how to bring a fresh suggestion into each status
PATH = {S.SUBMITTED: [], S.REFERRED: [A.REFER], S.ANSWERED: [A.REFER, A.ANSWER],
        S.ADOPTED: [A.REFER, A.ANSWER, A.ADOPT], S.NOT_ADOPTED: [A.REFER, A.ANSWER, A.DECLINE],
        S.PUBLISHED: [A.REFER, A.ANSWER, A.ADOPT, A.PUBLISH]}


def params_for(county, action):  # noqa: ANN001, ANN201
    if action == A.REFER:
        return {"unit": county.housing.pk, "note": "请研究"}
    return dict(PARAMS[action])


def actor(county, action):  # noqa: ANN001, ANN201
    """Who takes `action`: the deciding unit's approver, else the receiving bureau's approver."""
    if TRANSITIONS[action].scope == DECIDING:
        return county.user(county.housing, Role.APPROVER)
    return county.user(county.bureau, Role.APPROVER)


def enter(county, **overrides):  # noqa: ANN001, ANN201
    return suggestion_create(action=A.ENTER, actor=county.user(county.bureau, Role.REGISTRAR),
                             params={**PROPOSAL, "concerns_unit": county.township.pk, **overrides})


def bring(county, status, **overrides):  # noqa: ANN001, ANN201
    s = enter(county, **overrides)
    for a in PATH[status]:
        s = suggestion_transition(suggestion_id=s.pk, action=a, actor=actor(county, a),
                                  params=params_for(county, a))
    assert s.status == status
    return s
