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
