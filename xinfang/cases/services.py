"""Writes that create cases and add material to them. Status changes live in workflow.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.dispatch import Signal

from xinfang.core import clock, numbering
from xinfang.core.conf import get
from xinfang.core.crypto import blind_indexes
from xinfang.core.errors import GuardFailed, IllegalTransition, InvalidParams, PermissionDenied
from xinfang.core.workflow import staff_user
from xinfang.orgs.models import Role

from .events import record_event
from .filecheck import file_problem
from .forms import RouteFollowUpForm
from .models import (
    Attachment,
    Case,
    FollowUpStep,
    Petitioner,
    RouteFollowUp,
)

ATTACHMENT_NAME_MAX = 200  # Attachment.name

#: sent inside the registration's transaction (kwargs: case, actor): for work that must be as durable
#: as the petition, e.g. the triage assistant's outbox job (core/jobs.py), which runs after commit,
#: never holds up or endangers the registration, and is never lost
case_registering = Signal()


def _form_errors(form, prefix: str = "") -> dict[str, list[str]]:  # noqa: ANN001
    return {f"{prefix}{k}": [str(e) for e in v] for k, v in form.errors.items()}


def next_case_number(unit) -> str:  # noqa: ANN001
    """Unit code, year and a per-unit yearly serial (core.numbering: locked while in use)."""
    year = clock.today().year
    n = numbering.next_serial(numbering.unit_scope(unit), numbering.CASE, year)
    return f"{unit.code}-{year}-{n:05d}"


def petitioner_find_or_create(data: dict[str, Any], *, identity_checked: bool = True) -> Petitioner:
    """The same person (same ID number and name) is one petitioner across cases (repeats show).

    Only a registrar who has seen the person (`identity_checked`: a visit, a letter with a copy of
    the ID) may change the stored phone or address. From an unchecked source such as the public
    portal, different contact details make a separate petitioner record (still found as a repeat
    by its ID number), so typing someone else's ID number online cannot overwrite their details.
    A different name under the same ID number is likewise kept apart.
    """
    if data.get("id_number"):
        same_id = Petitioner.objects.filter(id_number_index__in=blind_indexes(data["id_number"]))
        existing = next((p for p in same_id if p.name == data.get("name")), None)
        fields = ("phone", "address")
        if existing and not identity_checked and any(
            data.get(f) and getattr(existing, f) and getattr(existing, f) != data[f] for f in fields
        ):
            existing = None
        if existing:
            changed = [f for f in (*fields, "notice_language")
                       if data.get(f) and getattr(existing, f) != data[f]]
            for field in changed:
                setattr(existing, field, data[field])
            if changed:  # only the changed details and their blind indexes (no re-encryption of the rest)
                existing.save(update_fields=[*changed, *(index for index, field
                                                         in Petitioner.BLIND_INDEXES.items()
                                                         if field in changed)])
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
                  identity_checked: bool = True, unit: Any = None) -> Case:
    """Register a petition (Art. 17, 21-23): the case table's creating step `register` on the
    workflow engine — validated, numbered, durable, its first clock started, in one transaction.

    `actor`: a registrar or handler registering what their unit received (`unit`, default theirs),
    or the petitioner filing online (a `PetitionerActor` without a case; `unit` is the receiving
    bureau; nobody saw an ID card: `identity_checked=False`). A petition bureau has 15 days to
    transfer or assign it (Art. 22); any other unit receiving it directly has 15 days to tell the
    petitioner whether and how it is handled (Art. 23).
    """
    from xinfang.core import workflow as engine

    from .states import Action
    from .workflow import CASES

    unit = unit if unit is not None else getattr(actor, "unit", None)
    return engine.create(CASES, action=Action.REGISTER, actor=actor, params={
        "unit": unit, "case": data, "petitioners": petitioners,
        "identity_checked": identity_checked})


def attachment_add(*, case: Case, actor: Any, upload: UploadedFile,
                   confidential: bool = False) -> Attachment:
    """Keep a document of the case under a random stored name.

    Checked here, whatever the caller (staff page, intake, portal, API): the type, the size, the
    content against the extension (a renamed program is refused), and the case's limits
    (``XINFANG_ATTACHMENT_MAX_PER_CASE`` files, ``XINFANG_ATTACHMENT_MAX_TOTAL_BYTES`` together).
    An over-long file name is shortened (keeping its extension); if the record cannot be written,
    the stored file is removed again so that nothing is left on disk without a record.
    """
    name = short_file_name(upload.name or "attachment")
    size = upload.size or 0
    if problem := file_problem(upload, name, size):
        raise InvalidParams(f"{name}：{problem}", errors={"file": [problem]})
    upload.name = name
    attachment = Attachment(case=case, name=name, size=size,
                            confidential=confidential or case.is_accusation,
                            uploaded_by=staff_user(actor))
    try:
        with transaction.atomic():
            Case.objects.select_for_update().filter(pk=case.pk).first()  # one upload at a time
            _attachment_limits(case, size)
            attachment.file = upload
            attachment.save()
            record_event(case=case, type="case.attachment_added", actor=actor,
                         new_value=name, data={"attachment": attachment.pk, "name": name})
    except BaseException:
        if attachment.file and getattr(attachment.file, "_committed", False):  # stored already
            attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def _attachment_limits(case: Case, size: int) -> None:
    kept = case.attachments.aggregate(n=Count("pk"), total=Sum("size"))
    most = settings.XINFANG_ATTACHMENT_MAX_PER_CASE
    if kept["n"] >= most:
        raise InvalidParams(f"本件附件已达{most}个的上限，不能再上传")
    limit = settings.XINFANG_ATTACHMENT_MAX_TOTAL_BYTES
    if (kept["total"] or 0) + size > limit:
        raise InvalidParams(f"本件附件合计不得超过{limit // (1024 * 1024)} MB，"
                            f"已用{(kept['total'] or 0) / (1024 * 1024):.1f} MB")


# --- the closed loop of routed-away items (诉访分离 follow-up) ----------------------------------------

FOLLOW_UP_ROLES = (Role.REGISTRAR, Role.HANDLER, Role.APPROVER)


def route_followup_quiet_days() -> int:
    """Days without news after which a routed-away item is flagged and reminded (practice, not law:
    ``XINFANG_ROUTE_FOLLOW_UP_DAYS``)."""
    return int(get("XINFANG_ROUTE_FOLLOW_UP_DAYS"))


def route_followup_record(*, followup_id: int, actor: Any,
                          params: dict[str, Any]) -> RouteFollowUp:
    """Record what the routing unit learnt of an item it routed away: 签收, progress, 办结.

    Art. 22 ¶2, 28: routing passes an item on, it does not drop it; the routing unit's staff follow it
    until the organ or procedure concludes it. Outside the actor's jurisdiction: DoesNotExist (404).
    """
    from .selectors import route_followups

    form = RouteFollowUpForm(data=params)
    if not form.is_valid():
        errors = _form_errors(form)
        raise InvalidParams("填写有误：" + "；".join(
            f"{form.fields[k].label if k in form.fields else k}：{'、'.join(v)}"
            for k, v in errors.items()), errors=errors)
    step, on, note = (FollowUpStep(form.cleaned_data["step"]), form.cleaned_data["on"],
                      form.cleaned_data["note"].strip())
    with transaction.atomic():
        followup_id = route_followups(actor, open_only=False).get(pk=followup_id).pk
        followup = RouteFollowUp.objects.select_for_update().select_related("case").get(
            pk=followup_id)
        if not (actor.unit_id == followup.unit_id and actor.has_role(*FOLLOW_UP_ROLES)):
            raise PermissionDenied(f"导入程序事项由作出导入决定的“{followup.unit.name}”工作人员跟踪记录")
        if not followup.is_open:
            raise IllegalTransition("该事项已办结，跟踪已闭环")
        if on < followup.routed_on:
            raise GuardFailed(f"日期不能早于导入（转送）日期{followup.routed_on}")
        if step == FollowUpStep.RECEIVED and followup.received_on:
            raise GuardFailed(f"已于{followup.received_on}记录签收")
        old = followup.status
        if step == FollowUpStep.RECEIVED:
            followup.received_on, followup.status = on, RouteFollowUp.Status.RECEIVED
        elif step == FollowUpStep.CONCLUDED:
            followup.concluded_on, followup.result = on, note
            followup.status = RouteFollowUp.Status.CONCLUDED
        followup.last_news_on = max(on, followup.last_news_on)
        followup.save()
        record_event(case=followup.case, type="case.followup_step", actor=actor,
                     old_value=old, new_value=followup.status, note=note,
                     data={"followup": followup.pk, "step": step.value, "on": on.isoformat(),
                           "destination": followup.destination})
    return followup


def route_followups_remind() -> int:
    """Daily: remind the routing unit of each open routed-away item without news for N days (once
    every N days), on the case timeline and in its staff's inbox; returns how many were reminded."""
    from xinfang.notifications.services import notify_unit

    days = route_followup_quiet_days()
    today = clock.today()
    since = today - dt.timedelta(days=days)
    due = (RouteFollowUp.objects.exclude(status=RouteFollowUp.Status.CONCLUDED)
           .filter(last_news_on__lte=since)
           .filter(Q(reminded_on__isnull=True) | Q(reminded_on__lte=since)))
    count = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            followup = RouteFollowUp.objects.select_for_update().select_related("case", "unit").get(
                pk=pk)
            followup.reminded_on = today
            followup.save(update_fields=["reminded_on"])
            quiet = (today - followup.last_news_on).days
            record_event(case=followup.case, type="case.followup_reminder",
                         new_value=followup.status,
                         data={"followup": followup.pk, "step": "reminder",
                               "destination": followup.destination,
                               "since": followup.last_news_on.isoformat(), "days": quiet})
            # the message to the unit's staff (not the record) is written once, in Chinese
            note = (f"导入程序跟踪提醒：该事项（去向：{followup.destination}）自{followup.last_news_on}起"
                    f"已{quiet}日无新进展，请向接收机关了解签收和办理情况")
            case, unit = followup.case, followup.unit
            # In this transaction: the reminder and its messages are committed together (outbox rows).
            notify_unit(unit=unit, case=case, roles=list(FOLLOW_UP_ROLES),
                        subject=f"导入程序事项{case.number}长时间无进展", body=note)
        count += 1
    return count


def short_file_name(name: str, limit: int = ATTACHMENT_NAME_MAX) -> str:
    """`name` cut to `limit` characters, keeping its extension (the type check reads it)."""
    name = name.replace("\x00", "")
    if len(name) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 10:
        return name[:limit]
    return f"{stem[:limit - len(ext) - 1]}.{ext}"
