"""The acknowledgement of registration (Art. 21) is an outbox job (issue 17): the registration's
transaction writes only the job; the SMS is written and sent after commit, once, and never lost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from xinfang.cases.scenarios import petitioner_data, register
from xinfang.core import clock, jobs
from xinfang.core.models import Job
from xinfang.notifications.models import Channel, Notification
from xinfang.notifications.petitioners import ACKNOWLEDGE_JOB, acknowledge_registration

pytestmark = pytest.mark.django_db

T0 = timezone.make_aware(dt.datetime(2026, 3, 2, 10, 0))
WITH_PHONE = petitioner_data(name="张三", phone="13812345678")
NO_PHONE = petitioner_data(name="李四", id_number="110105194912310046", phone="",
                           address="城关镇东街1号")


def sms(case) -> list[Notification]:  # noqa: ANN001
    return list(Notification.objects.filter(case=case, channel=Channel.SMS).order_by("pk"))


def test_registration_writes_the_job_not_the_message(county) -> None:
    # given / when: a registration (in a test its after-commit hand-over never runs)
    case = register(county, petitioners=[WITH_PHONE])
    # then: its transaction holds the acknowledgement's job and no message yet
    job = Job.objects.get(name=ACKNOWLEDGE_JOB)
    assert job.args == {"case": case.pk} and job.done_at is None
    assert sms(case) == []


@pytest.mark.parametrize(("people", "told"), [
    ([WITH_PHONE], 1),
    ([WITH_PHONE, NO_PHONE], 1),  # no phone number: nobody to text
    ([NO_PHONE], 0),
])
def test_the_job_texts_each_petitioner_with_a_phone_once_however_often_it_runs(county, people, told) -> None:
    # given a registered case
    case = register(county, petitioners=people)
    # when its job runs, then runs again (delivery is at least once)
    first = acknowledge_registration(case.pk)
    second = acknowledge_registration(case.pk)
    # then one acknowledgement per petitioner with a phone, with the case number, and no duplicate
    assert (first, second) == (told, 0)
    assert len(sms(case)) == told
    assert all(case.number in n.body and "登记" in n.body for n in sms(case))


def test_a_rolled_back_registration_leaves_neither_job_nor_message(county) -> None:
    # given a registration whose request dies before commit
    with pytest.raises(RuntimeError), transaction.atomic():
        register(county, petitioners=[WITH_PHONE])
        raise RuntimeError("the request died after the registration")
    # then nothing is left to send
    assert not Job.objects.filter(name=ACKNOWLEDGE_JOB).exists()
    assert not Notification.objects.filter(channel=Channel.SMS).exists()


def test_a_lost_hand_over_is_sent_by_the_relay_once(county) -> None:
    # given a registration whose process was killed between commit and the hand-over
    with clock.frozen(T0):
        case = register(county, petitioners=[WITH_PHONE])
    # when the minute tick runs after the grace period, twice
    with clock.frozen(T0 + dt.timedelta(minutes=6)):
        jobs.jobs_relay()
    with clock.frozen(T0 + dt.timedelta(minutes=7)):
        assert jobs.jobs_relay() == 0
    # then the petitioner was told once, and the job is done
    assert len(sms(case)) == 1
    assert Job.objects.get(name=ACKNOWLEDGE_JOB).done_at is not None


def test_a_job_for_a_case_that_does_not_exist_writes_nothing(county) -> None:  # noqa: ARG001
    assert acknowledge_registration(987654321) == 0
    assert not Notification.objects.exists()
