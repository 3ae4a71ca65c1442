"""The shared duplicate index's postings in the order (key, received_on, scope, case): a check reads
the newest postings of each key (issue 17). The table is made again, empty, and the index's record
and state are emptied with it: `manage.py build_dup_index --rebuild` (or the incremental command,
which then walks every case) fills it again."""

import django.db.models.deletion
from django.db import migrations, models


def forget(apps, schema_editor) -> None:  # noqa: ANN001
    apps.get_model("triage", "DupIndexed").objects.all().delete()
    apps.get_model("triage", "DupState").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0016_facts_reasons_may_be_empty'),
        ('triage', '0004_dup_index'),
    ]

    operations = [
        migrations.DeleteModel(name='DupPosting'),
        migrations.CreateModel(
            name='DupPosting',
            fields=[
                ('pk', models.CompositePrimaryKey('key', 'received_on', 'scope', 'case', blank=True, editable=False, primary_key=True, serialize=False)),
                ('key', models.BigIntegerField()),
                ('scope', models.IntegerField()),
                ('received_on', models.DateField()),
                ('case', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.case')),
            ],
            options={
                'verbose_name': '查重索引项',
                'verbose_name_plural': '查重索引项',
            },
        ),
        migrations.RunPython(forget, migrations.RunPython.noop),
    ]
