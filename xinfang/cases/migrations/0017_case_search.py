"""Search at province scale (issue 17): the jieba words of each case (`search_tokens`) and, on
PostgreSQL, the indexes every kind of query uses (xinfang/cases/search.py):

- `case_search_tokens`: GIN on the tsvector of jieba words;
- `case_title_trgm`, `case_request_trgm`, `case_facts_trgm`: pg_trgm GIN on the three texts
  (`CREATE EXTENSION IF NOT EXISTS pg_trgm`: a trusted extension, which the database owner may
  create; Debian's postgresql package ships it);
- (a number's prefix, `LIKE 'GA-2026-%'`, is served by the `varchar_pattern_ops` index Django
  already creates for the unique number: `cases_case_number_…_like`).

Other databases: the column only (their search matches with LIKE). On a large table create the
indexes first with `CREATE INDEX CONCURRENTLY IF NOT EXISTS` (the statements below, docs/scaling.md
"Search"): this migration then skips them. Existing rows get their words from
`manage.py backfill_search_tokens` (a table of a few thousand cases is filled here).
"""

from django.db import migrations

import xinfang.cases.search

INDEXES = [
    "CREATE INDEX IF NOT EXISTS case_search_tokens ON cases_case USING gin (search_tokens)",
    "CREATE INDEX IF NOT EXISTS case_title_trgm ON cases_case USING gin (title gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS case_request_trgm ON cases_case USING gin (request gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS case_facts_trgm ON cases_case USING gin (facts_reasons gin_trgm_ops)",
]
#: at most this many existing cases get their words in the migration (more: the command)
FILL_HERE = 20000


def forwards(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for sql in INDEXES:
            cursor.execute(sql)
        cursor.execute("SELECT count(*) FROM (SELECT 1 FROM cases_case LIMIT %s) t", [FILL_HERE + 1])
        if cursor.fetchone()[0] <= FILL_HERE:
            from xinfang.cases.search import backfill

            backfill(schema_editor.connection)


def backwards(apps, schema_editor):  # noqa: ANN001, ANN201
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in ("case_search_tokens", "case_title_trgm", "case_request_trgm", "case_facts_trgm"):
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0016_facts_reasons_may_be_empty"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="search_tokens",
            field=xinfang.cases.search.SearchTokensField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
