"""Make proposals for registered cases that have none yet (e.g. nightly, or after an import).

    manage.py triage_pending [--limit 1000]
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from tqdm import tqdm

from xinfang.cases.models import Case
from xinfang.cases.states import Status
from xinfang.triage.services import triage_propose


class Command(BaseCommand):
    help = "为尚无研判建议的已登记信访件生成分类研判建议"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--limit", type=int, default=1000)

    def handle(self, *args, **opts) -> None:  # noqa: ANN002, ANN003
        cases = (Case.objects.filter(status=Status.REGISTERED, triage__isnull=True)
                 .order_by("registered_at")[: opts["limit"]])
        n = asks = 0
        for case in tqdm(list(cases), desc="triage", unit="case"):
            asks += triage_propose(case=case).ask_human
            n += 1
        self.stdout.write(self.style.SUCCESS(f"生成研判建议 {n} 条，其中需人工研判 {asks} 条"))
