"""Art. 46: the names of a mediation's parties are encrypted at rest. Reversible (decrypts again)."""

from django.db import migrations

import xinfang.core.crypto
from xinfang.core.migration_ops import encrypt_columns


class Migration(migrations.Migration):

    dependencies = [
        ("resolution", "0002_resolutionevent_type"),
    ]

    operations = [
        migrations.AlterField(
            model_name="mediation",
            name="parties",
            field=xinfang.core.crypto.EncryptedTextField(help_text="每行一名当事人", verbose_name="当事人"),
        ),
        encrypt_columns("resolution_mediation", ["parties"]),
    ]
