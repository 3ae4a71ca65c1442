"""文号 serials come from core.Serial (core/numbering.py); the counters were copied by core 0003."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0009_opinion_wording_from_the_record"),
        ("core", "0003_seed_serials"),
    ]

    operations = [
        migrations.DeleteModel(name="DocumentNumberSequence"),
    ]
