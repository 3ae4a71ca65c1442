"""四诊合一接访 (Xiaoshan): fixed reception days, home visits planned and logged, 疑难分诊, 提级会诊,
化解 and 转为信访件 — every allowed and forbidden step."""

from __future__ import annotations

import datetime as dt

import pytest

from xinfang.cases.models import CaseEvent
from xinfang.core import clock
from xinfang.core.errors import GuardFailed, IllegalTransition, InvalidParams, PermissionDenied
from xinfang.notifications.models import Notification
from xinfang.orgs.models import Role
from xinfang.orgs.services import staff_create
from xinfang.servicepoints.models import Consult, ConsultEvent, ConsultKind, ReceptionDay, Weekday
from xinfang.servicepoints.selectors import visible_consults
from xinfang.servicepoints.states import ConsultAction as CA
from xinfang.servicepoints.states import ConsultStatus as CS

from .helpers import cstep, plan, receive, worker

pytestmark = pytest.mark.django_db
TUESDAY = dt.datetime(2026, 11, 3, 9, 0)  # a Tuesday


@pytest.fixture
def tuesday(county):  # noqa: ANN001, ANN201
    ReceptionDay.objects.create(unit=county.village, weekday=Weekday.TUESDAY, host="东街社区书记")
    with clock.frozen(TUESDAY) as moment:
        yield moment


def test_reception_days_come_every_week_from_today(county):
    day = ReceptionDay(unit=county.village, weekday=Weekday.TUESDAY, host="书记")
    assert day.next_dates(dt.date(2026, 11, 3), 3) == [dt.date(2026, 11, 3), dt.date(2026, 11, 10),
                                                       dt.date(2026, 11, 17)]
    assert day.next_dates(dt.date(2026, 11, 4), 1) == [dt.date(2026, 11, 10)]
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):  # a reception day is a village's
        ReceptionDay(unit=county.township, weekday=1, host="书记").full_clean()


def test_receive_on_the_reception_day_records_it(county, tuesday):
    c = receive(county)
    assert (c.status, c.kind, c.reception.weekday) == (CS.HEARD, ConsultKind.SITTING, 1)
    assert c.number.startswith(f"{county.village.code}-SZ2026-")
    with clock.frozen(TUESDAY + dt.timedelta(days=1)):  # heard on another day: no reception day
        assert receive(county).reception is None
    assert "固定坐诊" in ConsultEvent.objects.filter(consult=c).get().text


def test_create_refused_outside_the_village_and_on_bad_input(county, other_county, tuesday):
    with pytest.raises(PermissionDenied):  # a county department
        receive(county, actor=county.user(county.housing, Role.REGISTRAR))
    with pytest.raises(PermissionDenied):  # an approver does not record at the counter
        receive(county, actor=county.user(county.township, Role.APPROVER))
    with pytest.raises(InvalidParams, match="村（社区）"):  # another county's village
        receive(county, actor=worker(other_county))
    with pytest.raises(InvalidParams, match="反映的问题"):
        receive(county, text="")
    with pytest.raises(InvalidParams, match="计划巡诊日期"):
        plan(county, planned_on="not a date")
    assert not Consult.objects.exists()


def test_home_visit_planned_then_logged_or_cancelled(county, tuesday):
    c = plan(county)
    assert (c.status, c.kind, c.planned_on) == (CS.PLANNED, ConsultKind.HOME,
                                                dt.date(2026, 11, 5))
    for action in (CA.ROUTE, CA.CONVENE, CA.RESOLVE, CA.PETITION):
        with pytest.raises(IllegalTransition):
            cstep(c, action, worker(county))
    c = cstep(c, CA.VISIT, worker(county), text="孙家对征迁补偿款分配有意见。", visitor_name="孙六")
    assert (c.status, c.visitor_name) == (CS.HEARD, "孙六")
    other = cstep(plan(county), CA.CANCEL, worker(county), reason="农户外出")
    assert other.status == CS.CANCELLED and other.ended_at == tuesday
    for action in CA:
        if action in (CA.RECEIVE, CA.PLAN):
            continue
        with pytest.raises(IllegalTransition):
            cstep(other, action, worker(county))


