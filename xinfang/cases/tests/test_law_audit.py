"""The law audit of issue 12, tried from the petitioner's side: each test names the article it protects.

Every test here reproduced a defect of the landed code before its fix (see docs/law-audit.md).
"""

import datetime as dt
import re

import pytest
from django.urls import reverse

from xinfang.cases.models import Case, CaseEvent, EventKind, Purpose
from xinfang.cases.scenarios import (
    act,
    drive_to,
    petitioner_data,
    register,
)
from xinfang.cases.selectors import case_get, visible_cases
from xinfang.cases.states import Action, Status
from xinfang.cases.workflow import case_transition, grant_access
from xinfang.core import clock
from xinfang.core.errors import (
    ConfidentialityViolation,
    GuardFailed,
    InvalidParams,
    PermissionDenied,
)
from xinfang.deadlines.models import Deadline, DeadlineState
from xinfang.deadlines.rules import DeadlineKind as K
from xinfang.deadlines.services import deadline_scan
from xinfang.documents.models import Document
from xinfang.orgs.models import Role

pytestmark = pytest.mark.django_db


def _do(county, case, action, actor_unit, role, **params):
    return case_transition(case_id=case.pk, action=action,
                           actor=county.user(actor_unit, role), params=params)


def _running(case, kind):
    return Deadline.objects.filter(case=case, kind=kind,
                                   state__in=["open", "due_soon", "overdue"]).first()


# --- Art. 30: an accusation naming a person ---------------------------------------------------

def _person_only_accusation(county):
    """As the portal records it: a free-text accused person, no unit."""
    return register(county, purpose=Purpose.ACCUSATION, accused_person="住建局干部王某",
                    title="反映住建局干部王某索要好处费",
                    facts_reasons="住建局干部王某在审批中索要好处费，有转账记录为证。")


def test_art30_accusation_naming_only_a_person_is_not_routed_before_its_unit_is_named(county):
    case = _person_only_accusation(county)
    with pytest.raises(GuardFailed, match="被反映人所在单位"):
        _do(county, case, Action.TRANSFER, county.bureau, Role.REGISTRAR, unit=county.housing.pk)
    assert not visible_cases(county.user(county.housing, Role.HANDLER)).filter(pk=case.pk).exists()


def test_art30_once_the_persons_unit_is_named_it_never_reaches_that_unit(county):
    case = _person_only_accusation(county)
    _do(county, case, Action.TRIAGE, county.bureau, Role.REGISTRAR,
        purpose=Purpose.ACCUSATION, accused_unit=county.housing.pk)
    with pytest.raises(ConfidentialityViolation, match="第30条"):
        _do(county, case, Action.TRANSFER, county.bureau, Role.REGISTRAR, unit=county.housing.pk)
    case = _do(county, case, Action.TRANSFER, county.bureau, Role.REGISTRAR,
               unit=county.discipline.pk)
    assert case.holding_unit == county.discipline
    with pytest.raises(Case.DoesNotExist):
        case_get(county.user(county.housing, Role.APPROVER), pk=case.pk)


def test_art30_a_triage_that_leaves_the_unit_empty_does_not_lift_the_protection(county):
    case = register(county, purpose=Purpose.ACCUSATION, accused_unit=county.township.pk,
                    accused_person="镇干部李某")
    case = _do(county, case, Action.TRIAGE, county.bureau, Role.REGISTRAR,
               purpose=Purpose.ACCUSATION, legal_route="discipline")
    assert case.accused_unit == county.township


def test_art30_changing_the_purpose_away_needs_an_approver_a_reason_and_an_event(county):
    case = register(county, purpose=Purpose.ACCUSATION, accused_unit=county.township.pk,
                    accused_person="镇干部李某", registrar=county.user(county.bureau, Role.REGISTRAR))
    with pytest.raises(PermissionDenied, match="审批人"):
        _do(county, case, Action.TRIAGE, county.bureau, Role.REGISTRAR, purpose=Purpose.REQUEST,
            reason="实为求决")
    with pytest.raises(GuardFailed, match="理由"):
        _do(county, case, Action.TRIAGE, county.bureau, Role.APPROVER, purpose=Purpose.REQUEST)
    assert Case.objects.get(pk=case.pk).purpose == Purpose.ACCUSATION
    case = _do(county, case, Action.TRIAGE, county.bureau, Role.APPROVER, purpose=Purpose.REQUEST,
               reason="经核实为低保待遇求决，不涉及检举")
    assert case.purpose == Purpose.REQUEST
    lifted = CaseEvent.objects.get(case=case, type="case.accusation_lifted")
    assert "低保待遇求决" in lifted.note and lifted.actor == county.user(county.bureau, Role.APPROVER)


