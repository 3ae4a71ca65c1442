"""PostgreSQL: a finer statistics target (1,000 instead of 100) on the three unit columns whose
row counts per unit the queue's plans rest on (`cases_case.holding_unit_id`, `sending_unit_id`,
`cases_casereach.unit_id`), then ANALYZE of those columns.

Why (measured, docs/benchmarks.md "3,000,000 cases"): a province has ~2,000 units; the default
target keeps the 100 most common values, so a county bureau beyond them was estimated at 672 held
cases (it held 8,515) and at 753 jurisdiction rows (8,334 at 1,000,000 cases). On those estimates
PostgreSQL walked the county's jurisdiction rows first (the bureau's own queue, "mine": 148 ms of
SQL at 1,000,000 cases), or joined the categories by a scan per case (68 ms at 3,000,000); with the
counts known it reads the holder's index and hashes the categories (43 ms).
"""

from django.db import migrations

COLUMNS = (("cases_case", "holding_unit_id"), ("cases_case", "sending_unit_id"),
           ("cases_casereach", "unit_id"))


def _target(schema_editor, value: int) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for table, column in COLUMNS:
            cursor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STATISTICS {value}")
        for table in dict.fromkeys(t for t, _ in COLUMNS):
            columns = ", ".join(c for t, c in COLUMNS if t == table)
            cursor.execute(f"ANALYZE {table} ({columns})")


def forwards(apps, schema_editor):  # noqa: ANN001, ANN201, ARG001
    _target(schema_editor, 1000)


def backwards(apps, schema_editor):  # noqa: ANN001, ANN201, ARG001
    _target(schema_editor, -1)  # -1: back to default_statistics_target


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0021_case_reach_category_channel"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
