"""Registration: validation, numbering, petitioners, representatives (Art. 19, 20, 22)."""

import pytest

from xinfang.cases.models import Case, CaseEvent, EventKind, Petitioner
from xinfang.cases.scenarios import petition_data, petitioner_data, register
from xinfang.cases.services import case_register
from xinfang.cases.states import TRANSITIONS, Action, Status
from xinfang.core.errors import InvalidParams, PermissionDenied
from xinfang.deadlines.rules import DeadlineKind

pytestmark = pytest.mark.django_db


def test_registration_numbers_cases_per_unit_and_year(county):
    first, second = register(county), register(county)
    assert first.number.startswith("AXF-") and first.number != second.number
    assert int(second.number[-5:]) == int(first.number[-5:]) + 1
    assert CaseEvent.objects.filter(case=first, kind=EventKind.REGISTERED).count() == 1


def test_same_id_number_is_the_same_petitioner(county):
    register(county)
    register(county, petitioners=[petitioner_data(phone="13900000000")])
    assert Petitioner.objects.count() == 1
    assert Petitioner.objects.get().phone == "13900000000"


def test_at_most_five_representatives(county):
    people = [petitioner_data(name=f"代表{i}", id_number="", is_representative=True)
              for i in range(6)]
    with pytest.raises(InvalidParams, match="不得超过5人"):
        register(county, petitioners=people, is_collective=True, channel="visit")
    assert Case.objects.count() == 0


def test_missing_fields_are_named(county):
    with pytest.raises(InvalidParams) as err:
        register(county, request="", facts_reasons="")
    # the request is required; facts and reasons may be empty when the source gave one text (issue 16)
    assert "request" in err.value.details["errors"]
    assert "facts_reasons" not in err.value.details["errors"]


def test_invalid_id_number_is_refused(county):
    with pytest.raises(InvalidParams, match="校验位"):
        register(county, petitioners=[petitioner_data(id_number="110105194912310021")])


def test_accusation_needs_the_accused(county):
    with pytest.raises(InvalidParams, match="被反映"):
        register(county, purpose="accusation")


def test_only_registrars_and_handlers_register(county):
    with pytest.raises(PermissionDenied):
        register(county, registrar=county.user(county.bureau, "approver"))


def test_future_received_date_is_refused(county):
    with pytest.raises(InvalidParams, match="不能晚于今天"):
        register(county, received_on="2099-01-01")


def test_unchecked_source_cannot_overwrite_a_known_persons_contact_details(county):
    from xinfang.cases.services import case_register

    first = register(county, petitioners=[petitioner_data(phone="13812345678")])
    person = first.parties.get().petitioner
    online = case_register(actor=county.user(county.bureau, "registrar"),
                           data=petition_data(county),
                           petitioners=[petitioner_data(phone="13900000000", address="别处")],
                           identity_checked=False)
    person.refresh_from_db()
    assert (person.phone, person.address) == ("13812345678", "城关镇东街1号")
    assert online.parties.get().petitioner.pk != person.pk


def test_registrar_who_saw_the_person_updates_contact_details(county):
    first = register(county, petitioners=[petitioner_data(phone="13812345678")])
    second = register(county, petitioners=[petitioner_data(phone="13900000000")])
    person = first.parties.get().petitioner
    person.refresh_from_db()
    assert second.parties.get().petitioner.pk == person.pk
    assert person.phone == "13900000000"


@pytest.mark.parametrize(("staff_unit", "into"), [("housing", "bureau"), ("bureau", "housing")])
@pytest.mark.parametrize("role", ["registrar", "handler"])
def test_staff_register_only_what_their_own_unit_received(county, staff_unit, into, role):
    # given a registrar or handler of one unit
    actor = county.user(getattr(county, staff_unit), role)
    # when they register a petition as received by another unit
    with pytest.raises(PermissionDenied, match="只能登记本单位收到的信访件"):
        case_register(actor=actor, unit=getattr(county, into), data=petition_data(county),
                      petitioners=[petitioner_data()])
    # then nothing is registered
    assert Case.objects.count() == 0


