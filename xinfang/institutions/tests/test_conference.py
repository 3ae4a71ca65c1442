"""The joint conference (Art. 7, 13): meetings and their agenda (Art. 30 on agenda cases), decisions
assigned to units and tracked to done, the daily sweep escalating an overdue decision once. Every
allowed and forbidden step with its article, the actor, the unit and the status it depends on."""

from __future__ import annotations

import datetime as dt

import pytest

from xinfang.cases.models import CaseEvent, Purpose
from xinfang.cases.scenarios import drive_to
from xinfang.cases.states import Status
from xinfang.core import clock
from xinfang.core import workflow as engine
from xinfang.core.errors import (
    ConfidentialityViolation,
    GuardFailed,
    IllegalTransition,
    InvalidParams,
    PermissionDenied,
)
from xinfang.institutions.conference import (
    DECISIONS,
    MEETINGS,
    decision_assign,
    decision_sweep,
    decision_transition,
    meeting_transition,
)
from xinfang.institutions.models import Decision, Meeting, MeetingEvent
from xinfang.institutions.selectors import agenda_cases, decisions_for_unit
from xinfang.institutions.states import (
    DecisionAction,
    DecisionStatus,
    MeetingAction,
    MeetingStatus,
)
from xinfang.notifications.models import Notification
from xinfang.orgs.models import Role

from .conftest import (
    ITEM,
    MINUTES,
    assign_decision,
    conference_of,
    held_meeting,
    office_staff,
    plan_meeting,
)

TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _today():  # noqa: PT004
    with clock.frozen(dt.datetime(2026, 3, 2, 10, 0)):
        yield


# ---- meetings ------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", [Role.REGISTRAR, Role.APPROVER])
def test_art13_the_office_plans_a_meeting(county, role):
    meeting = plan_meeting(county) if role == Role.REGISTRAR else None
    if meeting is None:
        from xinfang.institutions.conference import meeting_schedule

        meeting = meeting_schedule(actor=county.user(county.bureau, role), params={
            "kind": "plenary", "title": "全体会议", "held_on": "2026-03-20",
            "conference": conference_of(county).pk})
    assert meeting.status == MeetingStatus.PLANNED
    event = MeetingEvent.objects.get(meeting=meeting)
    assert (event.type, event.action, event.new_value) == ("meeting.step", "schedule", "planned")
    assert "安排会议" in event.text


def test_art13_the_governments_leader_may_plan_too(county):
    from xinfang.institutions.conference import meeting_schedule

    meeting = meeting_schedule(actor=county.leader(), params={
        "kind": "topic", "title": "专题会议", "held_on": "2026-03-20",
        "conference": conference_of(county).pk})
    assert meeting.conference.unit == county.county


def test_art13_a_member_unit_may_not_plan_the_conferences_meetings(county):
    conference_of(county)
    from xinfang.institutions.conference import meeting_schedule

    with pytest.raises(PermissionDenied):  # housing sits in it, does not run it
        meeting_schedule(actor=county.user(county.housing, Role.APPROVER), params={
            "kind": "topic", "title": "x", "held_on": "2026-03-20",
            "conference": conference_of(county).pk})
    assert not Meeting.objects.exists()


def test_art13_another_countys_office_may_not_plan_ours(county, other_county):
    from xinfang.institutions.conference import meeting_schedule

    conference_of(other_county)
    with pytest.raises(InvalidParams):  # our conference is not one it may choose
        meeting_schedule(actor=other_county.user(other_county.bureau, Role.REGISTRAR), params={
            "kind": "topic", "title": "x", "held_on": "2026-03-20",
            "conference": conference_of(county).pk})


def test_art13_an_agenda_item_links_cases_and_writes_on_their_timelines(county):
    cases = [drive_to(county, Status.ACCEPTED), drive_to(county, Status.REGISTERED)]
    meeting = plan_meeting(county)
    meeting = meeting_transition(meeting_id=meeting.pk, action=MeetingAction.ADD_ITEM,
                                 actor=office_staff(county),
                                 params={**ITEM, "cases": f"{cases[0].number}，{cases[1].number}"})
    item = meeting.items.get()
    assert set(item.cases.all()) == set(cases) and item.order == 1
    for case in cases:
        entry = CaseEvent.objects.get(case=case, type="conference.step")
        assert entry.action == "add_item" and ITEM["title"] in entry.text
        assert meeting.title in entry.text
    assert MeetingEvent.objects.filter(meeting=meeting, action="add_item").count() == 1


