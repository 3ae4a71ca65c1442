"""Bringing a city's history in (issue 16): sources, batches, the dry run, the import, the error sheet.

The API other code builds on (the staff upload page, the command, the bench):

- `source_save(name=, mapping=, actor=, kind=)` → `ImportSource` (the mapping saved per exporting system);
- `batch_create(source=, upload=, actor=, sheet=, mapping=, file_name=)` → `ImportBatch` (the file kept,
  checked: size, readable, sheet, mapping usable; else `InvalidParams` with a Chinese message);
- `table_of(batch)` → `tables.Table` (headers, sheets, rows) and `preview(batch, n)` → the first rows;
- `plan(batch, limit=)` → `PlanResult`: per row what the import will do (new / skip: already imported
  / error) and every problem in plain Chinese; writes nothing to cases;
- `run(batch, progress=)` → the batch, imported: chunks of `XINFANG_IMPORT_CHUNK_ROWS` rows, each in one
  transaction with the batch's `last_row`, so a killed import resumes after its last committed chunk;
  idempotent (a row whose source id is already imported is skipped); unimportable rows go to
  `ImportRowError` and the batch's error sheet (`error_sheet_write`);
- `units_import(upload=, actor=, sheet=)` → `UnitsResult`: a unit tree from a sheet (名称/上级单位/类型/代码).

Historical mode: the cases are written by `cases.history.history_write` with their real dates, replies
and closing as events; closed matters get no clock, open ones get theirs from their real dates (and are
marked imported: `Case.import_source`); nothing is notified and no triage job is queued; after each
chunk its cases are added to the shared duplicate index (triage/dupindex.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import IO, Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from xinfang.cases.history import PastCase, PastClock, PastEvent, _aware, history_write, new_case
from xinfang.cases.models import Case, Channel, IdType, Petitioner, Purpose
from xinfang.cases.search import backfill as search_backfill
from xinfang.cases.states import Status
from xinfang.core import clock
from xinfang.core.conf import get
from xinfang.core.crypto import blind_index
from xinfang.core.errors import InvalidParams, PermissionDenied
from xinfang.deadlines.rules import DeadlineKind
from xinfang.orgs.models import Role, UnitType
from xinfang.orgs.selectors import jurisdiction_root, units_under
from xinfang.triage.dupindex import catch_up as dup_catch_up
from xinfang.triage.places import PlaceIndex

from .mapping import (
    CLOSED_WORDS,
    FIELDS,
    OPEN_HANDLING_WORDS,
    Mapping,
    channel_of,
    check_mapping,
    guess_mapping,
    outcome_of,
    parse_datetime,
    preset_mapping,
    purpose_of,
    text_of,
)
from .models import ImportBatch, ImportRowError, ImportSource, PastOpinion, SourceKind
from .tables import Row, Table, TableError, read_table
from .units import UnitsResult, units_import

IMPORT_ROLES = (Role.ADMINISTRATOR, Role.REGISTRAR)
NOT_GIVEN_SEPARATELY = "（原系统未单独记录事实和理由，见诉求）"
TITLE_FROM_REQUEST = 40
EXTERNAL_ID_MAX = 64
ERROR_SHEET_ROWS_MAX = 1_048_000  # an .xlsx sheet holds 1,048,576 rows
LEARN_BACKLOG = 50_000  # rows naming their district remembered until a row without one needs them


def _require(actor: Any) -> None:
    if not getattr(actor, "unit_id", None) or not actor.has_role(*IMPORT_ROLES):
        raise PermissionDenied("只有本单位的管理员或登记员可以导入历史数据")


# --- sources and batches -----------------------------------------------------------------------------

def source_save(*, name: str, mapping: Mapping | dict[str, Any], actor: Any,
                kind: str = SourceKind.CASES) -> ImportSource:
    """Save the column mapping of an exporting system under its name (created or replaced)."""
    _require(actor)
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise InvalidParams("来源名称不能为空，且不超过60字", errors={"name": ["来源名称不能为空，且不超过60字"]})
    data = mapping.as_dict() if isinstance(mapping, Mapping) else Mapping.from_dict(mapping).as_dict()
    source, created = ImportSource.objects.get_or_create(
        name=name, defaults={"kind": kind, "mapping": data, "created_by": actor})
    if not created and (source.mapping != data or source.kind != kind):
        source.mapping, source.kind = data, kind
        source.save(update_fields=["mapping", "kind"])
    return source


def _size(upload: Any) -> int:
    if isinstance(upload, str | Path):
        return Path(upload).stat().st_size
    return int(getattr(upload, "size", 0) or 0)


def batch_create(*, source: ImportSource, upload: str | Path | IO[bytes], actor: Any,
                 sheet: str = "", mapping: Mapping | dict[str, Any] | None = None,
                 file_name: str = "") -> ImportBatch:
    """Keep an uploaded export as a batch of `source`, after checking it can be imported.

    The mapping is the one given, else the source's, else the guess from the headers; a mapping that
    names a column not in the file is refused (InvalidParams); one that misses 信访日期 or 诉求 is kept,
    to be fixed on the batch's page (`plan` reports it, `run` refuses it)."""
    _require(actor)
    if isinstance(upload, str | Path) and not Path(upload).is_file():
        raise InvalidParams(f"找不到文件：{upload}")
    name = file_name or Path(str(getattr(upload, "name", None) or upload)).name
    most = int(get("XINFANG_IMPORT_MAX_BYTES"))
    if _size(upload) > most:
        raise InvalidParams(f"文件超过{most // (1024 * 1024)} MB 的上限，请拆分后分批导入")
    if not name.lower().endswith((".xlsx", ".csv", ".txt")):
        raise InvalidParams("只支持 .xlsx 和 .csv 文件（旧版 .xls 请另存为 .xlsx）")
    try:
        table = read_table(upload, sheet=sheet or None, name=name)
    except TableError as exc:
        raise InvalidParams(str(exc)) from exc
    if mapping is None:
        mapping = (Mapping.from_dict(source.mapping) if source.mapping.get("columns")
                   else guess_mapping(table.headers))
    elif isinstance(mapping, dict):
        mapping = Mapping.from_dict(mapping)
    # a mapping that only lacks required fields is kept: the page's mapping form fixes it, and the dry
    # run and the import say what is missing until then; a column not in the file is refused now
    if source.kind == SourceKind.CASES and (problems := _mapping_problems(
            mapping, table.headers, missing=False)):
        raise InvalidParams("列对应关系有误：" + "；".join(problems),
                            errors={"mapping": problems})
    digest = hashlib.sha256()
    with _binary(upload) as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    batch = ImportBatch(source=source, unit=actor.unit, file_name=name[:200],
                        sha256=digest.hexdigest(), sheet=table.sheet, mapping=mapping.as_dict(),
                        total_rows=table.estimate or 0, created_by=actor)
    with _binary(upload) as fh:
        batch.file.save(name, File(fh), save=False)
    batch.save()
    return batch


