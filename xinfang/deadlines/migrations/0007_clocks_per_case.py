"""PostgreSQL: the number of clocks per case, declared (`n_distinct = -0.2`: one case for every five
clocks; sampled, 490,168 cases were estimated for 12,268,812 clocks at 3,000,000 cases, i.e. 25 a
case for the 4 there are), then ANALYZE of the column. See cases 0022 for the events."""

from django.db import migrations

PER_CASE = (("deadlines_deadline", "case_id", -0.2),)


def forwards(apps, schema_editor):  # noqa: ANN001, ANN201, ARG001
    from xinfang.core.pgstats import declare_statistics

    declare_statistics(schema_editor, (), PER_CASE)


def backwards(apps, schema_editor):  # noqa: ANN001, ANN201, ARG001
    from xinfang.core.pgstats import declare_statistics

    declare_statistics(schema_editor, (), PER_CASE, undo=True)


class Migration(migrations.Migration):

    dependencies = [
        ("deadlines", "0006_deadline_deadline_case_state"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
