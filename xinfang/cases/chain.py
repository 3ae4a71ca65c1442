"""The hash chain that makes the case timeline tamper-evident (Art. 21: the record in the system).

Each event stores `prev_hash` (the `hash` of the case's previous event, "" for the first) and its
own `hash`: SHA-256 over a canonical JSON of the event's content and `prev_hash`. Editing,
removing or reordering an event breaks the link at that point, which `manage.py verify_timeline`
reports. The chain follows insertion order (primary key), not `at`, because an event may be
recorded with an earlier effective time.
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


def _canonical_time(value: dt.datetime | str | None) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:  # saved as in the default time zone, read back aware
            value = timezone.make_aware(value)
        value = value.astimezone(dt.UTC)
        return value.strftime("%Y-%m-%dT%H:%M:%S.%f")
    return "" if value is None else str(value)


def event_content(event: Any) -> dict[str, Any]:
    """What the hash covers, read from a saved or unsaved event (or a historical model in a migration)."""
    content = {name: getattr(event, name) for name in CHAINED_FIELDS}
    content["at"] = _canonical_time(content["at"])
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
        prev_hash = event.hash