def test_art30_no_access_grant_reaches_the_accused_unit_or_below(county):
    case = register(county, purpose=Purpose.ACCUSATION, accused_unit=county.township.pk,
                    accused_person="镇干部李某")
    for unit in (county.township, county.village):
        with pytest.raises(ConfidentialityViolation):
            grant_access(case, unit, "mediation")
    assert not visible_cases(county.user(county.township, Role.HANDLER)).filter(pk=case.pk).exists()


def test_art30_a_case_is_not_registered_at_the_accused_unit_itself(county):
    case = register(county, registrar=county.user(county.township, Role.REGISTRAR),
                    purpose=Purpose.ACCUSATION, accused_person="镇长某某")
    with pytest.raises(ConfidentialityViolation, match="被反映单位"):
        _do(county, case, Action.TRIAGE, county.township, Role.REGISTRAR,
            purpose=Purpose.ACCUSATION, accused_unit=county.township.pk)


def test_art30_another_countys_case_cannot_be_probed_by_number(county, other_county):
    theirs = register(other_county, purpose=Purpose.ACCUSATION,
                      accused_unit=other_county.township.pk, accused_person="某某")
    with pytest.raises(InvalidParams, match="管辖范围"):
        register(county, related_case=theirs.number)
    mine = register(county)
    with pytest.raises(InvalidParams, match="管辖范围"):
        _do(county, mine, Action.REFUSE_REPEAT, county.bureau, Role.REGISTRAR,
            earlier_case=theirs.number, same_facts=True, reason="同一事项")
    with pytest.raises(InvalidParams, match="管辖范围"):
        _do(county, mine, Action.NOT_ACCEPT_REPEAT, county.bureau, Role.REGISTRAR,
            earlier_case=theirs.number, reason="同一事项")


def test_art30_a_link_to_an_accusation_does_not_show_it_to_the_accused_unit(county, client):
    accusation = register(county, purpose=Purpose.ACCUSATION, accused_unit=county.township.pk,
                          accused_person="镇干部李某")
    other = register(county, related_case=accusation.number, title="低保审批拖延")
    other = _do(county, other, Action.TRANSFER, county.bureau, Role.REGISTRAR,
                unit=county.township.pk)
    client.force_login(county.user(county.township, Role.HANDLER))
    page = client.get(reverse("web:case", args=[other.number]))
    assert page.status_code == 200
    assert accusation.number not in page.content.decode()
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    assert accusation.number in client.get(reverse("web:case", args=[other.number])).content.decode()


# --- Art. 19 and Art. 36: two different refusals ---------------------------------------------

def test_art19_the_higher_unit_does_not_accept_a_repeat_while_the_earlier_is_handled(county):
    earlier = drive_to(county, Status.ACCEPTED)  # accepted by the housing bureau
    case = register(county)
    case = _do(county, case, Action.NOT_ACCEPT_REPEAT, county.bureau, Role.REGISTRAR,
               earlier_case=earlier.number, reason="该事项已由县住建局受理，正在办理期限内")
    assert case.status == Status.NOT_ACCEPTED
    notice = Document.objects.get(case=case, kind="repeat_refusal")
    assert "第十九条第三款" in notice.text and "第三十六条" not in notice.text
    assert county.housing.name in notice.text
    assert case.related_cases.filter(pk=earlier.pk).exists()


def test_art19_does_not_apply_at_the_same_unit(county):
    earlier = drive_to(county, Status.ACCEPTED)
    case = register(county, registrar=county.user(county.housing, Role.REGISTRAR))
    with pytest.raises(GuardFailed, match="上级"):
        _do(county, case, Action.NOT_ACCEPT_REPEAT, county.housing, Role.REGISTRAR,
            earlier_case=earlier.number, reason="重复")


def test_art19_does_not_apply_once_the_earlier_handling_period_has_run_out(county):
    earlier = drive_to(county, Status.ACCEPTED)
    due = _running(earlier, K.HANDLING).due_on
    with clock.frozen(due + dt.timedelta(days=1)):
        case = register(county)
        with pytest.raises(GuardFailed, match="届满"):
            _do(county, case, Action.NOT_ACCEPT_REPEAT, county.bureau, Role.REGISTRAR,
                earlier_case=earlier.number, reason="重复")


