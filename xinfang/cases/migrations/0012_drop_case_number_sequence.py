"""Case numbers come from core.Serial (core/numbering.py); the counters were copied by core 0003."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0011_handling_steps"),
        ("core", "0003_seed_serials"),
    ]

    operations = [
        migrations.DeleteModel(name="CaseNumberSequence"),
    ]
