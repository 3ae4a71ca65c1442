"""Art. 25: levels signing at the same moment still close the chain exactly once. Two locks
serialize them: the report row, taken before a receipt is signed, and the case row, taken by every
timeline write (record_event); with either alone the last signer sees the others (measured: the test
passes with the report lock removed, the case lock being enough today)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from xinfang.cases.models import CaseEvent
from xinfang.cases.scenarios import build_county
from xinfang.institutions.models import UrgentReport
from xinfang.institutions.states import ReceiptAction, ReportStatus
from xinfang.institutions.workflow import receipt_transition
from xinfang.orgs.models import Role

from .conftest import add_bureaus
from .test_urgent import _report


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # roles of the data migrations
def test_levels_signing_at_once_complete_the_report_once():
    chain = add_bureaus(build_county("Q"))
    c = chain.county
    report = _report(chain, chain.case())
    signers = {c.county.pk: c.user(c.county, Role.APPROVER),
               chain.city_bureau.pk: chain.staff(chain.city_bureau, Role.REGISTRAR),
               chain.province_bureau.pk: chain.staff(chain.province_bureau, Role.REGISTRAR)}
    receipts = list(report.receipts.all())
    start, errors = threading.Barrier(len(receipts)), []

    def sign(receipt) -> None:  # noqa: ANN001
        try:
            start.wait()
            receipt_transition(receipt_id=receipt.pk, action=ReceiptAction.ACKNOWLEDGE,
                               actor=signers[receipt.unit_id])
        except Exception as e:  # noqa: BLE001 - any error of a thread, reported below
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=(r,)) for r in receipts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert UrgentReport.objects.get(pk=report.pk).status == ReportStatus.ACKNOWLEDGED
    assert CaseEvent.objects.filter(case=report.case, type="urgent.step",
                                    action="complete").count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_art24_two_staff_raising_at_once_make_one_dispute():
    """The creating step locks the case row before its guard `no_open_dispute` reads: the second
    raise waits, then finds the first and is refused."""
    from xinfang.cases.scenarios import drive_to
    from xinfang.cases.states import Status
    from xinfang.core.errors import GuardFailed
    from xinfang.institutions.disputes import dispute_raise
    from xinfang.institutions.models import JurisdictionDispute

    from .conftest import DISPUTE

    c = build_county("R")
    case = drive_to(c, Status.REGISTERED)
    actors = [c.user(c.bureau, Role.REGISTRAR), c.user(c.bureau, Role.HANDLER)]
    start, errors, refused = threading.Barrier(2), [], []

    def raise_it(actor) -> None:  # noqa: ANN001
        try:
            start.wait()
            dispute_raise(case_id=case.pk, actor=actor,
                          params={**DISPUTE, "parties": [c.housing.pk, c.township.pk]})
        except GuardFailed as e:
            refused.append(e)
        except Exception as e:  # noqa: BLE001 - any other error of a thread, reported below
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=raise_it, args=(a,)) for a in actors]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(refused) == 1
    assert JurisdictionDispute.objects.filter(case=case).count() == 1
