"""The bulk historical writer: cases that happened in another system, written in bulk (issue 16).

A bureau adopting xinfang brings years of closed and open matters from its old 信访信息系统, the 12345
hotline or a message board. They are records of the past, not steps taken now, so they do not go
through the engine (no guards, no clocks running from today, no notifications, no `case_registering`
signal: triage proposals and warnings are computed afterwards, in batch). What they keep is what the
timeline guarantees for every case: the events of a registered type with their real times, chained
by `chain.event_hash` exactly as `events.record_event` chains them, so `manage.py verify_timeline`
checks an imported case like any other.

`history_write` creates, for a list of `PastCase`s, in the caller's transaction and in a few
statements per table: the cases (numbered per registering unit and year through
`core.numbering.next_serials`), the new petitioners (encrypted fields, blind indexes set), the
case-petitioner links, the access rows, the clocks of open matters (counted from their real dates by
`deadlines.services.due_and_provisional`, with a `deadlines.started` event each and `Case.next_due`), and the
events. No other module creates imported cases.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.db import connection, models
from django.utils import timezone

from xinfang.core import numbering
from xinfang.core.events import event_type
from xinfang.deadlines.calendar import load_calendar
from xinfang.deadlines.models import Deadline
from xinfang.deadlines.rules import DeadlineKind, rule_for
from xinfang.deadlines.services import due_and_provisional

from . import reach
from .chain import CHAIN_VERSION, CHAINED_FIELDS_V2, canonical_time, event_hash
from .models import Case, CaseAccess, CaseEvent, CasePetitioner, EventKind, Petitioner


@dataclass
class PastEvent:
    """One thing that happened to the case in the old system, at its real time `at`."""

    type: str  # a registered case event type (xinfang.core.events)
    at: dt.datetime
    old_value: str = ""
    new_value: str = ""
    note: str = ""  # only words a person wrote (the old system's reply text)
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class PastClock:
    """A legal clock of an open imported matter, started on its real date (Art. 22, 32)."""

    kind: DeadlineKind
    started_on: dt.date


@dataclass
class PastCase:
    """An unsaved `Case` (no number: given here) and what belongs to it.

    `petitioners`: `Petitioner` rows, saved (the same person found by ID number) or unsaved (created
    here); may be empty (an anonymous hotline call). `access`: unit ids that may see the case
    besides the registering unit. `events` are written in the order given, after the clocks'.
    """

    case: Case
    petitioners: list[Petitioner] = field(default_factory=list)
    access: list[int] = field(default_factory=list)
    clocks: list[PastClock] = field(default_factory=list)
    events: list[PastEvent] = field(default_factory=list)


def new_case(values: dict[str, Any]) -> Case:
    """An unsaved `Case` with `values` by field attname (`handling_unit_id`, not `handling_unit`)
    and every other field at its default: what `Case(**values)` makes, built from positional values
    (about a quarter of its cost; an import makes one per row). An unknown name is a TypeError, as
    in `Case(**values)`."""
    names, defaults, dynamic = _case_layout()
    if not values.keys() <= names.keys():
        raise TypeError(f"Case has no field {sorted(values.keys() - names.keys())[0]!r}")
    row = [values.get(name, default) for name, default in zip(names, defaults, strict=True)]
    for i, field_ in dynamic:  # a default that must be made afresh for each case
        if field_.attname not in values:
            row[i] = field_.get_default()
    return Case(*row)


@functools.cache
def _case_layout() -> tuple[dict[str, int], tuple[Any, ...], tuple[tuple[int, Any], ...]]:
    """Case's concrete fields in their order: {attname: position}, the constant defaults, and the
    fields whose default is made per instance (a callable)."""
    fields = Case._meta.concrete_fields
    made = [f.has_default() and callable(f.default) for f in fields]
    return ({f.attname: i for i, f in enumerate(fields)},
            tuple(None if m else f.get_default() for f, m in zip(fields, made, strict=True)),
            tuple((i, f) for i, (f, m) in enumerate(zip(fields, made, strict=True)) if m))


def _aware(value: dt.datetime) -> dt.datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _number(items: list[PastCase]) -> None:
    """Case numbers `<unit code>-<year of receipt>-<serial>`, one counter step per unit and year."""
    groups: dict[tuple[Any, int], list[Case]] = defaultdict(list)
    for item in items:
        groups[(item.case.registered_unit, item.case.received_on.year)].append(item.case)
    for (unit, year), cases in groups.items():
        serials = numbering.next_serials(numbering.unit_scope(unit), numbering.CASE, year, len(cases))
        for case, n in zip(cases, serials, strict=True):
            case.number = f"{unit.code}-{year}-{n:05d}"


def history_write(items: list[PastCase], *, actor: Any, search_tokens: bool = True) -> list[Case]:
    """Write past cases with their petitioners, access, clocks and hash-chained events in bulk.

    Records of the past, not steps taken now (issue 16): `actor` is the staff member who imported
    them (their unit is the events' unit); each event keeps its real `at`. Call inside a transaction.
    `search_tokens=False`: `Case.search_tokens` left empty (NULL), for a batch step to fill
    (`cases.search.backfill`; the word segmentation is most of an import's cost otherwise).
    """
    if not items:
        return []
    _number(items)
    clocks_due: dict[int, list[tuple[PastClock, tuple[dt.date, bool]]]] = {}
    calendar = load_calendar() if any(item.clocks for item in items) else None  # one read for all
    for i, item in enumerate(items):
        case = item.case
        due = [(c, due_and_provisional(case=case, kind=c.kind, started_on=c.started_on,
                                       calendar=calendar))
               for c in item.clocks]
        clocks_due[i] = due
        staff_dues = [d for c, (d, _) in due if rule_for(c.kind, simplified=case.simplified).owner
                      != "petitioner"]
        case.next_due = min(staff_dues) if staff_dues else None
    cases = [item.case for item in items]
    if _copy_available():
        _copy_cases(cases, search_tokens=search_tokens)
    else:
        Case.objects.bulk_create(cases)

    # the same new person on two rows of a chunk is one object: created once
    new_people = list({id(p): p for item in items for p in item.petitioners if p.pk is None}.values())
    for person in new_people:  # bulk_create skips save(): set the blind indexes here
        for index, value in person.blind_index_values().items():
            setattr(person, index, value)
    Petitioner.objects.bulk_create(new_people)
    CasePetitioner.objects.bulk_create([
        CasePetitioner(case=case, petitioner=person)
        for case, item in zip(cases, items, strict=True) for person in item.petitioners])
    access = [(case.pk, unit_id, reason) for case, item in zip(cases, items, strict=True)
              for unit_id, reason in dict.fromkeys(
                  [(case.registered_unit_id, "registered"),
                   *((u, "imported") for u in item.access if u != case.registered_unit_id)])]
    if _copy_available():
        _copy(CaseAccess, ("case_id", "unit_id", "reason"), access)
    else:
        CaseAccess.objects.bulk_create([CaseAccess(case_id=c, unit_id=u, reason=r)
                                        for c, u, r in access])
    _write_reach(cases, access)

    deadlines: list[tuple[int, Deadline, PastClock]] = []
    for i, case in enumerate(cases):
        for past, (due_on, provisional) in clocks_due[i]:
            rule = rule_for(past.kind, simplified=case.simplified)
            deadlines.append((i, Deadline(
                case=case, kind=past.kind, unit_id=case.holding_unit_id, started_on=past.started_on,
                days=rule.days, day_unit=rule.unit, due_on=due_on, provisional=provisional,
                article=rule.article,
                for_petitioner=rule.owner == "petitioner"), past))
    Deadline.objects.bulk_create([d for _, d, _ in deadlines])
    started: dict[int, list[PastEvent]] = defaultdict(list)
    for i, deadline, past in deadlines:
        started[i].append(PastEvent(
            type="deadlines.started", at=_aware(dt.datetime.combine(past.started_on, dt.time(9))),
            new_value=str(deadline.due_on),
            data={"kind": deadline.kind, "deadline": deadline.pk, "days": deadline.days,
                  "unit": deadline.day_unit, "article": deadline.article,
                  "provisional": deadline.provisional, "imported": True}))

    unit_id, actor_id = getattr(actor, "unit_id", None), getattr(actor, "pk", None)
    case_kinds = set(EventKind.values)  # computed once: the enum builds the list on every access
    kinds: dict[str, str] = {}
    rows: list[SimpleNamespace] = []
    for i, (case, item) in enumerate(zip(cases, items, strict=True)):
        prev_hash = ""
        for past in [*item.events[:1], *started[i], *item.events[1:]]:
            kind = kinds.get(past.type)
            if kind is None:
                kind = kinds[past.type] = event_type(past.type).kind
                if kind not in case_kinds:
                    raise ValueError(f"event type {past.type} is not a case event type (kind {kind!r})")
            # the event's fields as CaseEvent has them (a model instance per event costs more than
            # everything else the row needs; chain.event_hash reads attributes only)
            event = SimpleNamespace(
                case_id=case.pk, kind=kind, type=past.type, action="", actor_id=actor_id,
                unit_id=unit_id, at=_aware(past.at), old_value=str(past.old_value)[:200],
                new_value=str(past.new_value)[:200], note=past.note, data=past.data,
                prev_hash=prev_hash, chain_version=CHAIN_VERSION)
            event.hash = prev_hash = _hash(event, prev_hash)
            rows.append(event)
    _write_events(rows)
    return cases


def history_append(entries: list[tuple[int, PastEvent]], *, actor: Any) -> int:
    """Append events to the timelines of saved cases in bulk, in the order given: what
    `events.record_event` does for one event (lock the case, chain to its last event), for
    thousands in a few statements: the cases locked in one query (in id order), the tips of their
    chains read after the lock in one, the events written in one COPY (or bulk insert). For batch
    steps on imported cases (imports.services.finish). Call inside a transaction; returns the
    number of events written."""
    if not entries:
        return 0
    from django.db.models import Max

    ids = sorted({case_id for case_id, _ in entries})
    list(Case.objects.select_for_update(of=("self",)).filter(pk__in=ids).order_by("pk")
         .values_list("pk", flat=True))
    last = (CaseEvent.objects.filter(case_id__in=ids).values("case_id").order_by()
            .annotate(last=Max("pk")).values_list("last", flat=True))
    tips = dict(CaseEvent.objects.filter(pk__in=list(last)).values_list("case_id", "hash"))
    unit_id, actor_id = getattr(actor, "unit_id", None), getattr(actor, "pk", None)
    kinds: dict[str, str] = {}
    rows = []
    for case_id, past in entries:
        kind = kinds.get(past.type)
        if kind is None:
            kind = kinds[past.type] = event_type(past.type).kind
            if kind not in EventKind.values:
                raise ValueError(f"event type {past.type} is not a case event type (kind {kind!r})")
        prev_hash = tips.get(case_id, "")
        event = SimpleNamespace(
            case_id=case_id, kind=kind, type=past.type, action="", actor_id=actor_id,
            unit_id=unit_id, at=_aware(past.at), old_value=str(past.old_value)[:200],
            new_value=str(past.new_value)[:200], note=past.note, data=past.data,
            prev_hash=prev_hash, chain_version=CHAIN_VERSION)
        event.hash = tips[case_id] = _hash(event, prev_hash)
        rows.append(event)
    _write_events(rows)
    return len(rows)


def _write_events(rows: list[SimpleNamespace]) -> None:
    """In list order: the ids follow the chain's order (the chain follows the pk)."""
    if _copy_available():
        _copy(CaseEvent, EVENT_COLUMNS, (
            (e.case_id, e.kind, e.type, e.action, e.actor_id, e.unit_id, e.at, e.old_value,
             e.new_value, e.note, json.dumps(e.data, ensure_ascii=False), e.prev_hash, e.hash,
             e.chain_version) for e in rows))
    else:
        CaseEvent.objects.bulk_create([CaseEvent(**{c: getattr(e, c) for c in EVENT_COLUMNS})
                                       for e in rows])


#: chain.event_digest's JSON, one encoder made once (json.dumps with options makes one per call)
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True,
                           default=str).encode
_JSON_PLAIN = (str, int, bool, type(None))


def _plain(value: Any) -> bool:
    """True when the JSON round trip of `chain.event_content` would give `value` back unchanged
    (strings, integers, booleans, None, string-keyed dicts and lists of those): no float, tuple,
    date or other object that the database gives back in another form."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return type(value) in _JSON_PLAIN


def _hash(event: SimpleNamespace, prev_hash: str) -> str:
    """`chain.event_hash(event, prev_hash)`, the same digest, with less work per event: the
    content's data taken as it is when the round trip through JSON cannot change it, and one
    encoder for every event (tests/test_history.py compares the two on every kind of event)."""
    if not _plain(event.data):
        return event_hash(event, prev_hash)
    content = {name: getattr(event, name) for name in CHAINED_FIELDS_V2}
    content["at"] = canonical_time(content["at"])
    content["data"] = content["data"] or {}
    return hashlib.sha256(_ENCODE({"content": content, "prev": prev_hash}).encode("utf-8")).hexdigest()


EVENT_COLUMNS = ("case_id", "kind", "type", "action", "actor_id", "unit_id", "at", "old_value",
                 "new_value", "note", "data", "prev_hash", "hash", "chain_version")


def _write_reach(cases: list[Case], access: list[tuple[int, int, str]]) -> None:
    """The cases' rows of the jurisdiction index (cases/reach.py), from their access rows and their
    columns as written (status, next_due from their clocks, dates, category, channel)."""
    from xinfang.orgs.models import Unit

    paths = dict(Unit.objects.filter(pk__in={u for _, u, _ in access}).values_list("pk", "path"))
    reach.write(reach.rows_of(
        [(c.pk, c.status, c.next_due, _aware(c.registered_at), c.received_on, c.category_id, c.channel)
         for c in cases],
        [(case_id, unit_id) for case_id, unit_id, _reason in access], paths))


def _copy_available() -> bool:
    return connection.vendor == "postgresql"


def _copy(model: Any, columns: Iterable[str], rows: Iterable[tuple]) -> None:
    """Rows into `model`'s table by PostgreSQL COPY, in order (ids from the sequence, in row order):
    several times faster than an INSERT of the same rows built through model instances. Only for
    columns whose Python values the driver adapts as they are (no encrypted field)."""
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {table} ({names}) FROM STDIN") as copy:  # noqa: S608  (names from the model)
        for row in rows:
            copy.write_row(row)


def _copy_cases(cases: list[Case], *, search_tokens: bool = True) -> None:
    """The cases by COPY with ids taken from the table's sequence first (the events need them)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                       [Case._meta.db_table, len(cases)])
        ids = sorted(r[0] for r in cursor.fetchall())
    fields = [f for f in Case._meta.concrete_fields]
    # the columns whose value goes to the driver as the attribute holds it (get_db_prep_save of a
    # text, integer, boolean field or a foreign key's id changes nothing on PostgreSQL); dates,
    # times (made aware), the encrypted field and auto_now go through the field as before
    plain = [type(f) in _PLAIN_FIELDS or (f.attname == "search_tokens" and not search_tokens)
             for f in fields]  # left as the attribute holds it: None, for the batch step to fill
    attnames = [f.attname for f in fields]
    for case, pk in zip(cases, ids, strict=True):
        case.pk = pk
    _copy(Case, [f.column for f in fields], (
        tuple(getattr(case, a) if p else f.get_db_prep_save(f.pre_save(case, True), connection)
              for f, a, p in zip(fields, attnames, plain, strict=True))
        for case in cases))
    for case in cases:
        case._state.adding, case._state.db = False, "default"


_PLAIN_FIELDS = (models.CharField, models.TextField, models.ForeignKey, models.BooleanField,
                 models.PositiveIntegerField, models.IntegerField, models.BigAutoField)