def _mapping_problems(mapping: Mapping, headers: list[str], *, missing: bool = True) -> list[str]:
    """check_mapping's problems; `missing=False` leaves out the required fields not mapped yet."""
    unmapped = set() if missing else {f"“{FIELDS[f][0]}”没有对应的列" for f in mapping.missing}
    return [p for p in check_mapping(mapping, headers) if p not in unmapped]


def mapping_problems(batch: ImportBatch, headers: list[str]) -> list[str]:
    """What keeps the batch's mapping from being used (Chinese; empty: usable)."""
    if batch.source.kind != SourceKind.CASES:
        return []
    return check_mapping(Mapping.from_dict(batch.mapping), headers)


class _binary:
    """Open a path, or rewind a caller's file object (left open)."""

    def __init__(self, upload: Any) -> None:
        self.upload, self.fh = upload, None

    def __enter__(self) -> IO[bytes]:
        if isinstance(self.upload, str | Path):
            self.fh = open(self.upload, "rb")  # noqa: SIM115
            return self.fh
        self.upload.seek(0)
        return self.upload

    def __exit__(self, *exc: Any) -> None:
        if self.fh is not None:
            self.fh.close()


def table_of(batch: ImportBatch) -> Table:
    """The batch's file as a table (the sheet chosen at upload)."""
    try:
        return read_table(batch.file.path, sheet=batch.sheet or None, name=batch.file_name)
    except TableError as exc:
        raise InvalidParams(str(exc)) from exc


def preview(batch: ImportBatch, n: int = 10) -> list[Row]:
    """The first `n` data rows, as read (for the mapping page's preview)."""
    out = []
    for row in table_of(batch).rows:
        out.append(row)
        if len(out) >= n:
            break
    return out


# --- one row -------------------------------------------------------------------------------------------

@dataclass
class RowPlan:
    """What the import does with one row: `action` is new, skip (already imported) or error."""

    row: int
    action: str
    external_id: str = ""
    title: str = ""
    problems: list[str] = field(default_factory=list)  # errors (action error) or warnings

    @property
    def action_label(self) -> str:
        return {"new": "新建", "skip": "已导入过，跳过", "error": "无法导入"}[self.action]


@dataclass
class Prepared:
    row: Row
    plan: RowPlan
    case: dict[str, Any]
    person: dict[str, str]
    closed_at: dt.datetime | None
    closed_unknown: bool
    reply: str
    outcome: str
    handling_name: str
    data: dict[str, Any]


