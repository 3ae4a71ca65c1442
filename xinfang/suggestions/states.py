"""The suggestion workflow, declared once (人民建议征集, Art. 29).

submitted → referred to the deciding unit (转交) → answered (答复) → adopted (采纳、部分采纳) or not
adopted with reasons (不予采纳，说明理由) → published (公开) when the proposer agreed. A reward (奖励)
is recorded on an adopted suggestion where the locality grants them (``XINFANG_SUGGESTION_REWARDS``).
`workflow.suggestion_transition` / `suggestion_create` are the only writers of `Suggestion.status`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.workflow import PETITIONER_ROLE, Transition
from xinfang.orgs.models import Role


class SuggestionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已提交")
    REFERRED = "referred", _("已转交")
    ANSWERED = "answered", _("已答复")
    ADOPTED = "adopted", _("已采纳")
    NOT_ADOPTED = "not_adopted", _("不予采纳")
    PUBLISHED = "published", _("已公开")


class SuggestionAction(models.TextChoices):
    SUBMIT = "submit", _("网上提交建议")
    ENTER = "enter", _("登记建议")
    REFER = "refer", _("转交研究")
    ANSWER = "answer", _("答复建议人")
    ADOPT = "adopt", _("采纳")
    DECLINE = "decline", _("不予采纳")
    PUBLISH = "publish", _("公开")
    REWARD = "reward", _("记录奖励")


# Who may act: the unit that received the suggestion (a petition bureau, or the party committee and
# government collecting suggestions), or the unit it was referred to for study and decision.
RECEIVING = "receiving"
DECIDING = "deciding"

RECEIVERS = {Role.REGISTRAR, Role.HANDLER, Role.APPROVER}


def _t(action: SuggestionAction, sources: set[SuggestionStatus],
       target: SuggestionStatus | None, roles: set[str], scope: str, doc: str,
       guards: tuple[str, ...] = ()) -> Transition:
    return Transition(action=action, sources=frozenset(sources), target=target,
                      roles=frozenset(roles), scope=scope, doc=doc, guards=guards)


S = SuggestionStatus
A = SuggestionAction

TRANSITIONS: dict[SuggestionAction, Transition] = {
    t.action: t
    for t in (
        _t(A.SUBMIT, set(), S.SUBMITTED, {PETITIONER_ROLE}, RECEIVING,
           "第十七条、第二十九条第三款：群众通过信息网络提出建议，人民建议征集。"),
        _t(A.ENTER, set(), S.SUBMITTED, RECEIVERS, RECEIVING,
           "第十七条、第二十九条第三款：以书信、电话、走访提出的建议由工作人员登记。"),
        _t(A.REFER, {S.SUBMITTED}, S.REFERRED, RECEIVERS, RECEIVING,
           "第二十二条第一款第（一）项、第二十九条第一款：转交有权处理的机关、单位研究论证。"),
        _t(A.ANSWER, {S.REFERRED}, S.ANSWERED, {Role.HANDLER, Role.APPROVER}, DECIDING,
           "第二十九条第一款：有权处理的机关、单位认真研究论证，并予以回复。"),
        _t(A.ADOPT, {S.ANSWERED}, S.ADOPTED, {Role.APPROVER, Role.LEADER}, DECIDING,
           "第二十九条第一款：科学合理、具有现实可行性的，应当采纳或者部分采纳。"),
        _t(A.DECLINE, {S.ANSWERED}, S.NOT_ADOPTED, {Role.APPROVER, Role.LEADER}, DECIDING,
           "第二十九条第一款：不予采纳的，向建议人说明理由。"),
        _t(A.PUBLISH, {S.ADOPTED, S.NOT_ADOPTED}, S.PUBLISHED, {Role.APPROVER, Role.LEADER},
           RECEIVING, "第二十九条第三款（人民建议征集制度）；实践做法（浙智汇）：经建议人同意，公开建议及采纳情况，不公开姓名和联系方式。",
           guards=("consented",)),
        _t(A.REWARD, {S.ADOPTED, S.PUBLISHED}, None, {Role.APPROVER, Role.LEADER}, RECEIVING,
           "第二十九条第二款：对改进工作、保护社会公共利益有贡献的建议，按照有关规定给予奖励。",
           guards=("rewards_enabled", "was_adopted", "not_rewarded")),
    )
}
