"""The import as a background job (the staff page starts it; in-process in the embedded default,
a Huey consumer in production). Idempotent and resumable: `services.run` skips what is committed."""

from __future__ import annotations

from xinfang.core.jobs import job_handler

from . import services
from .models import ImportBatch


@job_handler("imports.run")
def import_run(batch_id: int) -> None:
    """Import the batch (a re-delivered job resumes after the last committed chunk)."""
    services.run(ImportBatch.objects.select_related("source", "unit", "created_by").get(pk=batch_id))