class Converter:
    """Turns rows of one batch into cases to write, with every problem in Chinese."""

    def __init__(self, batch: ImportBatch, *, defer_places: bool = False,
                 threaded: bool = False) -> None:
        self.batch = batch
        self.mapping = Mapping.from_dict(batch.mapping)
        self.columns = self.mapping.columns
        self.source = batch.source.name
        self.text_max = int(get("XINFANG_IMPORT_TEXT_MAX"))
        self.now = clock.now()
        self.area = jurisdiction_root(batch.unit)
        self.seen: dict[str, int] = {}
        units = list(units_under(self.area).values("id", "name", "short_name", "unit_type", "level"))
        self.places: dict[str, int] = {}
        self.unit_names: dict[str, tuple[int, str]] = {}
        for u in sorted(units, key=lambda u: (u["level"], u["id"])):
            for key in {u["name"], u["short_name"]} - {""}:
                self.unit_names.setdefault(key, (u["id"], u["name"]))
            if u["unit_type"] == UnitType.PARTY_GOVERNMENT:
                for key in _place_keys(u["name"], u["short_name"]):
                    self.places.setdefault(key, u["id"])
        self.is_bureau = batch.unit.unit_type == UnitType.PETITION_BUREAU
        # a missing district is derived from the text or the handling unit (triage/places.py);
        # rows that name theirs teach it the things (estates, roads) that lie there
        self.derive_places = bool(get("XINFANG_IMPORT_DERIVE_PLACE"))
        # deferred (`run(defer=True)`): the rows needing a derivation are marked, and `finish`
        # derives them after the import in the same order, from the same rows (same result)
        self.defer_places = defer_places and self.derive_places
        self.places_known = (PlaceIndex(self.area, backlog=LEARN_BACKLOG)
                             if self.derive_places and not self.defer_places else None)
        if threaded and self.places_known is not None:  # `convert` then reads no database
            self.places_known.load_units()

    def _learn(self, text: str, unit: int) -> None:
        if self.places_known is not None:  # kept; learnt only when a derivation needs it (places.py)
            self.places_known.learn(text, unit)

    def _derive(self, text: str, handling: int | None) -> Any:
        if self.places_known is None:
            return SimpleNamespace(unit=None, evidence="", reason="未启用问题属地推定")
        return self.places_known.derive(text, handling_unit=handling)

    def cell(self, row: Row, target: str) -> str:
        header = self.columns.get(target)
        return text_of(row.values.get(header)) if header else ""

    def raw(self, row: Row, target: str) -> Any:
        header = self.columns.get(target)
        return row.values.get(header) if header else None

    def key(self, row: Row) -> tuple[str, bool]:
        """The row's id in its source: the id column, else a digest of the row's content."""
        given = self.cell(row, "external_id")
        if given:
            return given, True
        content = json.dumps([text_of(row.values.get(h)) for h in sorted(self.columns.values())],
                             ensure_ascii=False)
        return "h:" + hashlib.sha1(content.encode()).hexdigest()[:24], False  # noqa: S324

    def place(self, text: str) -> int | None:
        for key in _place_keys(text, ""):
            if key in self.places:
                return self.places[key]
        return None

    def convert(self, row: Row) -> Prepared | RowPlan:
        """The row as a case to write (`Prepared`), or a `RowPlan` with action error."""
        errors: list[str] = []
        notes: list[str] = []
        external_id, given = self.key(row)
        if len(external_id) > EXTERNAL_ID_MAX:
            errors.append(f"原系统编号超过{EXTERNAL_ID_MAX}个字符")
        first = self.seen.get(external_id)
        if first is not None:
            errors.append(f"与第{first}行重复（{'原系统编号相同' if given else '内容完全相同'}）")
        else:
            self.seen[external_id] = row.number
        if not given:
            notes.append("无原系统编号：以整行内容识别重复导入")

        received_raw = self.raw(row, "received")
        received = parse_datetime(received_raw)
        if received is None:
            errors.append("信访日期为空" if not text_of(received_raw) else
                          f"信访日期“{text_of(received_raw)}”无法识别（应为如2021-03-05或2021/3/5 9:30的日期）")
        elif received > self.now:
            errors.append(f"信访日期{received:%Y-%m-%d}晚于今天")

        closed_raw = self.raw(row, "closed")
        closed = parse_datetime(closed_raw)
        if closed is None and text_of(closed_raw):
            errors.append(f"办结日期“{text_of(closed_raw)}”无法识别")
        elif closed is not None and received is not None and closed < received:
            errors.append(f"办结日期{closed:%Y-%m-%d}早于信访日期{received:%Y-%m-%d}")
        elif closed is not None and closed > self.now:
            errors.append(f"办结日期{closed:%Y-%m-%d}晚于今天")

        title = self.cell(row, "title")
        request = self.cell(row, "request")
        if not request and not title:
            errors.append("诉求内容为空")
        elif not request:
            request = title
            notes.append("诉求为空，以概况（标题）代替")
        truncated: dict[str, int] = {}
        request = self._cut(request, "request", "诉求", truncated, notes)
        facts = self._cut(self.cell(row, "facts"), "facts", "事实和理由", truncated, notes)
        reply = self._cut(self.cell(row, "reply"), "reply", "答复内容", truncated, notes)
        if not title:
            title = request.splitlines()[0][:TITLE_FROM_REQUEST] if request else ""
        elif len(title) > 200:
            truncated["title"] = len(title)
            notes.append(f"概况超过200字，已截断（原文{len(title)}字）")
            title = title[:200]

        if errors:
            return RowPlan(row.number, "error", external_id if given else "", title, errors + notes)

        data: dict[str, Any] = {"source": self.source, "external_id": external_id if given else "",
                                "batch": self.batch.pk, "row": row.number}
        handling_name = self.cell(row, "handling_unit")
        handling = self.unit_names.get(handling_name) if handling_name else None
        if handling_name:
            data["handling_unit"] = handling_name
            if handling is None:
                notes.append(f"办理单位“{handling_name}”未在单位树中，保留名称")
        district = self.cell(row, "district")
        problem_unit = self.place(district) if district else None
        text = f"{district} {title} {request}"
        if self.defer_places:  # `finish` teaches and derives from the same text, in row order
            if district:
                data["district"] = district
            if problem_unit is None:
                problem_unit = self.area.pk
                data["place_pending"] = True
        elif problem_unit is not None:
            self._learn(text, problem_unit)  # teaches the rows that name no district
        else:
            guess = self._derive(text, handling[0] if handling else None)
            said = f"问题属地“{district}”未在单位树中" if district else "未注明问题属地"
            if guess.unit is not None:
                problem_unit = guess.unit.pk
                data["place_derived"] = guess.evidence
                notes.append(f"{said}，推定为{guess.unit.name}（依据：{guess.evidence}）")
            else:
                problem_unit = self.area.pk
                data["place_given" if district else "place_assumed"] = district or True
                notes.append(f"{said}，{guess.reason}，暂按导入单位辖区（{self.area.name}）")

        channel_label = self.cell(row, "channel")
        channel = (channel_of(channel_label) if channel_label else None) or self.mapping.defaults.get(
            "channel") or Channel.PLATFORM.value
        if channel_label and channel_of(channel_label) is None:
            notes.append(f"信访形式“{channel_label}”无法识别，按{Channel(channel).label}")
        label = self.cell(row, "purpose")
        purpose = purpose_of(label) if label else (self.mapping.defaults.get("purpose")
                                                   or Purpose.OTHER.value)
        if label:
            data["label"] = label
        if user_ref := self.cell(row, "user_ref"):
            data["user_ref"] = user_ref
        data["channel"] = channel

        state_label = self.cell(row, "state")
        closed_unknown = False
        if closed is None and state_label and any(w in state_label for w in CLOSED_WORDS):
            closed_unknown = True
            notes.append("原系统状态为办结但无办结日期：办结日期不详，按信访日期记录")
        if truncated:
            data["truncated"] = truncated

        person = {"name": self.cell(row, "name"), "id_number": self.cell(row, "id_number"),
                  "phone": self.cell(row, "phone")}
        if not any(person.values()):
            notes.append("无信访人信息，按匿名件导入")
        elif not person["name"]:
            notes.append("有证件号码或电话但无信访人姓名")
        if person["id_number"] and len(person["id_number"]) not in (15, 18):
            notes.append("身份证号位数不符，按原样保存")

        status = Status.CLOSED if (closed or closed_unknown) else (
            Status.ACCEPTED if any(w in state_label for w in OPEN_HANDLING_WORDS) else Status.REGISTERED)
        case = {
            "status": status, "channel": channel, "purpose": purpose, "problem_unit_id": problem_unit,
            "title": title, "request": request, "facts_reasons": facts or NOT_GIVEN_SEPARATELY,
            "received_on": received.date(), "registered_at": received,
            "handling_unit_id": handling[0] if handling else None,
            "holding_unit_id": handling[0] if handling else self.batch.unit_id,
            "external_id": external_id,
        }
        plan = RowPlan(row.number, "new", external_id if given else "", title, notes)
        return Prepared(row=row, plan=plan, case=case, person=person,
                        closed_at=closed or (received if closed_unknown else None),
                        closed_unknown=closed_unknown, reply=reply, outcome=outcome_of(reply),
                        handling_name=handling[1] if handling else handling_name, data=data)

    def _cut(self, text: str, key: str, label: str, truncated: dict[str, int],
             notes: list[str]) -> str:
        if len(text) <= self.text_max:
            return text
        truncated[key] = len(text)
        notes.append(f"{label}超过{self.text_max}字，已截断（原文{len(text)}字）")
        return text[:self.text_max]


