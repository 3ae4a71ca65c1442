"""Drop the three pg_trgm GIN indexes of migration 0017 (`case_title_trgm`, `case_request_trgm`,
`case_facts_trgm`); keep the `pg_trgm` extension and the bigram `tsvector` index.

Why (measured, docs/scaling.md "Search" and docs/benchmarks.md "Importing history"): the default
search method (`XINFANG_SEARCH_TEXT=bigram`) never reads them, yet every written case paid for
them. The 1,000,000-row import became bound by PostgreSQL maintaining them row by row during its
COPY (the backend at ~90 % of a core, ~470 rows/s against 1,637 before they existed); they are the
largest indexes (736 MiB at 395,000 cases), and the province generator's index build spends most of
its time on them (the facts index alone ~1.4 h of one core at 10,000,000 cases). A deployment that
chooses `trigram` creates them (the statements are in docs/scaling.md, `CONCURRENTLY`).
"""

from django.db import migrations

NAMES = ("case_title_trgm", "case_request_trgm", "case_facts_trgm")
CREATE = {
    "case_title_trgm": "CREATE INDEX IF NOT EXISTS case_title_trgm ON cases_case USING gin (title gin_trgm_ops)",
    "case_request_trgm": "CREATE INDEX IF NOT EXISTS case_request_trgm ON cases_case USING gin (request gin_trgm_ops)",
    "case_facts_trgm": ("CREATE INDEX IF NOT EXISTS case_facts_trgm ON cases_case "
                        "USING gin (facts_reasons gin_trgm_ops)"),
}


def forwards(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in NAMES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


def backwards(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name in NAMES:
            cursor.execute(CREATE[name])


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0018_petitioner_notice_language"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
