"""诉访分离 passes items on, it does not send people away (Art. 22 ¶2, 23, 28 ¶2, 30, 31)."""

import pytest

from xinfang.cases.models import CaseAccess, Channel, EventKind, Purpose, RouteFollowUp
from xinfang.cases.scenarios import drive_to, register
from xinfang.cases.states import Action, LegalRoute, Status
from xinfang.cases.workflow import case_transition
from xinfang.core.errors import ConfidentialityViolation, GuardFailed, InvalidParams
from xinfang.deadlines.models import RUNNING_STATES, DeadlineState
from xinfang.deadlines.rules import DeadlineKind
from xinfang.documents.kinds import DocumentKind
from xinfang.documents.render import docx_text
from xinfang.orgs.models import Role

pytestmark = pytest.mark.django_db


def _route(county, case, **params):  # noqa: ANN001, ANN003, ANN202
    return case_transition(case_id=case.pk, action=Action.ROUTE,
                           actor=county.user(case.holding_unit, Role.HANDLER), params=params)


def _notice(case, kind=DocumentKind.ROUTE) -> str:  # noqa: ANN001
    return "".join(docx_text(bytes(case.documents.get(kind=kind).docx)).split())


def test_art22_litigation_letter_is_transferred_to_the_political_legal_organ(county):
    case = register(county)  # a letter, received by the county bureau

    case = _route(county, case, legal_route=LegalRoute.LITIGATION, unit=county.political_legal.pk,
                  guidance="已转县委政法委依法处理")

    assert case.status == Status.ROUTED
    assert case.holding_unit == county.political_legal
    assert CaseAccess.objects.filter(case=case, unit=county.political_legal).exists()
    moved = case.events.get(kind=EventKind.ROUTED, action=Action.ROUTE)
    assert (moved.old_value, moved.new_value) == (county.bureau.name, county.political_legal.name)
    text = _notice(case)
    assert f"转送{county.political_legal.name}" in text
    assert "不作为信访事项受理办理" not in text


def test_art22_bureau_may_not_send_a_litigation_letter_away_without_the_organ(county):
    case = register(county)

    with pytest.raises(GuardFailed, match="同级政法部门"):
        _route(county, case, legal_route=LegalRoute.LITIGATION, guidance="请向法院起诉")

    case.refresh_from_db()
    assert case.status == Status.REGISTERED


def test_art22_receiving_organ_must_be_of_the_right_kind(county):
    case = register(county)

    with pytest.raises(GuardFailed, match="纪检监察机关"):
        _route(county, case, legal_route=LegalRoute.DISCIPLINE, unit=county.housing.pk,
               guidance="转住建局")


def test_art22_visit_on_litigation_is_explained_and_guided_and_recorded(county):
    case = register(county, channel=Channel.VISIT)

    case = _route(county, case, legal_route=LegalRoute.LITIGATION,
                  guidance="已释法明理，引导其向县人民法院提起诉讼")

    assert case.status == Status.ROUTED
    assert case.holding_unit == county.bureau
    followup = RouteFollowUp.objects.get(case=case)
    assert "县人民法院" in followup.destination
    assert followup.unit == county.bureau


def test_art22_accusation_goes_to_the_discipline_organ_and_the_notice_cites_no_art31(county):
    case = register(county, purpose=Purpose.ACCUSATION, accused_unit=county.township.pk,
                    accused_person="某村干部")

    case = _route(county, case, legal_route=LegalRoute.DISCIPLINE, unit=county.discipline.pk,
                  guidance="已按照管理权限转县纪委监委处理")

    assert case.holding_unit == county.discipline
    text = _notice(case)
    assert county.discipline.name in text
    assert "第三十一条" not in text and "第二十二条" in text


def test_art30_accusation_is_never_routed_to_the_accused_or_above_it(county):
    case = register(county, purpose=Purpose.ACCUSATION, accused_unit=county.discipline.pk,
                    accused_person="县纪委监委某干部")

    with pytest.raises(ConfidentialityViolation, match="第30条"):
        _route(county, case, legal_route=LegalRoute.DISCIPLINE, unit=county.discipline.pk,
               guidance="转县纪委监委")


def test_art31_5_is_not_routed_away(county):
    case = drive_to(county, Status.TRANSFERRED)

    with pytest.raises(InvalidParams):
        _route(county, case, legal_route=LegalRoute.RIGHTS_PROTECTION, guidance="请另行举报")


def test_art31_5_unit_performs_its_duty_or_replies_with_a_clock(county):
    case = drive_to(county, Status.TRANSFERRED)  # held by the housing bureau
    handler = county.user(county.housing, Role.HANDLER)

    case = case_transition(case_id=case.pk, action=Action.TAKE_UP, actor=handler,
                           params={"note": "依法对所反映的违法建设进行调查处理"})

    assert (case.status, case.legal_route) == (Status.DUTY, LegalRoute.RIGHTS_PROTECTION)
    duty = case.deadlines.get(kind=DeadlineKind.DUTY)
    assert duty.state in RUNNING_STATES
    text = _notice(case, DocumentKind.DUTY)
    assert "依法履行职责或者答复" in text and "不作为信访事项受理办理" not in text

    case = case_transition(case_id=case.pk, action=Action.DISCHARGE, actor=handler,
                           params={"result": "已立案调查，责令当事人限期拆除违法建设，并电话答复信访人"})

    assert case.status == Status.DUTY_DONE
    duty.refresh_from_db()
    assert duty.state == DeadlineState.MET


def test_art31_5_is_for_the_competent_unit_not_the_bureau(county):
    case = register(county)  # held by the county petition bureau

    with pytest.raises(GuardFailed, match="转送有权处理"):
        case_transition(case_id=case.pk, action=Action.TAKE_UP,
                        actor=county.user(county.bureau, Role.HANDLER),
                        params={"note": "依法对违法建设进行调查处理"})


def test_art31_5_a_unit_takes_up_what_it_received_directly(county):
    case = register(county, registrar=county.user(county.housing, Role.REGISTRAR))

    case = case_transition(case_id=case.pk, action=Action.TAKE_UP,
                           actor=county.user(county.housing, Role.HANDLER),
                           params={"note": "依法对违法建设进行调查处理"})

    assert (case.status, case.holding_unit) == (Status.DUTY, county.housing)
