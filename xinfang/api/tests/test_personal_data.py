"""Art. 46: personal data the API copies or hands out in bulk is kept short and counted."""

import datetime as dt
import logging

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from xinfang.api.idempotency import idempotency_expire
from xinfang.api.models import IdempotencyRecord
from xinfang.cases.scenarios import petition_data, petitioner_data, register
from xinfang.core import clock

pytestmark = pytest.mark.django_db


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_art46_idempotency_copies_of_a_case_expire(county, settings):
    settings.XINFANG_IDEMPOTENCY_DAYS = 7
    registrar = county.user(county.bureau, "registrar")
    body = {**petition_data(county), "petitioners": [petitioner_data()]}
    first = _client(registrar).post("/api/v1/cases/", body, format="json",
                                    HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201 and IdempotencyRecord.objects.count() == 1
    with clock.frozen(clock.now() + dt.timedelta(days=6)):
        assert idempotency_expire() == 0
    with clock.frozen(clock.now() + dt.timedelta(days=8)):
        assert idempotency_expire() == 1
    assert not IdempotencyRecord.objects.exists()


def test_art46_an_expired_key_is_a_new_request_not_an_error(county, settings):
    settings.XINFANG_IDEMPOTENCY_DAYS = 7
    registrar = county.user(county.bureau, "registrar")
    body = {**petition_data(county), "petitioners": [petitioner_data()]}
    _client(registrar).post("/api/v1/cases/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    with clock.frozen(clock.now() + dt.timedelta(days=8)):
        again = _client(registrar).post("/api/v1/cases/", {**body, "title": "另一件事"},
                                        format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert again.status_code == 201 and "Idempotent-Replayed" not in again


def test_art46_bulk_reads_of_identities_are_rate_limited_per_user_and_logged(county, caplog,
                                                                            monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"case-list": "3/hour"})
    cache.clear()
    register(county)
    handler = _client(county.user(county.bureau, "handler"))
    with caplog.at_level(logging.INFO, logger="xinfang.audit"):
        codes = [handler.post("/api/v1/cases/search/", {"q": "11010519491231002X"},
                              format="json").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = handler.get("/api/v1/cases/")  # the list and the search share one budget
    assert refused.json()["detail"] and not refused.json()["detail"].isascii()  # said in Chinese
    lines = [r.getMessage() for r in caplog.records if r.name == "xinfang.audit"]
    assert len(lines) == 3 and "rows=1" in lines[0] and "searched=True" in lines[0]
    assert "11010519491231002X" not in " ".join(lines)  # never what was searched
    other = _client(county.user(county.bureau, "registrar"))  # per user
    assert other.get("/api/v1/cases/").status_code == 200
    body = {**petition_data(county), "petitioners": [petitioner_data()]}
    assert handler.post("/api/v1/cases/", body, format="json").status_code == 201  # not reads