PLACE_SUFFIXES = ("县委县政府", "区委区政府", "市委市政府", "人民政府", "委员会", "政府", "街道办事处",
                  "办事处")


def _place_keys(name: str, short: str) -> list[str]:
    """The forms a place is written in: its name, short name, and the name without 人民政府 etc."""
    keys = []
    for text in (name, short):
        text = (text or "").strip()
        if not text:
            continue
        keys.append(text)
        for suffix in PLACE_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix) + 1:
                keys.append(text[: -len(suffix)])
    return keys


# --- dry run -------------------------------------------------------------------------------------------

@dataclass
class PlanResult:
    """The dry run: counts and, per row (up to the limit asked), what will happen and why."""

    headers: list[str]
    sheet: str
    other_sheets: list[str]
    total: int = 0
    new: int = 0
    skipped: int = 0
    errors: int = 0
    with_warnings: int = 0
    rows: list[RowPlan] = field(default_factory=list)
    mapping_problems: list[str] = field(default_factory=list)  # the mapping must be fixed first


def _existing(source: str, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(keys), 5000):
        found |= set(Case.objects.filter(import_source=source, external_id__in=keys[i:i + 5000])
                     .values_list("external_id", flat=True))
    return found


def _chunks(rows: Iterator[Row], size: int) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def plan(batch: ImportBatch, *, limit: int | None = None) -> PlanResult:
    """Dry run: what `run` would do with every row, and every problem in plain Chinese (no writes to
    cases). `limit` keeps only the first rows' details (the counts cover the whole file)."""
    table = table_of(batch)
    result = PlanResult(headers=table.headers, sheet=table.sheet, other_sheets=table.other_sheets,
                        mapping_problems=mapping_problems(batch, table.headers))
    if result.mapping_problems:  # no row can be read until the mapping is fixed
        return result
    converter = Converter(batch)
    for chunk in _chunks(table.rows, int(get("XINFANG_IMPORT_CHUNK_ROWS"))):
        converted = [converter.convert(row) for row in chunk]
        done = _existing(converter.source, [c.case["external_id"] for c in converted
                                            if isinstance(c, Prepared)])
        for item in converted:
            row_plan = item if isinstance(item, RowPlan) else item.plan
            if isinstance(item, Prepared) and item.case["external_id"] in done:
                row_plan.action = "skip"
            result.total += 1
            result.new += row_plan.action == "new"
            result.skipped += row_plan.action == "skip"
            result.errors += row_plan.action == "error"
            result.with_warnings += row_plan.action == "new" and bool(row_plan.problems)
            if limit is None or len(result.rows) < limit:
                result.rows.append(row_plan)
    if batch.state == ImportBatch.State.UPLOADED:
        batch.state = ImportBatch.State.PLANNED
        batch.total_rows = result.total
        batch.save(update_fields=["state", "total_rows"])
    return result


