"""What the staff import page adds to the import services: the batches a user may see, a mapping
changed on the page, the dry-run report kept for paging, and the import started as a job.

The services (`imports.services`) do the work; this module only keeps what a page needs between
requests. The dry-run report is a JSON file in the default storage beside the batch's file (counts
of the whole file, and the rows with a problem among the first `REPORT_ROWS` rows).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet

from xinfang.core.errors import InvalidParams, PermissionDenied
from xinfang.core.jobs import job_enqueue
from xinfang.orgs.selectors import jurisdiction_root, under_q

from . import services
from .mapping import Mapping, check_mapping
from .models import ImportBatch

#: rows of the file whose dry-run result is kept for the page (the counts cover the whole file)
REPORT_ROWS = 20_000


def may_import(user: Any) -> bool:
    """An administrator or registrar of a unit (imports.services.IMPORT_ROLES)."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "unit_id", None)
                and user.has_role(*services.IMPORT_ROLES))


def require_importer(user: Any) -> None:
    if not may_import(user):
        raise PermissionDenied("只有本单位的管理员或登记员可以导入历史数据")


def visible_batches(user: Any) -> QuerySet[ImportBatch]:
    """The batches of the units in the user's area (its jurisdiction's root and below)."""
    require_importer(user)
    return (ImportBatch.objects.filter(under_q("unit", jurisdiction_root(user.unit)))
            .select_related("source", "unit", "created_by"))


def batch_remap(*, batch: ImportBatch, mapping: Mapping, actor: Any, keep: bool) -> ImportBatch:
    """Use `mapping` for this batch (before it runs); `keep`: also save it as the source's mapping,
    so the next export of the same system is read the same way."""
    require_importer(actor)
    if batch.state not in (ImportBatch.State.UPLOADED, ImportBatch.State.PLANNED):
        raise InvalidParams("该批次已开始导入，不能再修改列对应关系")
    headers = services.table_of(batch).headers
    if problems := check_mapping(mapping, headers):
        raise InvalidParams("列对应关系有误：" + "；".join(problems), errors={"mapping": problems})
    batch.mapping = mapping.as_dict()
    batch.save(update_fields=["mapping"])
    if keep:
        services.source_save(name=batch.source.name, mapping=mapping, actor=actor,
                             kind=batch.source.kind)
    report_delete(batch)
    return batch


def _report_name(batch: ImportBatch) -> str:
    return f"imports/plans/batch-{batch.pk}.json"


def report_make(batch: ImportBatch) -> dict[str, Any]:
    """Run the dry run (writes nothing to cases) and keep its report for the page."""
    result = services.plan(batch, limit=REPORT_ROWS)
    report = {
        "mapping": batch.mapping, "sheet": result.sheet, "other_sheets": result.other_sheets,
        "total": result.total, "new": result.new, "skipped": result.skipped,
        "errors": result.errors, "with_warnings": result.with_warnings,
        "listed": min(result.total, REPORT_ROWS), "mapping_problems": result.mapping_problems,
        "rows": [asdict(r) for r in result.rows if r.problems or r.action != "new"],
    }
    report_delete(batch)
    default_storage.save(_report_name(batch),
                         ContentFile(json.dumps(report, ensure_ascii=False).encode()))
    return report


def report_load(batch: ImportBatch) -> dict[str, Any] | None:
    """The kept dry-run report, if it was made with the batch's present mapping."""
    name = _report_name(batch)
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as fh:
        report = json.loads(fh.read().decode())
    return report if report.get("mapping") == batch.mapping else None


def report_delete(batch: ImportBatch) -> None:
    if default_storage.exists(name := _report_name(batch)):
        default_storage.delete(name)


def run_start(*, batch: ImportBatch, actor: Any) -> None:
    """Start the import as a background job (imports.tasks); the page follows its progress."""
    require_importer(actor)
    if batch.state == ImportBatch.State.DONE:
        raise InvalidParams("该批次已导入完成")
    if batch.state == ImportBatch.State.RUNNING:  # its job is queued or running (a lost one is re-sent)
        raise InvalidParams("该批次正在导入，请等待完成")
    if problems := services.mapping_problems(batch, services.table_of(batch).headers):
        raise InvalidParams("列对应关系有误：" + "；".join(problems), errors={"mapping": problems})
    if batch.state == ImportBatch.State.UPLOADED:
        raise InvalidParams("请先预检（试运行），确认结果后再导入")
    with transaction.atomic():
        job_enqueue(name="imports.run", batch_id=batch.pk)


def progress(batch: ImportBatch) -> dict[str, Any]:
    """How far the batch's import went: rows done (imported, skipped or on the error sheet) of all."""
    done = batch.created_count + batch.skipped_count + batch.error_count
    total = max(batch.total_rows, done)
    return {"done": done, "total": total, "running": batch.state == ImportBatch.State.RUNNING,
            "state": batch.state, "percent": round(100 * done / total) if total else 0}