def test_registration_is_the_case_tables_creating_step(county):
    # given the case table
    register_step = TRANSITIONS[Action.REGISTER]
    # when a registrar registers at the counter
    case = register(county)
    # then the step creates the case (no source status) in 已登记, names its registrar and
    # starts the clock it declares (a petition bureau: Art. 22's 15 days)
    assert register_step.creates and register_step.target == Status.REGISTERED
    assert case.registered_by == county.user(county.bureau, "registrar")
    assert DeadlineKind.INTAKE in register_step.starts
    assert case.deadlines.filter(kind=DeadlineKind.INTAKE).exists()
    event = CaseEvent.objects.get(case=case, kind=EventKind.REGISTERED)
    assert event.actor == case.registered_by and not event.by_petitioner


def test_an_account_without_a_unit_registers_nothing(county):
    # given a registrar whose account has no unit
    from xinfang.orgs.services import staff_create

    actor = staff_create(username="nounit", unit=None, roles=["registrar"])
    # when they try to register
    with pytest.raises(PermissionDenied, match="登记员或承办人"):
        register(county, registrar=actor)
    # then nothing is registered
    assert Case.objects.count() == 0


#: queries of one registration through the service (issue 17), in a test's transaction: a savepoint and
#: its release, the problem unit's lookup (the receiving unit comes loaded), the counter (one UPDATE …
#: RETURNING), the case, the petitioner found and updated, the party and access rows, two timeline events
#: (lock + chain tip in one query, then the insert), the calendar, the first clock and the case's next due
#: date (one UPDATE), two outbox jobs: 18 (28 before); since the jurisdiction index (cases/reach.py), its
#: rows (one INSERT) and their copy of the next due date (one UPDATE): 20. One of slack; growing past it
#: is a regression.
REGISTRATION_QUERIES = 20


def test_registration_is_a_short_transaction(county, monkeypatch, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xinfang.core.models import Job
    from xinfang.triage import tasks as triage_tasks
    from xinfang.triage.models import TriageProposal

    proposed: list[int] = []
    real_propose = triage_tasks.triage_propose

    def spy(*, case):  # noqa: ANN001, ANN202
        proposed.append(case.pk)
        return real_propose(case=case)

    monkeypatch.setattr(triage_tasks, "triage_propose", spy)
    # given a working day: the bureau's counter and the petitioner exist already
    with django_capture_on_commit_callbacks(execute=True):
        register(county)
    proposed.clear()
    # when a petition is registered through the service
    with django_capture_on_commit_callbacks(execute=False) as after_commit, \
            CaptureQueriesContext(connection) as inside:
        case = register(county, petitioners=[petitioner_data(phone="13900000001")])
    # then the transaction stays within its query budget and touches nothing of the triage assistant
    assert len(inside.captured_queries) <= REGISTRATION_QUERIES, "\n".join(
        q["sql"][:160] for q in inside.captured_queries)
    assert not [q["sql"] for q in inside.captured_queries if '"triage_' in q["sql"]]
    assert proposed == [] and not TriageProposal.objects.filter(case=case).exists()
    # the proposal is an outbox job written in the transaction, still pending at its end
    job = Job.objects.get(name=triage_tasks.PROPOSE_JOB, args={"case": case.pk})
    assert job.done_at is None and after_commit
    # and after commit (the embedded default runs it in-process) the proposal is made
    for callback in after_commit:
        callback()
    assert proposed == [case.pk] and TriageProposal.objects.filter(case=case).exists()
    job.refresh_from_db()
    assert job.done_at is not None


def test_an_inactive_receiving_unit_registers_nothing_even_when_given_loaded(county):
    # given the bureau's unit, loaded, then closed down (inactive)
    registrar = county.user(county.bureau, "registrar")
    county.bureau.active = False
    county.bureau.save(update_fields=["active"])
    # when its registrar registers with the unit object they carry, then it is refused by the form
    with pytest.raises(InvalidParams) as err:
        case_register(actor=registrar, data=petition_data(county), petitioners=[petitioner_data()],
                      unit=county.bureau)
    assert "unit" in err.value.details["errors"]
    assert Case.objects.count() == 0
