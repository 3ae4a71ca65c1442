"""Art. 24 jurisdiction disputes: the common superior computed from the unit tree, every allowed
and forbidden step with its article, the case waiting on the decision with its clocks running, and
the decision carried out by the case workflow's own 转送."""

from __future__ import annotations

import pytest

from xinfang.cases.models import Case, CaseEvent, Purpose
from xinfang.cases.scenarios import drive_to
from xinfang.cases.states import Action as CaseAction
from xinfang.cases.states import Status
from xinfang.cases.workflow import CASES, case_transition
from xinfang.core import workflow as engine
from xinfang.core.errors import (
    ConfidentialityViolation,
    DomainError,
    GuardFailed,
    InvalidParams,
    PermissionDenied,
)
from xinfang.deadlines.models import Deadline
from xinfang.deadlines.rules import DeadlineKind
from xinfang.institutions.disputes import DISPUTES, decider_for, dispute_raise, dispute_transition
from xinfang.institutions.models import JurisdictionDispute
from xinfang.institutions.states import DisputeAction, DisputeStatus
from xinfang.notifications.models import Notification
from xinfang.orgs.models import Level, Role, UnitType
from xinfang.orgs.selectors import common_superior
from xinfang.orgs.services import unit_create

from .conftest import DISPUTE, conference_of, raise_dispute

# ---- the common superior (共同的上一级机关、单位) ----------------------------------------------------


def test_art24_siblings_share_their_government(county):
    assert common_superior([county.housing, county.township]) == county.county
    assert common_superior([county.housing, county.bureau, county.political_legal]) == county.county


def test_art24_cousins_share_the_nearest_unit_above_both(county, other_county):
    # a village (under the township) and a county department: the county government
    assert common_superior([county.village, county.housing]) == county.county
    # departments of two counties of one city: the city government
    assert common_superior([county.housing, other_county.township]) == county.city


def test_art24_units_at_different_levels(county):
    city_dept = unit_create(name="某市交通运输局", code="ACJT", level=Level.CITY,
                            unit_type=UnitType.DEPARTMENT, parent=county.city)
    assert common_superior([county.housing, city_dept]) == county.city
    assert common_superior([county.village, city_dept]) == county.city
    # a unit and its own government: the level above that government, never a party itself
    assert common_superior([county.county, county.housing]) == county.city
    assert common_superior([county.city, county.village]) == county.province


def test_art24_no_common_superior_goes_to_the_common_joint_conference(county):
    """Two trees: no unit above both; the joint conference every party sits in coordinates."""
    outside = unit_create(name="某垂直管理单位", code="VX", level=Level.COUNTY,
                          unit_type=UnitType.DEPARTMENT)
    assert common_superior([county.housing, outside]) is None
    assert decider_for([county.housing, outside]) == (None, None)
    conference = conference_of(county)
    conference.members.add(outside)
    assert decider_for([county.housing, outside]) == (county.county, conference)
    assert decider_for([county.housing, county.township]) == (county.county, None)


# ---- raising -------------------------------------------------------------------------------------