def test_art13_agenda_cases_outside_the_offices_reach_are_refused(county, other_county):
    theirs = drive_to(other_county, Status.REGISTERED)
    meeting = plan_meeting(county)
    with pytest.raises(InvalidParams, match=theirs.number):
        meeting_transition(meeting_id=meeting.pk, action=MeetingAction.ADD_ITEM,
                           actor=office_staff(county), params={**ITEM, "cases": theirs.number})
    assert not meeting.items.exists()


def test_art30_an_accusation_against_a_member_unit_is_never_on_the_agenda(county):
    """The accused housing bureau sits in the conference: its people would read the papers."""
    accusation = drive_to(county, Status.REGISTERED, purpose=Purpose.ACCUSATION,
                          accused_unit=county.housing)
    meeting = plan_meeting(county)
    with pytest.raises(ConfidentialityViolation, match="第30条"):
        meeting_transition(meeting_id=meeting.pk, action=MeetingAction.ADD_ITEM,
                           actor=office_staff(county),
                           params={**ITEM, "cases": accusation.number})
    assert not meeting.items.exists()
    assert not CaseEvent.objects.filter(case=accusation, type="conference.step").exists()


def test_art30_agenda_cases_are_named_only_to_readers_who_may_see_them(county, other_county):
    case = drive_to(county, Status.ACCEPTED)  # transferred to housing, accepted there
    meeting = held_meeting(county, [case])
    item = meeting.items.get()
    assert agenda_cases(county.user(county.housing, Role.HANDLER), item) == [case]
    assert agenda_cases(county.user(county.township, Role.HANDLER), item) == []


def test_art13_a_meeting_without_agenda_is_not_held(county):
    meeting = plan_meeting(county)
    with pytest.raises(GuardFailed, match="议题"):
        meeting_transition(meeting_id=meeting.pk, action=MeetingAction.HOLD,
                           actor=office_staff(county), params={"minutes": MINUTES})
    assert not engine.allowed(MEETINGS, meeting, MeetingAction.HOLD, office_staff(county))


def test_art13_hold_writes_the_minutes_and_on_each_linked_case(county):
    case = drive_to(county, Status.ACCEPTED)
    meeting = held_meeting(county, [case])
    assert (meeting.status, meeting.minutes) == (MeetingStatus.HELD, MINUTES)
    assert list(CaseEvent.objects.filter(case=case, type="conference.step")
                .values_list("action", flat=True).order_by("pk")) == ["add_item", "hold"]
    with pytest.raises(IllegalTransition):  # held: no more items, no cancelling
        meeting_transition(meeting_id=meeting.pk, action=MeetingAction.CANCEL,
                           actor=office_staff(county), params={"reason": "x"})


def test_art13_cancel_a_planned_meeting_with_a_reason(county):
    meeting = plan_meeting(county)
    with pytest.raises(InvalidParams):
        meeting_transition(meeting_id=meeting.pk, action=MeetingAction.CANCEL,
                           actor=office_staff(county), params={"reason": " "})
    meeting = meeting_transition(meeting_id=meeting.pk, action=MeetingAction.CANCEL,
                                 actor=office_staff(county), params={"reason": "主要领导外出"})
    assert meeting.status == MeetingStatus.CANCELLED
    assert MeetingEvent.objects.filter(meeting=meeting).last().note == "主要领导外出"


def test_art13_a_member_unit_sees_the_meeting_but_does_not_run_it(county):
    meeting = plan_meeting(county)
    housing = county.user(county.housing, Role.APPROVER)
    assert MEETINGS.visible(housing).filter(pk=meeting.pk).exists()
    with pytest.raises(PermissionDenied):
        meeting_transition(meeting_id=meeting.pk, action=MeetingAction.ADD_ITEM, actor=housing,
                           params=ITEM)


def test_art13_another_county_does_not_see_the_meeting(county, other_county):
    meeting = plan_meeting(county)
    with pytest.raises(Meeting.DoesNotExist):
        meeting_transition(meeting_id=meeting.pk, action=MeetingAction.ADD_ITEM,
                           actor=other_county.user(other_county.bureau, Role.REGISTRAR),
                           params=ITEM)


# ---- decisions -----------------------------------------------------------------------------------

