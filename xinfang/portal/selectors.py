"""What a petitioner may see of their own case, in plain language (Art. 21: 查询).

Only facts meant for the petitioner leave this module: the status, the units that hold the case
(unit names, never staff names), the legal clocks that concern them, the written answers addressed
to them, and the reasons the law says they must be told (not accepted, routed elsewhere, extended).
Internal notes, field changes, reminders and anything about other people are never returned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from xinfang.cases.guards import review_unit
from xinfang.cases.models import Case, Channel, EventKind, Opinion, Rating, Satisfaction
from xinfang.cases.states import TRANSITIONS, Action, Status
from xinfang.core import clock
from xinfang.deadlines.models import RUNNING_STATES
from xinfang.deadlines.rules import DeadlineKind
from xinfang.documents.kinds import PETITIONER, SPECS
from xinfang.documents.models import Document

# Notes the law addresses to the petitioner: reasons for not accepting (Art. 23), the route to
# follow (Art. 31), the reason for an extension (Art. 34), the reason for not re-accepting (Art. 36).
NOTES_FOR_PETITIONER = {Action.NOT_ACCEPT, Action.ROUTE, Action.EXTEND, Action.REFUSE_REPEAT,
                        Action.TAKE_UP, Action.DISCHARGE}

# Clocks the petitioner is told about; objection periods and assignment reports are internal.
PETITIONER_CLOCKS = {
    DeadlineKind.INTAKE, DeadlineKind.ACCEPTANCE_NOTICE, DeadlineKind.HANDLING,
    DeadlineKind.REVIEW, DeadlineKind.RECHECK, DeadlineKind.REVIEW_REQUEST,
    DeadlineKind.RECHECK_REQUEST, DeadlineKind.DUTY,
}


def status_text(case: Case) -> str:
    """The status in plain words, with the article it rests on."""
    unit = case.holding_unit.name
    texts = {
        Status.REGISTERED: _("已收到并登记。信访部门将在15日内转送或交办有权处理的单位（第22条）。"),
        Status.TRANSFERRED: _("已转送%(unit)s。该单位将在15日内书面告知您是否受理（第23条）。"),
        Status.ASSIGNED: _("已交办%(unit)s。该单位将在15日内书面告知您是否受理（第23条）。"),
        Status.ROUTED: _("您反映的事项已转送有关机关或应通过法定途径解决，去向见下方告知（第22条、第31条）。"),
        Status.DUTY: _("%(unit)s将依法履行职责或者答复，期限见下方（第31条第（五）项）。"),
        Status.DUTY_DONE: _("%(unit)s已依法履行职责或者答复，情况见下方办理记录（第31条第（五）项）。"),
        Status.ACCEPTED: _("%(unit)s已受理，正在办理，一般自受理之日起60日内办结（第34条）。"),
        Status.NOT_ACCEPTED: _("不予受理，理由见下方办理记录（第23条）。"),
        Status.NOT_REACCEPTED: _("不再受理：同一事项已复核终结或正在办理（第19条、第36条）。"),
        Status.ANSWERED: _("已出具处理意见书。如不服，可在收到之日起30日内申请复查（第35条）。"),
        Status.CLOSED: _("已办结。"),
        Status.REVIEW_REQUESTED: _("复查中：%(unit)s将在30日内答复（第35条）。"),
        Status.REVIEWED: _("已出具复查意见。如不服，可在收到之日起30日内申请复核（第36条）。"),
        Status.RECHECK_REQUESTED: _("复核中：%(unit)s将在30日内答复（第36条）。"),
        Status.RECHECKED: _("已复核，处理终结；同一事实和理由不再受理（第36条）。"),
        Status.MERGED: _("已与同一事项的信访件并案办理，由%(unit)s一并答复，请注意查收书面答复。"),
    }
    return texts[Status(case.status)] % {"unit": unit}


CLOCK_TEXT = {
    DeadlineKind.INTAKE: gettext_lazy("信访部门转送或交办"),
    DeadlineKind.ACCEPTANCE_NOTICE: gettext_lazy("书面告知您是否受理"),
    DeadlineKind.HANDLING: gettext_lazy("办结并出具处理意见书"),
    DeadlineKind.DUTY: gettext_lazy("依法履行职责或者答复"),
    DeadlineKind.REVIEW: pgettext_lazy("portal clock", "出具复查意见"),
    DeadlineKind.RECHECK: pgettext_lazy("portal clock", "出具复核意见"),
    DeadlineKind.REVIEW_REQUEST: gettext_lazy("您可以申请复查的最后一天"),
    DeadlineKind.RECHECK_REQUEST: gettext_lazy("您可以申请复核的最后一天"),
}


@dataclass
class Entry:
    at: dt.datetime
    text: str
    unit: str = ""
    note: str = ""


@dataclass
class Clock:
    label: str
    due_on: dt.date | None  # None: a window whose answer is not delivered yet (not started)
    article: str
    mine: bool  # the petitioner's own window
    running: bool
    days_left: int | None


@dataclass
class PetitionerView:
    case: Case
    status: str
    timeline: list[Entry]
    clocks: list[Clock]
    opinions: list[Opinion]
    ratings: list[Rating]
    can_rate: bool
    review: Clock | None = None  # the open 复查 window, if this is the next step
    recheck: Clock | None = None
    review_unit: str = ""
    documents: list = field(default_factory=list)


def _entry(event, case: Case) -> Entry | None:  # noqa: ANN001
    unit = event.unit.name if event.unit_id else ""
    # an online petition: filed by the petitioner, or (rows from before, when a portal account
    # registered it) the channel the registration recorded
    online = event.by_petitioner or (event.data or {}).get("channel") == Channel.ONLINE
    kind = event.kind
    if kind == EventKind.REGISTERED:
        return Entry(event.at, _("登记（网上信访）") if online else pgettext("portal event", "登记"),
                     unit or case.registered_unit.name)  # filed online: the receiving bureau
    if kind == EventKind.ROUTED:
        if event.action == Action.REQUEST_REVIEW:
            return Entry(event.at, _("复查申请提交至%(u)s") % {"u": event.new_value}, "")
        if event.action == Action.REQUEST_RECHECK:
            return Entry(event.at, _("复核申请提交至%(u)s") % {"u": event.new_value}, "")
        if event.action == Action.OBJECT:
            return Entry(event.at, _("退回%(u)s重新分办") % {"u": event.new_value}, "")
        return Entry(event.at, _("转至%(u)s办理") % {"u": event.new_value}, unit)
    if kind == EventKind.RATED:
        label = Satisfaction(event.new_value).label if event.new_value in Satisfaction.values else ""
        return Entry(event.at, _("您的评价：%(s)s") % {"s": label}, "")
    action = Action(event.action) if event.action in Action.values else None
    if kind == EventKind.STATUS_CHANGED and action is not None:
        if action in (Action.REQUEST_REVIEW, Action.REQUEST_RECHECK, Action.TRANSFER,
                      Action.ASSIGN):
            return None  # the ROUTED entry above already says it
        note = event.note if action in NOTES_FOR_PETITIONER else ""
        return Entry(event.at, str(Status(event.new_value).label), unit, note)
    if kind == EventKind.NOTE and action == Action.EXTEND:
        return Entry(event.at, _("办理期限经批准延长（第34条）"), unit, event.note)
    return None


def petitioner_documents(case: Case) -> list:
    """Notices addressed to the petitioner of `case` (受理/不予受理/转送/延期告知书, 意见书...)."""
    docs = (Document.objects.filter(case=case).defer("docx", "pdf", "text", "context")
            .order_by("issued_at", "pk"))
    return [d for d in docs if d.kind in SPECS and SPECS[d.kind].addressee == PETITIONER]


def petitioner_view(case: Case) -> PetitionerView:
    """Everything the petitioner of `case` may see; callers must have verified code and phone."""
    today = clock.today()
    events = case.events.select_related("unit").order_by("at", "pk")
    timeline = [e for e in (_entry(ev, case) for ev in events) if e is not None]
    clocks = []
    for d in case.deadlines.filter(kind__in=PETITIONER_CLOCKS).order_by("started_on", "pk"):
        running = d.state in RUNNING_STATES
        if not running:
            continue  # finished clocks (met, or a window used or lapsed) are told by the timeline
        clocks.append(Clock(label=str(CLOCK_TEXT[DeadlineKind(d.kind)]), due_on=d.due_on,
                            article=d.article, mine=d.for_petitioner, running=running,
                            days_left=(d.due_on - today).days))
    status = Status(case.status)
    reviewed = case.opinions.filter(stage__in=[Opinion.Stage.REVIEW,
                                               Opinion.Stage.RECHECK]).exists()
    review = recheck = None
    if status in TRANSITIONS[Action.REQUEST_REVIEW].sources and not reviewed:
        review = _window(case, DeadlineKind.REVIEW_REQUEST, today)
    if status in TRANSITIONS[Action.REQUEST_RECHECK].sources and reviewed:
        recheck = _window(case, DeadlineKind.RECHECK_REQUEST, today)
    ratings = list(case.ratings.order_by("recorded_at"))
    rated_stages = {r.stage for r in ratings}
    opinions = list(case.opinions.select_related("unit").order_by("issued_on", "pk"))
    can_rate = (status in TRANSITIONS[Action.RATE].sources and bool(opinions)
                and opinions[-1].stage not in rated_stages)
    step = Action.REQUEST_RECHECK if reviewed else Action.REQUEST_REVIEW
    higher_unit = review_unit(case, step)
    higher = higher_unit.name if higher_unit else ""
    return PetitionerView(case=case, status=status_text(case), timeline=timeline, clocks=clocks,
                          opinions=opinions, ratings=ratings, can_rate=can_rate, review=review,
                          recheck=recheck, review_unit=higher,
                          documents=petitioner_documents(case))


WINDOW_OPINION = {DeadlineKind.REVIEW_REQUEST: (Opinion.Stage.HANDLING, "第35条"),
                  DeadlineKind.RECHECK_REQUEST: (Opinion.Stage.REVIEW, "第36条")}


def _window(case: Case, kind: DeadlineKind, today: dt.date) -> Clock | None:
    """The petitioner's 复查/复核 window; open without a date while the answer is undelivered."""
    d = case.deadlines.filter(kind=kind).order_by("-pk").first()
    if d is None:
        stage, article = WINDOW_OPINION[kind]
        if not case.opinions.filter(stage=stage).exists():
            return None
        # Art. 35/36: the 30 days run from receipt; before delivery a request is never late
        return Clock(label=str(CLOCK_TEXT[kind]), due_on=None, article=article, mine=True,
                     running=True, days_left=None)
    return Clock(label=str(CLOCK_TEXT[kind]), due_on=d.due_on, article=d.article, mine=True,
                 running=today <= d.due_on, days_left=(d.due_on - today).days)
