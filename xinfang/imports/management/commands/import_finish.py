"""manage.py import_finish BATCH: the batch step after an import run with --defer (issue 16)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xinfang.imports.models import ImportBatch

from .import_cases import finish_report


class Command(BaseCommand):
    help = "导入后批量处理：推定未注明的问题属地（附依据），并把该批次的信访件加入查重索引、建立全文检索（可重复执行）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("batch", type=int, help="导入批次编号")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            batch = ImportBatch.objects.select_related("source", "unit", "created_by").get(
                pk=opts["batch"])
        except ImportBatch.DoesNotExist as exc:
            raise CommandError(f"没有编号为{opts['batch']}的导入批次") from exc
        if batch.state != ImportBatch.State.DONE:
            raise CommandError(f"批次{batch.pk}尚未导入完成：请先用 import_cases --resume {batch.pk} 续传")
        finish_report(self.stdout, batch)
