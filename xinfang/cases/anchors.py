"""Anchoring the case timelines outside the database (Art. 21: the record in the system stays as written).

The hash chain (chain.py) shows an event edited or removed *inside* a timeline, but someone who can
write the database can also rewrite a whole chain consistently (recomputing every hash) or cut its
last events. So, daily, ``anchor_timeline`` takes the head of every case's chain (the hash of its
last event, which commits to every event before it) and appends one JSON line to an append-only file
outside the database (``XINFANG_ANCHOR_FILE``), and logs its digest on the ``xinfang.audit`` logger
(the bureau's log collector keeps it, out of reach of whoever holds the database):

    {"time": "2026-11-26T15:50:00.000000Z", "digest": "<sha256>", "cases": 1203, "events": 25811,
     "heads": {"<case id>": "<hash of its last event>", ...}}

``heads`` holds only the cases whose head moved since the previous line (all of them in the first
line), so a line stays small; replaying the file from the top gives the full set of anchored heads
at each line, and ``digest`` is the SHA-256 over that full set (sorted ``case id:hash`` lines), so a
line whose heads were changed afterwards no longer matches its digest (nor the digest in the log).

``verify_timeline --anchors FILE`` then checks that every anchored head is still an event of its
case's intact chain: events are only ever appended, so an anchored state is a prefix of today's.
Within a case the events are written one at a time under the case's row lock (``record_event``),
so a head read at any moment is a prefix of every later state of that case: no false alarms from
events being written while the anchor is taken.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import Max, Subquery

from xinfang.core import clock
from xinfang.core.conf import get

from .models import CaseEvent

audit = logging.getLogger("xinfang.audit")


def anchor_file() -> Path | None:
    """The configured anchor file (empty: ``VAR_DIR/timeline-anchors.jsonl``), or None for ``none``:
    only the log keeps the anchors."""
    configured = (get("XINFANG_ANCHOR_FILE") or "").strip()
    if configured.lower() == "none":
        return None
    return Path(configured) if configured else Path(settings.VAR_DIR) / "timeline-anchors.jsonl"


def current_heads() -> dict[int, str]:
    """{case id: hash of its last event} for every case with a timeline, in one query."""
    last = (CaseEvent.objects.order_by().values("case_id").annotate(last=Max("pk"))
            .values("last"))
    return dict(CaseEvent.objects.filter(pk__in=Subquery(last)).values_list("case_id", "hash"))


def heads_digest(heads: dict[int, str]) -> str:
    """SHA-256 over the sorted ``case id:hash`` lines of every head."""
    text = "".join(f"{case_id}:{head}\n" for case_id, head in sorted(heads.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AnchorLine:
    number: int  # line number in the file, from 1
    time: str
    digest: str
    cases: int
    events: int
    heads: dict[int, str]  # the heads this line anchors (moved since the line before)


class AnchorFileError(ValueError):
    """A line of the anchor file cannot be read, or its digest does not match its heads."""

    def __init__(self, number: int, message: str) -> None:
        super().__init__(message)
        self.number = number
        self.message = message


def read_anchors(path: Path) -> Iterator[AnchorLine]:
    """Each line of the file, checked: readable, and its digest equal to the digest of all heads
    anchored up to it (else AnchorFileError naming the line)."""
    state: dict[int, str] = {}
    with path.open(encoding="utf-8") as lines:
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
                heads = {int(case_id): str(head) for case_id, head in record["heads"].items()}
                line = AnchorLine(number=number, time=str(record["time"]),
                                  digest=str(record["digest"]), cases=int(record["cases"]),
                                  events=int(record["events"]), heads=heads)
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise AnchorFileError(number, f"锚定文件第{number}行无法读取（{exc.__class__.__name__}）") from exc
            state.update(heads)
            if heads_digest(state) != line.digest:
                raise AnchorFileError(number, f"锚定文件第{number}行（{line.time}）的摘要与其记录的链头不符"
                                              "（锚定文件被改动）")
            yield line


def anchor_timeline(*, path: Path | None = None) -> dict:
    """Append today's anchor (the heads that moved, the digest over all) and log it; returns the line."""
    path = path if path is not None else anchor_file()
    heads = current_heads()
    events = CaseEvent.objects.count()
    now = clock.now().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if path is None:
        record = _record(now, heads, heads, events)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o640)
        with os.fdopen(fd, "r+", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # two runs at once never interleave their lines
            anchored: dict[int, str] = {}
            try:
                for line in read_anchors(path):
                    anchored.update(line.heads)
            except AnchorFileError as err:  # keep appending (a full line), and say so loudly
                audit.error("办理记录锚定文件有误：%s；本次写入全部链头", err.message)
                anchored = {}
            vanished = sorted(set(anchored) - set(heads))
            if vanished:
                audit.error("办理记录锚定：已锚定的%d件信访件的办理记录已从数据库消失（如 id %s），请立即核查",
                            len(vanished), vanished[0])
            moved = {case_id: head for case_id, head in heads.items() if anchored.get(case_id) != head}
            record = _record(now, {**anchored, **heads}, moved, events)
            handle.write(json.dumps(record, separators=(",", ":")) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    audit.info("办理记录锚定：%d件信访件、%d条办理记录，更新链头%d个", record["cases"], events,
               len(record["heads"]),
               extra={"anchor": {"time": now, "digest": record["digest"], "cases": record["cases"],
                                 "events": events}})
    return record


def _record(now: str, state: dict[int, str], moved: dict[int, str], events: int) -> dict:
    return {"time": now, "digest": heads_digest(state), "cases": len(state), "events": events,
            "heads": {str(case_id): head for case_id, head in sorted(moved.items())}}


@dataclass(frozen=True)
class Mismatch:
    line: AnchorLine
    case_id: int
    head: str


class AnchorCheck:
    """Fed today's events in one pass (with the chain check), says which anchored heads are gone."""

    def __init__(self, lines: list[AnchorLine], case_id: int | None = None) -> None:
        self.lines = lines
        # each anchored (case, head) with the first line that anchored it
        self.expected: dict[int, dict[str, AnchorLine]] = {}
        for line in lines:
            for anchored_case, head in line.heads.items():
                if case_id is None or anchored_case == case_id:
                    self.expected.setdefault(anchored_case, {}).setdefault(head, line)
        self.found: set[tuple[int, str]] = set()

    def see(self, event: CaseEvent) -> None:
        if event.hash in self.expected.get(event.case_id, ()):
            self.found.add((event.case_id, event.hash))

    def mismatches(self) -> list[Mismatch]:
        """Anchored heads no longer on their case's chain, the earliest anchor first."""
        gone = [Mismatch(line=line, case_id=case_id, head=head)
                for case_id, heads in self.expected.items() for head, line in heads.items()
                if (case_id, head) not in self.found]
        return sorted(gone, key=lambda m: (m.line.number, m.case_id))
