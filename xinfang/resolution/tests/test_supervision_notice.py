"""A 督办 issued by hand tells the supervised unit and produces its 督办函 (Art. 40; issue 15 item 7)."""

import pytest

from xinfang.cases.models import CaseEvent, Purpose
from xinfang.cases.scenarios import act, register
from xinfang.cases.states import Action as CaseAction
from xinfang.core.errors import DomainError
from xinfang.documents.kinds import DocumentKind
from xinfang.documents.models import Document
from xinfang.notifications.models import Channel, Notification
from xinfang.orgs.models import Role, User
from xinfang.resolution.supervision import order_issue

pytestmark = pytest.mark.django_db

ASK = "该件已超过法定办理期限仍未出具处理意见，请立即办理并回复"


def issue(w, case, kind="duban"):  # noqa: ANN001, ANN201
    return order_issue(case_id=case.pk, actor=w.supervisor,
                       params={"kind": kind, "instructions": ASK, "days": 10})


def told(case) -> list[Notification]:  # noqa: ANN001
    return list(Notification.objects.filter(case=case, channel=Channel.INAPP)
                .select_related("user"))


def test_duban_tells_the_holding_units_staff_and_issues_the_letter(w, county, accepted):  # noqa: ANN001
    # given an accepted case held by the housing bureau
    before = {n.pk for n in told(accepted)}

    # when the county bureau's supervisor issues a 督办 by hand
    order = issue(w, accepted)

    # then each handler and approver of the supervised unit has an in-app message to the case
    messages = {n.user: n for n in told(accepted) if n.pk not in before}
    staff = set(User.objects.filter(unit=accepted.holding_unit, is_active=True,
                                    roles__code__in=[Role.HANDLER, Role.APPROVER]))
    assert staff and set(messages) == staff
    for message in messages.values():
        assert accepted.number in message.subject and "督办" in message.subject
        assert ASK in message.body and "第40条" in message.body
    # and a numbered 督办函 from the supervising unit to the supervised unit is on the case
    letter = Document.objects.get(case=accepted, kind=DocumentKind.SUPERVISION)
    assert letter.unit == county.bureau and letter.addressee == accepted.holding_unit.name
    assert ASK in letter.text and f"{order.due_on.year}年{order.due_on.month}月" in letter.text
    # and the step's entry names the letter
    step = CaseEvent.objects.get(case=accepted, type="order.step")
    assert step.data["details"] == [{"detail": "letter", "number": letter.number,
                                     "unit": accepted.holding_unit.name}]
    assert CaseEvent.objects.filter(case=accepted, type="documents.issued",
                                    data__number=letter.number).exists()


def test_cuiban_by_hand_tells_the_unit_without_a_letter(w, accepted):  # noqa: ANN001
    before = len(told(accepted))
    issue(w, accepted, kind="cuiban")
    assert len(told(accepted)) > before
    assert not Document.objects.filter(case=accepted, kind=DocumentKind.SUPERVISION).exists()


def test_a_refused_order_tells_nobody_and_writes_no_letter(w, county, accepted):  # noqa: ANN001
    before = Notification.objects.count()
    w.supervisor.unit = accepted.holding_unit  # a department may not supervise (nor itself)
    with pytest.raises(DomainError):
        issue(w, accepted)
    assert Notification.objects.count() == before
    assert not Document.objects.filter(kind=DocumentKind.SUPERVISION).exists()


def test_an_accusations_duban_never_reaches_the_accused_unit_or_names_the_accuser(w, county):  # noqa: ANN001
    # given an accusation against the township, accepted by the discipline organ (Art. 30)
    case = register(county, purpose=Purpose.ACCUSATION, accused_unit=county.township.pk,
                    accused_person="某干部")
    case = act(county, act(county, case, CaseAction.TRANSFER, target=county.discipline),
               CaseAction.ACCEPT)

    issue(w, case)

    messages = list(Notification.objects.filter(case=case, channel=Channel.INAPP,
                                                subject__contains="督办"))
    assert messages
    assert {m.user.unit_id for m in messages} == {county.discipline.pk}
    accuser = case.parties.get().petitioner.name
    assert all(accuser not in m.body + m.subject for m in messages)
    letter = Document.objects.get(case=case, kind=DocumentKind.SUPERVISION)
    assert letter.addressee == county.discipline.name
