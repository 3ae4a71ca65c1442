"""The importer's settings, declared once (xinfang/core/conf.py): chunk size, file size, text limit."""

from __future__ import annotations

from xinfang.core.conf import Group, Setting

MIB = 1024 * 1024

IMPORTS = Group("imports", "Imports: bringing a city's history in (issue 16)", (
    Setting("XINFANG_IMPORT_CHUNK_ROWS", int, 2000, min=1, max=100_000,
            doc="Practice: rows written per transaction by an import; a killed import resumes after "
                "the last committed chunk.",
            more="Larger chunks are faster on PostgreSQL and lose more work when interrupted."),
    Setting("XINFANG_IMPORT_MAX_BYTES", int, 512 * MIB, min=1, shown="512 MiB",
            doc="Largest export file (.xlsx or .csv) accepted for import (bytes)."),
    Setting("XINFANG_IMPORT_TEXT_MAX", int, 10_000, min=200,
            doc="Longest 诉求 / 事实和理由 / reply text kept from an imported row (characters); "
                "a longer one is cut, and the row's problems and its timeline say so (original "
                "length)."),
    Setting("XINFANG_IMPORT_DERIVE_PLACE", bool, True, shown="on",
            doc="Art. 22 (属地管理): a row without a known district gets one derived from its text or "
                "handling unit (triage/places.py), with the evidence on its record; off: the "
                "importing unit's own area.",
            more="Costs CPU per row once a file has rows without a district (rows that name theirs "
                 "teach it the estates and roads that lie there)."),
    Setting("XINFANG_IMPORT_DEFER_BYTES", int, 16 * MIB, min=0, shown="16 MiB",
            doc="Practice: `import_cases` on a file larger than this defers the district derivation, "
                "the duplicate index and the search tokens to a batch step after the import "
                "(`import_finish`, run by the command right after; same result); 0: always.",
            more="Deriving a district costs about 4 ms a row (word segmentation) against about "
                 "0.5 ms for the rest of a row's import; `--defer` defers on any file and leaves "
                 "the batch step to `manage.py import_finish BATCH`."),
    Setting("XINFANG_IMPORT_PIPELINE", bool, True, shown="on",
            doc="Practice: an import reads and converts the next chunk of rows in a thread while the "
                "database writes the current one (the same chunks, transactions and result); off: "
                "one after the other.",
            more="The reading thread touches no database, so it works on SQLite too; the gain is on "
                 "PostgreSQL, whose server process writes while the importer converts."),
))