def test_art13_a_decision_only_at_a_held_meeting(county):
    meeting = plan_meeting(county)
    with pytest.raises(GuardFailed, match="召开后"):
        decision_assign(meeting_id=meeting.pk, actor=office_staff(county), params={
            "text": "x", "unit": county.housing.pk, "due_on": "2026-04-01"})
    assert not Decision.objects.exists()


def test_art13_the_decision_is_assigned_told_and_tracked_to_done(county):
    case = drive_to(county, Status.ACCEPTED)
    decision = assign_decision(county, cases=[case])
    assert decision.status == DecisionStatus.ASSIGNED
    told = Notification.objects.filter(user__unit=county.housing, subject__contains="联席会议交办")
    assert told.exists()
    handler = county.user(county.housing, Role.HANDLER)
    assert list(decisions_for_unit(handler)) == [decision]
    done = decision_transition(decision_id=decision.pk, action=DecisionAction.REPORT_DONE,
                               actor=handler, params={"report": "物业公司已完成维修，业主签字确认"})
    assert (done.status, done.reported_on) == (DecisionStatus.REPORTED, TODAY)
    verified = decision_transition(decision_id=decision.pk, action=DecisionAction.VERIFY,
                                   actor=county.user(county.bureau, Role.APPROVER),
                                   params={"note": "经实地核查属实"})
    assert (verified.status, verified.verified_on) == (DecisionStatus.VERIFIED, TODAY)
    steps = list(MeetingEvent.objects.filter(decision=decision).order_by("pk")
                 .values_list("action", "new_value"))
    assert steps == [("assign", "assigned"), ("report_done", "reported"), ("verify", "verified")]
    on_case = list(CaseEvent.objects.filter(case=case, type="conference.step").order_by("pk")
                   .values_list("action", flat=True))
    assert on_case == ["add_item", "hold", "assign", "report_done", "verify"]
    assert "核验办结" in CaseEvent.objects.filter(case=case).last().text


def test_art13_the_office_returns_a_report_and_the_unit_reports_again(county):
    decision = assign_decision(county)
    handler = county.user(county.housing, Role.HANDLER)
    decision_transition(decision_id=decision.pk, action=DecisionAction.REPORT_DONE, actor=handler,
                        params={"report": "已通知物业"})
    back = decision_transition(decision_id=decision.pk, action=DecisionAction.RETURN,
                               actor=county.user(county.bureau, Role.APPROVER),
                               params={"reason": "仅通知，未维修"})
    assert (back.status, back.reported_on) == (DecisionStatus.ASSIGNED, None)
    again = decision_transition(decision_id=decision.pk, action=DecisionAction.REPORT_DONE,
                                actor=handler, params={"report": "已维修"})
    assert again.status == DecisionStatus.REPORTED


def test_art13_only_the_responsible_unit_reports(county):
    decision = assign_decision(county)
    for actor in (county.user(county.township, Role.HANDLER),  # another member unit
                  county.user(county.bureau, Role.APPROVER),  # the office
                  county.user(county.housing, Role.REGISTRAR)):  # the right unit, not its role
        with pytest.raises(PermissionDenied):
            decision_transition(decision_id=decision.pk, action=DecisionAction.REPORT_DONE,
                                actor=actor, params={"report": "x"})
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.ASSIGNED


def test_art13_the_unit_does_not_verify_its_own_report(county):
    decision = assign_decision(county)
    approver = county.user(county.housing, Role.APPROVER)
    decision_transition(decision_id=decision.pk, action=DecisionAction.REPORT_DONE,
                        actor=approver, params={"report": "已办"})
    with pytest.raises(PermissionDenied):
        decision_transition(decision_id=decision.pk, action=DecisionAction.VERIFY, actor=approver)
    with pytest.raises(PermissionDenied):  # the office's registrar types, does not verify
        decision_transition(decision_id=decision.pk, action=DecisionAction.VERIFY,
                            actor=office_staff(county))


def test_art13_verify_before_a_report_is_illegal(county):
    decision = assign_decision(county)
    with pytest.raises(IllegalTransition):
        decision_transition(decision_id=decision.pk, action=DecisionAction.VERIFY,
                            actor=county.user(county.bureau, Role.APPROVER))


def test_art13_the_deadline_may_not_be_in_the_past(county):
    meeting = held_meeting(county)
    with pytest.raises(InvalidParams, match="办结时限"):
        decision_assign(meeting_id=meeting.pk, actor=office_staff(county), params={
            "text": "x", "unit": county.housing.pk, "due_on": "2026-03-01"})


