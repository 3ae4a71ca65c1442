"""The legal clocks a case's actions start, stop, extend and pause, and the periodic scan."""

import datetime as dt

import pytest
from django.test import override_settings

from xinfang.cases.models import CaseEvent, EventKind
from xinfang.cases.scenarios import act, drive_to, register
from xinfang.cases.states import Action, Status
from xinfang.cases.workflow import case_transition
from xinfang.core import clock
from xinfang.core.errors import GuardFailed, InvalidParams
from xinfang.deadlines import services
from xinfang.deadlines.models import Deadline, DeadlineState
from xinfang.deadlines.rules import DeadlineKind as K

pytestmark = pytest.mark.django_db
D = dt.date


def running(case, kind):
    return Deadline.objects.get(case=case, kind=kind, state__in=["open", "due_soon", "overdue"])


def test_bureau_registration_starts_the_15_day_intake_clock(county):
    with clock.frozen(D(2026, 3, 2)):
        case = register(county, received_on="2026-03-02")
    deadline = running(case, K.INTAKE)
    assert (deadline.started_on, deadline.due_on, deadline.article) == (
        D(2026, 3, 2), D(2026, 3, 17), "第22条")
    assert case.events.filter(kind=EventKind.DEADLINE_STARTED).exists()


def test_direct_registration_by_a_department_starts_the_acceptance_notice(county):
    with clock.frozen(D(2026, 3, 2)):
        case = register(county, registrar=county.user(county.housing, "registrar"))
    assert running(case, K.ACCEPTANCE_NOTICE).due_on == D(2026, 3, 17)


def test_transfer_meets_intake_and_starts_acceptance_and_objection(county):
    with clock.frozen(D(2026, 3, 5)):  # Thursday
        case = act(county, register(county), Action.TRANSFER)
    assert Deadline.objects.get(case=case, kind=K.INTAKE).state == DeadlineState.MET
    assert running(case, K.ACCEPTANCE_NOTICE).due_on == D(2026, 3, 20)
    assert running(case, K.OBJECTION).due_on == D(2026, 3, 12)  # 5 working days
    assert running(case, K.OBJECTION).unit == county.housing


def test_objection_after_five_working_days_is_refused(county):
    with clock.frozen(D(2026, 3, 5)):
        case = act(county, register(county), Action.TRANSFER)
    with clock.frozen(D(2026, 3, 13)), pytest.raises(GuardFailed, match="5个工作日"):
        act(county, case, Action.OBJECT)


def test_objection_within_the_period_returns_the_case_to_the_bureau_once_upheld(county):
    with clock.frozen(D(2026, 3, 5)):
        case = act(county, register(county), Action.TRANSFER)
    with clock.frozen(D(2026, 3, 12)):
        case = act(county, case, Action.OBJECT)
        assert case.status == Status.OBJECTED and running(case, K.ACCEPTANCE_NOTICE)
        case = act(county, case, Action.UPHOLD_OBJECTION)
    assert case.status == Status.REGISTERED
    assert case.holding_unit == county.bureau
    assert running(case, K.INTAKE)
    assert Deadline.objects.get(case=case, kind=K.ACCEPTANCE_NOTICE).state == DeadlineState.CANCELLED


def test_acceptance_starts_60_days_and_extension_adds_30_once(county):
    with clock.frozen(D(2026, 4, 1)):
        case = drive_to(county, Status.ACCEPTED)
        handling = running(case, K.HANDLING)
        assert handling.due_on == D(2026, 6, 1)  # 60 days → Sun 05-31 → Mon 06-01
        case = act(county, case, Action.EXTEND)
        handling.refresh_from_db()
        assert (handling.extended_days, handling.due_on) == (30, D(2026, 6, 30))
        with pytest.raises(GuardFailed, match="仅一次|不能再次延期"):
            act(county, case, Action.EXTEND)


def test_extension_longer_than_30_days_is_invalid(county):
    case = drive_to(county, Status.ACCEPTED)
    with pytest.raises(InvalidParams, match="延长天数"):
        case_transition(case_id=case.pk, action=Action.EXTEND,
                        actor=county.user(county.housing, "approver"),
                        params={"days": 31, "reason": "复杂"})


def test_answer_delivery_date_starts_the_review_window(county):
    with clock.frozen(D(2026, 5, 8)):  # handed over by post the day it is issued
        case = drive_to(county, Status.ACCEPTED)
        case = case_transition(
            case_id=case.pk, action=Action.ANSWER, actor=county.user(county.housing, "approver"),
            params={"outcome": "reject", "text": "经核查，所反映问题缺乏事实根据。",
                    "legal_basis": "《信访工作条例》第三十二条", "delivered_on": "2026-05-08",
                    "delivery_method": "mail"})
    window = running(case, K.REVIEW_REQUEST)
    assert (window.started_on, window.due_on, window.for_petitioner) == (
        D(2026, 5, 8), D(2026, 6, 8), True)  # 05-08 + 30 = Sun 06-07 → Mon 06-08