# --- the import ----------------------------------------------------------------------------------------

def _people(prepared: list[Prepared]) -> list[Petitioner | None]:
    """The petitioner of each row: the same person (ID number and name) already on record, a person
    of an earlier row of the chunk, a new one, or None (anonymous)."""
    ids = {p.person["id_number"] for p in prepared if p.person["id_number"]}
    known: dict[tuple[str, str], Petitioner] = {}
    if ids:
        by_index = {blind_index(i): i for i in ids}
        for person in Petitioner.objects.filter(id_number_index__in=list(by_index)):
            known.setdefault((by_index.get(person.id_number_index, ""), person.name), person)
    out: list[Petitioner | None] = []
    for p in prepared:
        data = p.person
        if not any(data.values()):
            out.append(None)
            continue
        key = (data["id_number"], data["name"])
        if data["id_number"] and key in known:
            out.append(known[key])
            continue
        person = Petitioner(name=data["name"][:100], id_number=data["id_number"],
                            phone=data["phone"],
                            id_type=IdType.RESIDENT if data["id_number"] else IdType.OTHER)
        if data["id_number"]:
            known[key] = person
        out.append(person)
    return out


def _past_case(batch: ImportBatch, p: Prepared, person: Petitioner | None) -> PastCase:
    c = p.case
    case = new_case({"registered_unit_id": batch.unit_id, "registered_by_id": batch.created_by_id,
                     "import_source": batch.source.name, "headcount": 1, **c})
    case.registered_unit = batch.unit  # the case number's unit code, without a query
    events = [PastEvent(type="imports.received", at=c["registered_at"], new_value=c["status"],
                        data=p.data)]
    if p.reply:
        events.append(PastEvent(type="imports.replied", at=p.closed_at or c["registered_at"],
                                note=p.reply, data={"unit": p.handling_name, "outcome": p.outcome}))
    clocks: list[PastClock] = []
    if c["status"] == Status.CLOSED:
        case.outcome = p.outcome
        events.append(PastEvent(type="imports.closed", at=p.closed_at, old_value=Status.REGISTERED,
                                new_value=Status.CLOSED,
                                data={"old": Status.REGISTERED.value, "new": Status.CLOSED.value,
                                      "date_unknown": p.closed_unknown}))
    elif c["status"] == Status.ACCEPTED:  # in handling: the 60 days (Art. 32) from the real date
        clocks.append(PastClock(DeadlineKind.HANDLING, c["received_on"]))
    elif batch.unit.unit_type == UnitType.PETITION_BUREAU:  # Art. 22: 15 days to route it
        clocks.append(PastClock(DeadlineKind.INTAKE, c["received_on"]))
    elif person is not None and person.phone:  # Art. 23: 15 days to tell the petitioner
        clocks.append(PastClock(DeadlineKind.ACCEPTANCE_NOTICE, c["received_on"]))
    access = [u for u in (c["handling_unit_id"],) if u]
    return PastCase(case=case, petitioners=[person] if person else [], access=access,
                    clocks=clocks, events=events)


