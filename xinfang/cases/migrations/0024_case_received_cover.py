"""The cases by date received, covering (issue 17): the index on `received_on` carries the columns the
queue's date-range pages read, so that a province's "received 90-30 days ago, sorted by status" is an
index-only scan instead of a visit of each case of the two months (3,000,000 cases: 100,209 cases of
two months on ~46,000 table pages, SQL p50 336 ms, the page's p95 570 ms → SQL 46-49 ms, p95 122-129 ms;
docs/benchmarks.md "3,000,000 cases again"). The index: 181 MB at 3,000,000 cases, built in 6.2 s.

Built before the index it replaces is dropped, so that the dates are never without an index. On a large
live database build it first without blocking writes (docs/scaling.md "Upgrading a large database"):
``CREATE INDEX CONCURRENTLY IF NOT EXISTS case_received_cover ON cases_case (received_on) INCLUDE (id,
status, next_due, purpose, accused_unit_id)``; this migration then finds it, and drops the old one
(PostgreSQL)."""

from django.db import migrations, models

OLD = models.Index(fields=["received_on"], name="case_received_on")
NEW = models.Index(fields=["received_on"], name="case_received_cover",
                   include=["id", "status", "next_due", "purpose", "accused_unit"])


def _if_not_exists(sql: str) -> str:
    return sql.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1)


def build(apps, schema_editor) -> None:  # noqa: ANN001
    """The covering index, unless it was built beforehand (PostgreSQL), then the old one dropped."""
    model = apps.get_model("cases", "Case")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_if_not_exists(str(NEW.create_sql(model, schema_editor))))
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(OLD.name)}")
    else:
        schema_editor.add_index(model, NEW)
        schema_editor.remove_index(model, OLD)


def unbuild(apps, schema_editor) -> None:  # noqa: ANN001
    model = apps.get_model("cases", "Case")
    schema_editor.add_index(model, OLD)
    schema_editor.remove_index(model, NEW)


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0023_case_reach_open_kind"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="case", name="case_received_on"),
                migrations.AddIndex(model_name="case", index=NEW),
            ],
            database_operations=[migrations.RunPython(build, unbuild)],
        ),
    ]
