"""`suggestion_create` and `suggestion_transition`: the only writers of a suggestion's status.

The suggestion table (`states.TRANSITIONS`) is the `SUGGESTIONS` workflow on the one engine
(`xinfang.core.workflow`): the record is loaded through the actor's reach (outside it
Suggestion.DoesNotExist → 404), locked, its status, the actor's role and unit checked, the
parameters validated by the step's form (`forms.py`), the guards, the effect, and the timeline event
written. The proposer is told by SMS at the steps that concern them (receipt, answer, outcome,
reward), written in the step's transaction like every outbox message (xinfang.notifications).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.dispatch import Signal
from django.utils import translation
from django.utils.translation import gettext as _

from xinfang.core import clock, numbering
from xinfang.core import workflow as engine
from xinfang.core.conf import get
from xinfang.core.crypto import index_key, key_id
from xinfang.core.errors import GuardFailed, InvalidParams
from xinfang.core.workflow import is_petitioner, state_guard
from xinfang.notifications.models import Channel
from xinfang.notifications.services import notify, notify_unit
from xinfang.orgs.models import Role, Unit
from xinfang.orgs.selectors import supervises
from xinfang.portal import codes

from .forms import ACTION_FORMS
from .models import Outcome, Suggestion, SuggestionChannel, SuggestionEvent
from .selectors import visible_suggestions
from .states import (
    DECIDING,
    RECEIVING,
    TRANSITIONS,
    SuggestionAction,
    SuggestionStatus,
)

SERIAL_KIND = "suggestion"


def _receiving(actor: Any, record: Suggestion | None, _parent: Any) -> bool:
    """The unit that received it; a new one: a petition bureau or a party committee/government."""
    if record is None:
        return supervises(actor.unit)
    return actor.unit_id is not None and actor.unit_id == record.receiving_unit_id


def _deciding(actor: Any, record: Suggestion | None, _parent: Any) -> bool:
    """The unit the suggestion was referred to for study and decision."""
    return (record is not None and actor.unit_id is not None
            and actor.unit_id == record.deciding_unit_id)


SCOPES = {RECEIVING: _receiving, DECIDING: _deciding}


@state_guard
def _consented(record: Suggestion, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    """Art. 29, 46: published only with the proposer's consent."""
    if not record.publish_consent:
        raise GuardFailed(_("建议人未同意公开，不能公开此建议"))