def _converted(table: Table, converter: Converter, batch: ImportBatch, size: int,
               counts: dict[str, int]) -> Iterator[tuple[int, list[Row], list[Prepared | RowPlan]]]:
    """The file's rows not yet committed, in chunks, each with its conversion: (rows skipped as
    committed by an interrupted run since the previous chunk, the chunk, its rows converted).
    Reads no database (it may run in the reading thread, `_Ahead`); at the end `counts` holds the
    file's rows (`total`) and the committed rows after the last chunk (`resumed`)."""
    resumed = total = 0

    def fresh_rows() -> Iterator[Row]:
        nonlocal resumed, total
        for row in table.rows:
            total += 1
            if row.number <= batch.last_row:  # committed before an interruption: its id is seen
                key, _ = converter.key(row)
                converter.seen.setdefault(key, row.number)
                resumed += 1
                continue
            yield row

    for chunk in _chunks(fresh_rows(), size):
        converted = [converter.convert(row) for row in chunk]
        yield resumed, chunk, converted
        resumed = 0
    counts.update(total=total, resumed=resumed)


class _Ahead:
    """Runs an iterator in a thread, `depth` items ahead of its consumer (issue 16: the next chunk
    is read and converted while PostgreSQL writes the current one; the driver releases the GIL
    while it waits for the server). The items come in order; an exception of the iterator is raised
    in the consumer; leaving the `with` block (an error in the consumer, a kill) stops the thread
    after the item it is making, so at most `depth + 2` chunks are in memory."""

    _END = object()

    def __init__(self, items: Iterator[Any], depth: int = 1) -> None:
        self.items, self.queue = items, queue.Queue(maxsize=depth)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._produce, name="imports-convert", daemon=True)

    def _put(self, item: Any) -> bool:
        while not self.stop.is_set():
            try:
                self.queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _produce(self) -> None:
        try:
            for item in self.items:
                if not self._put((True, item)):
                    return
            self._put((True, self._END))
        except BaseException as exc:  # noqa: BLE001  (raised again in the consumer's thread)
            self._put((False, exc))

    def __enter__(self) -> Iterator[Any]:
        self.thread.start()
        return self._consume()

    def _consume(self) -> Iterator[Any]:
        while True:
            ok, item = self.queue.get()
            if not ok:
                raise item
            if item is self._END:
                return
            yield item

    def __exit__(self, *exc: Any) -> None:
        self.stop.set()
        self.thread.join()


