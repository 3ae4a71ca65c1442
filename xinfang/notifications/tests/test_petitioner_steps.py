"""The petitioner hears about each step they should (issue 15 item 7): exactly one SMS per step, in
order, written with the step (a rolled-back step leaves none), never to a unit (Art. 30)."""

from __future__ import annotations

import pytest
from django.db import transaction

from xinfang.cases.models import Purpose
from xinfang.cases.scenarios import act, drive_to, petitioner_data, register
from xinfang.cases.states import Action, Status
from xinfang.core.errors import IllegalTransition
from xinfang.deadlines.rules import DeadlineKind
from xinfang.documents.services import cn_date
from xinfang.notifications.models import Channel, Notification
from xinfang.notifications.petitioners import MESSAGES, message_for

# the acknowledgement is the registration's outbox job (issue 17): run as the registration commits
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jobs_at_once")]

PHONE = "13812345678"


def sms(case) -> list[Notification]:  # noqa: ANN001
    return list(Notification.objects.filter(case=case, channel=Channel.SMS)
                .select_related("petitioner").order_by("created_at", "pk"))


def handling_due(case) -> str:  # noqa: ANN001
    return cn_date(case.deadlines.get(kind=DeadlineKind.HANDLING).due_on)


def test_one_message_per_step_along_the_whole_route_in_order(county):  # noqa: ANN001
    # given a petition registered at the county bureau
    case = register(county)
    (ack,) = sms(case)
    assert case.number in ack.body and "登记" in ack.body
    assert (ack.address, ack.user_id, ack.petitioner.name) == (PHONE, None, "张三")

    # when it is carried along the whole route, then each step adds exactly its one message
    route = [
        (Action.TRANSFER, lambda c: ["转送", county.housing.name, "第22条"]),
        (Action.ACCEPT, lambda c: ["已受理", handling_due(c), "第34条"]),
        (Action.EXTEND, lambda c: ["延长至", handling_due(c), "第34条"]),
        (Action.ANSWER, lambda c: ["信访处理意见书", "30日内", "复查", "第35条"]),
        (Action.REQUEST_REVIEW, None),  # the petitioner's own request: nothing to tell
        (Action.ANSWER_REVIEW, lambda c: ["复查意见书", "复核", "第36条"]),
        (Action.REQUEST_RECHECK, None),
        (Action.ANSWER_RECHECK, lambda c: ["复核意见书", "终结意见", "第36条"]),
    ]
    bodies = [ack.body]
    for action, expected in route:
        case = act(county, case, action)
        new = [n.body for n in sms(case)][len(bodies):]
        assert len(new) == (1 if expected else 0), (action, new)
        if expected:
            for fragment in [case.number, *expected(case)]:
                assert fragment in new[0], (action, fragment, new[0])
        bodies += new
    # in the order the steps were taken, and the document numbers are those of the notices issued
    assert [n.body for n in sms(case)] == bodies
    for document in case.documents.filter(kind__in=["acceptance", "opinion"]):
        assert sum(document.number in b for b in bodies) == 1


@pytest.mark.parametrize(("status", "fragments"), [
    (Status.ASSIGNED, ["已交办", "第22条"]),
    (Status.NOT_ACCEPTED, ["不予受理", "第23条"]),
    (Status.ROUTED, ["导入法定程序告知书"]),
])
def test_the_other_first_decisions_each_tell_once(county, status, fragments):  # noqa: ANN001
    case = drive_to(county, status)
    ack, told = sms(case)  # the acknowledgement, then the decision
    assert "登记" in ack.body
    for fragment in [case.number, *fragments]:
        assert fragment in told.body


def test_merge_tells_the_merged_petitioner_where_the_matter_went_then_the_one_answer(county):  # noqa: ANN001
    a = drive_to(county, Status.ACCEPTED)
    b = act(county, register(county, petitioners=[petitioner_data(
        name="李四", id_number="110105194912310046", phone="13900000001")]), Action.TRANSFER)
    b = act(county, act(county, b, Action.LINK, earlier=a), Action.MERGE, earlier=a)
    before_answer = len(sms(a))

    a = act(county, a, Action.ANSWER)

    told_b = [n.body for n in sms(b)]
    assert len(told_b) == 4  # registered, transferred, merged, A's answer
    assert "并案" in told_b[2] and a.number in told_b[2]
    assert "现已出具" in told_b[3] and a.number in told_b[3]
    assert len(sms(a)) == before_answer + 1  # A's own petitioner: the opinion, once


def test_a_step_rolled_back_leaves_no_message_and_a_repeated_step_none(county):  # noqa: ANN001
    case = drive_to(county, Status.TRANSFERRED)
    before = len(sms(case))
    with pytest.raises(RuntimeError), transaction.atomic():
        act(county, case, Action.ACCEPT)
        raise RuntimeError("the request died after the step")
    assert len(sms(case)) == before

    case = act(county, case, Action.ACCEPT)
    with pytest.raises(IllegalTransition):
        act(county, case, Action.ACCEPT)  # a double click / a retry
    assert len(sms(case)) == before + 1


def test_an_anonymous_petitioner_gets_nothing_and_nothing_breaks(county):  # noqa: ANN001
    case = drive_to(county, Status.ANSWERED, petitioners=[petitioner_data(phone="")])
    assert sms(case) == []


def test_accusation_messages_go_to_the_accuser_alone(county):  # noqa: ANN001
    # given an accusation against the township, transferred to the discipline organ and accepted
    case = register(county, purpose=Purpose.ACCUSATION, accused_unit=county.township.pk,
                    accused_person="某干部")
    case = act(county, act(county, case, Action.TRANSFER, target=county.discipline), Action.ACCEPT)

    # then the petitioner heard of each step, by SMS to their own phone
    assert [n.address for n in sms(case)] == [PHONE] * 3
    # and no staff member of the accused unit was told anything about the case
    assert not Notification.objects.filter(case=case, user__unit=county.township).exists()
    # and no message to any staff member names the accuser
    for n in Notification.objects.filter(case=case, user__isnull=False):
        assert "张三" not in n.subject + n.body and PHONE not in n.body


def test_every_message_names_only_values_it_is_given():
    values = {"unit": "某县信访局", "number": "X-1", "date": "2026年1月2日", "due_on": "2026年3月3日",
              "document": "某信受〔2026〕1号", "target": "某县住建局", "kind": "受理告知书",
              "into": "X-2", "stage": "信访处理意见书"}
    for step in MESSAGES:
        text = message_for(step, values)
        assert "%(" not in text and "X-1" in text and "【某县信访局】" in text


def test_a_missing_value_falls_back_to_the_plain_notice():
    text = message_for("acceptance", {"unit": "某县住建局", "number": "X-1", "due_on": "",
                                      "document": "住受〔2026〕1号", "kind": "受理告知书"})
    assert text == message_for("issued", {"unit": "某县住建局", "number": "X-1",
                                          "document": "住受〔2026〕1号", "kind": "受理告知书"})


def test_the_petitioners_language_is_the_platforms(county, settings):  # noqa: ANN001
    settings.LANGUAGE_CODE = "en"
    case = register(county)
    (ack,) = sms(case)
    assert ack.body.startswith("[") and "registered" in ack.body and case.number in ack.body
