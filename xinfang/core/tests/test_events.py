"""One event vocabulary (issue 14): who may write events and statuses, and every type reads in both
languages."""

from __future__ import annotations

import ast
import pathlib
import re
from typing import Any

import pytest
from django.utils import translation

from xinfang.cases.events import record_event
from xinfang.core import events
from xinfang.core.events import REGISTRY, UnknownEventType

ROOT = pathlib.Path(__file__).resolve().parents[2]  # the xinfang package
CJK = re.compile(r"[\u3400-\u9fff]")
CODE = re.compile(r"^[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+$|^[a-z]{3,}$")  # a stored code, not words
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")

#: The only modules that create timeline rows, and why.
EVENT_WRITERS = {
    "CaseEvent": {"xinfang/cases/events.py",  # record_event: the hash chain needs one writer
                  # history_write: records of the past, not steps taken now (imported cases, issue 16),
                  # chained by the same chain.event_hash in bulk
                  "xinfang/cases/history.py",
                  # the bulk backfill's `warning.case_listed` entries: warnings the past would have
                  # raised (issue 16), each case chained once from its locked tip by chain.event_hash
                  "xinfang/warning/backfill.py"},
    "ResolutionEvent": {"xinfang/resolution/machine.py"},  # a record without a case: the engine hook
    "WarningEvent": {"xinfang/warning/workflow.py",  # record_warning_event
                     # the bulk backfill: the same events record_warning_event would have written
                     # day by day (test_backfill compares both paths row for row)
                     "xinfang/warning/backfill.py"},
}

#: The only modules that write a `status` (or a clock's `state`), and why.
STATUS_WRITERS = {
    # the engine: `transition`/`create` set `Workflow.status_field` for every workflow
    "xinfang/core/workflow.py",
    # the case table's effects, under the case's row lock: the state of a step's own sub-record (the
    # opinion draft: 拟稿 / 待审签 / 已退回 / 已签发; the extension request), never the case's status
    "xinfang/cases/workflow.py",
    # the whistle table's effects, under the whistle's row lock: each whistled department's own report
    # row (待报到 / 已报到 / 已处置), a step's sub-record, never the whistle's status
    "xinfang/whistle/workflow.py",
    # the routed-away item's follow-up (签收 / 办结) is a record of news, not a workflow on the engine
    "xinfang/cases/services.py",
    # the clocks' own bookkeeping: due soon / overdue / met / lapsed, by conditional UPDATEs
    "xinfang/deadlines/services.py",
    # a message's delivery state in the outbox (sent / failed), not a record's legal status
    "xinfang/notifications/services.py",
    # records of the past, not steps taken now: an imported case's status as the old system left it,
    # and an import batch's progress (uploaded / planned / running / done)
    "xinfang/imports/services.py",
}
STATUS_FIELDS = {"status", "state"}
EVENT_CALLS = {"record_event", "record_warning_event"}
COMPOSED_FIELDS = ("note", "old_value", "new_value", "action")


def sources() -> list[tuple[str, ast.AST]]:
    out = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT.parent).as_posix()
        if "/tests/" in rel or "/migrations/" in rel:
            continue
        out.append((rel, ast.parse(path.read_text(encoding="utf-8"))))
    return out


SOURCES = sources()


def _base_name(node: ast.AST) -> str:
    """`CaseEvent` for CaseEvent(...), CaseEvent.objects.create(...), CaseEvent.objects.filter().update()."""
    while isinstance(node, ast.Attribute | ast.Call):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def event_row_writes() -> list[tuple[str, str, int]]:
    found = []
    for rel, tree in SOURCES:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            base = _base_name(node.func)
            if base not in EVENT_WRITERS:
                continue
            direct = isinstance(node.func, ast.Name)  # CaseEvent(...)
            method = node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if direct or method in {"create", "bulk_create", "get_or_create", "update_or_create",
                                    "update", "bulk_update"}:
                found.append((base, rel, node.lineno))
    return found


