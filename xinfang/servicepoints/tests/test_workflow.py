"""Every allowed and forbidden step of the need workflow (role, scope, status, guards), turning a
need into a case, the overdue sweep."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from xinfang.cases.models import Case, CaseEvent, Channel
from xinfang.core import clock, crypto
from xinfang.core.errors import GuardFailed, IllegalTransition, InvalidParams, PermissionDenied
from xinfang.core.workflow import SYSTEM_ACTOR
from xinfang.notifications.models import Notification
from xinfang.orgs.models import Role
from xinfang.orgs.services import staff_create
from xinfang.servicepoints.models import Need, NeedEvent, Provider, ProviderKind
from xinfang.servicepoints.selectors import visible_needs
from xinfang.servicepoints.states import NeedStatus
from xinfang.servicepoints.tasks import escalate_overdue

from .helpers import (
    A,
    assign,
    finish,
    petition,
    point,
    record,
    refer,
    service,
    staff_provider,
    step,
    worker,
)

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 11, 2, 9, 0)


@pytest.fixture
def frozen():
    with clock.frozen(START) as moment:
        yield moment


def test_record_puts_the_need_on_the_list_encrypted_with_its_time_limit(county, frozen, settings):
    settings.XINFANG_SERVICEPOINT_NEED_DAYS = 5
    n = record(county)
    assert n.status == NeedStatus.RECORDED and n.point == n.origin == point(county)
    assert n.number.startswith(f"{county.village.code}-XQ2026-")
    assert n.due_at == frozen + dt.timedelta(days=5)
    ev = NeedEvent.objects.get(need=n)
    assert ev.type == "servicepoint.status_changed" and ev.new_value == "recorded"
    # the visitor's name and phone are tokens in the table, clear in memory, masked for lists
    with connection.cursor() as cursor:
        cursor.execute("SELECT visitor_name, visitor_phone FROM servicepoints_need")
        raw = cursor.fetchone()
    assert "李四" not in raw[0] and crypto.decrypt(raw[0]) == "李四"
    assert "13912345678" not in raw[1]
    n = Need.objects.get(pk=n.pk)
    assert (n.visitor_display, n.phone_masked) == ("李*", "139****5678")


def test_record_refused_outside_the_points_staff_and_on_bad_input(county, other_county, frozen):
    p = point(county)
    with pytest.raises(PermissionDenied):  # a county department runs no service point
        record(county, p, actor=county.user(county.housing, Role.REGISTRAR))
    with pytest.raises(PermissionDenied):  # the township's approver does not record at the counter
        record(county, p, actor=county.user(county.township, Role.APPROVER))
    point(other_county)
    with pytest.raises(InvalidParams, match="服务点"):  # another township's point is not offered
        record(county, p, actor=worker(other_county))
    with pytest.raises(InvalidParams, match="需求内容"):
        record(county, p, text="")
    with pytest.raises(InvalidParams, match="电话"):
        record(county, p, visitor_phone="abc")
    assert not Need.objects.exists()


def test_a_village_member_records_at_its_own_point(county, frozen):
    clerk = staff_create(username="av1_registrar", unit=county.village, roles=[Role.REGISTRAR])
    n = record(county, actor=clerk)
    assert n.recorded_by == clerk
    township_point = point(county, village=False)
    with pytest.raises(InvalidParams):  # the village's clerk does not run the township's point
        record(county, township_point, actor=clerk)


def test_assign_start_finish_with_what_was_done_and_satisfaction(county, frozen):
    n = record(county)
    with pytest.raises(IllegalTransition):  # not assigned yet
        step(n, A.START, worker(county))
    n = assign(county, n)
    assert n.status == NeedStatus.ASSIGNED and n.service.name == "评理调解"
    assert n.provider == staff_provider(n.point)
    n = assign(county, n, "心理疏导")  # 改派: assigned again
    assert n.service.name == "心理疏导"
    n = step(n, A.START, worker(county), note="已约双方见面")
    assert n.status == NeedStatus.IN_PROGRESS
    with pytest.raises(InvalidParams, match="群众满意度"):
        step(n, A.FINISH, worker(county), outcome="已调解成功。")
    n = step(n, A.FINISH, county.user(county.township, Role.APPROVER),
             outcome="经调解，双方同意拆除加建部分。", satisfaction="basic")
    assert (n.status, n.satisfaction, n.ended_at) == (NeedStatus.DONE, "basic", frozen)
    for action in (A.ASSIGN, A.START, A.FINISH, A.REFER, A.PETITION, A.WITHDRAW):
        with pytest.raises(IllegalTransition):
            step(n, action, worker(county))
    texts = [e.text for e in n.events.order_by("pk")]
    assert "服务项目：评理调解" in texts[1] and "群众评价：基本满意" in texts[-1]


def test_finish_directly_from_assigned(county, frozen):
    n = assign(county, record(county))
    n = step(n, A.FINISH, worker(county), outcome="当场代办完毕。", satisfaction="satisfied")
    assert n.status == NeedStatus.DONE


def test_assign_only_the_points_own_service_and_a_provider_who_offers_it(county, frozen):
    n = record(county)
    p = n.point
    lawyer = p.providers.get(kind=ProviderKind.LAWYER)
    with pytest.raises(GuardFailed, match="不提供"):
        step(n, A.ASSIGN, worker(county), service=service(p).pk, provider=lawyer.pk)
    other = point(county, village=False)
    with pytest.raises(GuardFailed, match="不是本服务点的服务项目"):
        step(n, A.ASSIGN, worker(county), service=service(other).pk)
    with pytest.raises(GuardFailed, match="不是本服务点的服务人员"):
        step(n, A.ASSIGN, worker(county), service=service(p).pk,
             provider=staff_provider(other).pk)
    n = step(n, A.ASSIGN, worker(county), service=service(p, "法律服务").pk, provider=lawyer.pk)
    assert n.provider == lawyer and n.provider.display_name == "赵律师"
    n = step(n, A.ASSIGN, worker(county), service=service(p).pk)  # nobody named yet
    assert n.provider is None


def test_steps_refused_to_other_units_roles_and_outside_the_reach(county, other_county, frozen):
    n = record(county)
    with pytest.raises(Need.DoesNotExist):  # a county department: outside its reach, 404
        step(n, A.WITHDRAW, county.user(county.housing, Role.HANDLER), reason="不需要了")
    with pytest.raises(PermissionDenied):  # a leader of the township
        step(n, A.WITHDRAW, county.leader(county.township), reason="不需要了")
    with pytest.raises(Need.DoesNotExist):  # another county: 404
        step(n, A.WITHDRAW, worker(other_county), reason="不需要了")
    # the county bureau sees it (its jurisdiction), but does not act at the point
    bureau = county.user(county.bureau, Role.REGISTRAR)
    assert visible_needs(bureau).filter(pk=n.pk).exists()
    with pytest.raises(PermissionDenied):
        step(n, A.WITHDRAW, bureau, reason="不需要了")
    assert not visible_needs(worker(other_county)).exists()
    assert Need.objects.get(pk=n.pk).status == NeedStatus.RECORDED


def test_refer_moves_a_village_need_to_the_township_point_which_solves_it(county, frozen):
    n = assign(county, record(county))
    with pytest.raises(GuardFailed, match="没有启用的服务点"):  # no township point yet
        step(n, A.REFER, worker(county), reason="涉及宅基地界址。")
    township = point(county, village=False)
    with clock.frozen(START + dt.timedelta(days=3)):
        n = refer(county, n)
    assert (n.status, n.point, n.origin) == (NeedStatus.REFERRED, township, point(county))
    assert n.service is None and n.provider is None
    assert n.due_at == frozen + dt.timedelta(days=3 + 7)  # counted again from the referral
    told = Notification.objects.filter(subject__contains=n.number)
    assert told.exists() and {x.user.unit for x in told} == {county.township}
    assert "李四" not in " ".join(x.body for x in told)  # no visitor's name in a message
    with pytest.raises(IllegalTransition):  # referred: the township assigns it first
        step(n, A.START, worker(county))
    with pytest.raises(IllegalTransition):
        step(n, A.REFER, worker(county), reason="乡镇也解决不了。")
    n = assign(county, n)
    assert n.point == township and n.service.point == township
    with pytest.raises(GuardFailed, match="只有村"):  # the township's point refers nothing further
        step(n, A.REFER, worker(county), reason="乡镇也解决不了。")
    n = finish(county, n)
    assert n.status == NeedStatus.DONE and n.point == township


def test_a_village_clerk_loses_the_need_once_referred(county, frozen):
    clerk = staff_create(username="av1_registrar", unit=county.village, roles=[Role.REGISTRAR])
    point(county, village=False)
    n = record(county, actor=clerk)
    n = step(n, A.REFER, clerk, reason="村里解决不了。")
    with pytest.raises(PermissionDenied):
        step(n, A.WITHDRAW, clerk, reason="不需要了")


def test_petition_registers_a_case_through_the_registration_step_and_links_it(county, frozen):
    n = step(assign(county, record(county)), A.START, worker(county))
    with pytest.raises(PermissionDenied):  # registering is the registrar's or handler's
        step(n, A.PETITION, county.user(county.township, Role.APPROVER), title="通道纠纷",
            request="请求确认通道归属", purpose="request")
    with pytest.raises(InvalidParams, match="证件号码"):  # the registration's own checks, rolled back
        petition(county, n, id_number="123")
    assert not Case.objects.exists() and Need.objects.get(pk=n.pk).status == NeedStatus.IN_PROGRESS
    n = petition(county, n, id_number="11010519491231002X")
    case = n.case
    assert n.status == NeedStatus.PETITIONED and n.ended_at == frozen
    assert (case.channel, case.registered_by, case.title) == (
        Channel.VISIT, worker(county), "邻里通道纠纷调解不成")
    person = case.parties.get().petitioner
    assert (person.name, person.phone, person.id_number) == ("李四", "13912345678",
                                                             "11010519491231002X")
    ev = CaseEvent.objects.get(case=case, type="servicepoint.case_from_need")
    assert n.number in ev.text
    assert n.events.order_by("pk").last().data["case_number"] == case.number


def test_withdraw_from_every_open_status_with_a_reason(county, frozen):
    point(county, village=False)
    for reach in (lambda n: n, lambda n: assign(county, n),
                  lambda n: step(assign(county, n), A.START, worker(county)),
                  lambda n: refer(county, n)):
        n = reach(record(county))
        with pytest.raises(InvalidParams, match="撤回原因"):
            step(n, A.WITHDRAW, worker(county))
        n = step(n, A.WITHDRAW, worker(county), reason="双方已自行和解")
        assert n.status == NeedStatus.WITHDRAWN and n.ended_at == frozen
        with pytest.raises(IllegalTransition):
            step(n, A.WITHDRAW, worker(county), reason="再撤回")


def test_escalate_is_the_systems_and_needs_an_overdue_need(county, frozen):
    n = record(county)
    with pytest.raises(PermissionDenied, match="由系统自动执行"):
        step(n, A.ESCALATE, worker(county))
    with pytest.raises(GuardFailed, match="未逾期"):
        step(n, A.ESCALATE, SYSTEM_ACTOR)


def test_the_hourly_sweep_escalates_each_overdue_need_once_to_the_township_leader(county):
    leader = county.leader(county.township)
    with clock.frozen(START):
        late = record(county)
        done = finish(county, record(county))
    with clock.frozen(START + dt.timedelta(days=3)):
        later = record(county)
    with clock.frozen(START + dt.timedelta(days=6)):
        assert escalate_overdue() == "escalated 0"
    with clock.frozen(START + dt.timedelta(days=7, hours=1)):
        assert escalate_overdue() == "escalated 1"
        assert escalate_overdue() == "escalated 0"  # once
    assert Need.objects.get(pk=late.pk).escalated_at is not None
    assert Need.objects.get(pk=later.pk).escalated_at is None
    assert Need.objects.get(pk=done.pk).escalated_at is None
    told = Notification.objects.filter(user=leader, subject__contains="逾期")
    assert [x.subject.split()[-1] for x in told] == [late.number]
    assert NeedEvent.objects.filter(type="servicepoint.escalated").count() == 1


def test_a_provider_needs_a_name_or_an_account(county):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Provider(point=point(county), kind=ProviderKind.VOLUNTEER).full_clean()
    from xinfang.servicepoints.models import ServicePoint

    with pytest.raises(ValidationError):  # a point only in a township or a village
        ServicePoint(unit=county.housing, name="住建局超市").full_clean()
