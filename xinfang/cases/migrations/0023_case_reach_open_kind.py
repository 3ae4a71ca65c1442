"""A jurisdiction's open cases by category and channel (cases/reach.py, issue 17): the queue's count
of a category (with its subtree) and a channel reads the matching index entries only. The province's
count read all of its open entries: 788,573 at 3,000,000 cases, a parallel scan of the 13.9 million
rows, 378 ms (docs/benchmarks.md "3,000,000 cases").

Built in one statement, which blocks writes to the jurisdiction rows while it runs. On a large live
database build it first without blocking (docs/scaling.md "Upgrading a large database"):
``CREATE INDEX CONCURRENTLY IF NOT EXISTS case_reach_open_kind ON cases_casereach (unit_id,
category_id, channel) WHERE open``; this migration then finds it and builds nothing (PostgreSQL)."""

from django.db import migrations, models

INDEX = models.Index(condition=models.Q(('open', True)), fields=['unit', 'category', 'channel'],
                     name='case_reach_open_kind')


def build(apps, schema_editor) -> None:  # noqa: ANN001
    """The index, unless it was built beforehand (PostgreSQL: IF NOT EXISTS)."""
    model = apps.get_model("cases", "CaseReach")
    if schema_editor.connection.vendor == "postgresql":
        sql = str(INDEX.create_sql(model, schema_editor))
        schema_editor.execute(sql.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
    else:
        schema_editor.add_index(model, INDEX)


def drop(apps, schema_editor) -> None:  # noqa: ANN001
    schema_editor.remove_index(apps.get_model("cases", "CaseReach"), INDEX)


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0022_planner_statistics'),
        ('orgs', '0002_roles'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name='casereach', index=INDEX)],
            database_operations=[migrations.RunPython(build, drop)],
        ),
    ]