def test_review_request_after_the_window_is_refused(county):
    with clock.frozen(D(2026, 5, 8)):
        case = drive_to(county, Status.ANSWERED)
    with clock.frozen(D(2026, 6, 9)), pytest.raises(GuardFailed, match="已于2026-06-08届满"):
        act(county, case, Action.REQUEST_REVIEW)


def test_close_before_the_window_ends_needs_the_petitioners_consent(county):
    with clock.frozen(D(2026, 5, 8)):
        case = drive_to(county, Status.ANSWERED)
        with pytest.raises(GuardFailed, match="尚未届满"):
            case_transition(case_id=case.pk, action=Action.CLOSE,
                            actor=county.user(county.housing, "handler"), params={})
    with clock.frozen(D(2026, 6, 9)):
        case = case_transition(case_id=case.pk, action=Action.CLOSE,
                               actor=county.user(county.housing, "handler"), params={})
    assert case.status == Status.CLOSED


def test_hearing_pause_is_not_counted_in_the_recheck_period(county):
    with clock.frozen(D(2026, 3, 2)):
        case = drive_to(county, Status.RECHECK_REQUESTED)
        recheck = running(case, K.RECHECK)
        assert recheck.due_on == D(2026, 4, 1)
        services.deadline_pause(case=case, kind=K.RECHECK, reason="举行听证")
    with clock.frozen(D(2026, 3, 12)):
        services.deadline_resume(case=case, kind=K.RECHECK)
    recheck.refresh_from_db()
    assert (recheck.paused_days, recheck.due_on) == (10, D(2026, 4, 13))  # 04-11 Sat → Mon


def test_scan_marks_due_soon_then_overdue_once_each(county):
    with clock.frozen(D(2026, 3, 2)):
        case = register(county, received_on="2026-03-02")  # intake due 03-17
    assert services.deadline_scan(today=D(2026, 3, 15))["due_soon"] == 1
    assert services.deadline_scan(today=D(2026, 3, 15))["due_soon"] == 0
    assert services.deadline_scan(today=D(2026, 3, 18))["overdue"] == 1
    assert services.deadline_scan(today=D(2026, 3, 19))["overdue"] == 0
    assert running(case, K.INTAKE).state == DeadlineState.OVERDUE
    kinds = list(CaseEvent.objects.filter(case=case, kind__in=[
        EventKind.DEADLINE_DUE_SOON, EventKind.DEADLINE_OVERDUE]).values_list("kind", flat=True))
    assert kinds == [EventKind.DEADLINE_DUE_SOON, EventKind.DEADLINE_OVERDUE]


def test_late_action_is_recorded_as_met_late(county):
    with clock.frozen(D(2026, 3, 2)):
        case = register(county, received_on="2026-03-02")
    with clock.frozen(D(2026, 3, 20)):
        act(county, case, Action.TRANSFER)
    assert Deadline.objects.get(case=case, kind=K.INTAKE).state == DeadlineState.MET_LATE


def test_petitioner_window_lapses_without_an_overdue_mark(county):
    with clock.frozen(D(2026, 5, 8)):
        case = drive_to(county, Status.ANSWERED)
    counts = services.deadline_scan(today=D(2026, 6, 20))
    assert counts["lapsed"] == 1
    window = Deadline.objects.get(case=case, kind=K.REVIEW_REQUEST)
    assert window.state == DeadlineState.CANCELLED
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.DEADLINE_OVERDUE).exists()


def test_registration_near_year_end_is_provisional(county):
    with clock.frozen(D(2026, 12, 28)):
        case = register(county, received_on="2026-12-28")
    intake = running(case, K.INTAKE)
    assert intake.provisional
    started = case.events.get(kind=EventKind.DEADLINE_STARTED)
    assert started.data["provisional"] is True and "暂定" in started.text


@override_settings(XINFANG_DEADLINE_OVERRIDES={"handling": {"days": 20, "unit": "working"}})
def test_local_practice_can_count_handling_in_working_days(county):
    with clock.frozen(D(2026, 3, 2)):
        case = drive_to(county, Status.ACCEPTED)
    handling = running(case, K.HANDLING)
    assert (handling.day_unit, handling.due_on) == ("working", D(2026, 3, 30))


def test_simplified_case_gets_10_working_days(county):
    with clock.frozen(D(2026, 3, 2)):
        case = register(county)
        case = case_transition(case_id=case.pk, action=Action.TRIAGE,
                               actor=county.user(county.bureau, "registrar"),
                               params={"purpose": "request", "simplified": True})
        case = act(county, case, Action.TRANSFER)
        case = act(county, case, Action.ACCEPT)
    assert running(case, K.HANDLING).due_on == D(2026, 3, 16)