def test_art24_raise_names_the_decider_and_the_case_waits_with_its_clock_running(county):
    case = drive_to(county, Status.REGISTERED)
    clock_before = Deadline.objects.get(case=case, kind=DeadlineKind.INTAKE)
    dispute = raise_dispute(county, case=case)
    assert (dispute.status, dispute.decider, dispute.conference) == (
        DisputeStatus.PENDING, county.county, None)
    assert set(dispute.parties.all()) == {county.housing, county.township}
    event = CaseEvent.objects.get(case=case, type="dispute.step")
    assert (event.action, event.new_value, event.note) == ("raise", "pending", DISPUTE["reason"])
    assert county.county.name in event.text and county.housing.name in event.text
    assert Notification.objects.filter(user__unit=county.county, subject__contains="受理争议").exists()
    # the case waits: the steps deciding who handles it are refused, and not offered
    registrar = county.user(county.bureau, Role.REGISTRAR)
    with pytest.raises(GuardFailed, match="第24条"):
        case_transition(case_id=case.pk, action=CaseAction.TRANSFER, actor=registrar,
                        params={"unit": county.housing.pk, "note": "x"})
    handler = county.user(county.bureau, Role.HANDLER)
    for action in (CaseAction.TRANSFER, CaseAction.ASSIGN, CaseAction.ACCEPT, CaseAction.NOT_ACCEPT,
                   CaseAction.TAKE_UP, CaseAction.ROUTE):
        err = engine.refusal(CASES, case, action, handler)
        assert isinstance(err, GuardFailed) and "第24条" in str(err), action
    assert CaseAction.TRANSFER not in {t.action for t in CASES.available(registrar, case)}
    # Art. 24 excludes no time: the 15-day clock of Art. 22 is not paused
    clock_after = Deadline.objects.get(case=case, kind=DeadlineKind.INTAKE)
    assert (clock_after.state, clock_after.due_on, clock_after.paused_since) == (
        clock_before.state, clock_before.due_on, None)


