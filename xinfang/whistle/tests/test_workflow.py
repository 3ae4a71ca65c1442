"""Every allowed and forbidden step of 吹哨报到 (role, scope, state), the overdue sweep, the figures."""

from __future__ import annotations

import datetime as dt

import pytest

from xinfang.core import clock
from xinfang.core.errors import GuardFailed, IllegalTransition, InvalidParams, PermissionDenied
from xinfang.core.workflow import SYSTEM_ACTOR
from xinfang.notifications.models import Notification
from xinfang.orgs.models import Role
from xinfang.whistle.models import Whistle, WhistleEvent, WhistleReport
from xinfang.whistle.selectors import figures, to_report, visible_whistles
from xinfang.whistle.states import ReportStatus, WhistleStatus
from xinfang.whistle.tasks import escalate_overdue
from xinfang.whistle.workflow import township_of

from .helpers import A, close, dept_user, grid, raise_whistle, step, worker

START = dt.datetime(2026, 11, 2, 9, 0)


@pytest.fixture
def frozen():
    with clock.frozen(START) as moment:
        yield moment


def test_raise_whistles_to_each_department_with_its_deadline(county, frozen):
    w = raise_whistle(county, hours=6)
    assert w.status == WhistleStatus.WHISTLED and w.unit == county.township
    rows = list(w.reports.order_by("unit_id"))
    assert [r.unit for r in rows] == sorted([county.housing, county.political_legal],
                                            key=lambda u: u.pk)
    assert all(r.status == ReportStatus.PENDING and r.due_at == frozen + dt.timedelta(hours=6)
               for r in rows)
    ev = WhistleEvent.objects.get(whistle=w)
    assert ev.type == "whistle.status_changed" and ev.new_value == "whistled"
    assert county.housing.name in ev.text
    told = Notification.objects.filter(subject__contains=w.number)
    assert {n.user.unit for n in told} == {county.housing, county.political_legal}


def test_raise_takes_the_configured_hours_by_default(county, frozen, settings):
    settings.XINFANG_WHISTLE_REPORT_HOURS = 48
    w = raise_whistle(county, hours=None)
    assert {r.due_at for r in w.reports.all()} == {frozen + dt.timedelta(hours=48)}


def test_raise_refused_to_a_department_a_wrong_role_and_bad_input(county, frozen):
    g = grid(county)
    params = {"grid": g.pk, "place": "东街", "text": "井盖破损下陷", "units": [county.housing.pk]}
    from xinfang.whistle.workflow import whistle_create

    with pytest.raises(PermissionDenied):  # no grid in a county department's reach
        whistle_create(actor=dept_user(county, county.housing), params=params)
    with pytest.raises(PermissionDenied):  # the township's approver is not a grid worker
        whistle_create(actor=county.user(county.township, Role.APPROVER), params=params)
    with pytest.raises(InvalidParams):  # no department
        whistle_create(actor=worker(county), params={**params, "units": []})
    with pytest.raises(InvalidParams, match="吹哨部门"):  # its own unit: not offered
        whistle_create(actor=worker(county), params={**params, "units": [county.township.pk]})
    assert not Whistle.objects.exists()


def test_raise_from_a_grid_outside_the_reach_is_refused(county, other_county, frozen):
    theirs = grid(other_county, name="B网格")
    with pytest.raises(PermissionDenied):  # no grid of its own: nothing to whistle from
        raise_whistle(county, g=theirs)
    grid(county)
    with pytest.raises(InvalidParams):  # another county's grid is not offered
        raise_whistle(county, g=theirs)
    with pytest.raises(InvalidParams, match="吹哨部门"):  # nor another county's departments
        raise_whistle(county, units=[other_county.housing])
    assert not Whistle.objects.exists()


def test_each_department_reports_then_acts_once(county, frozen):
    w = raise_whistle(county)
    housing = dept_user(county, county.housing)
    with pytest.raises(GuardFailed, match="请先报到"):
        step(w, A.ACT, housing)
    step(w, A.REPORT, housing, note="已派员")
    row = w.reports.get(unit=county.housing)
    assert row.status == ReportStatus.REPORTED and row.reported_by == housing
    with pytest.raises(GuardFailed, match="已报到"):
        step(w, A.REPORT, housing)
    step(w, A.ACT, housing)
    row.refresh_from_db()
    assert row.status == ReportStatus.ACTED and row.action_taken
    with pytest.raises(GuardFailed, match="已记录处置"):
        step(w, A.ACT, housing)
    # the other department's row is untouched
    assert w.reports.get(unit=county.political_legal).status == ReportStatus.PENDING
    assert list(WhistleEvent.objects.filter(whistle=w).values_list("type", "action")) == [
        ("whistle.status_changed", "raise"), ("whistle.department", "report"),
        ("whistle.department", "act")]


