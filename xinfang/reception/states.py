"""The leaders' reception workflows, declared once (领导接访、下访、人民代表接访日、联合接访, Art. 18).

A session (接访场次) is published on the rota, then held, then recorded (or cancelled with a reason,
the booked petitioners told). A booking (预约) is made on the portal, confirmed or declined by the
organising unit, then marked attended or absent on the day; a walk-in is recorded as attended.
`workflow.session_create` / `session_transition` / `booking_create` / `booking_transition` are the
only writers of both statuses.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xinfang.core.workflow import PETITIONER_ROLE, Transition
from xinfang.orgs.models import Role


class SessionKind(models.TextChoices):
    LEADER = "leader", _("领导接访")
    VISIT = "visit", _("领导下访")
    DEPUTY = "deputy", _("人民代表接访日")
    JOINT = "joint", _("联合接访")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("已排期")
    HELD = "held", _("接访中")
    RECORDED = "recorded", _("已记录")
    CANCELLED = "cancelled", _("已取消")


class SessionAction(models.TextChoices):
    SCHEDULE = "schedule", _("发布接访安排")
    CANCEL = "cancel", _("取消接访")
    HOLD = "hold", _("开始接访")
    RECORD = "record", _("记录接访情况")
    OPEN_CASE = "open_case", _("登记为信访件")
    TAKE_OVER = "take_over", _("接手已有信访件")


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("已预约")
    CONFIRMED = "confirmed", _("已确认")
    DECLINED = "declined", _("未予安排")
    CANCELLED = "cancelled", _("已取消")
    ATTENDED = "attended", _("已接待")
    NO_SHOW = "no_show", _("未到场")


class BookingAction(models.TextChoices):
    BOOK = "book", _("网上预约")
    WALK_IN = "walk_in", _("登记现场来访")
    CONFIRM = "confirm", _("确认预约")
    DECLINE = "decline", _("不予安排")
    CANCEL = "cancel", _("取消预约")
    ATTEND = "attend", _("已接待")
    NO_SHOW = "no_show", _("未到场")


#: Bookings that hold a place (count against the capacity).
HOLDING = (BookingStatus.BOOKED, BookingStatus.CONFIRMED)

# Who may act: the unit that organises the session (a petition bureau or a party committee and
# government: they publish the reception times and places, Art. 18 para. 1), or the leader receiving.
ORGANISER = "organiser"
PORTAL = "portal"

ORGANISERS = {Role.REGISTRAR, Role.SUPERVISOR, Role.APPROVER, Role.LEADER}
CLERKS = {Role.REGISTRAR, Role.HANDLER}
DECIDERS = {Role.SUPERVISOR, Role.APPROVER, Role.LEADER}


def _t(action: str, sources: set[str], target: str | None, roles: set[str], scope: str, doc: str,
       guards: tuple[str, ...] = ()) -> Transition:
    return Transition(action=action, sources=frozenset(sources), target=target,
                      roles=frozenset(roles), scope=scope, doc=doc, guards=guards)


S, SA = SessionStatus, SessionAction
B, BA = BookingStatus, BookingAction

SESSION_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        _t(SA.SCHEDULE, set(), S.SCHEDULED, ORGANISERS, ORGANISER,
           "第十八条第一款、第二款、第三款：公布信访接待的时间和地点；领导干部定期接待群众来访、定期下访；"
           "联合接访。", guards=("host_named", "not_in_past")),
        _t(SA.CANCEL, {S.SCHEDULED}, S.CANCELLED, ORGANISERS, ORGANISER,
           "第十八条第一款（公布的接待时间地点有变）；实践做法：取消须说明理由，已预约的群众短信告知。"),
        _t(SA.HOLD, {S.SCHEDULED}, S.HELD, ORGANISERS | CLERKS, ORGANISER,
           "第十八条第二款：领导干部定期接待群众来访、定期下访（接访当日开始）。",
           guards=("on_the_day",)),
        _t(SA.RECORD, {S.HELD}, S.RECORDED, ORGANISERS, ORGANISER,
           "第十八条第二款：领导干部接待并批示；第十九条第一款：口头提出的如实记录。",
           guards=("bookings_settled",)),
        _t(SA.OPEN_CASE, {S.HELD, S.RECORDED}, None, CLERKS, ORGANISER,
           "第十九条第一款、第二十一条第二款：接访中提出的信访事项如实记录、录入登记（来访），注明接访领导。",
           guards=("attendee_of_session",)),
        _t(SA.TAKE_OVER, {S.HELD, S.RECORDED}, None, DECIDERS, ORGANISER,
           "第十八条第二款：领导干部包案化解群众反映强烈的突出问题（第十条、第三十八条）。"),
    )
}

BOOKING_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        _t(BA.BOOK, set(), B.BOOKED, {PETITIONER_ROLE}, PORTAL,
           "第十八条第一款：公布信访接待的时间和地点；实践做法（约访）：群众在网上预约领导接访。",
           guards=("open_for_booking",)),
        _t(BA.WALK_IN, set(), B.ATTENDED, ORGANISERS | CLERKS, ORGANISER,
           "第十八条第二款：接待群众来访；第十九条第一款：口头提出的如实记录（现场来访）。",
           guards=("session_of_organiser", "chosen_session_held")),
        _t(BA.CONFIRM, {B.BOOKED}, B.CONFIRMED, ORGANISERS | CLERKS, ORGANISER,
           "实践做法（约访）：预约经审核后确认并告知群众（第十八条第一款）。",
           guards=("session_scheduled",)),
        _t(BA.DECLINE, {B.BOOKED, B.CONFIRMED}, B.DECLINED, ORGANISERS, ORGANISER,
           "实践做法（约访）：不宜在本场接访的说明理由，告知可按第二十二条向有权处理的机关、单位提出。",
           guards=("session_scheduled",)),
        _t(BA.CANCEL, {B.BOOKED, B.CONFIRMED}, B.CANCELLED, ORGANISERS | {PETITIONER_ROLE},
           ORGANISER,
           "实践做法：信访人凭预约码和手机号码取消预约；接访取消的，预约随之取消并短信告知。",
           guards=("session_scheduled",)),
        _t(BA.ATTEND, {B.BOOKED, B.CONFIRMED}, B.ATTENDED, ORGANISERS | CLERKS, ORGANISER,
           "第十八条第二款：领导干部接待群众来访。", guards=("session_held",)),
        _t(BA.NO_SHOW, {B.BOOKED, B.CONFIRMED}, B.NO_SHOW, ORGANISERS | CLERKS, ORGANISER,
           "实践做法：预约未到场的记录在案，名额不再保留。", guards=("session_held",)),
    )
}
