"""Idempotent POSTs: the `Idempotency-Key` header makes a retry return the first response.

The record is written in the same transaction as the case, so either both exist or neither; a
concurrent duplicate hits the unique constraint and then reads the winner's answer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from rest_framework.request import Request
from rest_framework.response import Response

from xinfang.core import clock

from .models import IdempotencyRecord

HEADER = "Idempotency-Key"


def expiry_cutoff():  # noqa: ANN201
    """Records older than this are gone: a retry comes within minutes, and each keeps a copy of a
    whole case with personal data (settings.XINFANG_IDEMPOTENCY_DAYS)."""
    return clock.now() - dt.timedelta(days=settings.XINFANG_IDEMPOTENCY_DAYS)


def idempotency_expire() -> int:
    """Delete the records past their keeping period; returns how many."""
    deleted, _ = IdempotencyRecord.objects.filter(created_at__lt=expiry_cutoff()).delete()
    return deleted


def _hash(request: Request) -> str:
    body = json.dumps(request.data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{request.path}\n{body}".encode()).hexdigest()


def _replay(record: IdempotencyRecord, request_hash: str) -> Response:
    if record.request_hash != request_hash:
        return Response(
            {"code": "idempotency_key_reused",
             "detail": "该幂等键已用于另一份不同的请求，请为新的提交使用新的幂等键"},
            status=422,
        )
    response = Response(record.response, status=record.status_code)
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(request: Request, handler: Callable[[], Response]) -> Response:
    """Run `handler` once per (user, key); replay its response for retries with the same body."""
    key = request.headers.get(HEADER, "").strip()
    if not key:
        return handler()
    if len(key) > 100:
        return Response({"code": "invalid_idempotency_key", "detail": "幂等键过长（最多100字符）"},
                        status=400)
    request_hash = _hash(request)
    existing = IdempotencyRecord.objects.filter(user=request.user, key=key).first()  # the one lookup
    if existing and existing.created_at < expiry_cutoff():  # past its keeping period: as if never sent
        existing.delete()
        existing = None
    if existing:
        return _replay(existing, request_hash)
    try:
        with transaction.atomic():
            response = handler()
            if response.status_code < 500:
                IdempotencyRecord.objects.create(
                    user=request.user, key=key, endpoint=request.path, request_hash=request_hash,
                    status_code=response.status_code, response=response.data,
                )
            return response
    except IntegrityError:
        record = IdempotencyRecord.objects.filter(user=request.user, key=key).first()
        if record is None:
            raise
        return _replay(record, request_hash)
