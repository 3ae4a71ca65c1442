"""The need workflow's statuses, actions and table (信访超市 / 便民服务超市, local practice of Haikou).

A township or village service point (信访超市、便民服务超市) offers a catalogue of services (民情代办,
信访接待, 评理调解, 法律服务, 心理疏导). A visitor's need is recorded on the 群众需求清单 by the point's
staff, or sent by the visitor on the portal (网上提出需求: the point and a service of its
catalogue); matched to a service and the person who provides it (分派), worked on (办理) and done (办结:
what was done, the visitor's satisfaction); or a village point hands it up to the township's point
(上交乡镇), or it is turned into a petition case through the registration step (转为信访件), or the
visitor withdraws it (撤回). Needs left open too long are escalated by the hourly sweep.
Basis: Art. 5 (五) of the regulation (源头治理，把矛盾纠纷化解在基层), Art. 13 ¶3 (乡镇、街道 handle
the matters of their area) and the Haikou practice (“一站式接待、一揽子解决、一条龙服务”，
“小事不出村，大事不出镇，矛盾不上交”).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.workflow import PETITIONER_ROLE, SYSTEM_ROLE, Transition
from xinfang.orgs.models import Role


class NeedStatus(models.TextChoices):
    RECORDED = "recorded", _("已登记")
    ASSIGNED = "assigned", _("已分派")
    IN_PROGRESS = "in_progress", _("办理中")
    REFERRED = "referred", _("已上交乡镇")
    DONE = "done", _("已办结")
    PETITIONED = "petitioned", _("已转信访件")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN = (NeedStatus.RECORDED, NeedStatus.ASSIGNED, NeedStatus.IN_PROGRESS, NeedStatus.REFERRED)


class NeedAction(models.TextChoices):
    RECORD = "record", _("登记需求")
    SUBMIT = "submit", _("网上提出需求")
    ASSIGN = "assign", _("分派")
    START = "start", _("开始办理")
    FINISH = "finish", _("办结")
    REFER = "refer", _("上交乡镇")
    PETITION = "petition", _("转为信访件")
    WITHDRAW = "withdraw", _("撤回")
    ESCALATE = "escalate", _("逾期督促")


# Whose unit may act: the staff of the point holding the need (or of the township a village point
# belongs to: 包村干部 staff the village's point), or the system (the hourly sweep).
AT_POINT = "point"
ANY = "any"

RECORDERS = {Role.REGISTRAR, Role.HANDLER}  # 信访超市 staff at the counter (导购员)
STAFF = {Role.REGISTRAR, Role.HANDLER, Role.APPROVER}

PRACTICE = "实践做法（海口“信访超市”“便民服务超市”）"


def _t(action: NeedAction, sources: set[NeedStatus], target: NeedStatus | None,
       roles: set[str], scope: str, doc: str, guards: tuple[str, ...] = (),
       internal: bool = False) -> Transition:
    return Transition(action=action, sources=frozenset(sources), target=target,
                      roles=frozenset(roles), scope=scope, doc=doc, guards=guards,
                      internal=internal)


S = NeedStatus
A = NeedAction
WORKING = {S.RECORDED, S.ASSIGNED, S.IN_PROGRESS}

TRANSITIONS: dict[NeedAction, Transition] = {
    t.action: t
    for t in (
        _t(A.RECORD, set(), S.RECORDED, RECORDERS, AT_POINT,
           f"第五条第（五）项（源头治理）；{PRACTICE}：来访群众的需求列入群众需求清单。"),
        _t(A.SUBMIT, set(), S.RECORDED, {PETITIONER_ROLE}, ANY,
           f"第十七条（可以采用信息网络反映情况）；{PRACTICE}：群众在网上选择服务点和服务项目提出需求，"
           "列入群众需求清单（提出方式：网上），凭查询码和手机号码查询办理情况（第二十一条第二款）。"),
        _t(A.ASSIGN, {S.RECORDED, S.REFERRED, S.ASSIGNED}, S.ASSIGNED, STAFF, AT_POINT,
           f"{PRACTICE}：按服务清单匹配服务项目和服务人员（可改派）。", guards=("of_the_point",)),
        _t(A.START, {S.ASSIGNED}, S.IN_PROGRESS, STAFF, AT_POINT,
           f"{PRACTICE}：服务人员开始办理。"),
        _t(A.FINISH, {S.ASSIGNED, S.IN_PROGRESS}, S.DONE, STAFF, AT_POINT,
           f"{PRACTICE}：办结，记录所做工作和群众满意度（第五条第（五）项：化解在基层）。"),
        _t(A.REFER, WORKING, S.REFERRED, STAFF, AT_POINT,
           f"第十三条第三款（乡镇党委和政府协调处理本地区问题）；{PRACTICE}：村里解决不了的，上交乡镇服务点。",
           guards=("village_point", "township_point")),
        _t(A.PETITION, WORKING | {S.REFERRED}, S.PETITIONED, RECORDERS, AT_POINT,
           "第十七条、第二十一条（登记信访事项）：属于信访事项的，转为信访件登记办理。"),
        _t(A.WITHDRAW, WORKING | {S.REFERRED}, S.WITHDRAWN, STAFF, AT_POINT,
           f"{PRACTICE}：群众不再需要该服务，撤回（记录原因）。"),
        _t(A.ESCALATE, WORKING | {S.REFERRED}, None, {SYSTEM_ROLE}, ANY,
           f"{PRACTICE}；第十三条第三款：逾期未办结的，提请乡镇（街道）领导督促（XINFANG_SERVICEPOINT_NEED_DAYS）。",
           guards=("overdue_not_escalated",), internal=True),
    )
}


# ---- 四诊合一接访 (Xiaoshan practice) -----------------------------------------------------------------

class ConsultStatus(models.TextChoices):
    PLANNED = "planned", _("已计划巡诊")
    HEARD = "heard", _("已接诊")
    ROUTED = "routed", _("已分诊")
    CONSULTING = "consulting", _("会诊中")
    RESOLVED = "resolved", _("已化解")
    PETITIONED = "petitioned", _("已转信访件")
    CANCELLED = "cancelled", _("已取消")


CONSULT_OPEN = (ConsultStatus.PLANNED, ConsultStatus.HEARD, ConsultStatus.ROUTED,
                ConsultStatus.CONSULTING)


class ConsultAction(models.TextChoices):
    RECEIVE = "receive", _("坐诊接访")
    PLAN = "plan", _("计划巡诊")
    VISIT = "visit", _("入户巡诊")
    CANCEL = "cancel", _("取消巡诊")
    ROUTE = "route", _("疑难分诊")
    CONVENE = "convene", _("提级会诊")
    RESOLVE = "resolve", _("化解办结")
    PETITION = "petition", _("转为信访件")


XIAOSHAN = "实践做法（萧山“四诊合一”接访制）"
VILLAGE = "village"  # the village's staff, or its township's (包村干部)
CONVENERS = STAFF | {Role.LEADER}
C = ConsultStatus
CA = ConsultAction
IN_HAND = {C.HEARD, C.ROUTED, C.CONSULTING}


def _c(action: ConsultAction, sources: set[ConsultStatus], target: ConsultStatus,
       roles: set[str], doc: str, guards: tuple[str, ...] = ()) -> Transition:
    return Transition(action=action, sources=frozenset(sources), target=target,
                      roles=frozenset(roles), scope=VILLAGE, doc=doc, guards=guards)


CONSULT_TRANSITIONS: dict[ConsultAction, Transition] = {
    t.action: t
    for t in (
        _c(CA.RECEIVE, set(), C.HEARD, RECORDERS,
           f"{XIAOSHAN}：“固定坐诊”听民声，村（社区）党组织书记在固定接访日接待群众（第五条第（五）项）。"),
        _c(CA.PLAN, set(), C.PLANNED, STAFF,
           f"{XIAOSHAN}：“入户巡诊”察民情，聚焦宅基地纠纷、征迁补偿等排查矛盾纠纷，先列入计划。"),
        _c(CA.VISIT, {C.PLANNED}, C.HEARD, STAFF,
           f"{XIAOSHAN}：入户巡诊，记录发现的问题。"),
        _c(CA.CANCEL, {C.PLANNED}, C.CANCELLED, STAFF, f"{XIAOSHAN}：计划的巡诊取消（记录原因）。"),
        _c(CA.ROUTE, {C.HEARD}, C.ROUTED, STAFF,
           f"{XIAOSHAN}：“疑难分诊”，提请街道有关责任部门对症诊治、限期化解（第十三条第三款）。"),
        _c(CA.CONVENE, {C.HEARD, C.ROUTED}, C.CONSULTING, CONVENERS,
           f"{XIAOSHAN}：“提级会诊”，重大疑难复杂问题专班处置，对接区级有关部门联合会诊（第十三条第三款）。"),
        _c(CA.RESOLVE, IN_HAND, C.RESOLVED, STAFF,
           f"{XIAOSHAN}：就地协调解决，记录化解情况（第五条第（五）项）。"),
        _c(CA.PETITION, IN_HAND, C.PETITIONED, RECORDERS,
           "第十七条、第二十一条（登记信访事项）：属于信访事项的，转为信访件登记办理。",
           guards=("has_visitor",)),
    )
}


# ---- 坐诊预约: a citizen books a village's fixed reception day on the portal -------------------------

class SittingStatus(models.TextChoices):
    BOOKED = "booked", _("已预约")
    CANCELLED = "cancelled", _("已取消")
    KEPT = "kept", _("已接诊")
    NO_SHOW = "no_show", _("未到场")


class SittingAction(models.TextChoices):
    BOOK = "book", _("预约坐诊")
    CANCEL = "cancel", _("取消预约")
    RECEIVE = "receive", _("接诊")
    NO_SHOW = "no_show", _("未到场")


PORTAL = "portal"  # the citizen on the portal (the engine's petitioner actor)
SB, SBA = SittingStatus, SittingAction


def _s(action: SittingAction, sources: set[SittingStatus], target: SittingStatus,
       roles: set[str], scope: str, doc: str, guards: tuple[str, ...] = ()) -> Transition:
    return Transition(action=action, sources=frozenset(sources), target=target,
                      roles=frozenset(roles), scope=scope, doc=doc, guards=guards)


SITTING_TRANSITIONS: dict[SittingAction, Transition] = {
    t.action: t
    for t in (
        _s(SBA.BOOK, set(), SB.BOOKED, {PETITIONER_ROLE}, PORTAL,
           f"第十八条第一款（公布信访接待的时间和地点）；{XIAOSHAN}：群众在网上预约村（社区）的固定坐诊日。",
           guards=("open_for_booking",)),
        _s(SBA.CANCEL, {SB.BOOKED}, SB.CANCELLED, STAFF | {PETITIONER_ROLE}, VILLAGE,
           f"{XIAOSHAN}：群众凭预约码和手机号码取消预约；村里不能按期坐诊的，取消并短信告知（名额释放）。",
           guards=("day_not_passed",)),
        _s(SBA.RECEIVE, {SB.BOOKED}, SB.KEPT, RECORDERS, VILLAGE,
           f"{XIAOSHAN}：“固定坐诊”听民声，预约群众到场，登记为坐诊接访事项（第五条第（五）项）。",
           guards=("day_come",)),
        _s(SBA.NO_SHOW, {SB.BOOKED}, SB.NO_SHOW, STAFF, VILLAGE,
           f"{XIAOSHAN}：预约未到场的记录在案。", guards=("day_come",)),
    )
}