@state_guard
def _rewards_enabled(record: Suggestion, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    """Art. 29 para. 2: rewards only where the locality grants them (XINFANG_SUGGESTION_REWARDS)."""
    if not get("XINFANG_SUGGESTION_REWARDS"):
        raise GuardFailed(_("本地未设立人民建议奖励（XINFANG_SUGGESTION_REWARDS 未开启）"))


@state_guard
def _was_adopted(record: Suggestion, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if record.outcome not in (Outcome.ADOPTED, Outcome.PARTLY):
        raise GuardFailed(_("只有被采纳的建议才能记录奖励"))


@state_guard
def _not_rewarded(record: Suggestion, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if record.reward:
        raise GuardFailed(_("此建议已记录奖励"))


GUARDS = {"consented": _consented, "rewards_enabled": _rewards_enabled,
          "was_adopted": _was_adopted, "not_rewarded": _not_rewarded}


def _tell(record: Suggestion, body: str) -> None:
    """An SMS to the proposer, when they gave a phone number (written in the step's transaction)."""
    if record.proposer_phone:
        notify(channel=Channel.SMS, address=record.proposer_phone, body=body,
               subject=_("人民建议 %(n)s") % {"n": record.number})


def _platform_language(fn):  # noqa: ANN001, ANN202
    """Messages are written in the platform's language (LANGUAGE_CODE), not the language of the page
    that took the step (as xinfang.notifications.petitioners)."""
    def wrapped(step: engine.Step) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            fn(step)
    return wrapped


def _new(params: dict[str, Any], *, unit: Unit, channel: str) -> Suggestion:
    today = clock.today()
    serial = numbering.next_serial(numbering.unit_scope(unit), SERIAL_KIND, today.year)
    token = params.get("token") or secrets.token_urlsafe(24)
    code = codes.code_for_token(token)
    phone = params.get("phone") or ""
    now = clock.now()
    record = Suggestion(
        number=f"{unit.code}-JY{today.year}-{serial:05d}", topic=params["topic"].strip(),
        text=params["text"].strip(), field=params["field"], concerns_unit=params["concerns_unit"],
        receiving_unit=unit, channel=channel, anonymous=bool(params.get("anonymous")),
        proposer_name=(params.get("name") or "").strip(), proposer_phone=phone,
        publish_consent=bool(params.get("publish_consent")),
        token_hash=codes.token_hash(token), code_hash=codes.code_hash(code),
        phone_index=codes.phone_hash(phone) if phone else "", key_id=key_id(index_key()),
        submitted_on=today, created_at=now, updated_at=now,
    )
    record.issued_code = code  # handed back once, on the receipt; never stored in clear
    return record


def _submit(_parent: Any, actor: Any, params: dict[str, Any]) -> Suggestion:
    from xinfang.portal.services import receiving_bureau

    unit = params.get("receiving_unit") or receiving_bureau(params["concerns_unit"])
    return _new(params, unit=unit, channel=SuggestionChannel.PORTAL)


def _enter(_parent: Any, actor: Any, params: dict[str, Any]) -> Suggestion:
    return _new(params, unit=actor.unit, channel=SuggestionChannel.STAFF)


def _refer(record: Suggestion, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    unit = params["unit"]
    record.deciding_unit = unit
    record.referred_on = clock.today()
    return {"note": params.get("note", ""), "unit": unit.pk, "unit_name": unit.name}


def _answer(record: Suggestion, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.reply = params["reply"].strip()
    record.answered_on = clock.today()
    return {"note": record.reply}


def _adopt(record: Suggestion, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.outcome = Outcome.PARTLY if params.get("partly") else Outcome.ADOPTED
    record.decision_note = params["note"].strip()
    record.decided_on = clock.today()
    return {"note": record.decision_note, "outcome": record.outcome}


def _decline(record: Suggestion, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.outcome = Outcome.NOT_ADOPTED
    record.decision_note = params["note"].strip()
    record.decided_on = clock.today()
    return {"note": record.decision_note, "outcome": record.outcome}


def _publish(record: Suggestion, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.published_on = clock.today()
    return {"note": params.get("note", "")}


def _reward(record: Suggestion, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    text = params["reward"].strip()
    if not text:
        raise InvalidParams(_("请填写奖励内容"), field="reward")
    record.reward = text
    record.rewarded_on = clock.today()
    return {"reward": text}


EFFECTS = {
    SuggestionAction.SUBMIT: _submit, SuggestionAction.ENTER: _enter,
    SuggestionAction.REFER: _refer, SuggestionAction.ANSWER: _answer,
    SuggestionAction.ADOPT: _adopt, SuggestionAction.DECLINE: _decline,
    SuggestionAction.PUBLISH: _publish, SuggestionAction.REWARD: _reward,
}


def record_suggestion_event(*, suggestion: Suggestion, type: str, actor: Any = None,  # noqa: A002
                            action: str = "", old_value: str = "", new_value: str = "",
                            note: str = "", data: dict | None = None) -> SuggestionEvent:
    """One entry on the suggestion's timeline, of a registered type (xinfang.core.events)."""
    from xinfang.core.events import event_type

    code = event_type(type).code  # unregistered: a programming error
    return SuggestionEvent.objects.create(
        suggestion=suggestion, type=code, action=action, actor=engine.staff_user(actor),
        unit=getattr(actor, "unit", None), at=clock.now(), old_value=str(old_value),
        new_value=str(new_value), note=note, data=data or {})


def _before_save(step: engine.Step) -> None:
    step.record.updated_at = clock.now()


def _write_event(step: engine.Step) -> None:
    """The timeline entry, then what the proposer and the deciding unit are told."""
    data = dict(step.result) if isinstance(step.result, dict) else {}
    note = data.pop("note", "")
    record = step.record
    if step.transition.action == SuggestionAction.REWARD:
        record_suggestion_event(suggestion=record, type="suggestion.reward", actor=step.actor,
                                action=step.action.value, note=note, data=data)
    else:
        data["via"] = "portal" if is_petitioner(step.actor) else "staff"
        record_suggestion_event(suggestion=record, type="suggestion.status_changed",
                                actor=step.actor, action=step.action.value, old_value=step.old,
                                new_value=step.new, note=note, data=data)
    _inform(step)


@_platform_language
def _inform(step: engine.Step) -> None:
    """Art. 29: the proposer is acknowledged, answered and told the outcome (and any reward)."""
    r, act = step.record, step.transition.action
    if act in (SuggestionAction.SUBMIT, SuggestionAction.ENTER):
        _tell(r, _("【人民建议】您的建议“%(t)s”已收到，编号%(n)s，由%(u)s办理。可凭查询码查询办理情况。")
              % {"t": r.topic, "n": r.number, "u": r.receiving_unit.name})
    elif act == SuggestionAction.REFER:
        notify_unit(unit=r.deciding_unit, case=None, roles=(Role.HANDLER, Role.APPROVER),
                    subject=_("转来人民建议 %(n)s") % {"n": r.number},
                    body=_("%(u)s转来人民建议“%(t)s”，请研究论证并答复建议人（第二十九条）。")
                    % {"u": r.receiving_unit.name, "t": r.topic})
    elif act == SuggestionAction.ANSWER:
        _tell(r, _("【人民建议】您的建议“%(t)s”（%(n)s）已由%(u)s研究答复，可凭查询码查看答复意见。")
              % {"t": r.topic, "n": r.number, "u": r.deciding_unit.name})
    elif act in (SuggestionAction.ADOPT, SuggestionAction.DECLINE):
        _tell(r, _("【人民建议】您的建议“%(t)s”（%(n)s）：%(o)s。可凭查询码查看说明。")
              % {"t": r.topic, "n": r.number, "o": r.get_outcome_display()})
    elif act == SuggestionAction.REWARD:
        _tell(r, _("【人民建议】感谢您的建议“%(t)s”（%(n)s），按规定给予奖励：%(w)s。")
              % {"t": r.topic, "n": r.number, "w": r.reward})


# Sent after commit: kwargs flow, record, action, old_status, new_status, actor, params.
suggestion_changed = Signal()

SUGGESTIONS = engine.Workflow(
    name="suggestion", label="人民建议", model=Suggestion, actions=SuggestionAction,
    statuses=SuggestionStatus, table=TRANSITIONS, forms=ACTION_FORMS,
    visible=visible_suggestions, scopes=SCOPES, write_event=_write_event, guards=GUARDS,
    effects=EFFECTS, lock_related=("receiving_unit",), before_save=_before_save,
    signal=suggestion_changed,
)


def suggestion_create(*, action: str, actor: Any, params: dict[str, Any]) -> Suggestion:
    """A new suggestion: sent on the portal (`submit`) or entered by staff (`enter`), Art. 17, 29.
    The query code is left on the record as `issued_code` for the receipt (shown once, stored only
    as a keyed hash)."""
    return engine.create(SUGGESTIONS, action=action, actor=actor, params=params)


def suggestion_transition(*, suggestion_id: int, action: str, actor: Any,
                          params: dict[str, Any] | None = None) -> Suggestion:
    """Move a suggestion along referred → answered → adopted/not adopted → published (Art. 29)."""
    return engine.transition(SUGGESTIONS, record_id=suggestion_id, action=action, actor=actor,
                             params=params)


def available_actions(user: Any, suggestion: Suggestion) -> list[SuggestionAction]:
    return [SuggestionAction(t.action) for t in SUGGESTIONS.available(user, suggestion)]
