"""The fast track's steps: derived at registration, put on, taken off and put back by staff with a
reason (allowed and forbidden), each an event on the case timeline; the statutory clocks stay."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from xinfang.cases.models import Case
from xinfang.cases.scenarios import act, drive_to, register
from xinfang.cases.states import Action, Status
from xinfang.core import clock
from xinfang.core.errors import GuardFailed, IllegalTransition, InvalidParams, PermissionDenied
from xinfang.deadlines.calendar import add_period, load_calendar
from xinfang.deadlines.rules import DeadlineKind
from xinfang.orgs.models import Role
from xinfang.xborder.models import FastTrack, TargetReminder
from xinfang.xborder.states import TrackAction as A
from xinfang.xborder.targets import case_targets
from xinfang.xborder.tasks import remind_targets
from xinfang.xborder.workflow import track_derive, track_put_on, track_transition

from .helpers import hk_case, tw

pytestmark = pytest.mark.django_db


def steps(case: Case) -> list[tuple[str, str, str]]:
    return [(e.action, e.old_value, e.new_value)
            for e in case.events.filter(type="fast_track.step").order_by("pk")]


def test_a_party_from_hong_kong_puts_the_case_on_the_track_at_registration(county):
    case = hk_case(county)
    track = FastTrack.objects.get(case=case)
    assert (track.status, track.basis) == (FastTrack.Status.ON, FastTrack.Basis.PARTY)
    assert steps(case) == [(A.DERIVE, "", FastTrack.Status.ON)]
    event = case.events.get(type="fast_track.step")
    assert "香港" in event.text and event.actor is None  # the system's step


def test_a_taiwan_party_too_and_a_mainland_case_not(county):
    assert FastTrack.objects.filter(case=register(county, petitioners=[tw()])).exists()
    mainland = register(county)
    assert not FastTrack.objects.filter(case=mainland).exists()
    with pytest.raises(GuardFailed, match="内地居民"):  # the system does not list it either
        track_derive(case_id=mainland.pk)


def test_staff_put_on_take_off_and_put_back_each_with_a_reason_and_an_event(county):
    case = register(county)
    registrar = county.user(county.bureau, Role.REGISTRAR)
    with pytest.raises(InvalidParams):
        track_put_on(case_id=case.pk, actor=registrar, params={"reason": ""})
    track = track_put_on(case_id=case.pk, actor=registrar, params={"reason": "华侨，旅居新加坡"})
    assert (track.status, track.basis, track.reason) == ("on", "staff", "华侨，旅居新加坡")
    with pytest.raises(GuardFailed, match="已有快速通道记录"):
        track_put_on(case_id=case.pk, actor=registrar, params={"reason": "再次"})
    with pytest.raises(IllegalTransition):
        track_transition(track_id=track.pk, action=A.PUT_BACK, actor=registrar,
                         params={"reason": "x"})
    track = track_transition(track_id=track.pk, action=A.TAKE_OFF, actor=registrar,
                             params={"reason": "当事人已回国定居"})
    assert track.status == "off" and track.reason == "当事人已回国定居"
    with pytest.raises(IllegalTransition):
        track_transition(track_id=track.pk, action=A.TAKE_OFF, actor=registrar,
                         params={"reason": "x"})
    track = track_transition(track_id=track.pk, action=A.PUT_BACK, actor=registrar,
                             params={"reason": "当事人再次出境"})
    assert track.status == "on"
    assert steps(case) == [(A.PUT_ON, "", "on"), (A.TAKE_OFF, "on", "off"),
                           (A.PUT_BACK, "off", "on")]
    assert [e.note for e in case.events.filter(type="fast_track.step").order_by("pk")] == [
        "华侨，旅居新加坡", "当事人已回国定居", "当事人再次出境"]


def test_who_may_act_on_the_track(county, other_county):
    case = register(county)
    with pytest.raises(Case.DoesNotExist):  # another county: outside the reach (404)
        track_put_on(case_id=case.pk, actor=other_county.user(other_county.bureau, Role.REGISTRAR),
                     params={"reason": "x"})
    with pytest.raises(PermissionDenied):  # a leader holds none of the roles
        track_put_on(case_id=case.pk, actor=county.leader(county.county), params={"reason": "x"})
    with pytest.raises(PermissionDenied):  # staff never take the system's step
        from xinfang.resolution.machine import start
        from xinfang.xborder.workflow import FLOW

        start(FLOW, action=A.DERIVE, actor=county.user(county.bureau, Role.REGISTRAR),
              params={}, case_id=hk_case(county).pk)
    assert not FastTrack.objects.filter(case=case).exists()


def test_a_unit_neither_holding_nor_registering_may_not_act(county):
    case = act(county, register(county), Action.TRANSFER)  # now held by 住建局
    track = track_put_on(case_id=case.pk, actor=county.user(county.housing, Role.HANDLER),
                         params={"reason": "涉外企业"})
    assert track.status == "on"
    supervisor_unit = county.user(county.county, Role.REGISTRAR)  # the county government
    with pytest.raises((PermissionDenied, Case.DoesNotExist, FastTrack.DoesNotExist)):
        track_transition(track_id=track.pk, action=A.TAKE_OFF, actor=supervisor_unit,
                         params={"reason": "x"})
    assert FastTrack.objects.get(pk=track.pk).status == "on"


def test_no_change_once_the_case_has_ended(county):
    case = drive_to(county, Status.NOT_ACCEPTED)
    with pytest.raises(GuardFailed, match="已办结或已终结"):
        track_put_on(case_id=case.pk, actor=county.user(county.bureau, Role.REGISTRAR),
                     params={"reason": "x"})


def test_the_statutory_clocks_stay_and_the_target_is_shorter(county):
    """Two identical petitions, one from Hong Kong: the same legal clocks, due the same day; only
    the fast-track one has an internal target, before the statutory due date."""
    with clock.frozen(dt.datetime(2026, 3, 2, 9)):
        fast, plain = hk_case(county), register(county)
        fast, plain = act(county, fast, Action.TRANSFER), act(county, plain, Action.TRANSFER)
        fast, plain = act(county, fast, Action.ACCEPT), act(county, plain, Action.ACCEPT)

    def clocks(case: Case) -> list[tuple]:
        return sorted(case.deadlines.values_list("kind", "days", "day_unit", "started_on",
                                                 "due_on", "state", "article"))

    assert clocks(fast) == clocks(plain)
    handling = fast.deadlines.get(kind=DeadlineKind.HANDLING)
    assert handling.days == 60  # Art. 32: unchanged
    (target,) = case_targets(fast)
    assert target.deadline == handling and target.days == 30
    assert target.target_on == add_period(dt.date(2026, 3, 2), 30, working=False, rollover=True,
                                          calendar=load_calendar()).due_on
    assert target.target_on < handling.due_on
    assert case_targets(plain) == []


@override_settings(XINFANG_XBORDER_ANSWER_DAYS=60)
def test_a_target_never_lies_after_the_statutory_due_date(county):
    case = act(county, act(county, hk_case(county), Action.TRANSFER), Action.ACCEPT)
    (target,) = case_targets(case)
    assert target.target_on == target.deadline.due_on


def test_the_daily_reminder_once_per_clock_and_the_clock_untouched(county):
    with clock.frozen(dt.datetime(2026, 3, 2, 9)):
        case = act(county, act(county, hk_case(county), Action.TRANSFER), Action.ACCEPT)
        assert remind_targets() == "reminded 0"
    handling = case.deadlines.get(kind=DeadlineKind.HANDLING)
    before = (handling.due_on, handling.state, handling.breached_on)
    (target,) = case_targets(case)
    with clock.frozen(dt.datetime.combine(target.target_on + dt.timedelta(days=1), dt.time(8))):
        assert remind_targets() == "reminded 1"
        assert remind_targets() == "reminded 0"
    handling.refresh_from_db()
    assert (handling.due_on, handling.state, handling.breached_on) == before
    assert TargetReminder.objects.get(deadline=handling).target_on == target.target_on
    event = case.events.get(type="xborder.target_missed")
    assert str(handling.due_on) in event.text and str(target.target_on) in event.text


def test_a_case_taken_off_gets_no_reminder(county):
    with clock.frozen(dt.datetime(2026, 3, 2, 9)):
        case = act(county, act(county, hk_case(county), Action.TRANSFER), Action.ACCEPT)
        track_transition(track_id=case.fast_track.pk, action=A.TAKE_OFF,
                         actor=county.user(county.housing, Role.HANDLER),
                         params={"reason": "按普通程序办理"})
    with clock.frozen(dt.datetime(2026, 4, 20, 8)):
        assert remind_targets() == "reminded 0"
    assert case_targets(case) == []