def test_art19_does_not_apply_to_a_rechecked_matter_and_art36_does_not_to_a_handled_one(county):
    handled = drive_to(county, Status.ACCEPTED)
    rechecked = drive_to(county, Status.RECHECKED)
    case = register(county)
    with pytest.raises(GuardFailed, match="第19条"):
        _do(county, case, Action.REFUSE_REPEAT, county.bureau, Role.REGISTRAR,
            earlier_case=handled.number, same_facts=True, reason="同一事项")
    with pytest.raises(GuardFailed, match="第36条"):
        _do(county, case, Action.NOT_ACCEPT_REPEAT, county.bureau, Role.REGISTRAR,
            earlier_case=rechecked.number, reason="同一事项")
    with pytest.raises(GuardFailed, match="同一事实和理由"):
        _do(county, case, Action.REFUSE_REPEAT, county.bureau, Role.REGISTRAR,
            earlier_case=rechecked.number, reason="同一事项")
    case = _do(county, case, Action.REFUSE_REPEAT, county.bureau, Role.REGISTRAR,
               earlier_case=rechecked.number, same_facts=True, reason="仍以同一事实和理由提出")
    assert case.status == Status.NOT_REACCEPTED
    notice = Document.objects.get(case=case, kind="no_reacceptance")
    assert "第三十六条第三款" in notice.text and "第十九条" not in notice.text


# --- Art. 23 ¶1-2: a unit receiving a petition directly ----------------------------------------

def test_art23_a_unit_that_received_a_petition_directly_can_transfer_it_within_its_system(county):
    case = register(county, registrar=county.user(county.county, Role.REGISTRAR))
    own = _running(case, K.ACCEPTANCE_NOTICE)
    assert own is not None and own.unit == county.county
    case = _do(county, case, Action.TRANSFER, county.county, Role.REGISTRAR,
               unit=county.housing.pk)
    own.refresh_from_db()
    assert own.state == DeadlineState.MET  # the transfer notice told the petitioner where it went
    assert Document.objects.filter(case=case, kind="transfer").exists()
    receiver = _running(case, K.ACCEPTANCE_NOTICE)
    assert receiver.unit == county.housing


def test_art23_no_notice_clock_when_name_and_address_are_unclear(county):
    person = petitioner_data(address="", phone="")
    case = register(county, registrar=county.user(county.housing, Role.REGISTRAR),
                    petitioners=[person])
    assert _running(case, K.ACCEPTANCE_NOTICE) is None
    assert CaseEvent.objects.filter(case=case, type="case.notice_not_owed").exists()
    with_phone = register(county, registrar=county.user(county.housing, Role.REGISTRAR),
                          petitioners=[petitioner_data(address="")])
    assert _running(with_phone, K.ACCEPTANCE_NOTICE) is not None


# --- Art. 23 ¶3: an objection is decided by the sending bureau ---------------------------------

def test_art23_an_objection_waits_for_the_sending_bureau_and_the_petitioners_clock_runs(county):
    case = drive_to(county, Status.TRANSFERRED)
    notice = _running(case, K.ACCEPTANCE_NOTICE)
    case = _do(county, case, Action.OBJECT, county.housing, Role.HANDLER,
               reason="反映的是物业服务合同纠纷，不属于本局职权")
    assert case.status == Status.OBJECTED and case.holding_unit == county.housing
    notice.refresh_from_db()
    assert notice.running  # not silently cancelled
    with pytest.raises(PermissionDenied):
        _do(county, case, Action.UPHOLD_OBJECTION, county.housing, Role.APPROVER, reason="同意")
    case = _do(county, case, Action.UPHOLD_OBJECTION, county.bureau, Role.REGISTRAR,
               reason="经核实，属街道职责")
    assert case.status == Status.REGISTERED and case.holding_unit == county.bureau
    notice.refresh_from_db()
    assert notice.state == DeadlineState.CANCELLED
    assert _running(case, K.INTAKE) is not None


def test_art23_an_objection_not_upheld_returns_to_the_receiver(county):
    case = drive_to(county, Status.ASSIGNED)
    case = _do(county, case, Action.OBJECT, county.housing, Role.HANDLER, reason="不属本局职权")
    case = _do(county, case, Action.REJECT_OBJECTION, county.bureau, Role.APPROVER,
               reason="经核实属住建局职责")
    assert case.status == Status.ASSIGNED and case.holding_unit == county.housing
    assert _running(case, K.ASSIGNMENT) is not None


def test_art23_the_objection_window_is_a_right_never_overdue(county):
    case = drive_to(county, Status.TRANSFERRED)
    window = _running(case, K.OBJECTION)
    with clock.frozen(window.due_on + dt.timedelta(days=3)):
        deadline_scan()
    window.refresh_from_db()
    assert window.state == DeadlineState.CANCELLED
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.DEADLINE_OVERDUE,
                                        data__kind=K.OBJECTION).exists()


