"""Writes of the service points app outside the need workflow (a point's default catalogue), and
the portal's side of the need list: the idempotent online need and the visitor's look-up by query
code and phone number. Every status change goes through `workflow`."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from xinfang.core.conf import get
from xinfang.core.crypto import index_keys, key_id
from xinfang.core.errors import DomainError
from xinfang.core.workflow import PetitionerActor
from xinfang.portal import codes

from .models import Need, NeedChannel, Service, ServicePoint
from .workflow import need_submit


def default_catalogue(point: ServicePoint) -> list[Service]:
    """The configured services (XINFANG_SERVICEPOINT_SERVICES) a new point starts with; a service
    the point already has is kept as it is."""
    return [Service.objects.get_or_create(point=point, name=name)[0]
            for name in get("XINFANG_SERVICEPOINT_SERVICES")]


class DuplicateNeed(DomainError):
    """The form was already sent (its token is used) with another phone number."""

    code = "duplicate_submission"


@dataclass(frozen=True)
class NeedReceipt:
    need: Need
    code: str | None  # None only when a replay cannot re-derive it (the index key changed)
    replayed: bool

    @property
    def code_grouped(self) -> str:
        return codes.grouped(self.code) if self.code else ""


def _online() -> Any:
    return Need.objects.filter(channel=NeedChannel.ONLINE).annotate(token_hash=F("form_token"))


def _replay(token: str, phone: str) -> NeedReceipt | None:
    """The receipt of an earlier sending of the same form (a double click, a reload), if any."""
    earlier = codes.replayed(_online(), token=token, phone=phone, duplicate=DuplicateNeed(
        "此表单已经提交过。请使用提交时取得的查询码查询，或刷新页面重新填写。"))
    if earlier is None:
        return None
    return NeedReceipt(need=earlier[0], code=earlier[1], replayed=True)


def need_submit_online(*, params: dict[str, Any]) -> NeedReceipt:
    """The portal: a visitor sends a need to a service point (网上提出需求), once per form token;
    returns after commit, so a receipt is only shown for a stored need."""
    token, phone = str(params.get("token") or ""), str(params.get("phone") or "")
    replay = _replay(token, phone) if phone else None
    if replay:
        return replay
    try:
        with transaction.atomic():
            need = need_submit(actor=PetitionerActor(via="portal"), params=params)
    except IntegrityError:  # the same form committed meanwhile on another worker
        replay = _replay(token, phone)
        if replay:
            return replay
        raise
    return NeedReceipt(need=need, code=need.issued_code, replayed=False)


def need_lookup(*, code: str, phone: str) -> Need | None:
    """The online need with this query code whose phone matches, else None (one answer for both;
    the phone compared in constant time against a dummy when no code matched). A row hashed under
    an old index key is re-hashed under the current one, now that code and phone are known."""
    keys = index_keys()
    hashes = {codes.code_hash(code, key): key for key in keys}
    found = (Need.objects.filter(channel=NeedChannel.ONLINE, code_hash__in=list(hashes))
             .select_related("point", "service").first())
    used = hashes[found.code_hash] if found is not None else keys[0]
    expected = found.phone_index if found else codes.phone_hash("no-such-need", used)
    given = codes.phone_hash(phone, used) if codes.normalise_phone(phone) else "-"
    if found is None or not expected or not hmac.compare_digest(expected, given):
        return None
    if used != keys[0]:
        found.code_hash = codes.code_hash(code)
        found.phone_index = codes.phone_hash(phone)
        found.key_id = key_id(keys[0])
        found.save(update_fields=["code_hash", "phone_index", "key_id"])
    return found
