"""The Art. 25 pages: the report form on the case page, the unit's list, the sign-for step; refused
steps are 4xx pages, another jurisdiction's records 404."""

from __future__ import annotations

from django.urls import reverse

from xinfang.institutions.models import UrgentReceipt, UrgentReport
from xinfang.institutions.states import ReceiptStatus
from xinfang.orgs.models import Role

from .conftest import REPORT


def _post_report(client, case):  # noqa: ANN001, ANN202
    return client.post(reverse("institutions:urgent-report", args=[case.number]),
                       {f"report-{k}": v for k, v in REPORT.items()})


def test_report_from_the_case_page_then_sign_on_the_list(client, chain):
    c = chain.county
    case = chain.case()
    client.force_login(c.user(c.bureau, Role.REGISTRAR))
    page = client.get(reverse("web:case", args=[case.number]))
    assert page.status_code == 200 and 'name="report-summary"' in page.content.decode()
    assert _post_report(client, case).status_code == 302
    report = UrgentReport.objects.get(case=case)
    # the city bureau's duty registrar sees it to sign, and signs
    client.force_login(chain.staff(chain.city_bureau, Role.REGISTRAR))
    listing = client.get(reverse("institutions:urgent-list")).content.decode()
    assert reverse("institutions:urgent-detail", args=[report.pk]) in listing
    receipt = report.receipts.get(unit=chain.city_bureau)
    detail = client.get(reverse("institutions:urgent-detail", args=[report.pk])).content.decode()
    assert reverse("institutions:receipt-act", args=[receipt.pk, "acknowledge"]) in detail
    done = client.post(reverse("institutions:receipt-act", args=[receipt.pk, "acknowledge"]),
                       {f"acknowledge-{receipt.pk}-note": "已阅"})
    assert done.status_code == 302
    receipt.refresh_from_db()
    assert (receipt.status, receipt.note) == (ReceiptStatus.ACKNOWLEDGED, "已阅")


def test_refused_steps_are_4xx_pages(client, chain, other_county):
    c = chain.county
    case = chain.case()
    client.force_login(chain.staff(c.bureau, Role.SUPERVISOR))  # no reporting role
    assert 'name="report-summary"' not in client.get(
        reverse("web:case", args=[case.number])).content.decode()
    assert _post_report(client, case).status_code == 403
    assert not UrgentReport.objects.exists()
    client.force_login(c.user(c.bureau, Role.REGISTRAR))
    _post_report(client, case)
    report = UrgentReport.objects.get()
    province = report.receipts.get(unit=chain.province_bureau)
    client.force_login(chain.staff(chain.city_bureau, Role.REGISTRAR))  # another level's receipt
    act = reverse("institutions:receipt-act", args=[province.pk, "acknowledge"])
    assert client.post(act).status_code == 403
    assert client.post(reverse("institutions:receipt-act",
                               args=[province.pk, "flag_overdue"])).status_code == 403
    assert client.post(reverse("institutions:receipt-act", args=[province.pk, "nope"])).status_code == 404
    assert UrgentReceipt.objects.get(pk=province.pk).status == ReceiptStatus.PENDING
    client.force_login(other_county.user(other_county.bureau, Role.REGISTRAR))
    assert client.get(reverse("institutions:urgent-detail", args=[report.pk])).status_code == 404
    assert client.post(act).status_code == 404
    assert _post_report(client, case).status_code == 404


def test_the_list_reads_a_fixed_number_of_queries(client, chain):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = chain.county
    reporter = c.user(c.bureau, Role.REGISTRAR)
    signer = chain.staff(chain.city_bureau, Role.REGISTRAR)
    counts = []
    for _ in range(2):
        client.force_login(reporter)
        _post_report(client, chain.case())
        client.force_login(signer)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("institutions:urgent-list")).status_code == 200
        counts.append(len(queries))
    assert UrgentReceipt.objects.filter(unit=chain.city_bureau).count() == 2
    assert counts[0] == counts[1]
