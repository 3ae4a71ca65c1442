"""Move attachments stored under the old, guessable names (…/<case number>/<original name>) to random
names. Idempotent: files already under a random name are left alone. Safe to interrupt: the new copy
is written and the record updated before the old file is removed (at worst an old copy stays)."""

import re

from django.core.management.base import BaseCommand
from django.db import transaction

from xinfang.cases.models import Attachment, attachment_path

RANDOM_NAME = re.compile(r"^attachments/\d{4}/\d{2}/[0-9a-f]{32}(\.[a-z0-9]+)?$")


class Command(BaseCommand):
    help = "把旧版按信访件编号和原文件名存放的附件改为随机文件名（原文件名仍保存在记录中）"

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003, ARG002
        moved = missing = 0
        for attachment in Attachment.objects.select_related("case").order_by("pk").iterator():
            old = attachment.file.name
            if not old or RANDOM_NAME.match(old):
                continue
            storage = attachment.file.storage
            if not storage.exists(old):
                missing += 1
                self.stdout.write(self.style.WARNING(f"附件 #{attachment.pk} 的文件不存在：{old}"))
                continue
            with storage.open(old, "rb") as content:
                new = storage.save(attachment_path(attachment, attachment.name), content)
            with transaction.atomic():
                Attachment.objects.filter(pk=attachment.pk).update(file=new)
            storage.delete(old)
            moved += 1
        self.stdout.write(self.style.SUCCESS(f"已改名 {moved} 个附件，缺失文件 {missing} 个"))
