"""Bulk actions of the work queue: each case through the one writer, in its own transaction.

A batch is a loop over single steps, not a step of its own: every case goes through
`case_transition` (its lock, guards, event and notice), so a case the engine refuses is reported
with the engine's message and the others are still done. A case the user cannot see is reported
with the same message as a missing one (Art. 30: numbers cannot be probed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from xinfang.cases.selectors import visible_cases
from xinfang.cases.states import Action
from xinfang.cases.workflow import case_transition
from xinfang.core.errors import DomainError


@dataclass
class BulkResult:
    done: list[str] = field(default_factory=list)  # case numbers
    failed: list[tuple[str, str]] = field(default_factory=list)  # (case number, Chinese message)


def _each_case(user, numbers: list[str], step) -> BulkResult:  # noqa: ANN001
    result = BulkResult()
    found = dict(visible_cases(user).filter(number__in=numbers).values_list("number", "pk"))
    for number in dict.fromkeys(numbers):  # each once, in the order given
        pk = found.get(number)
        if pk is None:
            result.failed.append((number, _("没有找到该信访件，或您无权查看")))
            continue
        try:
            with transaction.atomic():  # one case's failure undoes only that case
                step(pk)
        except DomainError as err:
            result.failed.append((number, err.message))
        else:
            result.done.append(number)
    return result


def bulk_route(*, actor: Any, numbers: list[str], action: Action,
               params: dict[str, Any]) -> BulkResult:
    """Batch 转送 / 交办 (Art. 22): the same step with the same parameters on each case."""
    if action not in (Action.TRANSFER, Action.ASSIGN):
        raise ValueError(action)
    return _each_case(actor, numbers, lambda pk: case_transition(
        case_id=pk, action=action, actor=actor, params=params))


def bulk_deliver(*, actor: Any, numbers: list[str], method: str,
                 delivered_on: dt.date, receipt: str = "") -> BulkResult:
    """Batch 送达 (Art. 35, 36 start from it): every notice to the petitioner that the actor's
    unit issued on the case and whose delivery is not recorded yet, by the documents' `deliver`."""
    from xinfang.core.errors import InvalidParams
    from xinfang.documents.kinds import PETITIONER, SPECS
    from xinfang.documents.models import Document
    from xinfang.documents.services import delivery_record

    kinds = [k.value for k, spec in SPECS.items() if spec.addressee == PETITIONER]

    def deliver(pk: int) -> None:
        documents = list(Document.objects.filter(
            case_id=pk, unit_id=actor.unit_id, kind__in=kinds, delivered_on__isnull=True)
            .defer("docx", "pdf", "text").order_by("issued_at", "pk"))
        if not documents:
            raise InvalidParams(_("本单位在本件上没有待登记送达的告知书、意见书"))
        for document in documents:
            delivery_record(document=document, actor=actor, method=method,
                            delivered_on=delivered_on, receipt=receipt)

    return _each_case(actor, numbers, deliver)
