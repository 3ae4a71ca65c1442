"""Writes of the public portal: filing online, and the petitioner's own steps on a filed case.

The portal has no staff login: the petitioner acts as a ``PetitionerActor`` on the workflow
engine, allowed exactly the steps the case table gives the petitioner role, with the same forms and
guards as a clerk's; its events say the petitioner acted (no user row, no unit). Filing (Art. 17,
21, 22) is the table's creating step ``register`` (``case_register``) taken by the petitioner
without a case yet: the case has no registrar (``registered_by`` None) and is registered in the
receiving bureau. The steps on a filed case — the rating (Art. 21), the 复查 request (Art. 35) and
the 复核 request (Art. 36) — are ``case_transition`` by the petitioner of the one case their query
code and phone opened.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from xinfang.cases.events import record_event
from xinfang.cases.forms import AttachmentForm
from xinfang.cases.models import Case, Channel
from xinfang.cases.services import attachment_add, case_register
from xinfang.cases.states import Action
from xinfang.cases.workflow import case_transition
from xinfang.core import clock
from xinfang.core.conf import get
from xinfang.core.crypto import index_key, index_keys, key_id
from xinfang.core.errors import DomainError, GuardFailed, InvalidParams
from xinfang.core.workflow import PetitionerActor
from xinfang.orgs.models import Unit, UnitType
from xinfang.orgs.selectors import bureau_for, jurisdiction_root

from . import codes
from .models import Submission


class DuplicateSubmission(DomainError):
    """The form was already submitted (its token is used) with other contact details."""

    code = "duplicate_submission"


def max_files() -> int:
    return int(get("XINFANG_PORTAL_MAX_FILES"))


def portal_unit() -> Unit:
    """The petition bureau receiving online petitions: settings.XINFANG_PORTAL_UNIT (a unit code),
    else the first petition bureau at the highest level (Art. 17: 信息网络 channel; Art. 22 intake)."""
    code = get("XINFANG_PORTAL_UNIT") or ""
    units = Unit.objects.filter(active=True)
    if code:
        unit = units.filter(code=code).first()
    else:
        unit = units.filter(unit_type=UnitType.PETITION_BUREAU).order_by("level", "pk").first()
    if unit is None:
        raise DomainError("网上信访暂未开通：尚未设置接收网上信访的信访部门")
    return unit


def routes_by_place() -> bool:
    """``XINFANG_PORTAL_ROUTE_BY_PLACE`` (default True): petitions go to the bureau of the place."""
    return bool(get("XINFANG_PORTAL_ROUTE_BY_PLACE"))


def receiving_bureau(place: Unit | None) -> Unit:
    """The petition bureau an online petition goes to: the nearest one whose territory covers the place
    of the problem (属地管理, Art. 22: the county bureau for a problem in one of its townships), within
    the portal's own jurisdiction; the portal's bureau when none is nearer, or when
    ``XINFANG_PORTAL_ROUTE_BY_PLACE = False`` (one bureau receives everything)."""
    top = portal_unit()
    if place is None or not routes_by_place():
        return top
    bureau = bureau_for(place)
    return bureau if bureau is not None and bureau.is_within(jurisdiction_root(top)) else top


def filing_actor() -> PetitionerActor:
    """The petitioner filing online: no case yet, so the only step it may take is ``register``."""
    return PetitionerActor()


@dataclass(frozen=True)
class Receipt:
    """What the petitioner is shown after filing: the case and, once, the query code."""

    submission: Submission
    code: str | None  # None only when a replay cannot re-derive it (server key changed)
    replayed: bool

    @property
    def case(self) -> Case:
        return self.submission.case

    @property
    def code_grouped(self) -> str:
        return codes.grouped(self.code) if self.code else ""

    @property
    def code_groups(self) -> list[str]:
        return self.code_grouped.split("-") if self.code else []


def validate_uploads(uploads: list[UploadedFile]) -> list[str]:
    """Error messages for the attachments: count, then each file's type and size (AttachmentForm)."""
    errors = []
    if len(uploads) > max_files():
        errors.append(f"附件最多{max_files()}个")
    for upload in uploads:
        check = AttachmentForm(files={"file": upload})
        if not check.is_valid():
            errors += [f"{upload.name}：{e}" for e in check.errors.get("file", [])]
    return errors


def submission_replay(*, token: str, phone: str) -> Receipt | None:
    """The receipt of an earlier submission of the same form, if any (idempotent retry).

    The form may have been filed under an index key that was rotated since: every accepted key is
    tried (current first), and the code is re-derived with the key that filed it."""
    earlier = codes.replayed(Submission.objects.select_related("case", "case__registered_unit"),
                             token=token, phone=phone, duplicate=DuplicateSubmission(
                                 "此表单已经提交过。请使用提交时取得的查询码查询，或刷新页面重新填写。"))
    if earlier is None:
        return None
    sub, code = earlier
    same = any(hmac.compare_digest(codes.code_hash(code, k), sub.code_hash) for k in index_keys())
    return Receipt(submission=sub, code=code if same else None, replayed=True)


