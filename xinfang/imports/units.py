"""A unit tree from a sheet (名称/上级单位/类型/代码, optional 层级), idempotent (issue 16)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import transaction

from xinfang.core.errors import InvalidParams
from xinfang.orgs.models import Level, Unit, UnitType
from xinfang.orgs.selectors import jurisdiction_root, units_under

from .mapping import text_of
from .tables import TableError, read_table

UNIT_COLUMNS = {"name": ("名称", "单位名称", "单位"), "parent": ("上级单位", "上级", "上级单位名称"),
                "type": ("类型", "单位类型"), "code": ("代码", "单位代码", "编码"),
                "level": ("层级", "级别")}
UNIT_TYPE_WORDS = ((("信访",), UnitType.PETITION_BUREAU), (("纪委", "监委", "纪检"), UnitType.DISCIPLINE),
                   (("政法", "法院", "检察", "公安"), UnitType.POLITICAL_LEGAL),
                   (("调解",), UnitType.MEDIATION), (("党委", "政府", "街道", "乡", "镇", "村", "社区"),
                                                     UnitType.PARTY_GOVERNMENT),
                   (("部门", "局", "委", "办", "中心"), UnitType.DEPARTMENT))
LEVEL_WORDS = ((("省",), Level.PROVINCE), (("市",), Level.CITY), (("县", "区"), Level.COUNTY),
               (("乡", "镇", "街道"), Level.TOWNSHIP), (("村", "社区"), Level.VILLAGE))


@dataclass
class UnitsResult:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row, problem)


def _unit_type(label: str) -> str | None:
    if label in UnitType.values:
        return label
    for words, kind in UNIT_TYPE_WORDS:
        if any(w in label for w in words):
            return kind.value
    return None


def _level(label: str) -> int | None:
    if label.isdigit() and int(label) in Level.values:
        return int(label)
    for words, level in LEVEL_WORDS:
        if any(w in label for w in words):
            return level.value
    return None


def units_import(*, upload: str | Path | IO[bytes], actor: Any, sheet: str = "",
                 name: str = "", dry_run: bool = False) -> UnitsResult:
    """A unit tree from a sheet (名称/上级单位/类型/代码, optional 层级), idempotent: a unit is the same
    when its code is, or (without a code) when its name under the same parent is. Parents may come
    later in the sheet or already exist (within the importer's jurisdiction). A department takes its
    parent's level, a government one below it, unless 层级 says. All in one transaction."""
    from xinfang.orgs.services import unit_create

    from .services import _require

    _require(actor)
    try:
        table = read_table(upload, sheet=sheet or None, name=name or None)
    except TableError as exc:
        raise InvalidParams(str(exc)) from exc
    columns = {t: next((h for h in names if h in table.headers), None)
               for t, names in UNIT_COLUMNS.items()}
    if not columns["name"]:
        raise InvalidParams("单位表缺少“名称”列")
    root = jurisdiction_root(actor.unit)
    scope = {u.pk: u for u in units_under(root)}
    by_code = {u.code: u for u in scope.values()}
    by_name: dict[str, list[Unit]] = {}
    for u in scope.values():
        by_name.setdefault(u.name, []).append(u)
    result = UnitsResult()
    pending = [(row.number, {t: text_of(row.values.get(h)) if h else "" for t, h in columns.items()})
               for row in table.rows]
    with transaction.atomic():
        while pending:
            progressed, waiting = False, []
            for number, r in pending:
                if not r["name"]:
                    result.errors.append((number, "名称为空"))
                    continue
                code = r["code"] or _unit_code(r["parent"], r["name"])
                existing = by_code.get(code) if r["code"] else next(
                    (u for u in by_name.get(r["name"], [])
                     if (u.parent.name if u.parent_id else "") == r["parent"]), None)
                if existing is not None:
                    result.existing.append(r["name"])
                    progressed = True
                    continue
                parent = None
                if r["parent"]:
                    found = by_code.get(r["parent"]) or (by_name.get(r["parent"]) or [None])[0]
                    if found is None:
                        waiting.append((number, r))
                        continue
                    parent = found
                if parent is None and not r["level"]:
                    result.errors.append((number, f"“{r['name']}”没有上级单位，须在“层级”列注明层级"))
                    continue
                kind = _unit_type(r["type"] or r["name"])
                if kind is None:
                    result.errors.append((number, f"单位类型“{r['type']}”无法识别"))
                    continue
                level = _level(r["level"]) if r["level"] else (
                    min(parent.level + 1, Level.VILLAGE) if kind == UnitType.PARTY_GOVERNMENT
                    else parent.level)
                if level is None or (parent is not None and level < parent.level):
                    result.errors.append((number, f"层级“{r['level']}”无法识别或高于上级单位"))
                    continue
                if code in by_code or len(code) > 20 or len(r["name"]) > 100:
                    result.errors.append((number, f"代码“{code}”已被其他单位使用或过长（最多20字符），或名称超过100字"))
                    continue
                if dry_run:
                    unit = Unit(name=r["name"], code=code, level=level, unit_type=kind, parent=parent)
                else:
                    unit = unit_create(name=r["name"], code=code, level=level, unit_type=kind,
                                       parent=parent)
                by_code[code] = unit
                by_name.setdefault(unit.name, []).append(unit)
                result.created.append(r["name"])
                progressed = True
            if not progressed:
                for number, r in waiting:
                    result.errors.append((number, f"上级单位“{r['parent']}”不存在（表中和系统中都没有）"))
                break
            pending = waiting
        if dry_run:
            transaction.set_rollback(True)
    return result


def _unit_code(parent: str, name: str) -> str:
    """A stable code for a unit listed without one: the same name path gives the same code."""
    return "IM" + hashlib.sha1(f"{parent}/{name}".encode()).hexdigest()[:12].upper()  # noqa: S324
