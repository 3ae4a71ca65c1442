"""The event vocabulary (issue 14): every case event gets a registered type code.

Rows already on record keep every hashed field and their hash as they are (chain version 1); their
type is derived from those fields by `chain.legacy_type` and lies outside their hash, which
`verify_timeline` checks by deriving it again. Rows written from now on hash their type too
(version 2, the field's default).
"""

from django.db import migrations, models

from xinfang.cases.chain import legacy_type


def type_existing_events(apps, schema_editor):
    CaseEvent = apps.get_model("cases", "CaseEvent")
    db = schema_editor.connection.alias
    batch = []
    for event in CaseEvent.objects.using(db).only("pk", "kind", "action", "new_value", "data").iterator(
            chunk_size=2000):
        event.type = legacy_type(event)
        batch.append(event)
        if len(batch) >= 2000:
            CaseEvent.objects.using(db).bulk_update(batch, ["type"])
            batch = []
    if batch:
        CaseEvent.objects.using(db).bulk_update(batch, ["type"])


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0008_default_taxonomy"),
    ]

    operations = [
        migrations.AddField(
            model_name="caseevent",
            name="chain_version",
            field=models.PositiveSmallIntegerField(default=1, editable=False, verbose_name="哈希版本"),
        ),
        migrations.AddField(
            model_name="caseevent",
            name="type",
            field=models.CharField(db_index=True, default="", max_length=40, verbose_name="事件类型"),
            preserve_default=False,
        ),
        migrations.RunPython(type_existing_events, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="caseevent",
            name="chain_version",
            field=models.PositiveSmallIntegerField(default=2, editable=False, verbose_name="哈希版本"),
        ),
    ]