def status_writes() -> list[tuple[str, int]]:
    found = []
    for rel, tree in SOURCES:
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    for el in target.elts if isinstance(target, ast.Tuple) else [target]:
                        if isinstance(el, ast.Attribute) and el.attr in STATUS_FIELDS:
                            found.append((rel, node.lineno))
            elif isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Attribute) and func.attr in {
                        "update", "create", "get_or_create", "update_or_create"}:
                    if any(kw.arg in STATUS_FIELDS for kw in node.keywords):
                        found.append((rel, node.lineno))
                if isinstance(func, ast.Name) and func.id == "setattr" and len(node.args) > 1:
                    name = node.args[1]
                    if (isinstance(name, ast.Constant) and name.value in STATUS_FIELDS) or (
                            isinstance(name, ast.Attribute) and name.attr == "status_field"):
                        found.append((rel, node.lineno))
    return found


def test_no_module_outside_the_writers_creates_or_edits_an_event_row():
    # given every module of the platform; when its calls are read; then event rows come only from
    # the three writers (and no code anywhere edits one)
    writes = event_row_writes()
    assert writes, "the scan found no writer at all: it has stopped seeing them"
    wrong = [(model, rel, line) for model, rel, line in writes if rel not in EVENT_WRITERS[model]]
    assert wrong == []


def test_no_module_outside_the_engine_writes_a_status():
    writes = status_writes()
    assert {rel for rel, _ in writes} >= {"xinfang/core/workflow.py"}, "the scan lost the engine"
    assert sorted({rel for rel, _ in writes} - STATUS_WRITERS) == []


def _composed(node: ast.AST) -> bool:
    """A sentence made by code: an f-string, a concatenation, a Chinese literal, a translation."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.JoinedStr):
            return True
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and CJK.search(sub.value):
            return True
        if isinstance(sub, ast.BinOp) and isinstance(sub.op, ast.Add | ast.Mod) and any(
                isinstance(x, ast.Constant) and isinstance(x.value, str) for x in (sub.left, sub.right)):
            return True
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) and sub.func.id in {
                "_", "gettext", "gettext_lazy", "pgettext"}:
            return True
    return False


def event_calls() -> list[tuple[str, int, ast.Call]]:
    return [(rel, node.lineno, node) for rel, tree in SOURCES for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute)
            and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr) in EVENT_CALLS]


def test_no_caller_passes_a_composed_sentence_to_the_timeline():
    calls = event_calls()
    assert len(calls) > 20, "the scan found too few record_event calls: it has stopped seeing them"
    composed = [(rel, line, kw.arg) for rel, line, call in calls for kw in call.keywords
                if kw.arg in COMPOSED_FIELDS and _composed(kw.value)]
    assert composed == []


def test_every_written_type_code_is_registered():
    codes = {kw.value.value for _, _, call in event_calls() for kw in call.keywords
             if kw.arg == "type" and isinstance(kw.value, ast.Constant)}
    assert codes and events.unknown_codes(codes) == []


# --- (b) every type reads in both languages ----------------------------------------------------

def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _without_data(text: str, data: dict) -> str:
    """The text with the data's own words (names, numbers as entered) taken out: what is left is the
    type's wording, which must be in the reader's language."""
    for value in sorted((s for s in _strings(data) if s and not CODE.match(s)), key=len,
                        reverse=True):
        text = text.replace(value, " ")
    return text


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_registered_type_renders_in_chinese_and_english(code):
    t = REGISTRY[code]
    data = {**t.sample}
    codes = [s for s in _strings(data) if CODE.match(s)]
    with translation.override("zh-hans"):
        zh = t.render(data)
    with translation.override("en"):
        en = t.render(data)
        label = str(t.label)
    assert zh and en and "%(" not in zh + en
    assert CJK.search(zh)  # the Chinese wording is there
    assert not re.search(r"[a-z]{3,}", _without_data(zh, data)), zh  # no code left raw
    assert not CJK.search(_without_data(en, data)), en  # nothing left in Chinese
    assert not CJK.search(label), label
    assert not [c for c in codes if SNAKE.search(c) and c in en], en  # no raw snake_case code


def test_an_unregistered_type_cannot_be_written(county):
    from xinfang.cases.scenarios import register

    case = register(county)
    with pytest.raises(UnknownEventType):
        record_event(case=case, type="cases.no_such_type")


def test_an_old_row_of_an_unregistered_type_renders_as_its_code_and_data():
    text = events.render("retired.kind", {"unit": "县信访局", "days": 3})
    assert text.startswith("retired.kind") and "县信访局" in text and '"days": 3' in text


def test_a_type_is_registered_once():
    t = REGISTRY["case.registered"]
    with pytest.raises(ValueError, match="registered twice"):
        events.register(events.EventType(t.code, t.label))