def test_art30_a_decision_on_an_accusation_never_goes_to_the_accused_unit(county):
    """The accused is a village (not in the conference): the item is allowed, a decision assigned
    to the village or the township above... only units below the accused are closed."""
    accusation = drive_to(county, Status.REGISTERED, purpose=Purpose.ACCUSATION,
                          accused_unit=county.village)
    meeting = held_meeting(county, [accusation])
    with pytest.raises(ConfidentialityViolation, match="第30条"):
        decision_assign(meeting_id=meeting.pk, actor=office_staff(county), params={
            "text": "村委会自查", "unit": county.village.pk, "due_on": "2026-04-01",
            "item": meeting.items.get().pk})
    decision = decision_assign(meeting_id=meeting.pk, actor=office_staff(county), params={
        "text": "城关镇调查核实", "unit": county.township.pk, "due_on": "2026-04-01",
        "item": meeting.items.get().pk})
    assert decision.unit == county.township


def test_art13_an_item_of_another_meeting_is_refused(county):
    other = held_meeting(county)
    meeting = held_meeting(county)
    with pytest.raises(GuardFailed, match="不属于本次会议"):
        decision_assign(meeting_id=meeting.pk, actor=office_staff(county), params={
            "text": "x", "unit": county.housing.pk, "due_on": "2026-04-01",
            "item": other.items.get().pk})


def test_art13_the_sweep_escalates_an_overdue_decision_once(county):
    decision = assign_decision(county, due_on="2026-03-05")
    with clock.frozen(dt.datetime(2026, 3, 5, 23, 0)):  # the last day: not yet late
        assert decision_sweep().escalated == 0
    with clock.frozen(dt.datetime(2026, 3, 6, 6, 20)):
        first, again = decision_sweep(), decision_sweep()
    assert (first.escalated, again.escalated) == (1, 0)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.OVERDUE and decision.escalated_at is not None
    event = MeetingEvent.objects.get(decision=decision, action="flag_overdue")
    assert event.actor is None and "副县长" in event.text  # the convenor covering housing
    told = Notification.objects.filter(subject__contains="逾期")
    assert told.filter(user=county.leader()).exists()  # the convenor (分片挂点)
    assert told.filter(user__unit=county.bureau).exists()  # the office
    # reported late, returned, still late: not escalated a second time
    handler = county.user(county.housing, Role.HANDLER)
    with clock.frozen(dt.datetime(2026, 3, 7, 9, 0)):
        reported = decision_transition(decision_id=decision.pk, action=DecisionAction.REPORT_DONE,
                                       actor=handler, params={"report": "已维修"})
        decision_transition(decision_id=decision.pk, action=DecisionAction.RETURN,
                            actor=county.user(county.bureau, Role.APPROVER),
                            params={"reason": "未完成"})
    assert "超过办结时限" in MeetingEvent.objects.get(decision=decision, action="report_done").text
    assert reported.reported_on == dt.date(2026, 3, 7)
    with clock.frozen(dt.datetime(2026, 3, 8, 6, 20)):
        assert decision_sweep().escalated == 0
    assert MeetingEvent.objects.filter(decision=decision, action="flag_overdue").count() == 1


def test_art13_the_overdue_step_is_the_systems_only(county):
    decision = assign_decision(county)
    with pytest.raises(PermissionDenied, match="由系统自动执行"):
        decision_transition(decision_id=decision.pk, action=DecisionAction.FLAG_OVERDUE,
                            actor=county.user(county.bureau, Role.APPROVER))
    with pytest.raises(PermissionDenied, match="系统不能自动执行"):
        decision_transition(decision_id=decision.pk, action=DecisionAction.REPORT_DONE,
                            actor=engine.SYSTEM_ACTOR, params={"report": "x"})
    offered = [t.action for t in DECISIONS.available(county.user(county.housing, Role.HANDLER),
                                                     decision)]
    assert offered == [DecisionAction.REPORT_DONE]


def test_art13_my_units_decisions_list_the_late_first(county):
    late = assign_decision(county, due_on="2026-03-03")
    later = assign_decision(county, due_on="2026-04-30")
    sooner = assign_decision(county, due_on="2026-03-20")
    with clock.frozen(dt.datetime(2026, 3, 4, 9, 0)):
        rows = list(decisions_for_unit(county.user(county.housing, Role.HANDLER)))
    assert rows == [late, sooner, later]