def portal_submit(*, token: str, petitioner: dict[str, Any], case_data: dict[str, Any],
                  uploads: list[UploadedFile] | None = None, unit: Unit | None = None) -> Receipt:
    """File a petition online (Art. 17, 19, 21): registered, durable, once per form token.

    Returns after the transaction has committed, so a receipt is only ever shown for a petition
    that is stored. The same token again returns the same receipt (double click, retry, reload).
    """
    if not codes.valid_token(token):
        raise InvalidParams("表单已失效，请刷新页面后重新填写")
    phone = petitioner.get("phone", "")
    if not codes.normalise_phone(phone):
        raise InvalidParams("请填写手机号码：查询办理进度时需要核对")
    replay = submission_replay(token=token, phone=phone)
    if replay:
        return replay
    uploads = uploads or []
    if errors := validate_uploads(uploads):
        raise InvalidParams("附件有误：" + "；".join(errors), errors={"attachments": errors})
    unit = unit or portal_unit()
    actor = filing_actor()
    code = codes.code_for_token(token)
    data = {**case_data, "channel": Channel.ONLINE, "received_on": clock.today().isoformat()}
    try:
        with transaction.atomic():
            case = case_register(actor=actor, unit=unit, data=data, petitioners=[petitioner],
                                 identity_checked=False)  # nobody saw an ID card online
            for upload in uploads:
                attachment_add(case=case, actor=actor, upload=upload)
            sub = Submission.objects.create(
                case=case, token_hash=codes.token_hash(token), code_hash=codes.code_hash(code),
                phone_index=codes.phone_hash(phone), key_id=key_id(index_key()),
                created_at=clock.now(),
            )
    except IntegrityError:  # the same form committed meanwhile (double click on two workers)
        replay = submission_replay(token=token, phone=phone)
        if replay:
            return replay
        raise
    return Receipt(submission=sub, code=code, replayed=False)


def submission_verify(*, code: str, phone: str) -> Submission | None:
    """The submission with this query code whose phone matches, else None (one answer for both).

    The code is looked up by its keyed hash; the phone is compared in constant time, against a
    dummy value when no code matched, so a wrong code and a wrong phone take the same path. During
    an index-key rotation the old keys (XINFANG_INDEX_KEYS_OLD) are tried too, and a row found under
    an old key is re-hashed under the current one, now that the code and phone are known in clear.
    """
    keys = index_keys()
    hashes = {codes.code_hash(code, key): key for key in keys}
    found = Submission.objects.filter(code_hash__in=list(hashes)).first()  # one query, any key count
    used = hashes[found.code_hash] if found is not None else keys[0]
    expected = found.phone_index if found else codes.phone_hash("no-such-submission", used)
    given = codes.phone_hash(phone, used) if codes.normalise_phone(phone) else "-"
    phone_ok = hmac.compare_digest(expected, given)
    if found is None or not phone_ok:
        return None
    if used != keys[0]:
        found.code_hash = codes.code_hash(code)
        found.phone_index = codes.phone_hash(phone)
        found.key_id = key_id(keys[0])
        found.save(update_fields=["code_hash", "phone_index", "key_id"])
    return found


def petitioner_actor(submission: Submission) -> PetitionerActor:
    """The petitioner of an online filing, acting on that case only (query code and phone checked)."""
    return PetitionerActor(case_id=submission.case_id, case_number=submission.case.number,
                           submission_id=submission.pk)


def portal_rate(*, submission: Submission, satisfaction: str, comment: str = "") -> Case:
    """The petitioner rates the written answer online (Art. 21: 查询、评价); once per answer."""
    actor = petitioner_actor(submission)
    with transaction.atomic():
        case = case_transition(case_id=submission.case_id, action=Action.RATE, actor=actor,
                               params={"satisfaction": satisfaction, "comment": comment})
        record_event(case=case, type="portal.rated", actor=actor, action=Action.RATE,
                     data={"portal": True})
    return case


def next_higher_unit(case: Case, action: Action = Action.REQUEST_REVIEW) -> Unit:
    """Art. 35/36: a 复查/复核 request goes to the unit above the one that answered."""
    from xinfang.cases.guards import answering_unit, review_unit

    unit = review_unit(case, action)
    if unit is None:
        raise GuardFailed(f"“{answering_unit(case, action).name}”没有上一级单位，无法在线申请")
    return unit


def portal_request_review(*, submission: Submission, reason: str) -> Case:
    """复查 request within 30 days of the written answer, to the next-higher unit (Art. 35)."""
    return _request(submission, Action.REQUEST_REVIEW, reason)


def portal_request_recheck(*, submission: Submission, reason: str) -> Case:
    """复核 request within 30 days of the 复查 answer, one level up again (Art. 36)."""
    return _request(submission, Action.REQUEST_RECHECK, reason)


def _request(submission: Submission, action: Action, reason: str) -> Case:
    case = Case.objects.select_related("holding_unit").get(pk=submission.case_id)
    unit = next_higher_unit(case, action)
    if case.closed_to(unit):  # Art. 30: an accusation is never sent to the accused unit
        raise GuardFailed(f"本件无法通过网上提交此申请，请向“{unit.name}”书面提出")
    actor = petitioner_actor(submission)
    with transaction.atomic():
        case = case_transition(case_id=case.pk, action=action, actor=actor, params={
            "unit": unit.pk, "received_on": clock.today().isoformat(), "note": reason.strip()})
        record_event(case=case, type="portal.requested", actor=actor, action=action,
                     data={"portal": True, "unit": unit.pk, "unit_name": unit.name})
    return case
