"""Art. 46: petitioners' names and addresses and the accused person's name are encrypted at rest; a
blind index of the normalised name keeps exact search by name (docs/security.md).

Reversible: going back decrypts the values into clear text again (with the same field keys)."""

from django.db import migrations, models

import xinfang.core.crypto
from xinfang.core import crypto
from xinfang.core.migration_ops import encrypt_columns


def _name_index(clear: dict[str, str]) -> dict[str, str]:
    return {"name_index": crypto.name_index(clear["name"]) if clear["name"] else ""}


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0009_caseevent_type_vocabulary"),
    ]

    operations = [
        migrations.AddField(
            model_name="petitioner",
            name="name_index",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="case",
            name="accused_person",
            field=xinfang.core.crypto.EncryptedTextField(blank=True, max_length=100, verbose_name="被反映人"),
        ),
        migrations.AlterField(
            model_name="petitioner",
            name="address",
            field=xinfang.core.crypto.EncryptedTextField(blank=True, max_length=200, verbose_name="住址"),
        ),
        migrations.AlterField(
            model_name="petitioner",
            name="name",
            field=xinfang.core.crypto.EncryptedTextField(max_length=100, verbose_name="姓名（名称）"),
        ),
        encrypt_columns("cases_petitioner", ["name", "address"], also=_name_index),
        encrypt_columns("cases_case", ["accused_person"]),
    ]
