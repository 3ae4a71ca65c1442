"""`topic_create` and `topic_transition`: the only writers of a topic's status, its stored result,
its decision and its links to petitions.

The topic table (`states.TRANSITIONS`) is the `TOPICS` workflow on the one engine
(`xinfang.core.workflow`): the record is loaded through the actor's reach (outside it
Topic.DoesNotExist → 404), locked, its status, the actor's role and unit checked, the parameters
validated by the step's form (`forms.py`), the guards, the effect, and the timeline event written.
Closing counts the votes once and stores the result (never changed after: `Topic.save`); publishing
writes the result and the decision on the timeline of every linked petition (Art. 29 ¶1: the case
can then be answered with it).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from xinfang.core import clock, numbering
from xinfang.core import workflow as engine
from xinfang.core.errors import ConfidentialityViolation, GuardFailed, InvalidParams
from xinfang.core.workflow import state_guard
from xinfang.orgs.models import Level, UnitType
from xinfang.portal import codes

from .forms import ACTION_FORMS, place_units
from .models import Comment, Topic, TopicCase, TopicEvent, Vote, result_digest
from .selectors import eligible_residents, visible_topics
from .states import HOLDING, TRANSITIONS, TopicAction, TopicStatus

SERIAL_KIND = "deliberation"


def _holding(actor: Any, record: Topic | None, _parent: Any) -> bool:
    """Staff of the township, village or estate holding the deliberation (its party committee and
    government, or the township above it); not a county department or the petition bureau, which
    see the topic but do not run it."""
    unit = actor.unit if actor.unit_id is not None else None
    if unit is None or unit.unit_type != UnitType.PARTY_GOVERNMENT or unit.level < Level.TOWNSHIP:
        return False
    if record is None:
        return place_units(actor).exists()
    return record.unit.is_within(unit)


SCOPES = {HOLDING: _holding}


def _case_by_number(actor: Any, number: str):  # noqa: ANN202
    from xinfang.cases.models import Case
    from xinfang.cases.selectors import visible_cases

    try:
        return visible_cases(actor).get(number=number.strip())
    except Case.DoesNotExist:
        raise InvalidParams(_("没有找到信访事项%(n)s，或不在本单位可查阅的范围内") % {"n": number},
                            field="case") from None


def _case_linkable(record: Topic, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    """Within the actor's reach (visible_cases, Art. 30 included), not linked yet, and never an
    accusation whose accused unit is the topic's place or above it (Art. 30)."""
    case = _case_by_number(actor, params["case"])
    if case.closed_to(record.unit):
        raise ConfidentialityViolation(
            _("第三十条：检举控告类事项不能关联到被检举、揭发单位（或其下属单位）的议题"))
    if record.links.filter(case=case).exists():
        raise GuardFailed(_("信访事项%(n)s已关联本议题") % {"n": case.number})
    params["case_obj"] = case


