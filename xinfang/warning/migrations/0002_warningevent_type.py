"""The event vocabulary (issue 14): a warning event's type code (`warning.<kind>`)."""

from django.db import migrations, models
from django.db.models import F, Value
from django.db.models.functions import Concat


def type_existing_events(apps, schema_editor):
    WarningEvent = apps.get_model("warning", "WarningEvent")
    WarningEvent.objects.using(schema_editor.connection.alias).update(
        type=Concat(Value("warning."), F("kind"), output_field=models.CharField()))


class Migration(migrations.Migration):

    dependencies = [
        ("warning", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="warningevent",
            name="type",
            field=models.CharField(blank=True, max_length=40, verbose_name="事件类型"),
        ),
        migrations.RunPython(type_existing_events, migrations.RunPython.noop, elidable=False),
    ]
