"""The database cache table: rate limits and failure counters shared by all worker processes."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):  # noqa: ANN001, ARG001
    # Only creates tables for database caches in settings.CACHES (none with Redis); idempotent.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0002_submission_key_id"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True),
    ]