# --- Art. 35/36: the right level ----------------------------------------------------------------

def test_art35_review_goes_to_the_next_level_of_the_answering_unit_only(county):
    case = drive_to(county, Status.ANSWERED)  # answered by the county housing bureau
    with pytest.raises(GuardFailed, match=county.county.name):
        _do(county, case, Action.REQUEST_REVIEW, county.city, Role.REGISTRAR,
            unit=county.city.pk)
    case = _do(county, case, Action.REQUEST_REVIEW, county.county, Role.REGISTRAR,
               unit=county.county.pk)
    assert case.holding_unit == county.county


def test_art36_recheck_goes_one_level_above_the_review_unit(county):
    case = drive_to(county, Status.REVIEWED)  # reviewed by the county government
    with pytest.raises(GuardFailed, match=county.city.name):
        _do(county, case, Action.REQUEST_RECHECK, county.city, Role.REGISTRAR,
            unit=county.province.pk)
    case = _do(county, case, Action.REQUEST_RECHECK, county.city, Role.REGISTRAR,
               unit=county.city.pk)
    assert case.holding_unit == county.city


def test_art35_36_the_request_form_offers_only_the_unit_the_law_names(county, client):
    # given a case answered by the county housing bureau, and one reviewed by the county
    from xinfang.cases.models import Opinion
    from xinfang.cases.selectors import action_form

    answered = drive_to(county, Status.ANSWERED)
    reviewed = drive_to(county, Status.REVIEWED)
    # then each request's picker offers the one unit its guard accepts, already chosen
    field = action_form(answered, Action.REQUEST_REVIEW).fields["unit"]
    assert list(field.queryset) == [county.county] and field.initial == county.county.pk
    rendered = str(action_form(reviewed, Action.REQUEST_RECHECK)["unit"])
    assert rendered.count("<option") == 2 and f'value="{county.city.pk}" selected' in rendered
    # on the page too; and a unit sent by hand is still refused by the guard, with its reason
    client.force_login(county.user(county.county, Role.REGISTRAR))
    page = client.get(reverse("web:case", args=[answered.number])).content.decode()
    select = re.search(r'<select name="request_review-unit".*?</select>', page, re.S).group(0)
    assert select.count("<option") == 2 and f'value="{county.county.pk}" selected' in select
    refused = client.post(reverse("web:case-act", args=[answered.number, "request_review"]),
                          {"request_review-unit": county.city.pk}, follow=True)
    assert refused.status_code in (200, 400) and "第35条" in refused.content.decode()
    assert Case.objects.get(pk=answered.pk).status == Status.ANSWERED
    # at the top of the tree there is no unit to offer, and the form says why
    answered.opinions.filter(stage=Opinion.Stage.HANDLING).update(unit=county.province)
    field = action_form(answered, Action.REQUEST_REVIEW).fields["unit"]
    assert not field.queryset.exists()
    assert county.province.name in str(field.help_text) and "第35条" in str(field.help_text)


# --- 简易办理 --------------------------------------------------------------------------------------

def _simplified(county, case):
    return _do(county, case, Action.TRIAGE, county.bureau, Role.REGISTRAR,
               purpose=Purpose.REQUEST, legal_route="petition", simplified=True)


def test_simplified_exclusions_hold_at_manual_triage(county):
    group = register(county, headcount=6, is_collective=True)
    with pytest.raises(GuardFailed, match="集体"):
        _simplified(county, group)
    repeat = register(county, is_first_time=False)
    with pytest.raises(GuardFailed, match="初次"):
        _simplified(county, repeat)
    with pytest.raises(GuardFailed, match="导入法定程序"):
        _do(county, register(county), Action.TRIAGE, county.bureau, Role.REGISTRAR,
            purpose=Purpose.REQUEST, legal_route="litigation", simplified=True)


def test_simplified_acceptance_notice_states_the_simplified_period(county):
    case = _simplified(county, register(county))
    case = act(county, case, Action.TRANSFER)
    case = act(county, case, Action.ACCEPT)
    text = Document.objects.get(case=case, kind="acceptance").text
    assert "10个工作日" in text and "60日内办结" not in text
    ordinary = act(county, act(county, register(county), Action.TRANSFER), Action.ACCEPT)
    assert "60日内办结" in Document.objects.get(case=ordinary, kind="acceptance").text