def test_report_refused_to_the_wrong_role_unit_and_outside_the_reach(county, other_county, frozen):
    w = raise_whistle(county, units=[county.housing])
    with pytest.raises(PermissionDenied):  # a registrar of the department
        step(w, A.REPORT, county.user(county.housing, Role.REGISTRAR))
    with pytest.raises(PermissionDenied):  # the raising township is not whistled to
        step(w, A.REPORT, county.user(county.township, Role.HANDLER))
    with pytest.raises(Whistle.DoesNotExist):  # another county's housing department: 404
        step(w, A.REPORT, other_county.user(other_county.housing, Role.HANDLER))
    assert w.reports.get().status == ReportStatus.PENDING


def test_confirm_only_by_the_raising_unit_once_every_department_acted(county, frozen):
    w = raise_whistle(county)
    with pytest.raises(GuardFailed, match="尚未处置完毕"):
        step(w, A.CONFIRM, worker(county))
    for unit in (county.housing, county.political_legal):
        step(w, A.REPORT, dept_user(county, unit))
        step(w, A.ACT, dept_user(county, unit))
    with pytest.raises(PermissionDenied):
        step(w, A.CONFIRM, dept_user(county, county.housing))
    with clock.frozen(START + dt.timedelta(hours=36)):
        w = step(w, A.CONFIRM, worker(county), note="已确认")
    assert w.status == WhistleStatus.CLOSED and w.days_to_close == 1.5
    for action in (A.REPORT, A.ACT, A.CONFIRM):
        with pytest.raises(IllegalTransition):
            step(w, action, dept_user(county, county.housing))


def test_escalate_is_the_systems_and_needs_an_overdue_report(county, frozen):
    w = raise_whistle(county)
    with pytest.raises(PermissionDenied, match="由系统自动执行"):
        step(w, A.ESCALATE, worker(county))
    with pytest.raises(GuardFailed, match="没有逾期"):
        step(w, A.ESCALATE, SYSTEM_ACTOR)


def test_the_hourly_sweep_escalates_each_overdue_report_once_to_the_township_leader(county):
    leader = county.leader(county.township)
    with clock.frozen(START):
        w = raise_whistle(county, hours=4)
        late = raise_whistle(county, hours=4)
        step(w, A.REPORT, dept_user(county, county.political_legal))  # on time
        on_time = raise_whistle(county, hours=48)
    with clock.frozen(START + dt.timedelta(hours=3)):
        assert escalate_overdue() == "escalated 0"
    with clock.frozen(START + dt.timedelta(hours=5)):
        assert escalate_overdue() == "escalated 2"
        assert escalate_overdue() == "escalated 0"  # once
        mine = to_report(dept_user(county, county.housing), clock.now())
    escalated = WhistleReport.objects.filter(escalated_at__isnull=False)
    assert {(r.whistle_id, r.unit_id) for r in escalated} == {
        (w.pk, county.housing.pk), (late.pk, county.housing.pk), (late.pk, county.political_legal.pk)}
    assert not on_time.reports.filter(escalated_at__isnull=False).exists()
    told = Notification.objects.filter(user=leader, subject__contains="逾期")
    assert {n.subject.split()[-1] for n in told} == {w.number, late.number}
    assert WhistleEvent.objects.filter(type="whistle.escalated").count() == 2
    # the department's list: the overdue ones first, then by deadline
    assert [r.whistle_id for r in mine] == [w.pk, late.pk, on_time.pk]


def test_township_of_a_community_grid_is_its_township(county):
    assert township_of(county.village) == county.township
    assert township_of(county.township) == county.township


def test_visibility_raising_township_and_whistled_departments_only(county, other_county, frozen):
    w = raise_whistle(county, units=[county.housing])
    assert visible_whistles(worker(county)).filter(pk=w.pk).exists()
    assert visible_whistles(dept_user(county, county.housing)).filter(pk=w.pk).exists()
    assert not visible_whistles(other_county.user(other_county.township, Role.REGISTRAR)).exists()


def test_figures_match_a_hand_count(county, frozen):
    g2 = grid(county, name="海上网格")
    a = raise_whistle(county, units=[county.housing])  # closed after 2 days
    b = raise_whistle(county)  # housing + political-legal, closed after 4 days
    raise_whistle(county, units=[county.political_legal], g=g2)  # open
    with clock.frozen(START + dt.timedelta(days=2)):
        close(county, a)
    with clock.frozen(START + dt.timedelta(days=4)):
        close(county, b)
    total, by_grid, by_dept = figures(Whistle.objects.all())
    assert (total.whistled, total.closed, total.average_days) == (3, 2, 3.0)
    grids = {f.name: (f.whistled, f.closed, f.average_days) for f in by_grid}
    assert grids == {"东街第一网格": (2, 2, 3.0), "海上网格": (1, 0, None)}
    depts = {f.name: (f.whistled, f.closed, f.average_days) for f in by_dept}
    assert depts == {county.housing.name: (2, 2, 3.0), county.political_legal.name: (2, 1, 4.0)}