def test_art24_the_offered_steps_read_the_dispute_once_and_never_a_stale_one(
        county):
    """The six guarded steps share one read of the open dispute while a page asks what to offer
    (core.workflow.shared_read); a dispute raised after that look still stops the next step."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    case = drive_to(county, Status.REGISTERED)
    handler = county.user(county.bureau, Role.HANDLER)
    # given a page's look at a registered case without a dispute: the six steps offered,
    with CaptureQueriesContext(connection) as look:
        offered = {t.action for t in CASES.available(handler, case)}
    reads = [q for q in look.captured_queries if "institutions_jurisdictiondispute" in q["sql"]]
    assert {CaseAction.ACCEPT, CaseAction.NOT_ACCEPT, CaseAction.ASSIGN} <= offered
    assert len(reads) == 1, reads  # one read for the six guarded steps, not six
    # when a dispute is raised on the same case object after that look,
    raise_dispute(county, case=case)
    # then the next look, each refusal and the step itself see it (no read is kept across looks)
    assert not {CaseAction.ACCEPT, CaseAction.NOT_ACCEPT, CaseAction.ASSIGN,
                CaseAction.TRANSFER} & {t.action for t in CASES.available(handler, case)}
    assert isinstance(engine.refusal(CASES, case, CaseAction.ACCEPT, handler), GuardFailed)
    with pytest.raises(GuardFailed, match="第24条"):
        case_transition(case_id=case.pk, action=CaseAction.TRANSFER,
                        actor=county.user(county.bureau, Role.REGISTRAR),
                        params={"unit": county.housing.pk, "note": "x"})


def test_art24_a_step_taken_inside_a_pages_look_reads_the_dispute_afresh(county):
    """A page's look (core.workflow.one_look: the case page) keeps the reads its panels share; a step
    taken while it lasts does not use them: a dispute raised meanwhile still stops it."""
    case = drive_to(county, Status.REGISTERED)
    registrar = county.user(county.bureau, Role.REGISTRAR)
    with engine.one_look():
        # given a look that found no dispute (the transfer offered, the read kept for the page)
        assert engine.refusal(CASES, case, CaseAction.TRANSFER, registrar) is None
        # when a dispute is raised during the look
        raise_dispute(county, case=case)
        # then the look still answers from its read, but the step itself reads afresh and refuses
        assert engine.refusal(CASES, case, CaseAction.TRANSFER, registrar) is None
        with pytest.raises(GuardFailed, match="第24条"):
            case_transition(case_id=case.pk, action=CaseAction.TRANSFER, actor=registrar,
                            params={"unit": county.housing.pk, "note": "x"})


def test_art24_only_a_registered_case_not_yet_sent(county):
    accepted = drive_to(county, Status.ACCEPTED)  # housing holds and accepted it
    with pytest.raises(GuardFailed, match="第23条第三款"):
        dispute_raise(case_id=accepted.pk, actor=county.user(county.housing, Role.HANDLER),
                      params={**DISPUTE, "parties": [county.housing.pk, county.township.pk]})


def test_art24_one_open_dispute_per_case(county):
    dispute = raise_dispute(county)
    with pytest.raises(GuardFailed, match="待决定"):
        raise_dispute(county, case=dispute.case)


def test_art24_two_parties_at_least(county):
    with pytest.raises(InvalidParams, match="两个或者两个以上"):
        raise_dispute(county, parties=[county.housing])


def test_art24_parties_beyond_the_holders_reach_are_refused(county, other_county):
    with pytest.raises(GuardFailed, match="可转送的范围"):
        raise_dispute(county, parties=[county.housing, other_county.housing])


def test_art30_the_accused_unit_is_never_a_party(county):
    case = drive_to(county, Status.REGISTERED, purpose=Purpose.ACCUSATION,
                    accused_unit=county.township)
    with pytest.raises(ConfidentialityViolation, match="第30条"):
        raise_dispute(county, case=case)
    assert not JurisdictionDispute.objects.exists()


@pytest.mark.parametrize("role", [Role.REGISTRAR, Role.HANDLER, Role.APPROVER])
def test_art24_the_holders_staff_raise(county, role):
    case = drive_to(county, Status.REGISTERED)
    dispute = dispute_raise(case_id=case.pk, actor=county.user(county.bureau, role),
                            params={**DISPUTE, "parties": [county.housing.pk, county.township.pk]})
    assert dispute.raised_by_unit == county.bureau


def test_art24_a_unit_that_does_not_hold_the_case_does_not_raise(county, other_county):
    case = drive_to(county, Status.REGISTERED)
    params = {**DISPUTE, "parties": [county.housing.pk, county.township.pk]}
    with pytest.raises(PermissionDenied):  # the government sees the case, does not hold it
        dispute_raise(case_id=case.pk, actor=county.user(county.county, Role.APPROVER),
                      params=params)
    with pytest.raises(Case.DoesNotExist):
        dispute_raise(case_id=case.pk, actor=other_county.user(other_county.bureau,
                                                                Role.REGISTRAR), params=params)


# ---- deciding and carrying out ---------------------------------------------------------------------

def test_art24_decided_elsewhere_the_holder_transfers_through_the_case_workflow(county):
    dispute = raise_dispute(county)
    case = dispute.case
    decided = dispute_transition(dispute_id=dispute.pk, action=DisputeAction.DECIDE,
                                 actor=county.user(county.county, Role.APPROVER),
                                 params={"unit": county.housing.pk, "reason": "属维修资金监管职责"})
    assert (decided.status, decided.decided_unit) == (DisputeStatus.DECIDED, county.housing)
    assert Notification.objects.filter(user__unit=county.bureau, subject__contains="已决定").exists()
    registrar = county.user(county.bureau, Role.REGISTRAR)
    with pytest.raises(GuardFailed, match="第24条"):  # decided, not yet carried out: still waits
        case_transition(case_id=case.pk, action=CaseAction.ACCEPT, actor=registrar)
    done = dispute_transition(dispute_id=dispute.pk, action=DisputeAction.CARRY_OUT,
                              actor=registrar)
    assert done.status == DisputeStatus.SETTLED
    case.refresh_from_db()
    assert (case.status, case.holding_unit, case.handling_unit) == (
        Status.TRANSFERRED, county.housing, county.housing)
    routed = CaseEvent.objects.get(case=case, type="case.routed")
    assert (routed.action, routed.new_value) == ("transfer", county.housing.name)
    assert routed.note == "属维修资金监管职责"  # the decider's reason goes with the transfer
    assert case.documents.filter(kind="transfer").exists()  # the petitioner is told where it went
    steps = list(CaseEvent.objects.filter(case=case, type="dispute.step").order_by("pk")
                 .values_list("action", "new_value"))
    assert steps == [("raise", "pending"), ("decide", "decided"), ("carry_out", "settled")]
    assert county.housing.name in CaseEvent.objects.filter(case=case, type="dispute.step").last().text


def test_art24_decided_for_the_holder_the_system_ends_the_dispute(county):
    dispute = raise_dispute(county, parties=[county.bureau, county.housing])
    dispute_transition(dispute_id=dispute.pk, action=DisputeAction.DECIDE,
                       actor=county.leader(), params={"unit": county.bureau.pk, "reason": "信访局直接办理"})
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.SETTLED
    keep = CaseEvent.objects.filter(case=dispute.case, type="dispute.step").last()
    assert (keep.action, keep.actor) == ("keep", None)
    registrar = county.user(county.bureau, Role.REGISTRAR)
    assert CaseAction.TRANSFER in {t.action for t in CASES.available(registrar, dispute.case)}
    with pytest.raises(DomainError, match="无需转送|状态"):
        dispute_transition(dispute_id=dispute.pk, action=DisputeAction.CARRY_OUT, actor=registrar)


def test_art24_only_the_common_superiors_head_decides(county):
    dispute = raise_dispute(county)
    params = {"unit": county.housing.pk, "reason": "x"}
    for actor in (county.user(county.bureau, Role.APPROVER),  # the holder: a party's peer
                  county.user(county.housing, Role.APPROVER),  # a party
                  county.user(county.county, Role.HANDLER)):  # the superior, not its head
        with pytest.raises((PermissionDenied, JurisdictionDispute.DoesNotExist)):
            dispute_transition(dispute_id=dispute.pk, action=DisputeAction.DECIDE, actor=actor,
                               params=params)
    assert JurisdictionDispute.objects.get(pk=dispute.pk).status == DisputeStatus.PENDING


def test_art24_the_unit_decided_is_a_party(county):
    dispute = raise_dispute(county)
    with pytest.raises(GuardFailed, match="争议单位之一"):
        dispute_transition(dispute_id=dispute.pk, action=DisputeAction.DECIDE,
                           actor=county.user(county.county, Role.APPROVER),
                           params={"unit": county.political_legal.pk, "reason": "x"})


def test_art24_the_decider_does_not_carry_out(county):
    dispute = raise_dispute(county)
    approver = county.user(county.county, Role.APPROVER)
    dispute_transition(dispute_id=dispute.pk, action=DisputeAction.DECIDE, actor=approver,
                       params={"unit": county.housing.pk, "reason": "x"})
    with pytest.raises(PermissionDenied):
        dispute_transition(dispute_id=dispute.pk, action=DisputeAction.CARRY_OUT, actor=approver)


def test_art24_agreed_by_consultation_the_dispute_is_withdrawn_and_the_case_resumes(county):
    dispute = raise_dispute(county)
    done = dispute_transition(dispute_id=dispute.pk, action=DisputeAction.WITHDRAW,
                              actor=county.user(county.bureau, Role.APPROVER),
                              params={"reason": "经协商，住建局同意受理"})
    assert done.status == DisputeStatus.WITHDRAWN
    case = case_transition(case_id=dispute.case_id, action=CaseAction.TRANSFER,
                           actor=county.user(county.bureau, Role.REGISTRAR),
                           params={"unit": county.housing.pk, "note": "协商一致"})
    assert case.status == Status.TRANSFERRED


def test_art24_the_keep_step_is_the_systems_only(county):
    dispute = raise_dispute(county)
    JurisdictionDispute.objects.filter(pk=dispute.pk).update(status=DisputeStatus.DECIDED)
    with pytest.raises(PermissionDenied, match="由系统自动执行"):
        dispute_transition(dispute_id=dispute.pk, action=DisputeAction.KEEP,
                           actor=county.user(county.bureau, Role.REGISTRAR))
    offered = [t.action for t in DISPUTES.available(county.user(county.county, Role.APPROVER),
                                                    JurisdictionDispute.objects.get(pk=dispute.pk))]
    assert offered == []
