"""Art. 46: the idempotency copy of a response (a whole case with its petitioners) is encrypted at
rest for the days it is kept. Reversible (decrypts again)."""

from django.db import migrations

import xinfang.core.crypto
from xinfang.core.migration_ops import encrypt_columns


class Migration(migrations.Migration):

    dependencies = [
        ("api", "0002_idempotency_expiry"),
    ]

    operations = [
        migrations.AlterField(
            model_name="idempotencyrecord",
            name="response",
            field=xinfang.core.crypto.EncryptedJSONField(),
        ),
        encrypt_columns("api_idempotencyrecord", ["response"]),
    ]
