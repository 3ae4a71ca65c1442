"""The demo reception reaches every session and booking state through the workflows, with a case
registered at a reception and one taken over as 包案."""

import datetime as dt
import random

from xinfang.cases.scenarios import drive_to
from xinfang.cases.states import Status as CaseStatus
from xinfang.core import clock
from xinfang.reception.demo import seed
from xinfang.reception.models import Booking, ReceptionCase, ReceptionSession
from xinfang.reception.selectors import public_rota
from xinfang.reception.states import BookingStatus, SessionStatus


def test_demo_seed_reaches_every_stage_through_the_workflow(county):
    with clock.frozen(dt.datetime(2026, 11, 20, 10)):
        case = drive_to(county, CaseStatus.ACCEPTED)
        line = seed(county=county, cases=[case], rng=random.Random(1))
        assert public_rota().count() == 3  # the upcoming ones, on the portal
    assert set(ReceptionSession.objects.values_list("status", flat=True)) == {
        SessionStatus.RECORDED, SessionStatus.CANCELLED, SessionStatus.SCHEDULED}
    assert set(Booking.objects.values_list("status", flat=True)) == set(BookingStatus)
    made = ReceptionCase.objects.get(how="created")
    assert made.case.channel == "visit" and made.case.events.filter(type="reception.case").exists()
    took = ReceptionCase.objects.get(how="taken_over")
    assert (took.case, took.leader_assignment.leader) == (case, county.leader())
    recorded = ReceptionSession.objects.get(status=SessionStatus.RECORDED)
    assert "住建局" in recorded.instructions
    assert "领导接手并包案1件" in line