def test_route_then_convene_then_resolve_tells_the_units(county, tuesday):
    leader = county.leader(county.township)
    c = receive(county)
    c = cstep(c, CA.ROUTE, worker(county), units=[county.township.pk, county.housing.pk], days=10)
    assert c.status == CS.ROUTED and c.route_due == dt.date(2026, 11, 13)
    assert set(c.units.all()) == {county.township, county.housing}
    told = Notification.objects.filter(subject__contains=c.number)
    assert {n.user.unit for n in told} == {county.township, county.housing}
    assert "钱五" not in " ".join(n.body for n in told)
    # the routed department sees it, does not act on it
    housing = county.user(county.housing, Role.HANDLER)
    assert visible_consults(housing).filter(pk=c.pk).exists()
    with pytest.raises(PermissionDenied):
        cstep(c, CA.RESOLVE, housing, outcome="已化解完毕。")
    with pytest.raises(InvalidParams, match="会诊日期"):
        cstep(c, CA.CONVENE, leader, units=[county.political_legal.pk])
    c = cstep(c, CA.CONVENE, leader, units=[county.political_legal.pk], meeting_on="2026-11-10",
              note="专班会商")
    assert c.status == CS.CONSULTING and c.meeting_on == dt.date(2026, 11, 10)
    assert Notification.objects.filter(user=leader, subject__contains="提级会诊").exists()
    with pytest.raises(IllegalTransition):
        cstep(c, CA.ROUTE, worker(county), units=[county.housing.pk], days=5)
    c = cstep(c, CA.RESOLVE, worker(county), outcome="联合会诊后勘界确认，双方签字认可。")
    assert c.status == CS.RESOLVED and c.ended_at == tuesday
    with pytest.raises(IllegalTransition):
        cstep(c, CA.RESOLVE, worker(county), outcome="再次化解。")


def test_route_and_convene_only_to_units_of_the_county(county, other_county, tuesday):
    c = receive(county)
    with pytest.raises(InvalidParams, match="分诊单位"):
        cstep(c, CA.ROUTE, worker(county), units=[other_county.housing.pk], days=10)
    with pytest.raises(PermissionDenied):  # the county bureau sees it but does not run the village
        cstep(c, CA.CONVENE, county.user(county.bureau, Role.APPROVER), units=[county.housing.pk],
              meeting_on="2026-11-10")


def test_petition_registers_a_case_and_links_it(county, tuesday):
    c = receive(county)
    c = cstep(c, CA.PETITION, worker(county), title="宅基地边界纠纷", request="请求确认边界",
              purpose="request")
    assert c.status == CS.PETITIONED and c.case.channel == "visit"
    assert c.case.parties.get().petitioner.name == "钱五"
    assert CaseEvent.objects.filter(case=c.case, type="servicepoint.case_from_consult").exists()


def test_a_home_visit_without_a_name_is_not_a_petition_yet(county, tuesday):
    c = cstep(plan(county), CA.VISIT, worker(county), text="邻里因排水沟有矛盾。")
    with pytest.raises(GuardFailed, match="群众姓名"):
        cstep(c, CA.PETITION, worker(county), title="排水沟", request="请求处理", purpose="request")


def test_a_village_secretary_acts_on_its_own_village_only(county, tuesday):
    secretary = staff_create(username="av1_approver", unit=county.village, roles=[Role.APPROVER])
    c = receive(county)
    c = cstep(c, CA.ROUTE, secretary, units=[county.township.pk], days=7)
    assert c.status == CS.ROUTED
    with pytest.raises(Consult.DoesNotExist):  # a unit neither of the village nor routed to: 404
        cstep(c, CA.RESOLVE, county.user(county.discipline, Role.HANDLER), outcome="已化解。")
