"""The jurisdiction index carries the case's category and channel (cases/reach.py, issue 17): the
queue's two common filters, held in the index entries, so that a city's filtered count reads no
table row. The two indexes are made again with the columns included, after the fill."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor) -> None:  # noqa: ANN001
    """Each row takes its case's category and channel (one statement)."""
    CaseReach = apps.get_model("cases", "CaseReach")
    Case = apps.get_model("cases", "Case")
    qn = schema_editor.quote_name
    reach_t, case_t = qn(CaseReach._meta.db_table), qn(Case._meta.db_table)
    if schema_editor.connection.vendor == "postgresql":
        sql = (f"UPDATE {reach_t} r SET category_id = c.category_id, channel = c.channel "  # noqa: S608
               f"FROM {case_t} c WHERE c.id = r.case_id")
    else:
        sql = (f"UPDATE {reach_t} SET category_id = (SELECT c.category_id FROM {case_t} c "  # noqa: S608
               f"WHERE c.id = {reach_t}.case_id), channel = (SELECT c.channel FROM {case_t} c "
               f"WHERE c.id = {reach_t}.case_id)")
    schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0020_case_reach'),
    ]

    operations = [
        migrations.RemoveIndex(model_name='casereach', name='case_reach_open_due'),
        migrations.RemoveIndex(model_name='casereach', name='case_reach_received'),
        migrations.AddField(
            model_name='casereach',
            name='category',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='cases.category'),
        ),
        migrations.AddField(
            model_name='casereach',
            name='channel',
            field=models.CharField(choices=[('letter', '来信'), ('visit', '来访'), ('online', '网上信访'), ('phone', '电话信访'), ('platform', '12345及其他平台'), ('leader_mailbox', '领导信箱')], default='', max_length=20),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name='casereach',
            index=models.Index(condition=models.Q(('open', True)), fields=['unit', 'next_due', 'registered_at', 'case'], include=('category', 'channel'), name='case_reach_open_due'),
        ),
        migrations.AddIndex(
            model_name='casereach',
            index=models.Index(fields=['unit', 'received_on', 'registered_at', 'case'], include=('category', 'channel'), name='case_reach_received'),
        ),
    ]
