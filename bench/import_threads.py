"""The CPU of a pipelined import by thread: reading and converting (`imports-convert`) and writing.

Imports FILE once more under a new source name into a database that holds the bench's units and
its importer (`axf_import`, as bench/import_cases.py leaves it), with the pipeline on and the
districts deferred, and prints each thread's own CPU (`time.thread_time()`) and the wall time:

    DATABASE_URL=postgres://root@127.0.0.1:5432/xf_importbench XINFANG_MODE=demo \\
        .venv/bin/python bench/import_threads.py /tmp/ib200k/hotline_12345.xlsx 12345 threads12345
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["XINFANG_IMPORT_PIPELINE"] = "1"
os.environ.setdefault("XINFANG_IMPORT_MAX_BYTES", str(2 * 1024 ** 3))


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from xinfang.imports import services
    from xinfang.imports.mapping import preset_mapping

    path, preset, name = sys.argv[1:4]
    user = get_user_model().objects.get(username="axf_import")
    source = services.source_save(name=name, mapping=preset_mapping(preset), actor=user)
    batch = services.batch_create(source=source, upload=path, actor=user)
    reader: dict[str, float] = {}
    produce = services._Ahead._produce

    def timed(self: services._Ahead) -> None:
        produce(self)
        reader["cpu"] = time.thread_time()

    services._Ahead._produce = timed
    wall, cpu = time.perf_counter(), time.thread_time()
    batch = services.run(batch, defer=True)
    print({"rows": batch.total_rows, "created": batch.created_count,
           "wall": round(time.perf_counter() - wall, 1),
           "reading_thread_cpu": round(reader["cpu"], 1),
           "writing_thread_cpu": round(time.thread_time() - cpu, 1),
           "load": round(os.getloadavg()[0], 1)})


if __name__ == "__main__":
    main()
