"""Writes that create cases and add material to them. Status changes live in workflow.py."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.dispatch import Signal

from xinfang.core import clock
from xinfang.core.crypto import blind_index
from xinfang.core.errors import InvalidParams, PermissionDenied
from xinfang.deadlines import services as deadlines
from xinfang.deadlines.rules import DeadlineKind
from xinfang.orgs.models import Role, UnitType

from .events import record_event
from .forms import CaseForm, PetitionerForm
from .models import (
    Attachment,
    Case,
    CaseAccess,
    CaseNumberSequence,
    CasePetitioner,
    EventKind,
    Petitioner,
)

MAX_REPRESENTATIVES = 5  # Art. 20
MAX_HEADCOUNT = 2**31 - 1  # what the database column holds
ATTACHMENT_NAME_MAX = 200  # Attachment.name

#: sent after a registration commits (kwargs: case, actor): the petition is durable; listeners such
#: as the triage assistant work on it without holding up or endangering the registration
case_registered = Signal()


def _form_errors(form, prefix: str = "") -> dict[str, list[str]]:  # noqa: ANN001
    return {f"{prefix}{k}": [str(e) for e in v] for k, v in form.errors.items()}


def _raise_invalid(errors: dict[str, list[str]]) -> None:
    summary = "；".join(f"{k}：{'、'.join(v)}" for k, v in errors.items())
    raise InvalidParams(f"登记信息有误：{summary}", errors=errors)


def next_case_number(unit) -> str:  # noqa: ANN001
    """Unit code, year and a per-unit yearly serial; the counter row is locked while in use."""
    year = clock.today().year
    seq, _ = CaseNumberSequence.objects.select_for_update().get_or_create(unit=unit, year=year)
    seq.last += 1
    seq.save(update_fields=["last"])
    return f"{unit.code}-{year}-{seq.last:05d}"


def petitioner_find_or_create(data: dict[str, Any], *, identity_checked: bool = True) -> Petitioner:
    """The same person (same ID number and name) is one petitioner across cases (repeats show).

    Only a registrar who has seen the person (`identity_checked`: a visit, a letter with a copy of
    the ID) may change the stored phone or address. From an unchecked source such as the public
    portal, different contact details make a separate petitioner record (still found as a repeat
    by its ID number), so typing someone else's ID number online cannot overwrite their details.
    A different name under the same ID number is likewise kept apart.
    """
    if data.get("id_number"):
        same_id = Petitioner.objects.filter(id_number_index=blind_index(data["id_number"]))
        existing = next((p for p in same_id if p.name == data.get("name")), None)
        fields = ("phone", "address")
        if existing and not identity_checked and any(
            data.get(f) and getattr(existing, f) and getattr(existing, f) != data[f] for f in fields
        ):
            existing = None
        if existing:
            changed = [f for f in fields if data.get(f) and getattr(existing, f) != data[f]]
            for field in changed:
                setattr(existing, field, data[field])
            if changed:
                existing.save()
            return existing
    return Petitioner.objects.create(**{k: v for k, v in data.items() if k != "is_representative"})


def no_known_address(people: list[dict[str, Any]]) -> bool:
    """Art. 23 ¶2: no written notice is owed when the petitioner's name and address are unclear.

    Read narrowly, in the petitioner's favour: only when no petitioner on the case left an
    address or a phone number by which a notice could reach them.
    """
    return not any((p.get("address") or "").strip() or (p.get("phone") or "").strip()
                   for p in people)


def case_register(*, actor: Any, data: dict[str, Any], petitioners: list[dict[str, Any]],
                  identity_checked: bool = True) -> Case:
    """Register a petition (Art. 21, 22): validated, numbered, durable, its first clock started.

    A petition bureau has 15 days to transfer or assign it (Art. 22); any other unit receiving it
    directly has 15 days to tell the petitioner whether and how it is handled (Art. 23).
    """
    if not actor.has_role(Role.REGISTRAR, Role.HANDLER):
        raise PermissionDenied("只有登记员或承办人可以登记信访件")
    if actor.unit_id is None:
        raise PermissionDenied("您的账号未关联单位，不能登记信访件")
    form = CaseForm(data=data, user=actor)
    errors = {} if form.is_valid() else _form_errors(form)
    people: list[dict[str, Any]] = []
    if not petitioners:
        errors["petitioners"] = ["至少需要一名信访人"]
    for i, person in enumerate(petitioners):
        pform = PetitionerForm(data=person)
        if pform.is_valid():
            people.append(pform.cleaned_data)
        else:
            errors.update(_form_errors(pform, prefix=f"petitioners[{i}].") )
    if (form.cleaned_data.get("headcount") or 0) > MAX_HEADCOUNT:
        errors["headcount"] = ["信访人数超出允许范围"]
    if sum(1 for p in people if p.get("is_representative")) > MAX_REPRESENTATIVES:
        errors["petitioners"] = ["多人走访应推选代表，代表人数不得超过5人（第20条）"]
    if errors:
        _raise_invalid(errors)
    cleaned = form.cleaned_data
    related = cleaned.pop("related_case")
    with transaction.atomic():
        now = clock.now()
        case = Case.objects.create(
            number=next_case_number(actor.unit),
            registered_at=now,
            registered_unit=actor.unit,
            registered_by=actor,
            holding_unit=actor.unit,
            headcount=max(cleaned.pop("headcount"), len(people)),
            is_first_time=cleaned.pop("is_first_time") and related is None,
            **cleaned,
        )
        for person in people:
            CasePetitioner.objects.create(
                case=case, petitioner=petitioner_find_or_create(
                    person, identity_checked=identity_checked),
                is_representative=person.get("is_representative", False),
            )
        if related is not None:
            case.related_cases.add(related)
        CaseAccess.objects.create(case=case, unit=actor.unit, reason="registered")
        record_event(case=case, kind=EventKind.REGISTERED, actor=actor, new_value=case.status,
                     note=f"{case.get_channel_display()}，{case.title}", at=now)
        if actor.unit.unit_type == UnitType.PETITION_BUREAU:
            deadlines.deadline_start(case=case, kind=DeadlineKind.INTAKE,
                                     started_on=case.received_on, actor=actor)
        elif no_known_address(people):
            record_event(case=case, kind=EventKind.NOTE, actor=actor, at=now,
                         note="信访人住址、联系方式不清，无法书面告知，依第23条第二款不计算15日告知期限",
                         data={"type": "notice_not_owed"})
        else:
            deadlines.deadline_start(case=case, kind=DeadlineKind.ACCEPTANCE_NOTICE,
                                     started_on=case.received_on, actor=actor)
        transaction.on_commit(lambda: case_registered.send(sender=Case, case=case, actor=actor))
    return case


def attachment_add(*, case: Case, actor: Any, upload: UploadedFile,
                   confidential: bool = False) -> Attachment:
    """Keep a document of the case (size and type are checked by AttachmentForm).

    An over-long file name is shortened (keeping its extension); if the record cannot be written,
    the stored file is removed again so that nothing is left on disk without a record.
    """
    name = short_file_name(upload.name or "attachment")
    upload.name = name
    attachment = Attachment(case=case, name=name, size=upload.size,
                            confidential=confidential or case.is_accusation, uploaded_by=actor)
    try:
        with transaction.atomic():
            attachment.file = upload
            attachment.save()
            record_event(case=case, kind=EventKind.ATTACHMENT_ADDED, actor=actor,
                         new_value=name, data={"attachment": attachment.pk})
    except BaseException:
        if attachment.file and getattr(attachment.file, "_committed", False):  # stored already
            attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def short_file_name(name: str, limit: int = ATTACHMENT_NAME_MAX) -> str:
    """`name` cut to `limit` characters, keeping its extension (the type check reads it)."""
    name = name.replace("\x00", "")
    if len(name) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 10:
        return name[:limit]
    return f"{stem[:limit - len(ext) - 1]}.{ext}"