def run(batch: ImportBatch, *, progress: Callable[[int], Any] | None = None,
        defer: bool = False) -> ImportBatch:
    """Import the batch: idempotent, resumable, in chunks with bulk inserts (see the module doc).

    `progress(n)` is called after each committed chunk with the number of rows it covered (rows
    already committed by an interrupted run are reported once, at the start). `defer`: the missing
    districts are not derived row by row (jieba, ~0.3-0.5 ms a row) and the cases not added to the
    duplicate index chunk by chunk, and their search tokens (jieba) are left empty: `finish(batch)`
    does all three afterwards, in batch, with the same result. With `XINFANG_IMPORT_PIPELINE` the
    file is read and converted in a thread one chunk ahead of the writing (the same chunks, written
    in the same order and transactions)."""
    _require(batch.created_by)
    if batch.state == ImportBatch.State.DONE:
        return batch
    table = table_of(batch)
    if problems := mapping_problems(batch, table.headers):
        raise InvalidParams("列对应关系有误：" + "；".join(problems), errors={"mapping": problems})
    pipelined = bool(get("XINFANG_IMPORT_PIPELINE"))
    converter = Converter(batch, defer_places=defer, threaded=pipelined)
    batch.state, batch.started_at = ImportBatch.State.RUNNING, batch.started_at or clock.now()
    batch.save(update_fields=["state", "started_at"])
    counts: dict[str, int] = {}
    chunks = _converted(table, converter, batch, int(get("XINFANG_IMPORT_CHUNK_ROWS")), counts)
    with _Ahead(chunks) if pipelined else contextlib.nullcontext(chunks) as ahead:
        for resumed, chunk, converted in ahead:
            if resumed and progress:
                progress(resumed)
            _write_chunk(batch, converter.source, chunk, converted, defer=defer)
            if not defer:
                dup_catch_up(limit=None)  # the chunk's cases into the shared duplicate index
            if progress:
                progress(len(chunk))
    if counts["resumed"] and progress:
        progress(counts["resumed"])
    batch.total_rows = counts["total"]
    batch.state, batch.finished_at = ImportBatch.State.DONE, clock.now()
    batch.save(update_fields=["total_rows", "state", "finished_at"])
    if batch.error_count:
        error_sheet_write(batch, table.headers)
    return batch


def _write_chunk(batch: ImportBatch, source: str, chunk: list[Row],
                 converted: list[Prepared | RowPlan], *, defer: bool = False) -> None:
    """One chunk in one transaction with the batch's `last_row` (the unit of resume): its new
    cases, the old system's answers, its unimportable rows, the batch's counts. Rows already
    imported are skipped; a chunk another run committed meanwhile is left alone."""
    prepared = [c for c in converted if isinstance(c, Prepared)]
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.last_row >= chunk[-1].number:  # another run committed it meanwhile
            return
        done = _existing(source, [p.case["external_id"] for p in prepared])
        fresh = [p for p in prepared if p.case["external_id"] not in done]
        people = _people(fresh)
        cases = history_write([_past_case(batch, p, person)
                               for p, person in zip(fresh, people, strict=True)],
                              actor=batch.created_by, search_tokens=not defer)
        PastOpinion.objects.bulk_create([  # the old system's answers, for the indicators
            PastOpinion(case_id=case.pk, batch_id=batch.pk,
                        unit_id=case.handling_unit_id or batch.unit_id, outcome=p.outcome,
                        issued_on=timezone.localdate(_aware(p.closed_at)))
            for case, p in zip(cases, fresh, strict=True)
            if p.reply and case.status == Status.CLOSED])
        failed = [c for c in converted if isinstance(c, RowPlan)]
        ImportRowError.objects.bulk_create([
            ImportRowError(batch=batch, row=f.row, problems=f.problems,
                           values={k: text_of(v) for k, v in _row(chunk, f.row).values.items()})
            for f in failed], ignore_conflicts=True)
        batch.created_count = locked.created_count + len(fresh)
        batch.skipped_count = locked.skipped_count + len(prepared) - len(fresh)
        batch.error_count = locked.error_count + len(failed)
        batch.last_row = chunk[-1].number
        batch.save(update_fields=["created_count", "skipped_count", "error_count", "last_row"])


@dataclass
class FinishResult:
    """What `finish` did: districts derived (with evidence), left to the importing unit's area,
    learnt from (rows that named theirs), cases added to the duplicate index."""

    derived: int = 0
    assumed: int = 0
    taught: int = 0
    indexed: int = 0
    searchable: int = 0  # cases whose search tokens were filled (PostgreSQL)
    #: part → (wall seconds, this process's CPU seconds): "places", "duplicates", "search"
    seconds: dict[str, tuple[float, float]] = field(default_factory=dict)


