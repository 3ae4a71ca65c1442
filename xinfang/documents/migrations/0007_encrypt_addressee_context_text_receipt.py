"""Art. 46: an issued notice's addressee (the petitioner's name), its filled values (name, address)
and text, and who signed the receipt are encrypted at rest. Reversible (decrypts again)."""

from django.db import migrations

import xinfang.core.crypto
from xinfang.core.migration_ops import encrypt_columns


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0006_kinds_after_merge"),
    ]

    operations = [
        migrations.AlterField(
            model_name="delivery",
            name="receipt",
            field=xinfang.core.crypto.EncryptedTextField(
                blank=True, help_text="签收人、邮件单号或短信回执编号", max_length=200, verbose_name="回执"),
        ),
        migrations.AlterField(
            model_name="document",
            name="addressee",
            field=xinfang.core.crypto.EncryptedTextField(max_length=200, verbose_name="主送"),
        ),
        migrations.AlterField(
            model_name="document",
            name="context",
            field=xinfang.core.crypto.EncryptedJSONField(default=dict, verbose_name="填写内容"),
        ),
        migrations.AlterField(
            model_name="document",
            name="text",
            field=xinfang.core.crypto.EncryptedTextField(blank=True, verbose_name="正文文本"),
        ),
        encrypt_columns("documents_document", ["addressee", "context", "text"]),
        encrypt_columns("documents_delivery", ["receipt"]),
    ]
