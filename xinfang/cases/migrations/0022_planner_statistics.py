"""PostgreSQL: what the planner must know of the rows per unit and per case, then ANALYZE of those
columns.

- A finer statistics target (1,000 instead of 100) on the three unit columns whose row counts per
  unit the queue's plans rest on (`cases_case.holding_unit_id`, `sending_unit_id`,
  `cases_casereach.unit_id`).
- The number of events per case, declared (`n_distinct = -0.05`: one case for every 20 events):
  sampled, it is underestimated on a large table whose events lie together by case (at 3,000,000
  cases and 41,000,000 events PostgreSQL took a case for 612 events, even with the target at 1,000
  for 65), and on that estimate the timeline (the case page, the API's answer to a registration)
  hashed every user and unit of the province to join a case's few events: 4.5 → 0.5 ms.

Why (measured, docs/benchmarks.md "3,000,000 cases"): a province has ~3,500 units (3,546 in the bench's); the default
target keeps the 100 most common values, so a county bureau beyond them was estimated at 672 held
cases (it held 8,515) and at 753 jurisdiction rows (8,334 at 1,000,000 cases). On those estimates
PostgreSQL walked the county's jurisdiction rows first (the bureau's own queue, "mine": 148 ms of
SQL at 1,000,000 cases), or joined the categories by a scan per case (68 ms at 3,000,000); with the
counts known it reads the holder's index and hashes the categories (43 ms).
"""

from django.db import migrations

COLUMNS = (("cases_case", "holding_unit_id"), ("cases_case", "sending_unit_id"),
           ("cases_casereach", "unit_id"))
#: (table, column, n_distinct): a negative n_distinct is a fraction of the rows (PostgreSQL's ALTER TABLE)
PER_CASE = (("cases_caseevent", "case_id", -0.05),)


def forwards(apps, schema_editor):  # noqa: ANN001, ANN201, ARG001
    from xinfang.core.pgstats import declare_statistics

    declare_statistics(schema_editor, COLUMNS, PER_CASE)


def backwards(apps, schema_editor):  # noqa: ANN001, ANN201, ARG001
    from xinfang.core.pgstats import declare_statistics

    declare_statistics(schema_editor, COLUMNS, PER_CASE, undo=True)


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0021_case_reach_category_channel"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
