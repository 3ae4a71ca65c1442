"""The statuses, actions and table of a major decision's review (重大行政决策社会稳定风险评估和合法性审查).

A unit registers a major decision it is preparing (land requisition, demolition, a large project, a
policy); the petition bureau draws a risk assessment from the petitions and warnings touching its
places and subjects and records the risk level; the legal office reviews its legality; the deciding
unit decides (proceed, proceed with measures, postpone, abandon); after the decision the petitions
touching it are checked at intervals against the snapshot (a rise is flagged); then it is closed.

Basis: the regulation (《信访工作条例》) Art. 5 (五) (源头预防、前端化解) and Art. 14 (四) (the petition
bureau analyses the petition situation as a reference for decisions), and the State Council's
《重大行政决策程序暂行条例》 (2019): Art. 22-24 (风险评估; Art. 24: a decision only when the risk is
controllable, after measures when it is not), Art. 25-28 (合法性审查; Art. 28: a draft not reviewed, or
found unlawful, is not put to the decision), ch. 3 sec. 2 (集体讨论决定) and ch. 4 (决策执行和调整).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.workflow import SYSTEM_ROLE, Transition
from xinfang.orgs.models import Role


class DecisionStatus(models.TextChoices):
    REGISTERED = "registered", _("已登记")
    ASSESSING = "assessing", _("风险评估中")
    ASSESSED = "assessed", _("已评估")
    REVIEWED = "reviewed", _("已审查")
    DECIDED = "decided", _("已决策")
    FOLLOWED_UP = "followed_up", _("跟踪中")
    CLOSED = "closed", _("已结束")


class DecisionAction(models.TextChoices):
    REGISTER = "register", _("登记重大决策")
    START = "start", _("启动风险评估")
    RECOMPUTE = "recompute", _("重新汇总数据")
    ASSESS = "assess", _("确定风险等级")
    REVIEW = "review", _("合法性审查")
    DECIDE = "decide", _("作出决策")
    CHECK = "check", _("跟踪检查")
    CLOSE = "close", _("结束跟踪")


class DecisionKind(models.TextChoices):
    LAND = "land", _("土地征收")
    DEMOLITION = "demolition", _("房屋征收拆迁")
    PROJECT = "project", _("重大建设项目")
    POLICY = "policy", _("重大公共政策")
    OTHER = "other", _("其他重大事项")


class RiskLevel(models.TextChoices):
    LOW = "low", _("低风险")
    MEDIUM = "medium", _("中风险")
    HIGH = "high", _("高风险")


LEVEL_ORDER = [RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH]


class LegalOpinion(models.TextChoices):
    LAWFUL = "lawful", _("合法")
    AMEND = "amend", _("需修改")
    UNLAWFUL = "unlawful", _("不合法")


class Outcome(models.TextChoices):
    PROCEED = "proceed", _("实施")
    PROCEED_WITH_MEASURES = "with_measures", _("采取防范措施后实施")
    POSTPONE = "postpone", _("暂缓实施")
    ABANDON = "abandon", _("不予实施")


PROCEEDING = {Outcome.PROCEED, Outcome.PROCEED_WITH_MEASURES}

# Whose unit may act: the unit that registered the decision (决策承办单位、决策机关), the petition
# bureau whose jurisdiction covers it (and the system's periodic check), or the legal office of its
# county (合法性审查部门).
OWNER = "owner"
BUREAU = "bureau"
LEGAL = "legal"

S = DecisionStatus
A = DecisionAction

RULE = "《重大行政决策程序暂行条例》"


def _t(action: DecisionAction, sources: set[DecisionStatus], target: DecisionStatus | None,
       roles: set[str], scope: str, doc: str, guards: tuple[str, ...] = (),
       internal: bool = False) -> Transition:
    return Transition(action=action, sources=frozenset(sources), target=target,
                      roles=frozenset(roles), scope=scope, doc=doc, guards=guards,
                      internal=internal)


TRANSITIONS: dict[DecisionAction, Transition] = {
    t.action: t
    for t in (
        _t(A.REGISTER, set(), S.REGISTERED, {Role.HANDLER, Role.APPROVER, Role.LEADER}, OWNER,
           f"第五条第（五）项（源头预防）；{RULE}第二十二条：决策承办单位登记拟作出的重大行政决策。",
           internal=True),  # taken by the register page, never a button on a decision
        _t(A.START, {S.REGISTERED}, S.ASSESSING, {Role.HANDLER, Role.APPROVER}, BUREAU,
           f"第十四条第（四）项（分析研判信访形势，为决策提供参考）；{RULE}第二十二条：汇总涉及的信访和预警数据。"),
        _t(A.RECOMPUTE, {S.ASSESSING}, None, {Role.HANDLER, Role.APPROVER}, BUREAU,
           f"{RULE}第二十二条：评估结论作出前，按最新数据重新汇总。"),
        _t(A.ASSESS, {S.ASSESSING}, S.ASSESSED, {Role.APPROVER}, BUREAU,
           f"{RULE}第二十三条（风险评估结论、风险点和防范措施）；第二十四条。",
           guards=("reasons_if_differs", "measures_if_risky")),
        _t(A.REVIEW, {S.ASSESSED}, S.REVIEWED, {Role.HANDLER, Role.APPROVER}, LEGAL,
           f"{RULE}第二十五条至第二十八条：负责合法性审查的部门出具审查意见。"),
        _t(A.DECIDE, {S.REVIEWED}, S.DECIDED, {Role.APPROVER, Role.LEADER}, OWNER,
           f"{RULE}第二十四条（风险不可控的，采取措施后方可决策）、第二十八条（未经审查或不合法的不得提交）；"
           f"第三章第二节（集体讨论决定）。",
           guards=("assessed_and_reviewed", "high_risk_needs_measures", "lawful_to_proceed")),
        _t(A.CHECK, {S.DECIDED, S.FOLLOWED_UP}, S.FOLLOWED_UP,
           {Role.HANDLER, Role.APPROVER, SYSTEM_ROLE}, BUREAU,
           f"{RULE}第四章（决策执行情况跟踪、评估和调整）；第五条第（五）项：对照评估时的数据检查新增信访和预警"
           "（实践做法，间隔可配置）。", guards=("check_due",)),
        _t(A.CLOSE, {S.DECIDED, S.FOLLOWED_UP}, S.CLOSED, {Role.APPROVER, Role.LEADER}, OWNER,
           f"{RULE}第四章；实践做法：实施的决策经至少一次跟踪检查后结束跟踪，暂缓或不予实施的可直接结束。",
           guards=("followed_up_if_proceeding",)),
    )
}