def test_simplified_case_converted_back_gets_ordinary_clocks_from_acceptance(county):
    case = act(county, _simplified(county, register(county)), Action.TRANSFER)
    accepted_on = dt.date(2026, 3, 2)
    with clock.frozen(accepted_on):
        case = act(county, case, Action.ACCEPT)
    short = _running(case, K.HANDLING)
    assert short.day_unit == "working" and short.days == 10
    with clock.frozen(accepted_on + dt.timedelta(days=5)):
        case = _do(county, case, Action.TO_ORDINARY, county.housing, Role.HANDLER,
                   reason="涉及多个部门，事实需进一步调查")
    handling = _running(case, K.HANDLING)
    assert not case.simplified
    assert (handling.started_on, handling.days, handling.day_unit) == (accepted_on, 60, "calendar")
    assert handling.due_on >= accepted_on + dt.timedelta(days=60)
    event = CaseEvent.objects.get(case=case, type="deadlines.rerule")
    assert (event.old_value, event.new_value) == (str(short.due_on), str(handling.due_on))



# --- through the browser -----------------------------------------------------------------------

def test_art23_objection_in_the_browser_reaches_the_sending_bureaus_queue(county, client):
    case = drive_to(county, Status.TRANSFERRED)
    client.force_login(county.user(county.housing, Role.HANDLER))
    page = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert "提出异议" in page and "核实同意异议" not in page
    client.post(reverse("web:case-act", args=[case.number, "object"]),
                {"object-reason": "属物业合同纠纷，不属本局职权"})
    assert Case.objects.get(pk=case.pk).status == Status.OBJECTED
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    assert case.number in client.get(reverse("web:queue")).content.decode()
    page = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert "核实同意异议" in page and "不同意异议" in page
    client.post(reverse("web:case-act", args=[case.number, "uphold_objection"]),
                {"uphold_objection-reason": "经核实属城关镇职责"})
    case.refresh_from_db()
    assert (case.status, case.holding_unit) == (Status.REGISTERED, county.bureau)


def test_internal_steps_cannot_be_taken_by_hand(county, client):
    """A handler may not pause their own handling clock (Art. 34): only a hearing or mediation does."""
    case = drive_to(county, Status.ACCEPTED)
    handler = county.user(county.housing, Role.APPROVER)
    client.force_login(handler)
    page = client.get(reverse("web:case", args=[case.number])).content.decode()
    assert "期限中止计算" not in page
    response = client.post(reverse("web:case-act", args=[case.number, "pause_clock"]),
                           {"pause_clock-kind": "handling", "pause_clock-reason": "太忙"})
    assert response.status_code == 404
    assert _running(case, K.HANDLING).paused_since is None
    api = client.post(f"/api/v1/cases/{case.number}/transitions/",
                      {"action": "pause_clock", "params": {"kind": "handling", "reason": "太忙"}},
                      content_type="application/json")
    assert api.status_code == 400
    assert _running(case, K.HANDLING).paused_since is None


def test_steps_the_case_state_forbids_are_not_offered(county):
    from xinfang.cases.selectors import available_actions

    accepted = drive_to(county, Status.ACCEPTED)
    approver = county.user(county.housing, Role.APPROVER)
    offered = available_actions(approver, accepted)
    assert Action.EXTEND in offered and Action.TO_ORDINARY not in offered  # not simplified
    accepted = act(county, accepted, Action.EXTEND)
    assert Action.EXTEND not in available_actions(approver, accepted)  # once only (Art. 34)
    simplified = act(county, _simplified(county, register(county)), Action.TRANSFER)
    assert Action.TO_ORDINARY in available_actions(county.user(county.housing, Role.HANDLER),
                                                   simplified)


def test_art30_a_linking_event_does_not_name_the_accusation_to_the_accused_unit(county, client):
    accusation = register(county, purpose=Purpose.ACCUSATION, accused_unit=county.township.pk,
                          accused_person="镇干部李某", title="反映镇干部收受好处费")
    other = register(county, title="低保审批拖延")
    _do(county, other, Action.LINK, county.bureau, Role.REGISTRAR,
        earlier_case=accusation.number, note="同一事项")
    other = _do(county, other, Action.TRANSFER, county.bureau, Role.REGISTRAR,
                unit=county.township.pk)
    client.force_login(county.user(county.township, Role.HANDLER))
    page = client.get(reverse("web:case", args=[other.number])).content.decode()
    assert accusation.number not in page and "收受好处费" not in page
    api = client.get(f"/api/v1/cases/{other.number}/").content.decode()
    assert accusation.number not in api and "收受好处费" not in api
    client.force_login(county.user(county.bureau, Role.REGISTRAR))
    assert accusation.number in client.get(reverse("web:case", args=[other.number])).content.decode()
