"""文号 serials come from core.Serial (core/numbering.py); the counters were copied by core 0003."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0007_encrypt_addressee_context_text_receipt"),
        ("core", "0003_seed_serials"),
    ]

    operations = [
        migrations.DeleteModel(name="DocumentNumberSequence"),
    ]
