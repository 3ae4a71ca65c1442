"""The hash chain that makes the case timeline tamper-evident (Art. 21: the record in the system).

Each event stores `prev_hash` (the `hash` of the case's previous event, "" for the first) and its
own `hash`: SHA-256 over a canonical JSON of the event's content and `prev_hash`. Editing,
removing or reordering an event breaks the link at that point, which `manage.py verify_timeline`
reports. The chain follows insertion order (primary key), not `at`, because an event may be
recorded with an earlier effective time.

Two versions of what the hash covers (`CaseEvent.chain_version`): version 1, the rows written before
the event vocabulary (issue 14), covers `CHAINED_FIELDS`; their `type` was added afterwards by a
migration and is outside the hash, so it is checked instead against `legacy_type` of the hashed
fields (a changed type on an old row is found all the same). Version 2, every row written since,
covers `CHAINED_FIELDS_V2`, which adds `type`. No stored hash was recomputed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.utils import timezone

#: the event fields the hash covers (everything an event says, except its own id and hashes)
CHAINED_FIELDS = ("case_id", "kind", "action", "actor_id", "unit_id", "at", "old_value",
                  "new_value", "note", "data")
#: version 2 (rows written with an event type): the type too
CHAINED_FIELDS_V2 = (*CHAINED_FIELDS, "type")
CHAIN_VERSION = 2  # what record_event writes


def canonical_time(value: dt.datetime | str | None) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:  # saved as in the default time zone, read back aware
            value = timezone.make_aware(value)
        value = value.astimezone(dt.UTC)
        return value.strftime("%Y-%m-%dT%H:%M:%S.%f")
    return "" if value is None else str(value)


def event_content(event: Any) -> dict[str, Any]:
    """What the hash covers, read from a saved or unsaved event (or a historical model in a migration)."""
    fields = CHAINED_FIELDS_V2 if getattr(event, "chain_version", 1) >= 2 else CHAINED_FIELDS
    content = {name: getattr(event, name) for name in fields}
    content["at"] = canonical_time(content["at"])
    # as the database gives it back: tuples become lists, keys become strings
    content["data"] = _numbers(json.loads(json.dumps(content["data"] or {}, default=str)))
    return content


def _numbers(value: Any) -> Any:
    """Integral floats as integers: PostgreSQL's jsonb gives 1e20 back as 100000000000000000000."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    return value


def event_digest(content: dict[str, Any], prev_hash: str) -> str:
    """SHA-256 of the canonical JSON of `content` chained to `prev_hash`."""
    payload = json.dumps({"content": content, "prev": prev_hash}, sort_keys=True,
                         ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def event_hash(event: Any, prev_hash: str) -> str:
    return event_digest(event_content(event), prev_hash)


def timeline_breaks(events: Any) -> Any:
    """For events ordered by (case, insertion), yield (event, reason) at each case's first break.

    `reason` says in Chinese whether the event itself was changed or its link to the one before is
    broken (an event before it was removed, inserted or its hash altered).
    """
    case_id, prev_hash, broken = object(), "", False
    for event in events:
        if event.case_id != case_id:
            case_id, prev_hash, broken = event.case_id, "", False
        if broken:
            continue
        if event.prev_hash != prev_hash:
            broken = True
            yield event, "与上一条记录的链接断开（其前的记录被删除、插入或改动）"
        elif event.hash != event_hash(event, event.prev_hash):
            broken = True
            yield event, "记录内容与其哈希不符（本条记录被改动）"
        elif getattr(event, "chain_version", 1) < 2 and event.type != legacy_type(event):
            broken = True
            yield event, "记录类型与其原始内容不符（本条记录的类型被改动）"
        prev_hash = event.hash


def legacy_type(event: Any) -> str:
    """The event type of a row written before the vocabulary, from its hashed fields only.

    The data migration sets `type` with this, and `timeline_breaks` checks version-1 rows against
    it, so it must never change meaning; new codes for new rows do not belong here.
    """
    kind, action = event.kind, event.action or ""
    data = event.data if isinstance(event.data, dict) else {}
    marker = data.get("type", "")
    simple = {
        "registered": "case.registered", "status_changed": "case.status_changed", "routed": "case.routed",
        "deadline_started": "deadlines.started", "deadline_paused": "deadlines.paused",
        "deadline_resumed": "deadlines.resumed", "deadline_due_soon": "deadlines.due_soon",
        "deadline_overdue": "deadlines.overdue", "deadline_recomputed": "deadlines.recomputed",
        "attachment_added": "case.attachment_added",
    }
    if kind in simple:
        return simple[kind]
    if kind == "field_changed":
        return {"related_cases": "case.linked", "later_cases": "case.linked_from"}.get(
            data.get("field", ""), "case.field_changed")
    if kind == "deadline_ended":
        return "deadlines.lapsed" if event.new_value == "期间届满" else "deadlines.ended"
    if kind == "deadline_extended":
        return "deadlines.rerule" if marker == "deadline_rerule" else "deadlines.extended"
    if kind == "rated":
        return "resolution.bureau_rated" if action == "rate_bureau" else "case.rated"
    if kind == "route_follow_up":
        return "case.followup_reminder" if data.get("step") == "reminder" else "case.followup_step"
    # kind "note": what the writer marked it with
    by_marker = {
        "notice_not_owed": "case.notice_not_owed", "accusation_lifted": "case.accusation_lifted",
        "reveal": "case.revealed_admin", "attachment_downloaded": "case.attachment_downloaded",
        "document_issued": "documents.issued", "document_delivered": "documents.delivered",
    }
    if marker in by_marker:
        return by_marker[marker]
    if data.get("flow"):
        return f"{data['flow']}.step"
    if data.get("portal"):
        return "portal.rated"
    if action == "warning":
        return "warning.case_listed"
    if action == "复盘溯源":
        return "resolution.retrospective"
    if "params" in data:  # a status-preserving step of the case table
        return "case.step"
    return "case.note"
