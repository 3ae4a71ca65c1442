"""听证: hearings on major, complex or difficult items (Art. 31(6)) and in 复核 (Art. 36).

Art. 36: "听证所需时间不计算在前款规定的期限内" — the 30-day 复核 clock pauses from the decision to
hold a hearing until its conclusion (or cancellation). A hearing during ordinary handling (Art.
31(6)) has no such exclusion, so the handling clock keeps running. Hearing officers are chosen
jointly: the unit and the petitioner's side both nominate (practice, 浙江 seed article).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from xinfang.cases.models import Case
from xinfang.cases.states import Action as CaseAction
from xinfang.cases.states import Status as CaseStatus
from xinfang.cases.workflow import case_transition
from xinfang.core import clock
from xinfang.core.errors import GuardFailed
from xinfang.core.workflow import state_guard
from xinfang.deadlines import services as deadlines
from xinfang.deadlines.rules import DeadlineKind
from xinfang.orgs.models import Role as R

from .common import practice
from .events import detail
from .forms import CancelForm, ConcludeForm, HoldForm, NotifyForm, OfficerForm, ScheduleForm
from .machine import Flow, T, run, start
from .models import Hearing, HearingOfficer
from .selectors import visible_hearings

S = Hearing.Status
HO = HearingOfficer


class Action(models.TextChoices):
    SCHEDULE = "schedule", _("决定举行听证")
    ADD_OFFICER = "add_officer", _("选定听证员")
    NOTIFY = "notify", _("发出听证通知")
    HOLD = "hold", _("举行听证并记录")
    CONCLUDE = "conclude", _("出具听证结论")
    CANCEL = "cancel", _("取消听证")


TABLE = {t.action: t for t in (
    T(Action.SCHEDULE, set(), S.SCHEDULED, {R.APPROVER, R.HANDLER}, "holding",
      gettext_noop("对重大、复杂、疑难的信访事项可以举行听证（第31条第（六）项）；复核中举行听证的，听证时间不计入复核期限（第36条）。")),
    T(Action.ADD_OFFICER, {S.SCHEDULED}, None, {R.APPROVER, R.HANDLER}, "unit",
      gettext_noop("听证员由听证单位和信访人方共同选定（人大代表、政协委员、律师、相关单位人员、信访人推荐人员；第31条第（六）项，本地做法）。")),
    T(Action.NOTIFY, {S.SCHEDULED}, S.NOTIFIED, {R.APPROVER, R.HANDLER}, "unit",
      gettext_noop("听证前书面通知信访人、有关单位和听证员听证的时间、地点和事由（第31条第（六）项，本地做法：3日前）。")),
    T(Action.HOLD, {S.NOTIFIED}, S.HELD, {R.APPROVER, R.HANDLER}, "unit",
      gettext_noop("举行听证，听取信访人陈述事实和理由，制作听证笔录（第31条第（六）项）。")),
    T(Action.CONCLUDE, {S.HELD}, S.CONCLUDED, {R.APPROVER}, "unit",
      gettext_noop("出具听证结论；经过听证的复核意见可以依法向社会公示，复核期限恢复计算（第36条）。")),
    T(Action.CANCEL, {S.SCHEDULED, S.NOTIFIED}, S.CANCELLED, {R.APPROVER}, "unit",
      gettext_noop("取消听证，复核期限恢复计算（第36条）。")),
)}


FORMS = {Action.SCHEDULE: ScheduleForm, Action.ADD_OFFICER: OfficerForm,
         Action.NOTIFY: NotifyForm, Action.HOLD: HoldForm, Action.CONCLUDE: ConcludeForm,
         Action.CANCEL: CancelForm}


def _stage_of(case: Case) -> str:
    if case.status == CaseStatus.RECHECK_REQUESTED:
        return Hearing.Stage.RECHECK
    if case.status == CaseStatus.ACCEPTED:
        return Hearing.Stage.HANDLING
    raise GuardFailed(
        f"信访件当前状态为“{case.get_status_display()}”：只能在办理中（第31条）或复核中（第36条）举行听证")


@state_guard
def _hearing_possible(case: Case | None, actor: Any, p: dict[str, Any],
                      action: Any) -> None:
    """Art. 31 (6), 36: a hearing in handling or in 复核, one at a time, never on an accusation."""
    assert case is not None
    if case.is_accusation:
        raise GuardFailed("检举控告类事项依第30条办理，不举行听证")
    _stage_of(case)
    if case.hearings.filter(status__in=[S.SCHEDULED, S.NOTIFIED, S.HELD]).exists():
        raise GuardFailed("本件已有尚未结束的听证")


def _may_schedule(case: Case | None, actor: Any, p: dict[str, Any],
                  action: Any) -> None:
    if p["scheduled_for"] <= clock.now():
        raise GuardFailed("听证时间应晚于现在")


def _panel_ok(h: Hearing, actor: Any, p: dict[str, Any],
              action: Any) -> None:
    """At least 3 officers, odd; a deputy and a lawyer; chosen jointly; not a unit majority."""
    officers = list(h.officers.all())
    kinds = [o.kind for o in officers]
    problems = []
    if len(officers) < 3 or len(officers) % 2 == 0:
        problems.append("听证员应为3人以上的单数")
    if HO.Kind.DEPUTY not in kinds:
        problems.append("应有人大代表或政协委员")
    if HO.Kind.LAWYER not in kinds:
        problems.append("应有律师")
    if not any(o.nominated_by in (HO.Nominator.PETITIONER, HO.Nominator.JOINT) for o in officers):
        problems.append("应有信访人方提名或双方共同选定的听证员")
    if kinds.count(HO.Kind.UNIT_STAFF) * 2 >= max(len(officers), 1):
        problems.append("相关单位工作人员不得占听证员半数以上")
    if problems:
        raise GuardFailed("听证员组成不符合要求：" + "；".join(problems))
    days = practice("HEARING_NOTICE_DAYS")
    if timezone.localdate(h.scheduled_for) - clock.today() < dt.timedelta(days=days):
        raise GuardFailed(f"听证通知应在听证{days}日前送达，请改期后重新决定听证")


def _held_after_time(h: Hearing, actor: Any, p: dict[str, Any],
                     action: Any) -> None:
    if clock.today() < timezone.localdate(h.scheduled_for):
        raise GuardFailed(f"听证定于{timezone.localtime(h.scheduled_for):%Y-%m-%d %H:%M}，尚未到时间")


def _schedule(actor: Any, p: dict[str, Any], case: Case) -> Hearing:
    return Hearing(case=case, stage=_stage_of(case), unit=case.holding_unit, decided_by=actor,
                   decided_on=clock.today(), reason=p["reason"],
                   scheduled_for=p["scheduled_for"], place=p["place"])


def _pause_recheck(h: Hearing, actor: Any, p: dict[str, Any]) -> dict:
    if h.stage != Hearing.Stage.RECHECK or not deadlines.running(h.case, DeadlineKind.RECHECK):
        return detail("hearing_in_handling")
    case_transition(case_id=h.case.pk, action=CaseAction.PAUSE_CLOCK, actor=actor, params={
        "kind": DeadlineKind.RECHECK, "reason": "举行听证，听证所需时间不计入复核期限（第36条）"})
    Hearing.objects.filter(pk=h.pk).update(recheck_paused=True)
    h.recheck_paused = True
    return detail("recheck_paused")


def _resume_recheck(h: Hearing, actor: Any) -> dict | None:
    if not h.recheck_paused:
        return None
    h.recheck_paused = False
    running = deadlines.running(h.case, DeadlineKind.RECHECK)
    if running is None or not running.paused_since:  # the 复核 was answered meanwhile
        return None
    case_transition(case_id=h.case.pk, action=CaseAction.RESUME_CLOCK, actor=actor,
                    params={"kind": DeadlineKind.RECHECK, "note": "听证结束"})
    d = deadlines.running(h.case, DeadlineKind.RECHECK)
    return detail("recheck_resumed", due_on=str(d.due_on))


def _add_officer(h: Hearing, actor: Any, p: dict[str, Any]) -> dict:
    HearingOfficer.objects.create(hearing=h, **p)
    return detail("officer", name=p["name"], officer_kind=p["kind"], nominated_by=p["nominated_by"])


def notice_text(h: Hearing) -> str:
    officers = "、".join(f"{o.name}（{o.get_kind_display()}）" for o in h.officers.all())
    when = timezone.localtime(h.scheduled_for)
    return (f"{h.unit.name}定于{when:%Y年%m月%d日 %H:%M}在{h.place}就信访件{h.case.number}"
            f"“{h.case.title}”举行听证。听证事由：{h.reason}。听证员：{officers}。"
            "请信访人和有关单位按时参加，可提交证据材料、陈述意见。")


def _notify(h: Hearing, actor: Any, p: dict[str, Any]) -> dict:
    h.notified_on = clock.today()
    h.notice_text = notice_text(h)  # the notice itself is the hearing's; the timeline names it
    return detail("hearing_notified", place=h.place,
                  scheduled_for=f"{timezone.localtime(h.scheduled_for):%Y-%m-%d %H:%M}")


def _hold(h: Hearing, actor: Any, p: dict[str, Any]) -> dict:
    h.held_on = clock.today()
    h.record_text = p["record_text"]
    return detail("transcript")


def _conclude(h: Hearing, actor: Any, p: dict[str, Any]) -> dict | None:
    h.concluded_on = clock.today()
    h.conclusion = p["conclusion"]
    h.publish = p["publish"]
    return _resume_recheck(h, actor)


def _cancel(h: Hearing, actor: Any, p: dict[str, Any]) -> dict | None:
    return _resume_recheck(h, actor)


FLOW = Flow(
    name="hearing", label="听证", model=Hearing, actions=Action, table=TABLE, forms=FORMS,
    effects={Action.SCHEDULE: _schedule, Action.ADD_OFFICER: _add_officer,
             Action.NOTIFY: _notify, Action.HOLD: _hold, Action.CONCLUDE: _conclude,
             Action.CANCEL: _cancel},
    post={Action.SCHEDULE: _pause_recheck},
    guards={Action.SCHEDULE: (_hearing_possible, _may_schedule), Action.NOTIFY: (_panel_ok,),
            Action.HOLD: (_held_after_time,)},
    scopes={"holding": lambda a, h, c: c is not None and a.unit_id == c.holding_unit_id,
            "unit": lambda a, h, c: h is not None and a.unit_id == h.unit_id},
    visible=visible_hearings,
)


def hearing_schedule(*, case_id: int, actor: Any, params: dict[str, Any]) -> Hearing:
    """Decide to hold a hearing (Art. 31(6)); in 复核 the clock pauses (Art. 36)."""
    return start(FLOW, action=Action.SCHEDULE, actor=actor, params=params, case_id=case_id)


def hearing_transition(*, hearing_id: int, action: Action | str, actor: Any,
                       params: dict[str, Any] | None = None) -> Hearing:
    """The only writer of `Hearing.status` after scheduling."""
    return run(FLOW, record_id=hearing_id, action=action, actor=actor, params=params)
