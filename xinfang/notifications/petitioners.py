"""What the petitioner is told, step by step (issue 15 item 7), in one table.

Each message is a template (Chinese msgid, English in locale/en_translations.py) keyed by the step:
``registered`` (the acknowledgement with the case number, Art. 21), the notice kinds a workflow step
issues (受理, 不予受理, 转送, 交办, 延期, the three written answers ...: the petitioner-addressed
documents of ``xinfang.documents``; any other such notice gets ``issued``), and the 并案 messages.
Written as outbox rows inside the step's transaction (``notify_petitioners``: an SMS to each
petitioner who gave a phone number; petitioners have no login, so never in-app): a step that rolls
back leaves no message, a committed one exactly one, sent after commit and retried. The petitioner's
language is the one each petitioner chose for notices (``Petitioner.notice_language``: 简体中文, 繁體中文
or English, issue 19's cross-border track; the zh_Hant texts are in locale/zh_Hant), else the
platform's (``LANGUAGE_CODE``: Chinese unless the bureau changes it).

Only the petitioners of the case are written to; no unit ever receives these texts, so an accuser
stays unknown to the accused unit (Art. 30).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

#: step -> the message. %(unit)s the sending unit, %(number)s the case number; the others per step.
MESSAGES: dict[str, str] = {
    # Art. 21: registered, with the number and how to follow it
    "registered": gettext_noop("【%(unit)s】您的信访事项已于%(date)s登记，编号%(number)s。请保留编号，可凭编号向本单位"
                    "查询办理进展；网上信访的，可凭回执上的查询码和本手机号在网上查询。"),
    # Art. 23, 34: accepted, by whom, and by when it must be concluded
    "acceptance": gettext_noop("【%(unit)s】您的信访件%(number)s已受理，由%(unit)s办理，办理期限至%(due_on)s"
                    "（《信访工作条例》第34条）。《受理告知书》（%(document)s）将依法送达。"),
    # Art. 23: not accepted; the reasons are in the written notice
    "non_acceptance": gettext_noop("【%(unit)s】您的信访件%(number)s不予受理，理由详见《不予受理告知书》（%(document)s），"
                        "书面告知书将依法送达（《信访工作条例》第23条）。"),
    # Art. 22, 23: where it went
    "transfer": gettext_noop("【%(unit)s】您的信访件%(number)s已转送%(target)s办理（《信访工作条例》第22条），"
                  "该单位将书面告知您是否受理。《转送告知书》（%(document)s）将依法送达。"),
    "assignment": gettext_noop("【%(unit)s】您的信访件%(number)s已交办%(target)s办理（《信访工作条例》第22条），"
                    "该单位将书面告知您是否受理。《交办告知书》（%(document)s）将依法送达。"),
    # Art. 34: the new deadline
    "extension": gettext_noop("【%(unit)s】您的信访件%(number)s经批准延期办理，办理期限延长至%(due_on)s"
                   "（《信访工作条例》第34条），延期理由见《延期办理告知书》（%(document)s）。"),
    # Art. 32, 35, 36: the answer, and what the petitioner may do next
    "opinion": gettext_noop("【%(unit)s】您的信访件%(number)s已出具《信访处理意见书》（%(document)s），书面答复将依法送达。"
                 "不服的，可自收到书面答复之日起30日内请求上一级机关、单位复查（《信访工作条例》第35条）。"),
    "review_opinion": gettext_noop("【%(unit)s】您的信访件%(number)s已出具《复查意见书》（%(document)s），书面答复将依法送达。"
                        "不服的，可自收到书面答复之日起30日内请求上一级机关、单位复核（《信访工作条例》第36条）。"),
    "recheck_opinion": gettext_noop("【%(unit)s】您的信访件%(number)s已出具《复核意见书》（%(document)s），书面答复将依法"
                         "送达。复核意见为终结意见（《信访工作条例》第36条）。"),
    # any other notice addressed to the petitioner (不再受理, 导入法定程序, 履行职责, 听证, 调解 ...)
    "issued": gettext_noop("【%(unit)s】您的信访件%(number)s已出具《%(kind)s》（%(document)s），书面文书将依法送达，"
                "请注意查收。"),
    # 并案 (issue 15 item 2): where the matter now is, and the one answer
    "merged": gettext_noop("【%(unit)s】您的信访件%(number)s与同一事项的信访件%(into)s并案办理，将一并答复，"
                "请注意查收书面答复。"),
    "merged_answer": gettext_noop("【%(unit)s】您的信访件%(number)s已与信访件%(into)s并案办理，现已出具%(stage)s，"
                       "书面答复将依法送达，请注意查收。"),
}


def message_for(step: str, values: dict[str, Any], language: str = "") -> str:
    """The step's message in the petitioner's language (`language`, a NoticeLanguage code; empty:
    the platform's); a step whose value is missing (an acceptance with no running clock) falls
    back to the plain notice of the document."""
    template = MESSAGES.get(step, MESSAGES["issued"])
    with translation.override(language or settings.LANGUAGE_CODE):
        shown = {k: str(v) for k, v in values.items()}  # lazy labels, in that language
        if translation.get_language() == "en":  # 2026年1月2日 reads 2026-01-02 in English
            shown = {k: _iso_dates(v) for k, v in shown.items()}
        try:
            if any(not shown.get(k) for k in _names(template)):
                raise KeyError(step)
            return gettext(template) % shown
        except KeyError:
            return gettext(MESSAGES["issued"]) % shown


def _iso_dates(text: str) -> str:
    import re

    return re.sub(r"(\d{4})年(\d{1,2})月(\d{1,2})日",
                  lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", text)


def _names(template: str) -> list[str]:
    import re

    return re.findall(r"%\((\w+)\)s", template)


def tell_petitioners(*, case: Any, step: str, unit: Any, **values: Any) -> list[Any]:
    """One SMS per petitioner with a phone number, for `step` (see MESSAGES), each in the
    language the petitioner chose for notices."""
    from .models import Channel
    from .services import notify

    values = {"unit": getattr(unit, "name", unit), "number": case.number, **values}
    out = []
    for party in case.parties.select_related("petitioner"):
        person = party.petitioner
        sent = notify(channel=Channel.SMS, petitioner=person, case=case,
                      body=message_for(step, values, person.notice_language))
        if sent:
            out.append(sent)
    return out


def on_case_registering(sender: Any, case: Any, actor: Any, **kwargs: Any) -> None:  # noqa: ARG001
    """Receiver of ``cases.services.case_registering`` (inside the registration's transaction): only
    the outbox job of the acknowledgement (issue 17: registration stays a short transaction); the
    message is written and sent after commit by ``acknowledge_registration``, whatever the channel."""
    from xinfang.core.jobs import job_enqueue

    job_enqueue(name=ACKNOWLEDGE_JOB, case=case.pk)


#: the outbox job (core/jobs.py) of the acknowledgement, registered in notifications/tasks.py
ACKNOWLEDGE_JOB = "notifications.acknowledge"


def acknowledge_registration(case_pk: int) -> int:
    """The acknowledgement of registration (Art. 21): one SMS to each petitioner with a phone number.

    Idempotent (the job is delivered at least once): a petitioner who already has this case's
    acknowledgement, the same text, gets no second one. Returns how many messages were written."""
    from django.db import transaction
    from django.utils import timezone

    from xinfang.cases.models import Case

    from .models import Channel, Notification
    from .services import notify

    with transaction.atomic():
        case = (Case.objects.select_for_update(of=("self",)).select_related("registered_unit")
                .filter(pk=case_pk).first())
        if case is None:
            return 0
        registered = timezone.localdate(case.registered_at)
        values = {"unit": case.registered_unit.name, "number": case.number,
                  "date": f"{registered.year}年{registered.month}月{registered.day}日"}
        written = 0
        for party in case.parties.select_related("petitioner"):
            body = message_for("registered", values, party.petitioner.notice_language)
            if Notification.objects.filter(case=case, channel=Channel.SMS, body=body,
                                           petitioner=party.petitioner_id).exists():
                continue
            if notify(channel=Channel.SMS, body=body, petitioner=party.petitioner, case=case):
                written += 1
        return written
