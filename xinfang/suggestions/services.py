"""Writes of the suggestion app that are more than one workflow step: the portal's idempotent
submission and the proposer's look-up by query code and phone number.

Every status change goes through `workflow.suggestion_create` / `suggestion_transition`.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from xinfang.core.crypto import index_keys, key_id
from xinfang.core.errors import DomainError
from xinfang.core.workflow import PetitionerActor
from xinfang.orgs.models import Unit
from xinfang.portal import codes

from .models import Suggestion
from .states import SuggestionAction
from .workflow import suggestion_create


class DuplicateSuggestion(DomainError):
    """The form was already sent (its token is used) with another phone number."""

    code = "duplicate_submission"


@dataclass(frozen=True)
class SuggestionReceipt:
    suggestion: Suggestion
    code: str | None  # None only when a replay cannot re-derive it (the index key changed)
    replayed: bool

    @property
    def code_grouped(self) -> str:
        return codes.grouped(self.code) if self.code else ""


def _replay(token: str, phone: str) -> SuggestionReceipt | None:
    """The receipt of an earlier sending of the same form (a double click, a reload), if any."""
    earlier = codes.replayed(Suggestion.objects.all(), token=token, phone=phone, duplicate=DuplicateSuggestion(
        "此表单已经提交过。请使用提交时取得的查询码查询，或刷新页面重新填写。"))
    if earlier is None:
        return None
    return SuggestionReceipt(suggestion=earlier[0], code=earlier[1], replayed=True)


def suggestion_submit_online(*, params: dict[str, Any], unit: Unit | None = None
                             ) -> SuggestionReceipt:
    """The portal: a citizen sends a suggestion (Art. 17, 29), once per form token; returns after
    commit, so a receipt is only shown for a stored suggestion. It goes to `unit` when given (the
    platform's own choice, e.g. the demo's bureau), else to the petition bureau of the place it
    concerns (`portal.services.receiving_bureau`, Art. 22)."""
    params = {k: v for k, v in params.items() if k != "receiving_unit"}  # never the poster's
    if unit is not None:
        params["receiving_unit"] = unit.pk
    token, phone = str(params.get("token") or ""), str(params.get("phone") or "")
    replay = _replay(token, phone) if phone else None
    if replay:
        return replay
    try:
        with transaction.atomic():
            record = suggestion_create(action=SuggestionAction.SUBMIT, actor=PetitionerActor(),
                                       params=params)
    except IntegrityError:  # the same form committed meanwhile on another worker
        replay = _replay(token, phone)
        if replay:
            return replay
        raise
    return SuggestionReceipt(suggestion=record, code=record.issued_code, replayed=False)


def suggestion_lookup(*, code: str, phone: str) -> Suggestion | None:
    """The suggestion with this query code whose phone matches, else None (one answer for both;
    the phone compared in constant time against a dummy when no code matched). A row hashed under
    an old index key is re-hashed under the current one, now that code and phone are known."""
    keys = index_keys()
    hashes = {codes.code_hash(code, key): key for key in keys}
    found = Suggestion.objects.filter(code_hash__in=list(hashes)).first()
    used = hashes[found.code_hash] if found is not None else keys[0]
    expected = found.phone_index if found else codes.phone_hash("no-such-suggestion", used)
    given = codes.phone_hash(phone, used) if codes.normalise_phone(phone) else "-"
    if found is None or not expected or not hmac.compare_digest(expected, given):
        return None
    if used != keys[0]:
        found.code_hash = codes.code_hash(code)
        found.phone_index = codes.phone_hash(phone)
        found.key_id = key_id(keys[0])
        found.save(update_fields=["code_hash", "phone_index", "key_id"])
    return found