def _case_linked(record: Topic, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    case = _case_by_number(actor, params["case"])
    if not record.links.filter(case=case).exists():
        raise GuardFailed(_("信访事项%(n)s未关联本议题") % {"n": case.number})
    params["case_obj"] = case


@state_guard
def _period_ahead(record: Topic, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if record.closes_at <= clock.now():
        raise GuardFailed(_("截止时间已过，不能发布；请撤销后重新发起议题"))


@state_guard
def _has_participants(record: Topic, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if not eligible_residents(record).exists():
        raise GuardFailed(_("%(u)s的参与人名册中没有可以参与的居民，请先登记参与人")
                          % {"u": record.unit.name})


@state_guard
def _period_over(record: Topic, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    if clock.now() < record.closes_at:
        raise GuardFailed(_("议事期限尚未届满（截止时间：%(t)s），不能提前截止计票")
                          % {"t": timezone.localtime(record.closes_at).strftime("%Y-%m-%d %H:%M")})


def _comment_shown(record: Topic, actor: Any, params: dict, action: Any) -> None:  # noqa: ARG001
    comment = record.comments.filter(pk=params["comment"]).first()
    if comment is None:
        raise InvalidParams(_("本议题没有这条评论"), field="comment")
    if comment.hidden:
        raise GuardFailed(_("这条评论已屏蔽"))
    params["comment_obj"] = comment


GUARDS = {"case_linkable": _case_linkable, "case_linked": _case_linked,
          "period_ahead": _period_ahead, "has_participants": _has_participants,
          "period_over": _period_over, "comment_shown": _comment_shown}


def _create(_parent: Any, actor: Any, params: dict[str, Any]) -> Topic:
    now = clock.now()
    unit = params["unit"]
    serial = numbering.next_serial(numbering.unit_scope(unit), SERIAL_KIND, now.year)
    return Topic(number=f"{unit.code}-YS{now.year}-{serial:04d}", title=params["title"].strip(),
                 facts=params["facts"].strip(), options=params["options"], unit=unit,
                 eligibility=params["eligibility"], opens_at=params["opens_at"],
                 closes_at=params["closes_at"], created_by=actor, created_at=now, updated_at=now,
                 form_token=codes.token_hash(params["token"]) if params.get("token") else None)


def _case_data(case: Any) -> dict:
    """How a link names its case on the topic's timeline: an accusation without its number (the
    topic may be read by units that may not see it, Art. 30)."""
    if case.is_accusation:
        return {"case_label": _("一件检举控告类事项")}
    return {"case_label": case.number}


def _link(record: Topic, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    case = params.pop("case_obj")
    TopicCase.objects.create(topic=record, case=case, linked_at=clock.now())
    return _case_data(case)


def _unlink(record: Topic, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    case = params.pop("case_obj")
    TopicCase.objects.filter(topic=record, case=case).delete()
    return _case_data(case)


def _open(record: Topic, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    return {"note": params.get("note", ""), "eligible": eligible_residents(record).count()}


def count_votes(record: Topic) -> dict:
    """The result from the stored votes: per option, cast, eligible at this moment."""
    counts = [0] * len(record.options)
    for option in Vote.objects.filter(topic=record).values_list("option", flat=True):
        counts[option] += 1
    return {"counts": counts, "votes": sum(counts), "eligible": eligible_residents(record).count()}


def _close(record: Topic, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.result = count_votes(record)
    record.result_digest = result_digest(record.result)
    record.closed_at = clock.now()
    return {"note": params.get("note", ""), "votes": record.result["votes"],
            "eligible": record.result["eligible"]}


def _decide(record: Topic, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.decision = params["decision"].strip()
    record.reasons = params["reasons"].strip()
    record.decided_at = clock.now()
    return {"note": record.decision}


def _publish(record: Topic, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.published_at = clock.now()
    return {"note": params.get("note", ""), "cases": record.links.count()}


def summary(record: Topic) -> str:
    """One line: the result and the decision, as written on each linked case's timeline."""
    parts = [f"{r['label']} {r['votes']}票（{r['percent']}%）" if r.get("percent") is not None
             else f"{r['label']} {r.get('votes', 0)}票" for r in record.option_rows]
    return _("参与%(v)s人/应参与%(e)s人；%(rows)s") % {
        "v": record.result["votes"], "e": record.result["eligible"], "rows": "，".join(parts)}


def _publish_on_cases(record: Topic, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    """Every linked case gets the result and the decision on its timeline (Art. 29 ¶1)."""
    from xinfang.cases.events import record_event
    from xinfang.cases.models import Case

    text = summary(record)
    for case in Case.objects.filter(deliberation_links__topic=record).order_by("pk"):
        record_event(case=case, type="deliberation.published", actor=actor, note=record.decision,
                     data={"topic": record.number, "title": record.title, "result": text})
    return None


def _cancel(record: Topic, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    record.cancel_reason = params["reason"].strip()
    return {"note": record.cancel_reason}


def _hide(record: Topic, actor: Any, params: dict[str, Any]) -> dict:  # noqa: ARG001
    comment: Comment = params.pop("comment_obj")
    comment.hidden, comment.hidden_reason = True, params["reason"].strip()
    comment.hidden_at = clock.now()
    comment.save(update_fields=["hidden", "hidden_reason", "hidden_at"])
    return {"note": comment.hidden_reason, "comment": comment.pk, "author": comment.author}


EFFECTS = {
    TopicAction.CREATE: _create, TopicAction.LINK: _link, TopicAction.UNLINK: _unlink,
    TopicAction.OPEN: _open, TopicAction.CLOSE: _close, TopicAction.DECIDE: _decide,
    TopicAction.PUBLISH: _publish, TopicAction.CANCEL: _cancel, TopicAction.HIDE_COMMENT: _hide,
}

EVENT_TYPE = {TopicAction.LINK: "deliberation.linked", TopicAction.UNLINK: "deliberation.unlinked",
              TopicAction.HIDE_COMMENT: "deliberation.comment_hidden"}


def record_topic_event(*, topic: Topic, type: str, actor: Any = None,  # noqa: A002
                       action: str = "", old_value: str = "", new_value: str = "",
                       note: str = "", data: dict | None = None) -> TopicEvent:
    """One entry on the topic's timeline, of a registered type (xinfang.core.events)."""
    from xinfang.core.events import event_type

    code = event_type(type).code
    return TopicEvent.objects.create(
        topic=topic, type=code, action=action, actor=engine.staff_user(actor),
        unit=getattr(actor, "unit", None), at=clock.now(), old_value=str(old_value),
        new_value=str(new_value), note=note, data=data or {})


def _before_save(step: engine.Step) -> None:
    step.record.updated_at = clock.now()


def _write_event(step: engine.Step) -> None:
    data = dict(step.result) if isinstance(step.result, dict) else {}
    note = data.pop("note", "")
    kind = EVENT_TYPE.get(step.transition.action, "deliberation.status_changed")
    record_topic_event(topic=step.record, type=kind, actor=step.actor, action=step.action.value,
                       old_value=step.old, new_value=step.new, note=note, data=data)


TOPICS = engine.Workflow(
    name="deliberation", label="议题", model=Topic, actions=TopicAction, statuses=TopicStatus,
    table=TRANSITIONS, forms=ACTION_FORMS, visible=visible_topics, scopes=SCOPES,
    write_event=_write_event, guards=GUARDS, effects=EFFECTS,
    post={TopicAction.PUBLISH: _publish_on_cases}, lock_related=("unit",),
    before_save=_before_save,
)


def topic_create(*, actor: Any, params: dict[str, Any]) -> Topic:
    """发起议题 (draft): the facts, options, place, who takes part and the period."""
    return engine.create(TOPICS, action=TopicAction.CREATE, actor=actor, params=params)


def topic_transition(*, topic_id: int, action: str, actor: Any,
                     params: dict[str, Any] | None = None) -> Topic:
    """Link, open, close, decide, publish, cancel, hide a comment (the engine checks everything)."""
    return engine.transition(TOPICS, record_id=topic_id, action=action, actor=actor, params=params)


def available_actions(user: Any, topic: Topic) -> list[TopicAction]:
    return [TopicAction(t.action) for t in TOPICS.available(user, topic)]