def finish(batch: ImportBatch, *, progress: Callable[[int], Any] | None = None) -> FinishResult:
    """The batch step after an import run with `defer=True` (issue 16): derive the districts the
    rows did not give, and add the batch's cases to the shared duplicate index.

    Same result as the derivation during the import: the batch's cases are walked in row order (case
    ids follow the rows), each row that named its district teaches the `PlaceIndex` the same text
    ("<district> <title> <request>") and each row without one is derived from the same text and
    handling unit, seeing exactly the rows taught before it. The district and its evidence (or the
    reason none was found) go on the case's timeline as an `imports.placed` event. Idempotent and
    resumable: a case already placed is not placed again."""
    from xinfang.cases.history import history_append
    from xinfang.cases.models import CaseEvent

    area = jurisdiction_root(batch.unit)
    result = FinishResult()
    started = time.perf_counter(), time.process_time()

    def lap(part: str) -> None:
        nonlocal started
        now = time.perf_counter(), time.process_time()
        result.seconds[part] = (round(now[0] - started[0], 1), round(now[1] - started[1], 1))
        started = now

    if get("XINFANG_IMPORT_DERIVE_PLACE"):
        index = PlaceIndex(area, backlog=LEARN_BACKLOG)
        placed = set(CaseEvent.objects.filter(type="imports.placed", data__batch=batch.pk)
                     .values_list("case_id", flat=True))
        todo: list[tuple[int, Any, str]] = []  # case id, the guess, the district as written
        rows = (CaseEvent.objects.filter(type="imports.received", case__import_source=batch.source.name,
                                         data__batch=batch.pk)
                .order_by("case_id")
                .values_list("case_id", "data", "case__title", "case__request",
                             "case__handling_unit_id", "case__problem_unit_id"))
        for case_id, data, title, request, handling, problem in rows.iterator(chunk_size=2000):
            district = data.get("district", "")
            if not data.get("place_pending"):
                if district:
                    index.learn(f"{district} {title} {request}", problem)
                    result.taught += 1
                continue
            if case_id not in placed:
                todo.append((case_id, index.derive(f"{district} {title} {request}",
                                                   handling_unit=handling), district))
        size = int(get("XINFANG_IMPORT_CHUNK_ROWS"))
        for start in range(0, len(todo), size):
            now = clock.now()
            entries: list[tuple[int, PastEvent]] = []
            by_unit: dict[int, list[int]] = {}
            for case_id, guess, district in todo[start:start + size]:
                if guess.unit is not None:
                    by_unit.setdefault(guess.unit.pk, []).append(case_id)
                    entries.append((case_id, PastEvent(
                        type="imports.placed", at=now, old_value=str(area.pk),
                        new_value=str(guess.unit.pk),
                        data={"batch": batch.pk, "place_derived": guess.evidence,
                              "unit": guess.unit.name})))
                    result.derived += 1
                else:
                    entries.append((case_id, PastEvent(
                        type="imports.placed", at=now,
                        data={"batch": batch.pk, "reason": guess.reason,
                              **({"place_given": district} if district else {"place_assumed": True})})))
                    result.assumed += 1
            with transaction.atomic():  # the chunk's districts and their timeline entries together
                history_append(entries, actor=batch.created_by)
                for unit_id, ids in by_unit.items():
                    Case.objects.filter(pk__in=ids).update(problem_unit_id=unit_id)
            if progress:
                progress(len(entries))
    lap("places")
    result.indexed = dup_catch_up(limit=None)
    lap("duplicates")
    result.searchable = search_backfill(connection)  # the deferred import's search tokens
    lap("search")
    return result


def _row(chunk: list[Row], number: int) -> Row:
    return next(r for r in chunk if r.number == number)


def error_sheet_write(batch: ImportBatch, headers: list[str] | None = None) -> str:
    """Write the batch's error sheet (.xlsx): each unimportable row as it was, with its row number
    and problems; returns the stored file's name. `headers`: the file's, when the caller has read
    them (else the file is opened again for them)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    headers = headers if headers is not None else table_of(batch).headers
    book = Workbook(write_only=True)
    sheet = book.create_sheet("无法导入的行")
    bold = Font(bold=True)
    header = []
    for h in ("源文件行号", "问题", *headers):
        cell = WriteOnlyCell(sheet, value=h)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for n, error in enumerate(batch.row_errors.order_by("row").iterator()):
        if n >= ERROR_SHEET_ROWS_MAX:
            break
        sheet.append([error.row, "；".join(error.problems),
                      *(_safe(error.values.get(h, "")) for h in headers)])
    out = io.BytesIO()
    book.save(out)
    if batch.error_sheet:
        batch.error_sheet.delete(save=False)
    batch.error_sheet.save(f"batch-{batch.pk}-errors.xlsx", ContentFile(out.getvalue()), save=False)
    batch.save(update_fields=["error_sheet"])
    return batch.error_sheet.name


def _safe(value: str) -> str:
    """A cell that a spreadsheet would run as a formula is written as text (CSV/Excel injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


__all__ = ["FIELDS", "Converter", "Mapping", "PlanResult", "RowPlan", "Table", "UnitsResult",
           "batch_create", "error_sheet_write", "finish", "guess_mapping", "plan", "preset_mapping", "preview",
           "mapping_problems", "read_table", "run", "source_save", "table_of", "units_import"]
