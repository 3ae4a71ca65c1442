"""The deliberation workflow, declared once (众人议事厅, Yuhang; 住宅小区议事堂, Haikou).

draft (草稿) → open (议事中: published, residents comment and vote) → closed (已截止: the result
computed once and stored, never changed after) → decided (已决定: the decision taken, with reasons)
→ published (已公布: the result and decision on the portal and on every linked case's timeline).
Cancelled (已撤销) from draft or open, with a reason. Linking a petition (关联信访事项) in draft or
open, unlinking in draft, and hiding a comment (屏蔽评论) record something without a status change.
`workflow.topic_create` / `topic_transition` are the only writers of `Topic.status`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.workflow import SYSTEM_ROLE, Transition
from xinfang.orgs.models import Role


class TopicStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("议事中")
    CLOSED = "closed", _("已截止")
    DECIDED = "decided", _("已决定")
    PUBLISHED = "published", _("已公布")
    CANCELLED = "cancelled", _("已撤销")


class TopicAction(models.TextChoices):
    CREATE = "create", _("发起议题")
    LINK = "link", _("关联信访事项")
    UNLINK = "unlink", _("取消关联")
    OPEN = "open", _("发布议事")
    CLOSE = "close", _("截止并计票")
    DECIDE = "decide", _("记录决定")
    PUBLISH = "publish", _("公布结果")
    CANCEL = "cancel", _("撤销议题")
    HIDE_COMMENT = "hide_comment", _("屏蔽评论")


# Who may act: the staff of the unit holding the deliberation (a township, village or housing
# estate) or of a unit above it within whose jurisdiction it lies.
HOLDING = "holding"

STAFF = {Role.REGISTRAR, Role.HANDLER, Role.APPROVER}
DECIDERS = {Role.APPROVER, Role.LEADER}


def _t(action: TopicAction, sources: set[TopicStatus], target: TopicStatus | None,
       roles: set[str], doc: str, guards: tuple[str, ...] = ()) -> Transition:
    return Transition(action=action, sources=frozenset(sources), target=target,
                      roles=frozenset(roles), scope=HOLDING, doc=doc, guards=guards)


S = TopicStatus
A = TopicAction
LIVE = {S.OPEN, S.CLOSED, S.DECIDED, S.PUBLISHED}

TRANSITIONS: dict[TopicAction, Transition] = {
    t.action: t
    for t in (
        _t(A.CREATE, set(), S.DRAFT, STAFF,
           "第五条第（五）项、第十三条第三款；实践做法（余杭众人议事厅、海口住宅小区议事堂）：乡镇、村（社区）就群众关切事项发起协商议题。"),
        _t(A.LINK, {S.DRAFT, S.OPEN}, None, STAFF,
           "第五条第（五）项：议题关联相关信访事项，源头化解；第三十条：检举控告类事项不关联至被检举单位的议题。",
           guards=("case_linkable",)),
        _t(A.UNLINK, {S.DRAFT}, None, STAFF,
           "实践做法：发布前可取消误关联的信访事项。", guards=("case_linked",)),
        _t(A.OPEN, {S.DRAFT}, S.OPEN, {Role.HANDLER, Role.APPROVER},
           "第六条、第二十九条第三款：主动听取群众的建议意见；发布议题，符合条件的居民在期限内评论、表决。",
           guards=("period_ahead", "has_participants")),
        _t(A.CLOSE, {S.OPEN}, S.CLOSED, {Role.HANDLER, Role.APPROVER, SYSTEM_ROLE},
           "实践做法（众人议事厅）：议事期限届满即截止，一次计票并固定结果，此后不得更改。",
           guards=("period_over",)),
        _t(A.DECIDE, {S.CLOSED}, S.DECIDED, DECIDERS,
           "第十三条第三款：乡镇党委和政府研究协调处理本地区重要信访问题，结合议事结果作出决定并说明理由。"),
        _t(A.PUBLISH, {S.DECIDED}, S.PUBLISHED, DECIDERS,
           "第二十九条第一款（予以回复）、第五条第（五）项：公布议事结果和决定，并记入每件关联信访事项。"),
        _t(A.CANCEL, {S.DRAFT, S.OPEN}, S.CANCELLED, DECIDERS,
           "实践做法：议题不再需要协商（已另行解决、情况变化）的，说明理由后撤销。"),
        _t(A.HIDE_COMMENT, LIVE, None, {Role.HANDLER, Role.APPROVER},
           "实践做法：评论须文明、与议题相关；含人身攻击、个人信息、广告的评论由工作人员说明理由后屏蔽。",
           guards=("comment_shown",)),
    )
}
