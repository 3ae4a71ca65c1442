"""The import as a background job (the staff page starts it; in-process in the embedded default,
a Huey consumer in production). Idempotent and resumable: `services.run` skips what is committed."""

from __future__ import annotations

from xinfang.core.conf import get
from xinfang.core.jobs import job_handler

from . import services
from .models import ImportBatch


@job_handler("imports.run")
def import_run(batch_id: int) -> None:
    """Import the batch (a re-delivered job resumes after the last committed chunk); a file over
    XINFANG_IMPORT_DEFER_BYTES gets its districts derived and its duplicate index written by the
    batch step right after the import (same result; `finish` places nothing twice)."""
    batch = ImportBatch.objects.select_related("source", "unit", "created_by").get(pk=batch_id)
    large = batch.file.size > int(get("XINFANG_IMPORT_DEFER_BYTES"))
    batch = services.run(batch, defer=large)
    if large:
        services.finish(batch)
