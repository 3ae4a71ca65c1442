"""The event vocabulary (issue 14): a resolution event's type code (`<flow>.step`)."""

from django.db import migrations, models
from django.db.models import F, Value
from django.db.models.functions import Concat


def type_existing_events(apps, schema_editor):
    ResolutionEvent = apps.get_model("resolution", "ResolutionEvent")
    ResolutionEvent.objects.using(schema_editor.connection.alias).update(
        type=Concat(F("flow"), Value(".step"), output_field=models.CharField()))


class Migration(migrations.Migration):

    dependencies = [
        ("resolution", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="resolutionevent",
            name="type",
            field=models.CharField(blank=True, max_length=40, verbose_name="事件类型"),
        ),
        migrations.RunPython(type_existing_events, migrations.RunPython.noop, elidable=False),
    ]
